import { describe, expect, it } from 'vitest';
import { generateMap } from './generate';
import { outlineOf, outliner, outlineRows, type OutlineNode } from './outline';
import { mapOf } from './test-helpers';

const show = (nodes: OutlineNode[], depth = 0): string[] =>
	nodes.flatMap((n) => [
		`${'  '.repeat(depth)}${n.relation ?? 'root'} ${n.claim.id}${n.repeated ? ' (again)' : ''}`,
		...show(n.children, depth + 1)
	]);

describe('outline', () => {
	it('R19: every claim appears, reasons before objections, undercuts after their reason, repeats marked, cycles kept', () => {
		const map = mapOf(
			[
				'q:question',
				't:thesis',
				'a:claim',
				'b:claim',
				'e:evidence',
				'u:claim',
				'x:claim',
				'y:claim',
				'loose:claim'
			],
			[
				'ans:t>answers>q',
				'r1:b>attacks>t',
				'r2:a>supports>t',
				'r3:e>supports>a',
				'r4:e>supports>b',
				'r5:u>undercuts>r2',
				'c1:x>supports>y',
				'c2:y>attacks>x'
			]
		);
		expect(show(outlineOf(map))).toEqual([
			'root q',
			'  answers t',
			'    supports a',
			'      supports e',
			'    undercuts u',
			'    attacks b',
			'      supports e (again)',
			'root loose',
			'root x',
			'  attacks y',
			'    supports x (again)'
		]);
	});

	it('R19: outliner() answers the same tree as outlineOf, keeping the rows a keystroke did not change', () => {
		const outline = outliner();
		const map = generateMap(300, 7);
		const first = outline(map);
		const i = map.claims.findIndex((c) => c.id === 'c40');
		const typed = { ...map, claims: map.claims.with(i, { ...map.claims[i]!, text: 'Typed anew' }) };
		const second = outline(typed);
		expect(second).toEqual(outlineOf(typed));
		const changed = (a: OutlineNode[], b: OutlineNode[]): number =>
			a.reduce((n, node, k) => n + (node === b[k] ? 0 : 1 + changed(node.children, b[k]!.children)), 0);
		// The typed row and its ancestors only: far fewer than the 300 rows.
		expect(changed(first, second)).toBeGreaterThan(0);
		expect(changed(first, second)).toBeLessThan(20);
		// A new relation changes the structure: built afresh, still equal to outlineOf.
		const linked = { ...typed, relations: typed.relations.filter((r) => r.from !== 'c40') };
		expect(outline(linked)).toEqual(outlineOf(linked));
	});

	it('R19, R24: the rows in reading order with level, place among siblings and parent; none under a collapsed claim', () => {
		const map = mapOf(
			['q:question', 't:thesis', 'a:claim', 'b:claim', 'e:evidence'],
			['ans:t>answers>q', 'r1:b>attacks>t', 'r2:a>supports>t', 'r3:e>supports>a', 'r4:e>supports>b']
		);
		const rows = outlineRows(outlineOf(map), new Set());
		const shown = rows.map((r) => [r.key, r.level, `${r.posinset}/${r.setsize}`, r.parent]);
		expect(shown).toEqual([
			['q', 1, '1/1', undefined],
			['t', 2, '1/1', 0],
			['a', 3, '1/2', 1],
			['e', 4, '1/1', 2],
			['b', 3, '2/2', 1],
			['b>e#0', 4, '1/1', 4]
		]);
		expect(outlineRows(outlineOf(map), new Set(['a'])).map((r) => r.key)).toEqual([
			'q',
			't',
			'a',
			'b',
			'b>e#0'
		]);
		const big = outlineRows(outlineOf(generateMap(2000, 3)), new Set());
		expect(new Set(big.map((r) => r.key)).size).toBe(big.length);
	});
});

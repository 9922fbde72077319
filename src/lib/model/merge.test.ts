import { describe, expect, it } from 'vitest';
import { planCommand } from './commands';
import { laidOut, mergeMaps } from './merge';
import { checkInvariants } from './normalize';
import { applyOps } from './ops';
import { seededRandom as seeded } from './random';
import { mapOf } from './test-helpers';

const current = () =>
	mapOf(
		['t:thesis:Tea is good', 'a:claim:It is warm', 'b:claim:It stains'],
		['r1:a>supports>t', 'r2:b>attacks>t']
	);

const imported = () =>
	mapOf(
		['t:thesis:Coffee is better', 'x:claim:It wakes you', 'a:evidence:A study'],
		['r1:x>supports>t', 'r9:a>supports>x', 'u:a>undercuts>r1']
	);

describe('mergeMaps', () => {
	it('R92: keeps the current map and adds the import with fresh ids where they collide', () => {
		const before = laidOut(current());
		const merged = mergeMaps(before, imported(), seeded(1));
		if (!merged.ok) throw merged.error;
		const { map, summary } = merged.value;
		expect(checkInvariants(map)).toEqual([]);
		expect(summary).toEqual({ claims: 3, relations: 3, renamed: 3 });
		expect(map.title).toBe(before.title);
		for (const c of before.claims) expect(map.claims).toContainEqual(c);
		for (const r of before.relations) expect(map.relations).toContainEqual(r);
		expect(map.claims).toHaveLength(6);
		expect(map.relations).toHaveLength(5);
		const coffee = map.claims.find((c) => c.text === 'Coffee is better')!;
		const wakes = map.claims.find((c) => c.text === 'It wakes you')!;
		const study = map.claims.find((c) => c.text === 'A study')!;
		expect(coffee.id).not.toBe('t');
		expect(wakes.id).toBe('x');
		expect(study.id).not.toBe('a');
		const support = map.relations.find((r) => r.from === 'x' && r.to === coffee.id)!;
		expect(support.id).not.toBe('r1');
		// The undercut follows its relation's new id.
		expect(map.relations).toContainEqual(
			expect.objectContaining({ kind: 'undercuts', from: study.id, to: support.id })
		);
	});

	it('R92: places the import beside the existing drawing, never on top of it', () => {
		const before = laidOut(current());
		const merged = mergeMaps(before, imported(), seeded(2));
		if (!merged.ok) throw merged.error;
		const rightmost = Math.max(...before.claims.map((c) => c.x! + 105));
		const added = merged.value.map.claims.filter((c) => !before.claims.includes(c));
		for (const c of added) expect(c.x! - 105).toBeGreaterThan(rightmost);
		expect(Math.min(...added.map((c) => c.y!))).toBe(Math.min(...before.claims.map((c) => c.y!)));
	});

	it('R92: merging into an empty map keeps the laid-out import, ids unchanged', () => {
		const empty = { title: 'Blank', claims: [], relations: [] };
		const merged = mergeMaps(empty, imported());
		if (!merged.ok) throw merged.error;
		expect(merged.value.summary.renamed).toBe(0);
		expect(merged.value.map.claims.every((c) => c.x !== undefined && c.y !== undefined)).toBe(true);
		expect(merged.value.map.title).toBe('Blank');
	});

	it('R92: the merge is one replaceMap command that only adds', () => {
		const before = laidOut(current());
		const merged = mergeMaps(before, imported(), seeded(3));
		if (!merged.ok) throw merged.error;
		const plan = planCommand(before, { type: 'replaceMap', map: merged.value.map });
		if (!plan.ok) throw plan.error;
		expect(plan.value.every((o) => o.op === 'putClaim' || o.op === 'putRelation')).toBe(true);
		expect(applyOps(before, plan.value)).toEqual(merged.value.map);
	});

	it('R91: a file with positions for every claim keeps them; otherwise all are laid out', () => {
		const withPositions = mapOf(['a:claim:A', 'b:claim:B'], ['r:a>supports>b']);
		const placed = laidOut(withPositions);
		expect(laidOut(placed)).toBe(placed);
		expect(placed.claims.every((c) => c.x !== undefined)).toBe(true);
	});
});

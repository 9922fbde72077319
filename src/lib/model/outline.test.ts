import { describe, expect, it } from 'vitest';
import { outlineOf, type OutlineNode } from './outline';
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
});

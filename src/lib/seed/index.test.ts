import { describe, expect, it } from 'vitest';
import { checkInvariants, outlineOf, type OutlineNode } from '../model';
import { claimBox } from '../model/metrics';
import { articleMap } from './index';

describe('the article map', () => {
	it('R32: passes the import validator and every invariant', () => {
		const map = articleMap();
		expect(map.claims.length).toBeGreaterThanOrEqual(35);
		expect(map.relations.length).toBeGreaterThanOrEqual(40);
		expect(checkInvariants(map)).toEqual([]);
		expect(map.source).toMatchObject({ author: 'Marcin Kaczmarski', doi: '10.3929/ethz-b-000476768' });
	});

	it('R9: is laid out top-down, each claim below the one it first bears on, no two boxes overlapping', () => {
		const map = articleMap();
		const below = (nodes: OutlineNode[]): void =>
			nodes.forEach((n) => {
				for (const child of n.children) {
					if (!child.repeated)
						expect(child.claim.y!, `${child.claim.id} below ${n.claim.id}`).toBeGreaterThan(n.claim.y!);
				}
				below(n.children);
			});
		below(outlineOf(map));
		const boxes = map.claims.map((c) => ({ c, ...claimBox(c) }));
		for (const [i, a] of boxes.entries()) {
			for (const b of boxes.slice(i + 1)) {
				const apart =
					Math.abs(a.c.x! - b.c.x!) >= (a.width + b.width) / 2 ||
					Math.abs(a.c.y! - b.c.y!) >= (a.height + b.height) / 2;
				expect(apart, `${a.c.id} overlaps ${b.c.id}`).toBe(true);
			}
		}
	});
});

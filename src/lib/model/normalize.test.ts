import { describe, expect, it } from 'vitest';
import type { Claim } from './claim';
import type { ClaimId, RelationId } from './ids';
import { checkInvariants, normalize } from './normalize';
import type { Relation } from './relation';

const c = (id: string, kind: Claim['kind'] = 'claim'): Claim => ({ id: id as ClaimId, kind, text: id });
const r = (id: string, from: string, kind: Relation['kind'], to: string): Relation => ({
	id: id as RelationId,
	kind,
	from: from as ClaimId,
	to: to as ClaimId
});

describe('normalize', () => {
	it('R7: dangling, self, duplicate and orphaned-undercut relations are dropped whatever the order', () => {
		const claims = [c('b'), c('a'), c('t', 'thesis'), c('q', 'question')];
		const relations = [
			r('r9', 'a', 'supports', 't'),
			r('r1', 'a', 'supports', 't'), // duplicate of r9: the smaller id wins
			r('r2', 'gone', 'attacks', 't'), // end deleted concurrently
			r('r3', 'b', 'attacks', 'b'), // self
			r('u1', 'b', 'undercuts', 'r2'), // its target is not shown
			r('u2', 'b', 'undercuts', 'r1'),
			r('x1', 'a', 'answers', 'q') // only a thesis answers
		];
		const one = normalize({ title: 't', claims, relations });
		const two = normalize({ title: 't', claims: [...claims].reverse(), relations: [...relations].reverse() });
		expect(one).toEqual(two);
		expect(one.relations.map((x) => x.id)).toEqual(['r1', 'u2']);
		expect(checkInvariants(one)).toEqual([]);
	});
});

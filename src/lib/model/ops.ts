import type { Claim, ClaimKind } from './claim';
import type { ClaimId, RelationId } from './ids';
import type { ArgMap } from './map';
import { normalize } from './normalize';
import type { Relation } from './relation';

/**
 * The primitive changes a command is planned into. The model plans, the sync layer carries them out on
 * the shared document in one transaction, and {@link applyOps} carries them out on a plain map (tests,
 * imports): both give the same map.
 */
export type Op =
	| { op: 'putClaim'; claim: Claim }
	| { op: 'setText'; id: ClaimId; text: string }
	| { op: 'setFields'; id: ClaimId; fields: ClaimFields }
	| { op: 'setPosition'; id: ClaimId; x: number; y: number }
	| { op: 'deleteClaim'; id: ClaimId }
	| { op: 'putRelation'; relation: Relation }
	| { op: 'deleteRelation'; id: RelationId }
	| { op: 'setTitle'; title: string };

/** Fields set on an existing claim; `null` removes an optional field. */
export interface ClaimFields {
	kind?: ClaimKind;
	quote?: string | null;
	section?: string | null;
}

function withFields(claim: Claim, fields: ClaimFields): Claim {
	const next: Record<string, unknown> = { ...claim };
	for (const [key, value] of Object.entries(fields)) {
		if (value === null) delete next[key];
		else if (value !== undefined) next[key] = value;
	}
	return next as unknown as Claim;
}

/** Applies ops to a map, returning the new normalized map. Ops on missing ids do nothing. */
export function applyOps(map: ArgMap, ops: readonly Op[]): ArgMap {
	const claims = new Map(map.claims.map((c) => [c.id as string, c]));
	const relations = new Map(map.relations.map((r) => [r.id as string, r]));
	let title = map.title;
	const update = (id: string, change: (c: Claim) => Claim) => {
		const claim = claims.get(id);
		if (claim) claims.set(id, change(claim));
	};
	for (const o of ops) {
		switch (o.op) {
			case 'putClaim':
				claims.set(o.claim.id, o.claim);
				break;
			case 'setText':
				update(o.id, (c) => ({ ...c, text: o.text }));
				break;
			case 'setFields':
				update(o.id, (c) => withFields(c, o.fields));
				break;
			case 'setPosition':
				update(o.id, (c) => ({ ...c, x: o.x, y: o.y }));
				break;
			case 'deleteClaim':
				claims.delete(o.id);
				break;
			case 'putRelation':
				relations.set(o.relation.id, o.relation);
				break;
			case 'deleteRelation':
				relations.delete(o.id);
				break;
			case 'setTitle':
				title = o.title;
				break;
		}
	}
	return normalize({
		title,
		...(map.source && { source: map.source }),
		claims: claims.values(),
		relations: relations.values()
	});
}

import { fail, ok, type Result } from './errors';
import { isId, type ClaimId, type RelationId } from './ids';
import { isRecord } from './validate';

export const RELATION_KINDS = ['supports', 'attacks', 'undercuts', 'answers'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/**
 * A directed relation: `from` bears on `to`. For `undercuts`, `to` is the id of the supporting or
 * attacking relation whose inference is attacked.
 */
export interface Relation {
	readonly id: RelationId;
	readonly kind: RelationKind;
	readonly from: ClaimId;
	readonly to: ClaimId | RelationId;
}

export function isRelationKind(value: unknown): value is RelationKind {
	return typeof value === 'string' && (RELATION_KINDS as readonly string[]).includes(value);
}

/** Validates the shape of untrusted data into a {@link Relation}; whether its ends exist is checked later. */
export function parseRelation(raw: unknown, where: string): Result<Relation> {
	if (!isRecord(raw)) return fail('BAD_FORMAT', where, 'expected an object');
	if (!isId(raw.id)) return fail('BAD_ID', `${where}.id`);
	if (!isRelationKind(raw.kind)) return fail('BAD_KIND', `${where}.kind`, `got ${JSON.stringify(raw.kind)}`);
	if (!isId(raw.from)) return fail('BAD_ID', `${where}.from`);
	if (!isId(raw.to)) return fail('BAD_ID', `${where}.to`);
	return ok({
		id: raw.id as RelationId,
		kind: raw.kind,
		from: raw.from as ClaimId,
		to: raw.to as ClaimId | RelationId
	});
}

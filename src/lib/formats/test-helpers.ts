import { indexOf, type ArgMap, type ClaimId, type RelationId, type Result } from '../model';
import type { Imported } from './index';

/** The value of a successful result, or the test fails with the error's message. */
export function must<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`expected success, got: ${result.error.message}`);
	return result.value;
}

/** A readable name for a relation end: a claim's text, or for an undercut the relation it aims at. */
function endName(map: ArgMap, id: string): string {
	const index = indexOf(map);
	const claim = index.claims.get(id as ClaimId);
	if (claim) return claim.text;
	const r = index.relations.get(id as RelationId);
	return r ? `(${endName(map, r.from)} ${r.kind} ${endName(map, r.to)})` : `?${id}`;
}

/** The map's content without ids: claims as "kind: text", relations as "from kind to" by text. */
export function content(map: ArgMap, opts: { kinds?: boolean } = {}) {
	const claims = map.claims.map((c) => (opts.kinds === false ? c.text : `${c.kind}: ${c.text}`)).sort();
	const relations = map.relations
		.map((r) => `${endName(map, r.from)} ${r.kind} ${endName(map, r.to)}`)
		.sort();
	return { claims, relations };
}

export const counts = (imported: Imported) => ({
	claims: imported.map.claims.length,
	relations: imported.map.relations.length
});

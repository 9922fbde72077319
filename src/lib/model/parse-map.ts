import { parseClaim, type Claim } from './claim';
import { TITLE_MAX } from './commands';
import { fail, ok, type Result } from './errors';
import type { ArgMap, Source } from './map';
import { endsAllowed, normalize } from './normalize';
import { parseRelation, type Relation } from './relation';
import { isRecord, optionalString } from './validate';

/** Most claims one map may hold; beyond this a file is refused rather than freezing every client. */
export const MAX_CLAIMS = 20000;
/** Most relations one map may hold. */
export const MAX_RELATIONS = 60000;

function parseSource(raw: unknown): Result<Source | undefined> {
	if (raw === undefined || raw === null) return ok(undefined);
	if (!isRecord(raw)) return fail('BAD_FORMAT', 'source', 'expected an object');
	const source: Record<string, string | number> = {};
	for (const key of ['author', 'title', 'doi', 'publication'] as const) {
		const value = optionalString(raw[key], 500, `source.${key}`);
		if (!value.ok) return value;
		if (value.value !== undefined) source[key] = value.value;
	}
	if (raw.year !== undefined) {
		if (!Number.isInteger(raw.year)) return fail('BAD_FORMAT', 'source.year', 'expected a whole number');
		source.year = raw.year as number;
	}
	return ok(source as Source);
}

/** Checks each relation against the claims and the relations before it (R3-R6); names the first at fault. */
function checkRelations(claims: ReadonlyMap<string, Claim>, relations: readonly Relation[]): Result<true> {
	const byId = new Map<string, Relation>();
	const keys = new Set<string>();
	for (const [i, r] of relations.entries()) {
		const where = `relations[${i}]`;
		if (byId.has(r.id) || claims.has(r.id)) return fail('ID_TAKEN', `${where}.id`, r.id);
		byId.set(r.id, r);
	}
	for (const [i, r] of relations.entries()) {
		const where = `relations[${i}]`;
		const from = claims.get(r.from);
		if (!from) return fail('UNKNOWN_CLAIM', `${where}.from`, r.from);
		if (r.kind === 'undercuts') {
			const target = byId.get(r.to);
			if (!target) return fail('UNKNOWN_RELATION', `${where}.to`, r.to);
			if (target.kind !== 'supports' && target.kind !== 'attacks')
				return fail('BAD_UNDERCUT_TARGET', `${where}.to`);
		} else {
			const to = claims.get(r.to);
			if (!to) return fail('UNKNOWN_CLAIM', `${where}.to`, r.to);
			if (from.id === to.id) return fail('SELF_RELATION', where);
			if (!endsAllowed(r.kind, from, to)) return fail('BAD_ANSWER', where);
		}
		const key = `${r.kind}|${r.from}|${r.to}`;
		if (keys.has(key)) return fail('DUPLICATE_RELATION', where, `${r.kind} ${r.from} -> ${r.to}`);
		keys.add(key);
	}
	return ok(true);
}

/**
 * Validates untrusted map data (a file, an API body, the seed) strictly: the first problem is reported
 * with where it is (R12); nothing is silently dropped or repaired.
 */
export function parseArgMap(raw: unknown): Result<ArgMap> {
	if (!isRecord(raw)) return fail('BAD_FORMAT', '(top level)', 'expected an object');
	if (raw.format !== 'argmap') return fail('BAD_FORMAT', 'format', 'expected "argmap"');
	if (raw.version !== 1)
		return fail('BAD_FORMAT', 'version', `expected 1, got ${JSON.stringify(raw.version)}`);
	const title = optionalString(raw.title, TITLE_MAX, 'title');
	if (!title.ok) return title;
	const source = parseSource(raw.source);
	if (!source.ok) return source;
	if (!Array.isArray(raw.claims)) return fail('BAD_FORMAT', 'claims', 'expected an array');
	if (!Array.isArray(raw.relations)) return fail('BAD_FORMAT', 'relations', 'expected an array');
	if (raw.claims.length > MAX_CLAIMS) return fail('BAD_FORMAT', 'claims', `at most ${MAX_CLAIMS} claims`);
	if (raw.relations.length > MAX_RELATIONS) {
		return fail('BAD_FORMAT', 'relations', `at most ${MAX_RELATIONS} relations`);
	}
	const claims = new Map<string, Claim>();
	for (const [i, item] of raw.claims.entries()) {
		const claim = parseClaim(item, `claims[${i}]`);
		if (!claim.ok) return claim;
		if (claims.has(claim.value.id)) return fail('ID_TAKEN', `claims[${i}].id`, claim.value.id);
		claims.set(claim.value.id, claim.value);
	}
	const relations: Relation[] = [];
	for (const [i, item] of raw.relations.entries()) {
		const relation = parseRelation(item, `relations[${i}]`);
		if (!relation.ok) return relation;
		relations.push(relation.value);
	}
	const checked = checkRelations(claims, relations);
	if (!checked.ok) return checked;
	return ok(
		normalize({
			title: title.value?.trim() || 'Untitled map',
			...(source.value && { source: source.value }),
			claims: claims.values(),
			relations
		})
	);
}

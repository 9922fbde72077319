import type { Claim } from './claim';
import type { ClaimId, RelationId } from './ids';
import type { Relation } from './relation';

/** Where a map comes from: the citation of the text it was built from. */
export interface Source {
	readonly author?: string;
	readonly title?: string;
	readonly doi?: string;
	readonly year?: number;
	readonly publication?: string;
}

/**
 * The argument map as every layer sees it: immutable, claims and relations sorted by id, every
 * invariant of {@link checkInvariants} true. Build one with `normalize`, never by hand.
 */
export interface ArgMap {
	readonly title: string;
	readonly source?: Source;
	readonly claims: readonly Claim[];
	readonly relations: readonly Relation[];
}

export interface MapIndex {
	readonly claims: ReadonlyMap<ClaimId, Claim>;
	readonly relations: ReadonlyMap<RelationId, Relation>;
	/** Relations by the id of the claim or relation they point at. */
	readonly incoming: ReadonlyMap<string, readonly Relation[]>;
	/** Relations by the id of the claim they start from. */
	readonly outgoing: ReadonlyMap<string, readonly Relation[]>;
}

const indexes = new WeakMap<ArgMap, MapIndex>();
/** The tables built from a relations array, shared by the maps that have the very same array. */
const relationTables = new WeakMap<readonly Relation[], Omit<MapIndex, 'claims'>>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

function tablesOf(relations: readonly Relation[]): Omit<MapIndex, 'claims'> {
	let tables = relationTables.get(relations);
	if (!tables) {
		const incoming = new Map<string, Relation[]>();
		const outgoing = new Map<string, Relation[]>();
		for (const r of relations) {
			push(incoming, r.to, r);
			push(outgoing, r.from, r);
		}
		tables = { relations: new Map(relations.map((r) => [r.id, r])), incoming, outgoing };
		relationTables.set(relations, tables);
	}
	return tables;
}

/**
 * Lookup tables for a map, computed once per map object. A map read after claims' texts or places
 * changed keeps the last map's relations array, and with it their tables (each move of Tidy layout's
 * steps made them anew on 1,000 claims).
 */
export function indexOf(map: ArgMap): MapIndex {
	let index = indexes.get(map);
	if (!index) {
		index = { claims: new Map(map.claims.map((c) => [c.id, c])), ...tablesOf(map.relations) };
		indexes.set(map, index);
	}
	return index;
}

export const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const EMPTY_MAP: ArgMap = { title: 'Untitled map', claims: [], relations: [] };

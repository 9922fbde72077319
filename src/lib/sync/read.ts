import * as Y from 'yjs';
import {
	isRecord,
	normalize,
	parseClaim,
	parseRelation,
	TITLE_MAX,
	type ArgMap,
	type Claim,
	type Relation,
	type Source
} from '../model';
import { parts, SCHEMA_VERSION } from './schema';

export interface ReadResult {
	map: ArgMap;
	/** Entries that failed validation, with why: they are not shown (R13). */
	dropped: string[];
	/** The document was written by a newer version of the app than this one. */
	newerSchema: boolean;
}

function readTitle(value: unknown): string {
	return typeof value === 'string' && value.trim() && value.length <= TITLE_MAX ? value : 'Untitled map';
}

function readSource(value: unknown): Source | undefined {
	if (!isRecord(value)) return undefined;
	const source: Record<string, string | number> = {};
	for (const key of ['author', 'title', 'doi', 'publication'] as const) {
		const v = value[key];
		if (typeof v === 'string' && v.length <= 500) source[key] = v;
	}
	if (Number.isInteger(value.year)) source.year = value.year as number;
	return source as Source;
}

function claimFields(entry: unknown): Record<string, unknown> | undefined {
	if (!(entry instanceof Y.Map)) return undefined;
	const text = entry.get('text');
	const pos = entry.get('pos');
	return {
		kind: entry.get('kind'),
		text: text instanceof Y.Text ? text.toString() : undefined,
		quote: entry.get('quote'),
		section: entry.get('section'),
		...(isRecord(pos) && { x: pos.x, y: pos.y })
	};
}

/** What one entry read to last time: reused while its Y entry is unchanged (structural sharing). */
interface Cached<T> {
	entry: unknown;
	value: T | undefined;
	error: string | undefined;
}

/**
 * Carries the previous read between transactions so that unchanged claims and relations keep their objects
 * (downstream code skips them by identity). `dirty` holds the ids whose entries a transaction touched.
 */
export class ReadCache {
	readonly claims = new Map<string, Cached<Claim>>();
	readonly relations = new Map<string, Cached<Relation>>();
	readonly dirtyClaims = new Set<string>();
	readonly dirtyRelations = new Set<string>();
	/** The last map read, and where each claim is in it: patched when only claims' contents changed. */
	last: { map: ArgMap; at: Map<string, number> } | undefined;
}

interface Entries<T> {
	values: T[];
	errors: string[];
	/** Entries read anew and valid. */
	reread: T[];
	/** An entry came, went, or became valid or invalid: the set of values is not the last one's. */
	reshaped: boolean;
}

function readEntries<T>(
	entries: Y.Map<Y.Map<unknown>>,
	cache: Map<string, Cached<T>> | undefined,
	dirty: Set<string> | undefined,
	parse: (entry: unknown, id: string) => { value?: T; error?: string }
): Entries<T> {
	const out: Entries<T> = { values: [], errors: [], reread: [], reshaped: !cache };
	// Counted here: Y.Map's `size` copies every entry into an array, on every snapshot.
	let count = 0;
	entries.forEach((entry, id) => {
		count++;
		let hit = cache?.get(id);
		if (!hit || hit.entry !== entry || dirty?.has(id)) {
			const read = parse(entry, id);
			if (!hit || !hit.value !== !read.value) out.reshaped = true;
			hit = { entry, value: read.value, error: read.error };
			cache?.set(id, hit);
			if (hit.value) out.reread.push(hit.value);
		}
		if (hit.value) out.values.push(hit.value);
		else out.errors.push(hit.error!);
	});
	if (cache && cache.size > count) {
		out.reshaped = true;
		for (const id of cache.keys()) if (!entries.has(id)) cache.delete(id);
	}
	dirty?.clear();
	return out;
}

function readClaim(entry: unknown, id: string): { value?: Claim; error?: string } {
	const fields = claimFields(entry);
	if (!fields) return { error: `claim ${id}: not a map` };
	const claim = parseClaim({ ...fields, id }, `claim ${id}`);
	return claim.ok ? { value: claim.value } : { error: claim.error.message };
}

function readRelation(entry: unknown, id: string): { value?: Relation; error?: string } {
	const raw =
		entry instanceof Y.Map
			? { id, kind: entry.get('kind'), from: entry.get('from'), to: entry.get('to') }
			: null;
	const relation = parseRelation(raw, `relation ${id}`);
	return relation.ok ? { value: relation.value } : { error: relation.error.message };
}

/**
 * Reads the shared document into a model map, validating every entry as untrusted input: invalid
 * entries are dropped and reported, never thrown (R13); dangling relations go by {@link normalize} (R7).
 * With a {@link ReadCache}, entries not marked dirty and still the same Y entry reuse their last objects.
 */
export function readMap(doc: Y.Doc, cache?: ReadCache): ReadResult {
	const { meta, claims, relations } = parts(doc);
	const c = readEntries(claims, cache?.claims, cache?.dirtyClaims, readClaim);
	const r = readEntries(relations, cache?.relations, cache?.dirtyRelations, readRelation);
	const version = meta.get('schemaVersion');
	const source = readSource(meta.get('source'));
	const head = { title: readTitle(meta.get('title')), ...(source && { source }) };
	let map =
		cache?.last && !c.reshaped && !r.reshaped && r.reread.length === 0
			? patched(cache.last, c.reread, head)
			: undefined;
	if (!map) {
		map = normalize({ ...head, claims: c.values, relations: r.values });
		if (cache) cache.last = { map, at: new Map(map.claims.map((claim, i) => [claim.id, i])) };
	} else cache!.last!.map = map;
	return {
		map,
		dropped: [...c.errors, ...r.errors],
		newerSchema: typeof version === 'number' && version > SCHEMA_VERSION
	};
}

/**
 * The last map with `changed` claims put in their places, when they are the same claims of the same
 * kinds (texts, places, quotes changed): what normalize would give, without sorting and checking every
 * claim and relation again on each keystroke. Undefined when a kind changed (a relation may no longer fit).
 */
function patched(
	last: NonNullable<ReadCache['last']>,
	changed: readonly Claim[],
	head: Pick<ArgMap, 'title' | 'source'>
): ArgMap | undefined {
	const claims = [...last.map.claims];
	for (const claim of changed) {
		const i = last.at.get(claim.id);
		if (i === undefined || claims[i]!.kind !== claim.kind) return undefined;
		claims[i] = claim;
	}
	return { ...head, claims, relations: last.map.relations };
}

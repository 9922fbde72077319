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

/**
 * Reads the shared document into a model map, validating every entry as untrusted input: invalid
 * entries are dropped and reported, never thrown (R13); dangling relations go by {@link normalize} (R7).
 */
export function readMap(doc: Y.Doc): ReadResult {
	const { meta, claims, relations } = parts(doc);
	const dropped: string[] = [];
	const validClaims: Claim[] = [];
	claims.forEach((entry, id) => {
		const fields = claimFields(entry);
		const claim = fields ? parseClaim({ ...fields, id }, `claim ${id}`) : undefined;
		if (claim?.ok) validClaims.push(claim.value);
		else dropped.push(claim ? claim.error.message : `claim ${id}: not a map`);
	});
	const validRelations: Relation[] = [];
	relations.forEach((entry, id) => {
		const raw =
			entry instanceof Y.Map
				? { id, kind: entry.get('kind'), from: entry.get('from'), to: entry.get('to') }
				: null;
		const relation = parseRelation(raw, `relation ${id}`);
		if (relation.ok) validRelations.push(relation.value);
		else dropped.push(relation.error.message);
	});
	const version = meta.get('schemaVersion');
	const source = readSource(meta.get('source'));
	return {
		map: normalize({
			title: readTitle(meta.get('title')),
			...(source && { source }),
			claims: validClaims,
			relations: validRelations
		}),
		dropped,
		newerSchema: typeof version === 'number' && version > SCHEMA_VERSION
	};
}

import * as Y from 'yjs';
import type { ArgMap, Claim, Op, Relation } from '../model';
import { parts, SCHEMA_VERSION } from './schema';

/**
 * Replaces the content of a Y.Text by the smallest edit (common prefix and suffix kept), so a
 * colleague's concurrent typing elsewhere in the same text survives the merge (R14).
 */
export function setTextMinimal(ytext: Y.Text, next: string) {
	const prev = ytext.toString();
	if (prev === next) return;
	let start = 0;
	while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
	let endPrev = prev.length;
	let endNext = next.length;
	while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
		endPrev--;
		endNext--;
	}
	if (endPrev > start) ytext.delete(start, endPrev - start);
	if (endNext > start) ytext.insert(start, next.slice(start, endNext));
}

function claimEntry(claim: Claim): Y.Map<unknown> {
	const entry = new Y.Map<unknown>();
	entry.set('kind', claim.kind);
	entry.set('text', new Y.Text(claim.text));
	if (claim.quote !== undefined) entry.set('quote', claim.quote);
	if (claim.section !== undefined) entry.set('section', claim.section);
	if (claim.x !== undefined) entry.set('pos', { x: claim.x, y: claim.y });
	return entry;
}

function relationEntry(relation: Relation): Y.Map<unknown> {
	const entry = new Y.Map<unknown>();
	entry.set('kind', relation.kind);
	entry.set('from', relation.from);
	entry.set('to', relation.to);
	return entry;
}

/** Carries out planned ops on the shared document in one transaction with the given origin (R15). */
export function applyOpsToDoc(doc: Y.Doc, ops: readonly Op[], origin: unknown) {
	const { meta, claims, relations } = parts(doc);
	doc.transact(() => {
		for (const o of ops) {
			switch (o.op) {
				case 'putClaim':
					claims.set(o.claim.id, claimEntry(o.claim));
					break;
				case 'setText': {
					const text = claims.get(o.id)?.get('text');
					if (text instanceof Y.Text) setTextMinimal(text, o.text);
					else claims.get(o.id)?.set('text', new Y.Text(o.text));
					break;
				}
				case 'setFields': {
					const entry = claims.get(o.id);
					for (const [key, value] of Object.entries(o.fields)) {
						if (value === null) entry?.delete(key);
						else if (value !== undefined) entry?.set(key, value);
					}
					break;
				}
				case 'setPosition':
					claims.get(o.id)?.set('pos', { x: o.x, y: o.y });
					break;
				case 'deleteClaim':
					claims.delete(o.id);
					break;
				case 'putRelation':
					relations.set(o.relation.id, relationEntry(o.relation));
					break;
				case 'deleteRelation':
					relations.delete(o.id);
					break;
				case 'setTitle':
					meta.set('title', o.title);
					break;
			}
		}
	}, origin);
}

/** Fills an empty document with a map (the seed, a template, an import into a new map), in one transaction. */
export function writeMap(doc: Y.Doc, map: ArgMap, origin: unknown = null) {
	const { meta } = parts(doc);
	doc.transact(() => {
		meta.set('schemaVersion', SCHEMA_VERSION);
		meta.set('title', map.title);
		if (map.source) meta.set('source', { ...map.source });
		applyOpsToDoc(
			doc,
			[
				...map.claims.map((claim): Op => ({ op: 'putClaim', claim })),
				...map.relations.map((relation): Op => ({ op: 'putRelation', relation }))
			],
			origin
		);
	}, origin);
}

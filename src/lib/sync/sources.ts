import * as Y from 'yjs';
import { anchor, parseAnchor, type TextAnchor } from '../model/anchor';
import { parseSourceDoc, SOURCES_MAX, type SourceDoc } from '../model/source-doc';

/** The shared document's sources (schema.ts): id -> Y.Map of the fields of {@link SourceDoc}. */
export const sourcesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('sources');
const claimsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('claims');

export interface SourcesRead {
	/** Valid sources, oldest first. */
	sources: SourceDoc[];
	/** Each claim's valid anchor (claims without one, or with an invalid one, are absent). */
	anchors: Map<string, TextAnchor>;
	/** Entries that failed validation, with why: they are not shown (R13). */
	dropped: string[];
}

/** Reads sources and anchors, validating every entry as untrusted input (R13, R130, R131). */
export function readSources(doc: Y.Doc): SourcesRead {
	const dropped: string[] = [];
	const sources: SourceDoc[] = [];
	sourcesOf(doc).forEach((entry, id) => {
		const parsed = parseSourceDoc(entry instanceof Y.Map ? { ...entry.toJSON(), id } : null, `source ${id}`);
		if (parsed.ok) sources.push(parsed.value);
		else dropped.push(parsed.error.message);
	});
	sources.sort((a, b) => (a.addedAt ?? 0) - (b.addedAt ?? 0) || (a.id < b.id ? -1 : 1));
	const anchors = new Map<string, TextAnchor>();
	claimsOf(doc).forEach((entry, id) => {
		const raw = entry instanceof Y.Map ? entry.get('anchor') : undefined;
		if (raw === undefined) return;
		const parsed = parseAnchor(raw, `claim ${id}.anchor`);
		if (parsed.ok) anchors.set(id, parsed.value);
		else dropped.push(parsed.error.message);
	});
	return { sources, anchors, dropped };
}

/** Adds a source (already checked with parseSourceDoc) in one transaction; false when the map is full. */
export function addSource(doc: Y.Doc, source: SourceDoc, origin: unknown = null): boolean {
	const map = sourcesOf(doc);
	if (map.size >= SOURCES_MAX) return false;
	doc.transact(() => {
		const entry = new Y.Map<unknown>();
		for (const [key, value] of Object.entries(source))
			if (key !== 'id' && value !== undefined) entry.set(key, value);
		map.set(source.id, entry);
	}, origin);
	return true;
}

/** Replaces a source's text whole (a corrected version); anchors re-find their passages (R131). */
export function setSourceText(doc: Y.Doc, id: string, text: string, origin: unknown = null) {
	doc.transact(() => sourcesOf(doc).get(id)?.set('text', text), origin);
}

/** Removes a source; the anchors into it become broken and are listed (R133). */
export function removeSource(doc: Y.Doc, id: string, origin: unknown = null) {
	doc.transact(() => sourcesOf(doc).delete(id), origin);
}

/** Sets or clears a claim's anchor (with the claim's undoable changes when `origin` is the session's). */
export function setAnchor(doc: Y.Doc, claimId: string, a: TextAnchor | null, origin: unknown = null) {
	doc.transact(() => {
		const entry = claimsOf(doc).get(claimId);
		if (!entry) return;
		if (a) entry.set('anchor', { ...a });
		else entry.delete('anchor');
	}, origin);
}

/**
 * Anchors every claim that has a quote but no anchor where its quote is found verbatim in one of the
 * sources (R130, R133), in one transaction; returns how many were anchored.
 */
export function anchorQuotedClaims(
	doc: Y.Doc,
	sources: readonly SourceDoc[],
	origin: unknown = null
): number {
	let count = 0;
	doc.transact(() => {
		claimsOf(doc).forEach((entry, id) => {
			const quote = entry.get('quote');
			if (typeof quote !== 'string' || entry.has('anchor')) return;
			for (const s of sources) {
				const a = anchor(s, quote);
				if (!a) continue;
				setAnchor(doc, id, a, origin);
				count++;
				return;
			}
		});
	}, origin);
	return count;
}

/** Writes a new map's sources and anchors its quoted claims in them (the article map, R130). */
export function writeSources(doc: Y.Doc, sources: readonly SourceDoc[], origin: unknown = null) {
	doc.transact(() => {
		for (const s of sources) addSource(doc, s, origin);
		anchorQuotedClaims(doc, sources, origin);
	}, origin);
}

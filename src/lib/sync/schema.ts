import * as Y from 'yjs';

/**
 * The shared document's layout, version 1 (R13):
 *
 *   meta:      Y.Map  { schemaVersion: 1, title: string, source?: {author,title,doi,year,publication} }
 *   claims:    Y.Map  id -> Y.Map { kind, text: Y.Text, quote?, section?, pos?: {x, y} }
 *   relations: Y.Map  id -> Y.Map { kind, from, to }
 *   sources:   Y.Map  id -> Y.Map { title, author?, year?, publication?, doi?, url?, text: string,
 *                                   addedBy?, addedByName?, addedAt? }       (sync/sources.ts, R130)
 *              and a claim's entry may carry anchor?: {sourceId, exact, prefix, suffix, start} (R131)
 *   comments:  Y.Map  id -> Y.Map { claim, thread?, author, name, at, editedAt?, text: string,
 *                                   deleted?, resolved?: {by, name, at} }    (sync/comments.ts, R135)
 *   votes:     Y.Map  `${personId}|${targetId}` -> 0..4 (plausibility of a claim, strength of a relation; votes.ts)
 *
 * A position is one value so that two people dragging the same claim never mix one's x with the other's y.
 * Every field is untrusted when read: see read.ts.
 */
export const SCHEMA_VERSION = 1;

export interface DocParts {
	meta: Y.Map<unknown>;
	claims: Y.Map<Y.Map<unknown>>;
	relations: Y.Map<Y.Map<unknown>>;
}

export function parts(doc: Y.Doc): DocParts {
	return {
		meta: doc.getMap('meta'),
		claims: doc.getMap('claims'),
		relations: doc.getMap('relations')
	};
}

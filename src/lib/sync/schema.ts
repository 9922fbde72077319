import * as Y from 'yjs';

/**
 * The shared document's layout, version 1 (R13):
 *
 *   meta:      Y.Map  { schemaVersion: 1, title: string, source?: {author,title,doi,year,publication} }
 *   claims:    Y.Map  id -> Y.Map { kind, text: Y.Text, quote?, section?, pos?: {x, y} }
 *   relations: Y.Map  id -> Y.Map { kind, from, to }
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

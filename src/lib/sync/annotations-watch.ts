import type * as Y from 'yjs';
import { commentsOf } from './comments';
import { sourcesOf } from './sources';

/**
 * Calls `onSources` after a change to the sources or the claims (anchors live on claims; `sourcesChanged`
 * says whether the sources themselves changed) and `onComments` after a change to the comments.
 * Returns the function that stops watching.
 */
export function watchAnnotations(
	doc: Y.Doc,
	onSources: (sourcesChanged: boolean) => void,
	onComments: () => void
): () => void {
	const sources = sourcesOf(doc);
	const comments = commentsOf(doc);
	const claims = doc.getMap('claims');
	const changed = (tr: Y.Transaction, type: object) =>
		tr.changedParentTypes.has(type as never) || tr.changed.has(type as never);
	const listener = (tr: Y.Transaction) => {
		const s = changed(tr, sources);
		if (s || changed(tr, claims)) onSources(s);
		if (changed(tr, comments)) onComments();
	};
	doc.on('afterTransaction', listener);
	const stop = () => doc.off('afterTransaction', listener);
	doc.on('destroy', stop);
	return stop;
}

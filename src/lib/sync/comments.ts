import * as Y from 'yjs';
import { parseComment, type Comment } from '../model/comment';

/** The shared document's comments (schema.ts): id -> Y.Map of the fields of {@link Comment}. */
export const commentsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('comments');

/** Reads every comment, oldest first, validating each as untrusted input (R13, R135). */
export function readComments(doc: Y.Doc): { comments: Comment[]; dropped: string[] } {
	const comments: Comment[] = [];
	const dropped: string[] = [];
	commentsOf(doc).forEach((entry, id) => {
		const parsed = parseComment(entry instanceof Y.Map ? { ...entry.toJSON(), id } : null, `comment ${id}`);
		if (parsed.ok) comments.push(parsed.value);
		else dropped.push(parsed.error.message);
	});
	comments.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
	return { comments, dropped };
}

/** Adds a comment (its fields checked by the caller), in one transaction (R15). */
export function putComment(doc: Y.Doc, comment: Comment, origin: unknown = null) {
	doc.transact(() => {
		const entry = new Y.Map<unknown>();
		for (const [key, value] of Object.entries(comment))
			if (key !== 'id' && value !== undefined) entry.set(key, value);
		commentsOf(doc).set(comment.id, entry);
	}, origin);
}

/** Changes a comment's text and marks it edited. */
export function editComment(doc: Y.Doc, id: string, text: string, at: number, origin: unknown = null) {
	doc.transact(() => {
		const entry = commentsOf(doc).get(id);
		entry?.set('text', text);
		entry?.set('editedAt', at);
	}, origin);
}

/**
 * Deletes a comment. A thread's first comment that has replies keeps its place, its text emptied and
 * marked deleted, so the replies stay readable; deleting the last reply of such a thread removes it all.
 */
export function deleteComment(doc: Y.Doc, id: string, origin: unknown = null) {
	const map = commentsOf(doc);
	doc.transact(() => {
		const entry = map.get(id);
		if (!entry) return;
		const replies = [...map.entries()].filter(([, e]) => e.get('thread') === id).map(([k]) => k);
		const root = entry.get('thread');
		if (replies.length > 0) {
			entry.set('text', '');
			entry.set('deleted', true);
			return;
		}
		map.delete(id);
		if (typeof root === 'string' && map.get(root)?.get('deleted') === true) {
			const left = [...map.values()].some((e) => e.get('thread') === root);
			if (!left) map.delete(root);
		}
	}, origin);
}

/** Resolves (with who and when) or reopens a thread. */
export function setResolved(
	doc: Y.Doc,
	rootId: string,
	resolved: Comment['resolved'] | null,
	origin: unknown = null
) {
	doc.transact(() => {
		const entry = commentsOf(doc).get(rootId);
		if (!entry) return;
		if (resolved) entry.set('resolved', { ...resolved });
		else entry.delete('resolved');
	}, origin);
}

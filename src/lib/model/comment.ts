import { fail, ok, type Result } from './errors';
import { isId } from './ids';
import { isRecord } from './validate';
import { NAME_MAX } from './source-doc';

/**
 * A comment on a claim (R135). A thread is a first comment (no `thread`) and its replies (`thread` =
 * the first comment's id); resolving is a property of the thread, kept on its first comment.
 */
export interface Comment {
	readonly id: string;
	readonly claim: string;
	/** The first comment of the thread this one answers; absent on a thread's first comment. */
	readonly thread?: string;
	/** The author's stable person id and their name when they wrote it. */
	readonly author: string;
	readonly name: string;
	/** When written and last edited (ms since 1970). */
	readonly at: number;
	readonly editedAt?: number;
	readonly text: string;
	/** A first comment whose text was deleted while it had replies: the thread stays. */
	readonly deleted?: boolean;
	readonly resolved?: { readonly by: string; readonly name: string; readonly at: number };
}

export interface Thread {
	readonly root: Comment;
	readonly replies: readonly Comment[];
}

/** Longest comment. */
export const COMMENT_MAX = 4000;

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isName = (v: unknown): v is string => typeof v === 'string' && v.length <= NAME_MAX;

/** Checks the text of a comment a person wrote; returns it trimmed. */
export function checkCommentText(text: string): Result<string> {
	const t = text.trim();
	if (!t) return fail('EMPTY_TEXT', 'comment', 'write something first');
	if (t.length > COMMENT_MAX) return fail('TEXT_TOO_LONG', 'comment', `at most ${COMMENT_MAX} characters`);
	return ok(t);
}

/** Validates a comment read from the shared document (R13, R135). */
export function parseComment(raw: unknown, where: string): Result<Comment> {
	if (!isRecord(raw)) return fail('BAD_FORMAT', where, 'expected an object');
	const { id, claim, thread, author, name, at, editedAt, text, deleted, resolved } = raw;
	if (!isId(id)) return fail('BAD_ID', `${where}.id`);
	if (!isId(claim)) return fail('BAD_ID', `${where}.claim`);
	if (thread !== undefined && (!isId(thread) || thread === id)) return fail('BAD_ID', `${where}.thread`);
	if (!isId(author)) return fail('BAD_ID', `${where}.author`);
	if (!isName(name)) return fail('BAD_FORMAT', `${where}.name`, `expected at most ${NAME_MAX} characters`);
	if (!isTime(at)) return fail('BAD_FORMAT', `${where}.at`, 'expected a time');
	if (editedAt !== undefined && !isTime(editedAt))
		return fail('BAD_FORMAT', `${where}.editedAt`, 'expected a time');
	if (typeof text !== 'string' || text.length > COMMENT_MAX || (!text.trim() && deleted !== true))
		return fail('BAD_FORMAT', `${where}.text`, `expected 1 to ${COMMENT_MAX} characters`);
	if (deleted !== undefined && typeof deleted !== 'boolean') return fail('BAD_FORMAT', `${where}.deleted`);
	let done: Comment['resolved'];
	if (resolved !== undefined && resolved !== null) {
		if (!isRecord(resolved) || !isId(resolved.by) || !isName(resolved.name) || !isTime(resolved.at))
			return fail('BAD_FORMAT', `${where}.resolved`, 'expected who and when');
		done = { by: resolved.by, name: resolved.name, at: resolved.at };
	}
	return ok({
		id,
		claim,
		...(thread !== undefined && { thread: thread as string }),
		author,
		name,
		at,
		...(editedAt !== undefined && { editedAt: editedAt as number }),
		text,
		...(deleted === true && { deleted: true }),
		...(done && thread === undefined && { resolved: done })
	});
}

const byTime = (a: Comment, b: Comment) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The threads of one claim, oldest first, each with its replies oldest first. Replies whose first
 * comment is gone (deleted concurrently) or on another claim are not shown, the same on every replica.
 */
export function threadsOf(comments: readonly Comment[], claim: string): Thread[] {
	const mine = comments.filter((c) => c.claim === claim).sort(byTime);
	const roots = mine.filter((c) => c.thread === undefined);
	return roots.map((root) => ({ root, replies: mine.filter((c) => c.thread === root.id) }));
}

/** Comments of a thread, first comment included unless deleted. */
const visible = (t: Thread): Comment[] => [...(t.root.deleted ? [] : [t.root]), ...t.replies];

/** Per claim, how many comments are in its unresolved threads (the badge, R136). */
export function openCounts(comments: readonly Comment[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const claim of new Set(comments.map((c) => c.claim))) {
		const n = threadsOf(comments, claim)
			.filter((t) => !t.root.resolved)
			.reduce((sum, t) => sum + visible(t).length, 0);
		if (n > 0) counts.set(claim, n);
	}
	return counts;
}

/**
 * Per claim, how many comments by others this person has not seen (R137): not among the comment ids
 * they have seen (kept by id, not time, so a colleague's wrong clock cannot hide a comment), in an
 * unresolved thread.
 */
export function unreadCounts(
	comments: readonly Comment[],
	seen: ReadonlySet<string>,
	person: string
): Map<string, number> {
	const counts = new Map<string, number>();
	for (const claim of new Set(comments.map((c) => c.claim))) {
		const n = threadsOf(comments, claim)
			.filter((t) => !t.root.resolved)
			.flatMap(visible)
			.filter((c) => c.author !== person && !seen.has(c.id)).length;
		if (n > 0) counts.set(claim, n);
	}
	return counts;
}

/** Per claim with open comments: how many are open and how many of those are unread (the badges). */
export function badgeCounts(
	open: ReadonlyMap<string, number>,
	unread: ReadonlyMap<string, number>
): Map<string, { open: number; unread: number }> {
	return new Map([...open].map(([id, n]) => [id, { open: n, unread: unread.get(id) ?? 0 }]));
}

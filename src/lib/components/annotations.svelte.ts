import type { TextAnchor } from '$lib/model/anchor';
import { badgeCounts, openCounts, unreadCounts, type Comment } from '$lib/model/comment';
import { resolvePassages } from '$lib/model/passages';
import type { SourceDoc } from '$lib/model/source-doc';
import { watchAnnotations } from '$lib/sync/annotations-watch';
import { readComments } from '$lib/sync/comments';
import { readSources } from '$lib/sync/sources';
import type { Editor } from './editor.svelte';

/** Snapshots replaced whole on every change ($state.raw), never mutated. */
const NO_ANCHORS: ReadonlyMap<string, TextAnchor> = new Map();
const NONE_SEEN: ReadonlySet<string> = new Set();
import { loadSeen, saveSeen } from './seen';

/**
 * The sources, anchors and comments of one open map, read from the shared document after every change
 * (validated, R13), and this person's seen comments (kept in this browser). One per editor, shared by
 * the Sources panel, the comment threads and the badges.
 */
export class Annotations {
	readonly editor: Editor;
	/** This person's id (set before anything reads the counts below). */
	#person = '';
	#anchorsKey = '';
	sources = $state.raw<SourceDoc[]>([]);
	anchors = $state.raw(NO_ANCHORS);
	comments = $state.raw<Comment[]>([]);
	seen = $state.raw(NONE_SEEN);
	/** Each anchored claim's passage, re-found in the current text of its source (R131). */
	passages = $derived(resolvePassages(this.sources, this.anchors));
	open = $derived(openCounts(this.comments));
	unread = $derived(unreadCounts(this.comments, this.seen, this.#person));
	/** The diagram's badges: open and unread comments per claim (R136, R137). */
	badges = $derived(badgeCounts(this.open, this.unread));

	constructor(editor: Editor) {
		this.editor = editor;
		this.#person = editor.personId;
		this.#readSources(true);
		this.comments = readComments(editor.session.doc).comments;
		this.seen = loadSeen(editor.id);
		watchAnnotations(
			editor.session.doc,
			(changed) => this.#readSources(changed),
			() => (this.comments = readComments(editor.session.doc).comments)
		);
	}

	#readSources(sourcesChanged: boolean) {
		const read = readSources(this.editor.session.doc);
		if (sourcesChanged) this.sources = read.sources;
		// Anchors are re-read after every claim change (typing too): publish them only when they changed.
		const key = JSON.stringify([...read.anchors]);
		if (key !== this.#anchorsKey) {
			this.#anchorsKey = key;
			this.anchors = read.anchors;
		}
	}

	/** Marks a claim's comments as seen by this person, in this browser (R137). */
	markSeen(claimId: string) {
		const ids = this.comments.filter((c) => c.claim === claimId && !this.seen.has(c.id)).map((c) => c.id);
		if (ids.length > 0) this.seen = saveSeen(this.editor.id, this.seen, ids);
	}
}

const byEditor = new WeakMap<Editor, Annotations>();

/** The annotations of an editor's map, created on first use. */
export function annotationsOf(editor: Editor): Annotations {
	let a = byEditor.get(editor);
	if (!a) byEditor.set(editor, (a = new Annotations(editor)));
	return a;
}

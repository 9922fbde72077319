import { newId, QUOTE_MAX } from '$lib/model';
import { anchorAt } from '$lib/model/anchor';
import { checkCommentText, type Comment } from '$lib/model/comment';
import { parseSourceDoc, SOURCES_MAX, type SourceDoc } from '$lib/model/source-doc';
import { deleteComment, editComment, putComment, setResolved } from '$lib/sync/comments';
import { addSource, setAnchor } from '$lib/sync/sources';
import type { Editor } from './editor.svelte';

/** Words of a passage taken as a new claim's first text (the person rewrites it). */
const CLAIM_WORDS = 12;

/** A new claim's text from its passage: its first words, marked as cut when longer. */
export function claimTextFrom(passage: string): string {
	const words = passage.trim().split(/\s+/);
	return words.slice(0, CLAIM_WORDS).join(' ') + (words.length > CLAIM_WORDS ? ' …' : '');
}

function refuse(editor: Editor, message: string): false {
	editor.message = message;
	return false;
}

/**
 * Creates a claim quoting `text[start, end)` of a source, anchored there, as one undoable change
 * (R134); the new claim is selected and opened for editing in place.
 */
export function claimFromPassage(editor: Editor, source: SourceDoc, start: number, end: number): boolean {
	const passage = source.text.slice(start, end);
	if (!passage.trim()) return refuse(editor, 'Select a passage of the source first');
	if (passage.length > QUOTE_MAX) return refuse(editor, `A passage has at most ${QUOTE_MAX} characters`);
	const id = newId('c');
	const { doc, origin } = editor.session;
	let ok = false;
	doc.transact(() => {
		ok = editor.run({
			type: 'addClaim',
			claim: {
				id,
				kind: 'claim',
				text: claimTextFrom(passage),
				quote: passage,
				...(editor.view?.viewCentre() ?? { x: 0, y: 0 })
			}
		});
		if (ok) setAnchor(doc, id, anchorAt(source.id, source.text, start, end), origin);
	}, origin);
	if (ok) editor.select([id]);
	return ok;
}

/** Anchors an existing claim at `text[start, end)` of a source (its quote becomes the passage). */
export function anchorClaim(editor: Editor, claimId: string, source: SourceDoc, start: number, end: number) {
	const passage = source.text.slice(start, end);
	if (!passage.trim()) return refuse(editor, 'Select a passage of the source first');
	if (passage.length > QUOTE_MAX) return refuse(editor, `A passage has at most ${QUOTE_MAX} characters`);
	const { doc, origin } = editor.session;
	let ok = false;
	doc.transact(() => {
		ok = editor.run({ type: 'editDetails', id: claimId, quote: passage });
		if (ok) setAnchor(doc, claimId, anchorAt(source.id, source.text, start, end), origin);
	}, origin);
	return ok;
}

/** Adds a source a person pasted or uploaded (R130): its id, or an error to show. */
export function addSourceFrom(
	editor: Editor,
	fields: { title: string; author?: string; year?: number; text: string },
	count: number
): { id: string } | { error: string } {
	if (editor.readOnly) return { error: 'This is a view-only link: ask for the edit link to add sources' };
	if (count >= SOURCES_MAX) return { error: `A map carries at most ${SOURCES_MAX} sources` };
	const parsed = parseSourceDoc(
		{
			...fields,
			id: newId('c').replace(/^c/, 's'),
			addedBy: editor.personId,
			addedByName: editor.name,
			addedAt: Date.now()
		},
		'source'
	);
	if (!parsed.ok) return { error: parsed.error.message };
	addSource(editor.session.doc, parsed.value, editor.session.origin);
	return { id: parsed.value.id };
}

/** The comment actions of the person at this editor (R135); each returns an error to show, or undefined. */
export const commenting = {
	add(editor: Editor, claim: string, text: string, thread?: string): string | undefined {
		if (editor.readOnly) return 'This is a view-only link: ask for the edit link to comment';
		const checked = checkCommentText(text);
		if (!checked.ok) return checked.error.message;
		const comment: Comment = {
			id: newId('c').replace(/^c/, 'm'),
			claim,
			...(thread && { thread }),
			author: editor.personId,
			name: editor.name,
			at: Date.now(),
			text: checked.value
		};
		putComment(editor.session.doc, comment);
		return undefined;
	},
	edit(editor: Editor, comment: Comment, text: string): string | undefined {
		if (editor.readOnly || comment.author !== editor.personId) return 'Only its author can edit a comment';
		const checked = checkCommentText(text);
		if (!checked.ok) return checked.error.message;
		editComment(editor.session.doc, comment.id, checked.value, Date.now());
		return undefined;
	},
	remove(editor: Editor, comment: Comment) {
		if (!editor.readOnly && comment.author === editor.personId) deleteComment(editor.session.doc, comment.id);
	},
	resolve(editor: Editor, root: Comment, done: boolean) {
		if (editor.readOnly) return;
		const by = { by: editor.personId, name: editor.name, at: Date.now() };
		setResolved(editor.session.doc, root.id, done ? by : null);
	}
};

import * as Y from 'yjs';
import type { MapSession } from './session';
import { parts } from './schema';

/** The part of a text field the binding needs (a textarea or an input). */
export interface TextField {
	value: string;
	selectionStart: number | null;
	selectionEnd: number | null;
	setSelectionRange(start: number, end: number): void;
}

type Delta = { retain?: number; insert?: unknown; delete?: number }[];

/**
 * Where a caret at `index` ends up after a remote change described by a Yjs delta (R14): text inserted
 * before it pushes it right, text deleted before it pulls it left; a colleague's insert exactly at the
 * caret lands after it, so the caret stays where this person was typing.
 */
export function shiftIndex(delta: Delta, index: number): number {
	let pos = 0; // position in the text before the change
	let result = index;
	for (const op of delta) {
		if (op.retain !== undefined) pos += op.retain;
		else if (op.insert !== undefined) {
			if (pos < index) result += typeof op.insert === 'string' ? op.insert.length : 1;
		} else if (op.delete !== undefined) {
			if (pos < index) result -= Math.min(op.delete, index - pos);
			pos += op.delete;
		}
		if (pos >= index) break;
	}
	return Math.max(0, result);
}

export interface TextBinding {
	/** Call on every input event of the field. */
	input(): void;
	destroy(): void;
}

/**
 * Binds a text field to a claim's shared text (R14): typing goes through the session's `editText`
 * command (minimal diff, validated, undoable), and colleagues' typing shows up at once with this
 * person's caret and selection kept in place. `onRefused` gets the reason when the model refuses the
 * text (empty, too long); the document then keeps its text.
 */
export function bindClaimText(
	session: MapSession,
	claimId: string,
	field: TextField,
	onRefused: (message: string) => void
): TextBinding {
	const { claims } = parts(session.doc);
	let text: Y.Text | undefined;
	const onChange = (event: Y.YTextEvent) => {
		if (event.transaction.origin === session.origin || !text) return;
		const start = field.selectionStart ?? 0;
		const end = field.selectionEnd ?? start;
		const delta = event.delta as Delta;
		field.value = text.toString();
		field.setSelectionRange(shiftIndex(delta, start), shiftIndex(delta, end));
	};
	const attach = () => {
		const next = claims.get(claimId)?.get('text');
		const found = next instanceof Y.Text ? next : undefined;
		if (found === text) return;
		text?.unobserve(onChange);
		text = found;
		text?.observe(onChange);
		if (text && field.value !== text.toString()) field.value = text.toString();
	};
	// The claim's entry can be replaced (an undone delete brings back a new one): follow it.
	const onClaims = () => attach();
	claims.observeDeep(onClaims);
	attach();
	return {
		input() {
			const result = session.dispatch({ type: 'editText', id: claimId, text: field.value });
			if (!result.ok) onRefused(result.error.message);
		},
		destroy() {
			claims.unobserveDeep(onClaims);
			text?.unobserve(onChange);
		}
	};
}

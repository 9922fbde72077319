import type { Action } from 'svelte/action';
import { bindClaimText } from '$lib/sync/text-binding';
import type { Editor } from './editor.svelte';

/**
 * `use:claimText={{ editor, id }}` on a textarea: the field edits the claim's shared text directly,
 * keeping the caret when colleagues type in the same claim (R14); a refused text shows its reason.
 */
export const claimText: Action<HTMLTextAreaElement, { editor: Editor; id: string }> = (node, params) => {
	let current = params;
	let binding = bindClaimText(current.editor.session, current.id, node, (m) => (current.editor.message = m));
	const onInput = () => {
		current.editor.message = '';
		binding.input();
	};
	node.addEventListener('input', onInput);
	return {
		update(next) {
			if (next.id === current.id && next.editor === current.editor) return;
			binding.destroy();
			current = next;
			binding = bindClaimText(current.editor.session, current.id, node, (m) => (current.editor.message = m));
		},
		destroy() {
			node.removeEventListener('input', onInput);
			binding.destroy();
		}
	};
};

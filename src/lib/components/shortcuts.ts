/** Everything the keyboard can do in the editor; the help overlay (?) lists this same table (R25). */
export const SHORTCUTS = [
	{ action: 'addSupport', keys: ['S'], label: 'Add a supporting claim under the selected claim' },
	{ action: 'addAttack', keys: ['A'], label: 'Add an attacking claim under the selected claim' },
	{ action: 'addEvidence', keys: ['E'], label: 'Add evidence under the selected claim' },
	{ action: 'addClaim', keys: ['N'], label: 'Add a free claim' },
	{ action: 'edit', keys: ['Enter', 'F2'], label: 'Edit the selected claim’s text' },
	{ action: 'delete', keys: ['Delete', 'Backspace'], label: 'Delete the selection (claims or relation)' },
	{ action: 'undo', keys: ['Ctrl+Z'], label: 'Undo your last change' },
	{ action: 'redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], label: 'Redo' },
	{ action: 'find', keys: ['Ctrl+F', '/'], label: 'Find claims' },
	{ action: 'collapse', keys: ['C'], label: 'Collapse or expand the selected claim’s subtree' },
	{ action: 'focus', keys: ['F'], label: 'Focus mode: show only the selected claim and its neighbours' },
	{ action: 'tidy', keys: ['T'], label: 'Tidy layout' },
	{ action: 'fit', keys: ['0'], label: 'Fit the map to the screen' },
	{ action: 'zoomIn', keys: ['+', '='], label: 'Zoom in' },
	{ action: 'zoomOut', keys: ['-'], label: 'Zoom out' },
	{ action: 'menu', keys: ['Shift+F10', 'ContextMenu'], label: 'Open the menu of the selection' },
	{ action: 'outline', keys: ['O'], label: 'Show or hide the outline' },
	{ action: 'help', keys: ['?'], label: 'Show this help' },
	{
		action: 'escape',
		keys: ['Escape'],
		label: 'Close a menu or dialog, leave focus mode, clear the selection'
	}
] as const;

export type Action = (typeof SHORTCUTS)[number]['action'];

/** The key combination of an event, written as in {@link SHORTCUTS} ("Ctrl+Shift+Z", "S", "?"). */
export function comboOf(
	event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>
): string {
	const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
	const printable = event.key.length === 1 && !/[A-Z0-9]/i.test(event.key);
	const mods = [
		event.ctrlKey || event.metaKey ? 'Ctrl' : '',
		event.altKey ? 'Alt' : '',
		// Shift is part of printable symbols like "?" or "+": do not name it twice.
		event.shiftKey && !printable ? 'Shift' : ''
	].filter(Boolean);
	return [...mods, key].join('+');
}

/** The action bound to a key event, if any. */
export function actionFor(event: Parameters<typeof comboOf>[0]): Action | undefined {
	const combo = comboOf(event);
	return SHORTCUTS.find((s) => (s.keys as readonly string[]).includes(combo))?.action;
}

/** Whether the event comes from a place where keys are text (a field, an editable element). */
export function isTyping(target: EventTarget | null): boolean {
	const el = target as HTMLElement | null;
	if (!el || !el.tagName) return false;
	return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

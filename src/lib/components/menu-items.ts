import { indexOf, type RelationKind } from '$lib/model';
import type { MenuTarget } from '$lib/view/graph-view';
import type { Editor } from './editor.svelte';

export interface MenuItem {
	label: string;
	run: () => void;
	danger?: boolean;
}

/** The context menu of a claim, a relation or the empty canvas (R26). */
export function menuItems(editor: Editor, target: MenuTarget): MenuItem[] {
	const edit = !editor.readOnly;
	if (target.type === 'claim') {
		const id = target.id;
		return [
			...(edit
				? [
						{ label: 'Add supporting claim', run: () => editor.addUnder(id, 'supports') },
						{ label: 'Add attacking claim', run: () => editor.addUnder(id, 'attacks') },
						{ label: 'Add evidence', run: () => editor.addUnder(id, 'supports', 'evidence') },
						{ label: 'Edit text', run: () => (editor.editing = id) }
					]
				: []),
			{ label: editor.collapsed.has(id) ? 'Expand' : 'Collapse', run: () => editor.toggleCollapse(id) },
			{
				label: editor.focusId === id ? 'Leave focus mode' : 'Focus on this claim',
				run: () => editor.toggleFocus(id)
			},
			{ label: 'Centre on this claim', run: () => editor.view?.centreOn(id) },
			...(edit
				? [
						{
							label: editor.selected.length > 1 ? `Delete ${editor.selected.length} claims` : 'Delete claim',
							danger: true,
							run: () => editor.deleteSelection()
						}
					]
				: [])
		];
	}
	if (target.type === 'relation') {
		const relation = indexOf(editor.map).relations.get(target.id as never);
		if (!relation || !edit) return [];
		const id = relation.id;
		const change = (kind: RelationKind) => () => editor.run({ type: 'changeRelation', id, kind });
		const inference = relation.kind === 'supports' || relation.kind === 'attacks';
		return [
			...(inference ? [{ label: 'Undercut this inference', run: () => editor.undercut(id) }] : []),
			...(relation.kind === 'attacks' ? [{ label: 'Make it a support', run: change('supports') }] : []),
			...(relation.kind === 'supports' ? [{ label: 'Make it an attack', run: change('attacks') }] : []),
			...(relation.kind !== 'undercuts'
				? [
						{
							label: 'Reverse direction',
							run: () => editor.run({ type: 'changeRelation', id, reverse: true })
						}
					]
				: []),
			{ label: 'Delete relation', danger: true, run: () => editor.deleteSelection() }
		];
	}
	if (!edit) return [{ label: 'Fit map to screen', run: () => editor.view?.fit() }];
	return [
		{ label: 'Add claim here', run: () => editor.addFree('claim', target.at) },
		{ label: 'Add question here', run: () => editor.addFree('question', target.at) },
		{ label: 'Add thesis here', run: () => editor.addFree('thesis', target.at) },
		{ label: 'Tidy layout', run: () => editor.tidy() },
		{ label: 'Fit map to screen', run: () => editor.view?.fit() }
	];
}

/** The choices offered after a connection is drawn from one claim to another. */
export function connectItems(editor: Editor, from: string, to: string): MenuItem[] {
	const index = indexOf(editor.map);
	const kinds: [RelationKind, string][] = [
		['supports', 'Supports'],
		['attacks', 'Attacks']
	];
	if (
		index.claims.get(from as never)?.kind === 'thesis' &&
		index.claims.get(to as never)?.kind === 'question'
	) {
		kinds.push(['answers', 'Answers']);
	}
	return [
		...kinds.map(([kind, label]) => ({ label, run: () => editor.connect(from, to, kind) })),
		{ label: 'Cancel', run: () => (editor.pendingConnect = undefined) }
	];
}

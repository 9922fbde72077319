import type { Component } from 'svelte';
import type { Editor } from './editor.svelte';

/**
 * The tabs of the panel beside the map. The first, the inspector, is always loaded (SidePanel.svelte
 * shows it directly); the others are loaded on demand,
 * when first opened, so they add nothing to the editor's first load. Each feature adds its panel here:
 * a component taking `{ editor }`.
 */
export interface SidePanel {
	readonly id: string;
	/** The tab's label (its accessible name). */
	readonly label: string;
	readonly load: () => Promise<{ default: Component<{ editor: Editor }> }>;
}

export const SIDE_PANELS: readonly SidePanel[] = [
	{ id: 'details', label: 'Details', load: () => import('./Inspector.svelte') },
	{ id: 'history', label: 'History', load: () => import('./HistoryPanel.svelte') },
	{ id: 'debate', label: 'Debate', load: () => import('./DebatePanel.svelte') },
	{ id: 'sources', label: 'Sources', load: () => import('./SourcePanel.svelte') },
	{ id: 'comments', label: 'Comments', load: () => import('./CommentsPanel.svelte') }
	// Further panels: { id: 'sources', label: 'Sources', load: () => import('./SourcePanel.svelte') }, …
];

import { indexOf, type ArgMap, type Command } from '$lib/model';
import type { MapSession } from '$lib/sync/session';
import type { GraphView } from '$lib/view/graph-view';
import { inSteps, nextTask } from './in-steps';
import { computeLayout } from './layout-client';

/**
 * Claims moved per frame by Tidy layout. Each step is two tasks (R182): moving the claims on screen, and
 * storing the change (the document, the server, this browser's copy, the snapshot and its reconciling).
 * In one task the two made tasks over 50 ms on 1,000 claims in 9 tidies of 10, mostly in the first steps
 * after a large map is opened; apart, in 2-5 of 10. The whole tidy takes 1.4-1.9 s (README, Performance).
 */
const TIDY_STEP = 20;

/** What Tidy layout works on: the editor's map, session, drawing and commands. */
export interface TidyTarget {
	readonly map: ArgMap;
	readonly session: MapSession;
	readonly view: GraphView | undefined;
	run(command: Command): boolean;
}

/**
 * Re-runs the automatic layout for the whole map, as one undoable change (R9). The layout is computed
 * in a worker; the claims move TIDY_STEP per frame, first on screen and then, in a task of its own, in
 * the map, so that no task blocks the page for long on a large map (R172, R182). Claims deleted
 * meanwhile are left out.
 */
export async function tidyLayout(editor: TidyTarget): Promise<void> {
	const placed = await computeLayout(editor.map);
	const moved = await editor.session.group(() =>
		inSteps(placed, TIDY_STEP, async (slice) => {
			editor.view?.preview(slice);
			await nextTask();
			const present = indexOf(editor.map).claims;
			const positions = slice.filter((p) => present.has(p.id as never));
			return positions.length > 0 && editor.run({ type: 'move', positions });
		})
	);
	if (moved) editor.view?.fit();
}

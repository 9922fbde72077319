import type { Core, ElementDefinition } from 'cytoscape';
import { setClass } from './classes';
import { EVALUATION_KEYS } from './evaluation';

/** Data and classes only: positions are compared with the node's own, so a move does not reset its data. */
const signatures = new WeakMap<ElementDefinition, string>();
function signature(d: ElementDefinition): string {
	let sig = signatures.get(d);
	if (sig === undefined) signatures.set(d, (sig = JSON.stringify([d.data, d.classes])));
	return sig;
}

/** What a reconciliation changed in elements already shown. */
export interface Changes {
	changed: string[];
	moved: number;
}

/** Cytoscape keeps the data and position objects it is given and changes them later: give it copies. */
const copy = (d: ElementDefinition): ElementDefinition => ({
	...d,
	data: { ...d.data },
	...(d.position && { position: { ...d.position } })
});

/**
 * Makes the graph show `next`, removing, adding and changing only what differs from what is shown
 * (R22). `shown` holds each shown element's definition and is kept up to date; a definition that is
 * the very object shown before is unchanged (toElements reuses them). Call inside one cy.batch.
 * Answers whether the structure changed: elements added or removed (an edge whose ends changed is both).
 * `report` gets the ids of nodes already shown whose data or position changed, and how many were moved.
 */
export function reconcile(
	cy: Core,
	shown: Map<string, ElementDefinition>,
	next: readonly ElementDefinition[],
	report: Changes = { changed: [], moved: 0 }
): boolean {
	const changed = report.changed;
	let structural = false;
	// Removals first. When every shown element is still in `next` (a keystroke, a move), there are none
	// to look for: counting them is cheaper than a set of every id on each edit.
	let kept = 0;
	for (const d of next) if (shown.has(d.data.id!)) kept++;
	if (kept < shown.size) {
		const ids = new Set(next.map((d) => d.data.id!));
		for (const id of shown.keys()) {
			if (!ids.has(id)) {
				cy.getElementById(id).remove();
				shown.delete(id);
				structural = true;
			}
		}
	}
	// New elements are added in one call (one by one is several times slower on large maps, R177);
	// nodes before edges, so an edge's ends exist when it is added (toElements lists them so).
	const added: ElementDefinition[] = [];
	for (const d of nodesFirst(next)) {
		const id = d.data.id!;
		const before = shown.get(id);
		// The very definition shown before: nothing about it changed (toElements reuses them).
		if (before === d) continue;
		shown.set(id, d);
		const existing = cy.getElementById(id);
		// An edge whose ends changed (a reversed relation) is drawn anew: Cytoscape cannot move its ends by data.
		const moved =
			existing.nonempty() &&
			existing.isEdge() &&
			(existing.data('source') !== d.data.source || existing.data('target') !== d.data.target);
		if (moved) existing.remove();
		if (existing.empty() || moved) {
			added.push(copy(d));
			continue;
		}
		if (!before || signature(before) !== signature(d)) {
			const stale = EVALUATION_KEYS.filter((k) => !(k in d.data) && existing.data(k) !== undefined);
			if (stale.length) existing.removeData(stale.join(' '));
			existing.data(d.data);
			if (existing.isNode()) changed.push(id);
			if (existing.isEdge()) {
				setClass(existing, 'comb', String(d.classes ?? '').includes('comb'));
				setClass(existing, 'from-left', String(d.classes ?? '').includes('from-left'));
			}
		}
		const p = d.position;
		if (p && existing.isNode() && !existing.grabbed()) {
			const at = existing.position();
			if (at.x !== p.x || at.y !== p.y) {
				existing.position(p);
				report.moved++;
				if (changed.at(-1) !== id) changed.push(id);
			}
		}
	}
	if (added.length) cy.add(added);
	return structural || added.length > 0;
}

const isEdge = (d: ElementDefinition) => d.group === 'edges';

/** The definitions with nodes before edges, in their order otherwise; as given when they are so already. */
function nodesFirst(defs: readonly ElementDefinition[]): readonly ElementDefinition[] {
	let edges = false;
	for (const d of defs) {
		if (isEdge(d)) edges = true;
		else if (edges) return [...defs.filter((d) => !isEdge(d)), ...defs.filter(isEdge)];
	}
	return defs;
}

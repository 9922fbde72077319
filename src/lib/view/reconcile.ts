import type { Core, ElementDefinition } from 'cytoscape';
import { setClass } from './classes';
import { EVALUATION_KEYS } from './evaluation';

/** Data and classes only: positions are compared with the node's own, so a move does not reset its data. */
const signature = (d: ElementDefinition) => JSON.stringify([d.data, d.classes]);

/**
 * Makes the graph show `next`, removing, adding and changing only what differs from what is shown
 * (R22). `shown` holds each shown element's signature and is kept up to date. Call inside one cy.batch.
 * Answers whether the structure changed: elements added or removed (an edge whose ends changed is both).
 */
export function reconcile(cy: Core, shown: Map<string, string>, next: readonly ElementDefinition[]): boolean {
	const ids = new Set(next.map((d) => d.data.id!));
	let structural = false;
	for (const id of shown.keys()) {
		if (!ids.has(id)) {
			cy.getElementById(id).remove();
			shown.delete(id);
			structural = true;
		}
	}
	// New elements are added in one call (one by one is several times slower on large maps, R177);
	// nodes before edges, so an edge's ends exist when it is added.
	const added: ElementDefinition[] = [];
	for (const d of [...next].sort((a, b) => (a.group === b.group ? 0 : a.group === 'nodes' ? -1 : 1))) {
		const id = d.data.id!;
		const sig = signature(d);
		const before = shown.get(id);
		const existing = cy.getElementById(id);
		// An edge whose ends changed (a reversed relation) is drawn anew: Cytoscape cannot move its ends by data.
		const moved =
			existing.nonempty() &&
			existing.isEdge() &&
			(existing.data('source') !== d.data.source || existing.data('target') !== d.data.target);
		if (moved) existing.remove();
		if (existing.empty() || moved) {
			shown.set(id, sig);
			added.push(d);
			continue;
		}
		if (before !== sig) {
			shown.set(id, sig);
			const stale = EVALUATION_KEYS.filter((k) => !(k in d.data) && existing.data(k) !== undefined);
			if (stale.length) existing.removeData(stale.join(' '));
			existing.data(d.data);
			if (existing.isEdge()) {
				setClass(existing, 'comb', String(d.classes ?? '').includes('comb'));
				setClass(existing, 'from-left', String(d.classes ?? '').includes('from-left'));
			}
		}
		const p = d.position;
		if (p && existing.isNode() && !existing.grabbed()) {
			const at = existing.position();
			if (at.x !== p.x || at.y !== p.y) existing.position(p);
		}
	}
	if (added.length) cy.add(added);
	return structural || added.length > 0;
}

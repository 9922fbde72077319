import type { Collection, Core } from 'cytoscape';
import { rendererOf } from './renderer';

/** How long claims stay lifted after their last change, in ms: the pause between a typist's words. */
const LIFT_IDLE_MS = 2000;
/** More claims than this changed at once are drawn in place: a change that wide redraws much of the map anyway. */
const LIFT_MAX = 4;
/** The notifications that only redraw the elements they name (not adds, removes or z-order). */
const REDRAW_ONLY = new Set(['style', 'bounds', 'position']);

interface Renderer {
	notify(event: string, eles?: Collection): void;
	redrawHint(group: 'eles' | 'drag', on: boolean): void;
	updateCachedGrabbedEles(): void;
	redraw(): void;
	data: { canvasNeedsRedraw: boolean[] };
	NODE: number;
}
interface Scratch {
	_private: { rscratch: { inDragLayer?: boolean } };
}
const scratch = (ele: unknown) => (ele as Scratch)._private.rscratch;

function allLifted(eles: Collection): boolean {
	for (let i = 0; i < eles.length; i++) if (!scratch(eles[i]).inDragLayer) return false;
	return eles.length > 0;
}

/**
 * Claims being edited (selected or typed into, here or by someone else) are drawn on Cytoscape's drag
 * layer, its own canvas above the map, as Cytoscape does with claims being dragged: a keystroke then
 * redraws that claim and its relations only, not every claim on screen (R179). On a map too large for
 * Cytoscape's layer cache (some thousands of claims) a full redraw took 50-230 ms per keystroke. After
 * LIFT_IDLE_MS without a change the claims go back into the map, which is drawn anew once.
 */
export class Lift {
	readonly #cy: Core;
	readonly #renderer: Renderer | undefined;
	#lifted: Collection;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(cy: Core) {
		this.#cy = cy;
		this.#lifted = cy.collection();
		const renderer = rendererOf<Renderer>(cy);
		if (!renderer || typeof renderer.notify !== 'function' || !renderer.data) return;
		this.#renderer = renderer as Renderer;
		const notify = renderer.notify;
		// Cytoscape marks both layers for redrawing on every change; a change to lifted elements only
		// leaves the map's layer as it was.
		renderer.notify = function (this: Renderer, event, eles) {
			if (!eles || !REDRAW_ONLY.has(event) || !allLifted(eles)) return notify.call(this, event, eles);
			const mapLayer = this.data.canvasNeedsRedraw[this.NODE]!;
			notify.call(this, event, eles);
			this.data.canvasNeedsRedraw[this.NODE] = mapLayer;
		};
	}

	/** Lifts these claims (and their relations) until they have not changed for LIFT_IDLE_MS. */
	touch(ids: readonly string[]): void {
		if (!this.#renderer || ids.length === 0 || ids.length > LIFT_MAX) return;
		const claims = this.#cy.collection();
		for (const id of ids) claims.merge(this.#cy.getElementById(id));
		const eles = claims.union(claims.connectedEdges());
		// Cytoscape puts every element back after a drag: check the elements, not our own list.
		if (!allLifted(eles)) {
			if (this.#lifted.nodes().union(claims).length > LIFT_MAX) this.#putBack();
			eles.forEach((ele) => void (scratch(ele).inDragLayer = true));
			this.#lifted = this.#lifted.union(eles);
			this.#redrawBoth();
		}
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.drop(), LIFT_IDLE_MS);
	}

	/**
	 * Lifts the claims matching `selector` once they are selected: the map is redrawn for the selection
	 * anyway, so the first keystroke does not pay for it. Once the selection is made: a box selection
	 * selects claim after claim.
	 */
	followSelection(selector: string): void {
		let queued = false;
		this.#cy.on('select', selector, () => {
			if (queued) return;
			queued = true;
			queueMicrotask(() => {
				queued = false;
				this.touch(this.#cy.$(`${selector}:selected`).map((n) => n.id()));
			});
		});
	}

	/** Puts every lifted element back into the map. */
	drop(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		if (this.#lifted.empty()) return;
		this.#putBack();
		this.#redrawBoth();
	}

	#putBack() {
		// A removed element has no renderer scratch left to reset.
		this.#lifted.forEach((ele) => void (ele.removed() || (scratch(ele).inDragLayer = false)));
		this.#lifted = this.#cy.collection();
	}

	#redrawBoth() {
		const renderer = this.#renderer!;
		renderer.updateCachedGrabbedEles();
		renderer.redrawHint('eles', true);
		renderer.redrawHint('drag', true);
		renderer.redraw();
	}
}

import type { Collection, Core } from 'cytoscape';
import { rendererOf } from './renderer';

/** A change moving fewer claims than this (a drag, a nudge) is drawn as usual. */
const MOTION_MIN = 10;
/** Relations are drawn again this long after the last change that moved many claims, in ms. */
const MOTION_IDLE_MS = 250;

type Draw = (context: unknown, eles: Collection, pxRatio: number, extent: unknown) => void;
interface Renderer {
	drawLayeredElements: Draw;
	drawCachedNodes: Draw;
	redrawHint(group: 'eles' | 'drag', on: boolean): void;
	redraw(): void;
	data: { contexts: unknown[] };
	NODE: number;
}

/**
 * Many claims moving at once (Tidy layout, here or by a colleague, in steps of 20 claims per frame):
 * the map's frames leave the relations out until the claims have stopped for MOTION_IDLE_MS, as
 * Cytoscape does during an animated viewport move (R180). Cytoscape's layer cache is off while
 * elements move, so each frame draws every element on screen; on 1,000 claims the relations were
 * about half of a frame's 40-50 ms, and frames took up to 160 ms with them.
 */
export class Motion {
	readonly #cy: Core;
	readonly #renderer: Renderer | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(cy: Core) {
		this.#cy = cy;
		const renderer = rendererOf<Renderer>(cy);
		const draw = renderer?.drawLayeredElements;
		if (!renderer?.data || typeof draw !== 'function' || typeof renderer.drawCachedNodes !== 'function')
			return;
		this.#renderer = renderer as Renderer;
		const moving = () => this.#timer !== undefined;
		// The map's layer (not the layer of lifted claims, R179) is drawn through this method, and so is a
		// picture export (into a context of its own), which keeps its relations.
		renderer.drawLayeredElements = function (this: Renderer, context, eles, pxRatio, extent) {
			if (moving() && context === this.data.contexts[this.NODE])
				this.drawCachedNodes(context, eles, pxRatio, extent);
			else draw.call(this, context, eles, pxRatio, extent);
		};
	}

	/** Reports that one change moved `count` claims, among the claims `ids`. */
	moved(count: number, ids: readonly string[]): void {
		if (!this.#renderer || count < MOTION_MIN) return;
		// Cytoscape computes an element's box when it draws it. The relations left out would otherwise all
		// need theirs at once, in the frame that draws them again or when the map is fitted after a tidy
		// (30-80 ms on 1,000 claims); computed here, they cost a little per step. The claims' own boxes
		// too: the frame, which draws every claim on screen, is the longer task (R182).
		const claims = this.#cy.collection();
		for (const id of ids) claims.merge(this.#cy.getElementById(id));
		claims.union(claims.connectedEdges()).boundingBox();
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.stop(), MOTION_IDLE_MS);
	}

	/** Draws the relations again now. */
	stop(): void {
		if (this.#timer === undefined) return;
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#renderer!.redrawHint('eles', true);
		this.#renderer!.redraw();
	}
}

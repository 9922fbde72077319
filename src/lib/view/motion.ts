import type { Collection, Core } from 'cytoscape';
import { drawBoxes, lastNode, textHidden } from './boxes';
import { rendererOf } from './renderer';

/** A change moving fewer claims than this (a drag, a nudge) is drawn as usual. */
const MOTION_MIN = 10;
/** Relations are drawn again this long after the last change that moved many claims, in ms. */
const MOTION_IDLE_MS = 250;
/** Longest wait for Cytoscape's layer cache after a motion, in ms; then the map is drawn as usual. */
const SETTLE_MAX_MS = 3000;
/** How soon a frame looks again while the layer cache refuses to build (just after changes), in ms. */
const SETTLE_RETRY_MS = 60;

type Draw = (context: unknown, eles: Collection, pxRatio: number, extent: unknown) => void;
/** Cytoscape's layered texture cache: the map drawn into a few pictures, built a little per frame. */
interface LayerCache {
	getLayers(eles: Collection, pxRatio: number): unknown[] | null;
	/** True while elements changed in the last 250 ms: no layers are built then. */
	skipping: boolean;
	layersQueue: { size(): number };
}
interface Renderer {
	drawLayeredElements: Draw;
	drawCachedNodes: Draw;
	redrawHint(group: 'eles' | 'drag', on: boolean): void;
	redraw(): void;
	data: { contexts: unknown[]; lyrTxrCache?: LayerCache };
	NODE: number;
}

/**
 * Many claims moving at once (Tidy layout, here or by a colleague, in steps of 20 claims per frame):
 * the map's frames leave the relations out until the claims have stopped for MOTION_IDLE_MS, as
 * Cytoscape does during an animated viewport move (R180). Cytoscape's layer cache is off while
 * elements move, so each frame draws every element on screen; on 1,000 claims the relations were
 * about half of a frame's 40-50 ms, and frames took up to 160 ms with them.
 *
 * When the claims have stopped, the relations come back once Cytoscape's layer cache holds the whole
 * map again (it builds it a little per frame, into a picture reused where it can: layer-pool.ts) rather
 * than all drawn directly in one frame, as above. After a tidy of 1,000 claims that frame took 200-290 ms
 * (most of it making the cache's new picture); now 10-40 ms. Where the cache cannot serve (a map too
 * large for its pictures at this zoom) or takes too long, the map is drawn as usual.
 *
 * Meanwhile, when the claims are too small on screen for their text (the map seen whole), they are drawn
 * as boxes in their colours (boxes.ts), as they look then anyway: drawing each claim's cached picture made
 * frames of 13-64 ms on 1,000 claims, the boxes 5-33 ms.
 */
export class Motion {
	readonly #cy: Core;
	readonly #renderer: Renderer | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** Since when the claims have stopped and the relations wait for the layer cache, if they do. */
	#settlingSince: number | undefined;
	#retry: ReturnType<typeof setTimeout> | undefined;

	constructor(cy: Core) {
		this.#cy = cy;
		const renderer = rendererOf<Renderer>(cy);
		const draw = renderer?.drawLayeredElements;
		if (!renderer?.data || typeof draw !== 'function' || typeof renderer.drawCachedNodes !== 'function')
			return;
		this.#renderer = renderer as Renderer;
		const nodesOnly = (eles: Collection, pxRatio: number) =>
			this.#timer !== undefined || !this.#settled(eles, pxRatio);
		// The map's layer (not the layer of lifted claims, R179) is drawn through this method, and so is a
		// picture export (into a context of its own), which keeps its relations.
		renderer.drawLayeredElements = function (this: Renderer, context, eles, pxRatio, extent) {
			if (context === this.data.contexts[this.NODE] && nodesOnly(eles, pxRatio)) {
				const claim = lastNode(eles);
				if (claim && textHidden(claim, cy.zoom(), pxRatio))
					drawBoxes(context as CanvasRenderingContext2D, eles, extent as never);
				else this.drawCachedNodes(context, eles, pxRatio, extent);
			} else draw.call(this, context, eles, pxRatio, extent);
		};
	}

	/**
	 * Whether the relations may be drawn again: no motion is settling, or the layer cache has the map
	 * (asking for it queues what is missing), or it cannot build it, or the wait has been too long.
	 */
	#settled(eles: Collection, pxRatio: number): boolean {
		const since = this.#settlingSince;
		const cache = this.#renderer!.data.lyrTxrCache;
		if (since === undefined || !cache) return true;
		const ready =
			performance.now() - since > SETTLE_MAX_MS ||
			(!cache.skipping && (cache.getLayers(eles, pxRatio) !== null || cache.layersQueue.size() === 0));
		if (ready) this.#settlingSince = undefined;
		// The cache asks for frames while it builds; while it refuses to (changes just made), look again soon.
		else if (cache.skipping) {
			clearTimeout(this.#retry);
			this.#retry = setTimeout(() => this.#redraw(), SETTLE_RETRY_MS);
		}
		return ready;
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
		this.#timer = setTimeout(() => this.#settle(), MOTION_IDLE_MS);
	}

	/** The claims have stopped: the relations come back when the layer cache has the map. */
	#settle() {
		this.#timer = undefined;
		this.#settlingSince = performance.now();
		this.#redraw();
	}

	#redraw() {
		this.#renderer!.redrawHint('eles', true);
		this.#renderer!.redraw();
	}

	/** Draws the relations again now. */
	stop(): void {
		clearTimeout(this.#retry);
		this.#settlingSince = undefined;
		if (this.#timer === undefined) return;
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#redraw();
	}
}

import type { Core } from 'cytoscape';
import { rendererOf } from './renderer';

/** A picture of part of the map that Cytoscape's layer cache draws into and then onto the screen. */
export interface LayerCanvas {
	width: number;
	height: number;
	getContext(kind: '2d'): LayerContext | null;
}
export interface LayerContext {
	setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
	clearRect(x: number, y: number, w: number, h: number): void;
	scale(x: number, y: number): void;
	translate(x: number, y: number): void;
}
interface Box {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
	w: number;
	h: number;
}
/** One layer as Cytoscape's layered texture cache keeps it (cytoscape 3.35, `LTCp.makeLayer`). */
export interface Layer {
	id: number;
	bb: Box;
	level: number;
	width: number;
	height: number;
	canvas: LayerCanvas;
	context: LayerContext;
	eles: unknown[];
	elesQueue: unknown[];
	reqs: number;
	invalid?: boolean;
	replaces?: Layer;
	replacement?: Layer;
}
export interface LayerCache {
	makeLayer(bb: Box, level: number): Layer;
	layersByLevel: Record<number, Layer[] | undefined>;
}

/** A new picture gets this much room to grow on each side (a map a little larger still fits it), in px. */
export const LAYER_ROUND = 256;
/** Pictures no layer uses that are kept for the next layers (each as large as a layer: tens of MB). */
export const SPARE_LAYERS = 1;
/** Cytoscape's own limit on a layer's side, in px. */
const MAX_SIDE = 32767;
/** Ids of our layers, apart from the ones Cytoscape numbers. */
let ids = 2 ** 40;

const roundUp = (px: number) => Math.min(MAX_SIDE, Math.ceil(px / LAYER_ROUND) * LAYER_ROUND);

/**
 * Lets Cytoscape's layer cache reuse its pictures. It draws the whole map into one picture per zoom
 * level and makes a new one whenever the map changes broadly (after Tidy layout, for one): creating a
 * picture of a fitted 1,000-claim map (about 11,500 by 1,250 px, 58 MB) took 190-250 ms here, in one
 * task, where clearing an existing one is nearly free. A layer now takes a picture that no current
 * layer uses and that is large enough, or a new one with room to grow; its box is widened to the
 * picture's size, so Cytoscape draws it at the right scale (the added margin is transparent). The
 * price: one spare picture is kept instead of left to the garbage collector.
 */
export function poolLayers(cache: LayerCache, makeCanvas: (w: number, h: number) => LayerCanvas) {
	/** The last layer made with each picture. */
	const pool: Layer[] = [];
	const inUse = (layer: Layer) =>
		!layer.invalid &&
		((cache.layersByLevel[layer.level] ?? []).includes(layer) || layer.replaces?.replacement === layer);
	cache.makeLayer = (bb, level) => {
		const scale = 2 ** level;
		const w = Math.ceil(bb.w * scale);
		const h = Math.ceil(bb.h * scale);
		const free = pool.filter((l) => !inUse(l));
		const fit = free
			.filter((l) => l.width >= w && l.height >= h)
			.sort((a, b) => a.width * a.height - b.width * b.height)[0];
		let canvas: LayerCanvas;
		let context: LayerContext;
		if (fit) {
			({ canvas, context } = fit);
			context.setTransform(1, 0, 0, 1, 0, 0);
			context.clearRect(0, 0, canvas.width, canvas.height);
		} else {
			canvas = makeCanvas(roundUp(w), roundUp(h));
			const made = canvas.getContext('2d');
			if (!made) throw new Error('a layer of the map could not get a 2D drawing context');
			context = made;
			// Pictures beyond the spares are left to the garbage collector.
			for (const spare of free.slice(SPARE_LAYERS)) pool.splice(pool.indexOf(spare), 1);
		}
		const bw = canvas.width / scale;
		const bh = canvas.height / scale;
		const layer: Layer = {
			id: ids++,
			bb: { x1: bb.x1, y1: bb.y1, x2: bb.x1 + bw, y2: bb.y1 + bh, w: bw, h: bh },
			level,
			width: canvas.width,
			height: canvas.height,
			canvas,
			context,
			eles: [],
			elesQueue: [],
			reqs: 0
		};
		if (fit) pool[pool.indexOf(fit)] = layer;
		else pool.push(layer);
		context.scale(scale, scale);
		context.translate(-bb.x1, -bb.y1);
		return layer;
	};
}

/** Installs `poolLayers` on the map's renderer, where there is one with a layer cache. */
export function poolMapLayers(cy: Core) {
	const renderer = rendererOf<{
		data: { lyrTxrCache?: LayerCache };
		makeOffscreenCanvas(w: number, h: number): LayerCanvas;
	}>(cy);
	const cache = renderer?.data?.lyrTxrCache;
	if (!cache || typeof cache.makeLayer !== 'function' || typeof renderer.makeOffscreenCanvas !== 'function')
		return;
	poolLayers(cache, (w, h) => renderer.makeOffscreenCanvas!(w, h));
}

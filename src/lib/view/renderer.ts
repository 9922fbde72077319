import type { Core } from 'cytoscape';

/**
 * Cytoscape's renderer object, for the few settings and methods this view tunes that Cytoscape reads
 * from it on every frame but offers no API for (label-cache.ts, lift.ts, motion.ts, large maps below). Undefined
 * where there is none (headless without a renderer).
 */
export function rendererOf<T extends object>(cy: Core): Partial<T> | undefined {
	return (cy as unknown as { renderer?: () => Partial<T> | undefined }).renderer?.();
}

/** From this many claims on, a pan or zoom moves a picture of the map and draws it anew when it ends (R173). */
export const LARGE_MAP = 2000;

/**
 * Large maps: while a person pans or zooms (drag, wheel, pinch), Cytoscape moves one snapshot of the
 * drawing instead of redrawing thousands of claims every frame, and leaves the relations out of the
 * frames of an animated move. Renderer settings that Cytoscape reads on every frame.
 */
export function largeMapDrawing(cy: Core, claims: number) {
	const renderer = rendererOf<{ textureOnViewport: boolean; hideEdgesOnViewport: boolean }>(cy);
	if (!renderer) return;
	renderer.textureOnViewport = claims >= LARGE_MAP;
	renderer.hideEdgesOnViewport = claims >= LARGE_MAP;
}

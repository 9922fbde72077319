import type { Core } from 'cytoscape';

/**
 * Cytoscape's renderer object, for the few settings and methods this view tunes that Cytoscape reads
 * from it on every frame but offers no API for (label-cache.ts, large maps in graph-view.ts). Undefined
 * where there is none (headless without a renderer).
 */
export function rendererOf<T extends object>(cy: Core): Partial<T> | undefined {
	return (cy as unknown as { renderer?: () => Partial<T> | undefined }).renderer?.();
}

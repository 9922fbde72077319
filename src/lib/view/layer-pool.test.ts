import { describe, expect, it } from 'vitest';
import { LAYER_ROUND, poolLayers, SPARE_LAYERS, type Layer, type LayerCache } from './layer-pool';

/** A canvas that records what is done to it, as the layer cache's pictures. */
function fakeCanvas(width: number, height: number) {
	const calls: string[] = [];
	const context = {
		setTransform: () => calls.push('reset'),
		clearRect: (_x: number, _y: number, w: number, h: number) => calls.push(`clear ${w}x${h}`),
		scale: (x: number) => calls.push(`scale ${x}`),
		translate: (x: number, y: number) => calls.push(`translate ${x},${y}`)
	};
	return { width, height, calls, getContext: () => context };
}

function setup() {
	const made: ReturnType<typeof fakeCanvas>[] = [];
	const cache = { layersByLevel: {} } as LayerCache;
	poolLayers(cache, (w, h) => {
		const canvas = fakeCanvas(w, h);
		made.push(canvas);
		return canvas;
	});
	const make = (w: number, h: number, level = 0, x1 = 0, y1 = 0) =>
		cache.makeLayer({ x1, y1, x2: x1 + w, y2: y1 + h, w, h }, level);
	/** Makes a layer as Cytoscape's getLayers does: asked for, then listed under its level. */
	const layer = (w: number, h: number, level = 0, x1 = 0, y1 = 0) => {
		const made = make(w, h, level, x1, y1);
		(cache.layersByLevel[level] ??= []).push(made);
		return made;
	};
	/** Cytoscape marks a layer invalid and drops it from its level when elements in it change. */
	const invalidate = (l: Layer) => {
		l.invalid = true;
		const list = cache.layersByLevel[l.level]!;
		list.splice(list.indexOf(l), 1);
	};
	return { made, make, layer, invalidate };
}

describe('layer pictures reused (layer-pool.ts)', () => {
	it('gives a new layer a new picture with room to grow, and widens its box to the picture', () => {
		const { made, layer } = setup();
		const l = layer(1000, 300, -1, 50, 20);
		expect(made.map((c) => [c.width, c.height])).toEqual([[LAYER_ROUND * 2, LAYER_ROUND]]);
		// 1000 x 300 at level -1 is 500 x 150 px; the picture is 512 x 256, so the box covers 1024 x 512.
		expect(l.bb).toEqual({ x1: 50, y1: 20, x2: 1074, y2: 532, w: 1024, h: 512 });
		expect([l.width, l.height, l.level]).toEqual([512, 256, -1]);
		expect(made[0]!.calls).toEqual(['scale 0.5', 'translate -50,-20']);
	});

	it('reuses the picture of a layer no longer in use, cleared, instead of making one', () => {
		const { made, layer, invalidate } = setup();
		const first = layer(1000, 1000);
		invalidate(first);
		const second = layer(900, 1000, 0, 10, 10);
		expect(made).toHaveLength(1);
		expect(second.canvas).toBe(first.canvas);
		expect(second.id).not.toBe(first.id);
		expect(made[0]!.calls.slice(2)).toEqual(['reset', 'clear 1024x1024', 'scale 1', 'translate -10,-10']);
	});

	it('never hands out a picture that a current layer or a pending replacement draws', () => {
		const { made, make, layer } = setup();
		const shown = layer(100, 100);
		// A replacement (sharper textures) is not listed under its level until it is applied.
		const replacement = make(100, 100);
		replacement.replaces = shown;
		shown.replacement = replacement;
		const third = layer(100, 100);
		expect(new Set([shown.canvas, replacement.canvas, third.canvas]).size).toBe(3);
		expect(made).toHaveLength(3);
	});

	it('makes a new picture when no free one is large enough, and keeps only a few spares', () => {
		const { made, layer, invalidate } = setup();
		const small = Array.from({ length: SPARE_LAYERS + 2 }, () => layer(100, 100));
		small.forEach(invalidate);
		const big = layer(2000, 100);
		expect(big.canvas).toBe(made.at(-1));
		expect(made).toHaveLength(SPARE_LAYERS + 3);
		// The spares left are reused; the others were dropped from the pool.
		invalidate(big);
		const again = Array.from({ length: SPARE_LAYERS + 1 }, () => layer(100, 100));
		const reused = again.filter((l) => small.some((s) => s.canvas === l.canvas));
		expect(reused.length).toBe(SPARE_LAYERS);
	});
});

import { describe, expect, it } from 'vitest';
import { rowTops, rowWindow, scrollToShow } from './row-window';

const keys = Array.from({ length: 1000 }, (_, i) => `r${i}`);

describe('row window (R19: the outline of a large map draws the rows on screen)', () => {
	it('places rows by measured heights, estimating the rest', () => {
		const tops = rowTops(['a', 'b', 'c'], new Map([['b', 40]]), 24);
		expect([...tops]).toEqual([0, 24, 64, 88]);
	});

	it('draws the rows between two heights and the overscan either side, never past the ends', () => {
		const tops = rowTops(keys, new Map(), 20);
		// 1,000 px down, a 400 px view: rows 50 to 69 are on screen.
		expect(rowWindow(tops, 1000, 1400, 10)).toEqual({ first: 40, end: 80 });
		expect(rowWindow(tops, 0, 400, 10)).toEqual({ first: 0, end: 30 });
		expect(rowWindow(tops, 19_800, 20_200, 10)).toEqual({ first: 980, end: 1000 });
		// A row partly on screen is drawn.
		expect(rowWindow(tops, 1010, 1011, 0)).toEqual({ first: 50, end: 51 });
	});

	it('draws every row of a short list, and none of an empty one', () => {
		expect(rowWindow(rowTops(keys.slice(0, 30), new Map(), 20), 0, 800, 40)).toEqual({ first: 0, end: 30 });
		expect(rowWindow(rowTops([], new Map(), 20), 0, 800, 40)).toEqual({ first: 0, end: 0 });
	});

	it('scrolls the least that shows a row whole, and not at all when it is in view', () => {
		expect(scrollToShow(1000, 400, 1100, 1124)).toBe(1000);
		expect(scrollToShow(1000, 400, 500, 524)).toBe(500);
		expect(scrollToShow(1000, 400, 2000, 2024)).toBe(1624);
		// A row taller than the view: its top.
		expect(scrollToShow(1000, 400, 2000, 2600)).toBe(2000);
	});
});

/**
 * Which rows of a long list to draw: those on screen and some either side (the outline of a map of
 * thousands of claims, R19). Rows may wrap to several lines: each one's height is measured once drawn
 * and estimated until then.
 */

/** Where each row starts, in px from the top of the list, and (last) where the list ends. */
export function rowTops(
	keys: readonly string[],
	heights: ReadonlyMap<string, number>,
	estimate: number
): Float64Array {
	const tops = new Float64Array(keys.length + 1);
	for (let i = 0; i < keys.length; i++) tops[i + 1] = tops[i]! + (heights.get(keys[i]!) ?? estimate);
	return tops;
}

/** The first row ending below `y` (the row count when none does). */
function rowAt(tops: Float64Array, y: number): number {
	let lo = 0;
	let hi = tops.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (tops[mid + 1]! > y) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/** The rows to draw, `first` to `end` (excluded): those between `from` and `to` px, and `overscan` more either side. */
export function rowWindow(
	tops: Float64Array,
	from: number,
	to: number,
	overscan: number
): { first: number; end: number } {
	const count = tops.length - 1;
	const first = Math.max(0, rowAt(tops, from) - overscan);
	// The row at `to` is on screen unless it starts right there.
	const last = rowAt(tops, to);
	const end = Math.min(count, (last < count && tops[last]! < to ? last + 1 : last) + overscan);
	return { first: Math.min(first, end), end };
}

/**
 * Where to scroll so that the row from `top` to `bottom` px is in a view of `height` px now at
 * `scrollTop`: no move when it is in view, else the least move that shows it whole.
 */
export function scrollToShow(scrollTop: number, height: number, top: number, bottom: number): number {
	if (top < scrollTop) return top;
	if (bottom > scrollTop + height) return Math.min(top, bottom - height);
	return scrollTop;
}

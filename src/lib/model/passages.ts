/** A range of a source's text with the claims whose passages cover it. */
export interface Segment {
	readonly start: number;
	readonly end: number;
	/** Claims whose passage covers this whole segment (empty: plain text). */
	readonly ids: readonly string[];
}

/**
 * Cuts a text of `length` characters into consecutive segments at every passage boundary, so the
 * source can be shown as plain text spans with the anchored passages highlighted (R132). Overlapping
 * passages give segments covered by several claims; ranges outside the text are clipped.
 */
export function segments(
	length: number,
	ranges: readonly { start: number; end: number; id: string }[]
): Segment[] {
	const clipped = ranges
		.map((r) => ({ id: r.id, start: Math.max(0, r.start), end: Math.min(length, r.end) }))
		.filter((r) => r.start < r.end);
	const cuts = [...new Set([0, length, ...clipped.flatMap((r) => [r.start, r.end])])].sort((a, b) => a - b);
	const out: Segment[] = [];
	for (let k = 0; k + 1 < cuts.length; k++) {
		const start = cuts[k]!;
		const end = cuts[k + 1]!;
		const ids = clipped.filter((r) => r.start <= start && r.end >= end).map((r) => r.id);
		out.push({ start, end, ids });
	}
	return out;
}

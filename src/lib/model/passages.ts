import { resolve, type Resolved, type TextAnchor } from './anchor';

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

/** Where a claim's anchor points now: its passage, or broken (source gone or passage not found). */
export type Passage = { sourceId: string; anchor: TextAnchor } & (
	{ broken: false; at: Resolved } | { broken: true; reason: string }
);

/** Texts whose resolved anchors are remembered: approximate searches cost tens of ms each. */
const CACHED_TEXTS = 8;
const cache = new Map<string, Map<string, Resolved | undefined>>();

/** {@link resolve}, remembered per text and anchor, so re-reading after an unrelated change is free. */
function resolveCached(text: string, anchor: TextAnchor): Resolved | undefined {
	let byAnchor = cache.get(text);
	if (!byAnchor) {
		if (cache.size >= CACHED_TEXTS) cache.delete(cache.keys().next().value!);
		cache.set(text, (byAnchor = new Map()));
	}
	const key = JSON.stringify(anchor);
	if (!byAnchor.has(key)) byAnchor.set(key, resolve(text, anchor));
	return byAnchor.get(key);
}

/** Each anchored claim's passage, re-found in the current text of its source (R131, R133). */
export function resolvePassages(
	sources: readonly { id: string; text: string }[],
	anchors: ReadonlyMap<string, TextAnchor>
): Map<string, Passage> {
	const texts = new Map(sources.map((s) => [s.id, s.text]));
	const out = new Map<string, Passage>();
	for (const [claim, anchor] of anchors) {
		const text = texts.get(anchor.sourceId);
		const at = text === undefined ? undefined : resolveCached(text, anchor);
		const base = { sourceId: anchor.sourceId, anchor };
		if (at) out.set(claim, { ...base, broken: false, at });
		else
			out.set(claim, {
				...base,
				broken: true,
				reason: text === undefined ? 'its source was removed' : 'the passage is no longer in the source'
			});
	}
	return out;
}

import { fail, ok, type Result } from './errors';
import { isId } from './ids';
import { isRecord } from './validate';

/**
 * Where a claim's passage is in a source, in the spirit of the W3C Web Annotation TextQuoteSelector
 * (the passage and the words around it) with a TextPositionSelector as a hint (`start`): the quote is
 * the truth, the position only helps find it again after the source changed (R131).
 */
export interface TextAnchor {
	readonly sourceId: string;
	/** The passage, character for character. */
	readonly exact: string;
	/** Up to {@link CONTEXT_CHARS} characters just before the passage. */
	readonly prefix: string;
	/** Up to {@link CONTEXT_CHARS} characters just after the passage. */
	readonly suffix: string;
	/** Where the passage started when anchored (a hint). */
	readonly start: number;
}

/** A passage found again: `how` says whether it was where it was, moved, or found only approximately. */
export interface Resolved {
	readonly start: number;
	readonly end: number;
	readonly how: 'exact' | 'moved' | 'fuzzy';
}

/** Characters of context kept on each side: enough to tell repeated phrases apart. */
export const CONTEXT_CHARS = 32;
/** Longest passage an anchor holds (as long as a claim's quote may be). */
export const EXACT_MAX = 4000;
/** A passage edited by at most this share of its length (in character edits) is still found. */
export const FUZZY_TOLERANCE = 0.2;
/** Passages longer than this are only found exactly (the approximate search costs length × text). */
export const FUZZY_MAX = 1000;
/** The approximate search first looks this far around the hint, then in the whole text if affordable. */
const FUZZY_WINDOW = 5000;
/** Upper bound on the approximate search's work (pattern length × text length) over the whole text. */
const FUZZY_BUDGET = 2e7;

/** Builds the anchor of the passage `text[start, end)` of a source. */
export function anchorAt(sourceId: string, text: string, start: number, end: number): TextAnchor {
	return {
		sourceId,
		exact: text.slice(start, end),
		prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
		suffix: text.slice(end, end + CONTEXT_CHARS),
		start
	};
}

/**
 * Anchors a quote in a source: the occurrence nearest `hint` (a character position, e.g. where a
 * selection started), else the first. Undefined when the quote is not in the text.
 */
export function anchor(
	source: { id: string; text: string },
	exact: string,
	hint = 0
): TextAnchor | undefined {
	if (!exact || exact.length > EXACT_MAX) return undefined;
	const found = occurrences(source.text, exact);
	if (found.length === 0) return undefined;
	const start = best(
		found,
		() => 0,
		(i) => Math.abs(i - hint)
	);
	return anchorAt(source.id, source.text, start, start + exact.length);
}

/**
 * Finds an anchored passage in the (possibly edited) text of its source: exactly at the position hint,
 * else the occurrence of the quote whose surrounding words match best (ties: nearest the hint), else
 * the closest approximate match within {@link FUZZY_TOLERANCE}. Undefined when the passage is gone.
 */
export function resolve(text: string, a: TextAnchor): Resolved | undefined {
	const len = a.exact.length;
	if (len === 0) return undefined;
	if (text.startsWith(a.exact, a.start)) return { start: a.start, end: a.start + len, how: 'exact' };
	const found = occurrences(text, a.exact);
	if (found.length > 0) {
		const start = best(
			found,
			(i) => contextScore(text, a, i, i + len),
			(i) => Math.abs(i - a.start)
		);
		return { start, end: start + len, how: 'moved' };
	}
	return fuzzy(text, a);
}

/** Every start of `needle` in `text`, overlapping ones included. */
export function occurrences(text: string, needle: string): number[] {
	const out: number[] = [];
	if (!needle) return out;
	for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
	return out;
}

/** How many characters of prefix and suffix agree with the text around `[start, end)`. */
function contextScore(text: string, a: TextAnchor, start: number, end: number): number {
	let score = 0;
	for (let k = 1; k <= a.prefix.length && text[start - k] === a.prefix[a.prefix.length - k]; k++) score++;
	for (let k = 0; k < a.suffix.length && text[end + k] === a.suffix[k]; k++) score++;
	return score;
}

/** The candidate with the highest score, ties going to the one nearest the hint. */
function best<T>(candidates: readonly T[], score: (c: T) => number, distance: (c: T) => number): T {
	let pick = candidates[0] as T;
	let pickScore = score(pick);
	for (const c of candidates.slice(1)) {
		const s = score(c);
		if (s > pickScore || (s === pickScore && distance(c) < distance(pick))) [pick, pickScore] = [c, s];
	}
	return pick;
}

function fuzzy(text: string, a: TextAnchor): Resolved | undefined {
	const len = a.exact.length;
	if (len > FUZZY_MAX) return undefined;
	const maxErrors = Math.floor(len * FUZZY_TOLERANCE);
	if (maxErrors === 0) return undefined;
	const from = Math.max(0, a.start - FUZZY_WINDOW);
	const to = Math.min(text.length, a.start + len + FUZZY_WINDOW);
	const near = approximate(text, from, to, a, maxErrors);
	if (near || to - from === text.length || len * text.length > FUZZY_BUDGET) return near;
	return approximate(text, 0, text.length, a, maxErrors);
}

/**
 * Approximate substring search (Sellers' dynamic programme, tracking where each match starts) over
 * `text[from, to)`: the match with the fewest edits, then the best context, then nearest the hint.
 */
function approximate(
	text: string,
	from: number,
	to: number,
	a: TextAnchor,
	maxErrors: number
): Resolved | undefined {
	const p = a.exact;
	const m = p.length;
	let cost = new Int32Array(m + 1);
	let origin = new Int32Array(m + 1);
	let nextCost = new Int32Array(m + 1);
	let nextOrigin = new Int32Array(m + 1);
	for (let i = 0; i <= m; i++) {
		cost[i] = i;
		origin[i] = from;
	}
	let bestCost = maxErrors + 1;
	let matches: { start: number; end: number }[] = [];
	for (let j = from; j < to; j++) {
		const c = text[j];
		nextCost[0] = 0;
		nextOrigin[0] = j + 1;
		for (let i = 1; i <= m; i++) {
			let v = cost[i - 1]! + (p[i - 1] === c ? 0 : 1);
			let o = origin[i - 1]!;
			if (cost[i]! + 1 < v) {
				v = cost[i]! + 1;
				o = origin[i]!;
			}
			if (nextCost[i - 1]! + 1 < v) {
				v = nextCost[i - 1]! + 1;
				o = nextOrigin[i - 1]!;
			}
			nextCost[i] = v;
			nextOrigin[i] = o;
		}
		const swapCost = cost;
		cost = nextCost;
		nextCost = swapCost;
		const swapOrigin = origin;
		origin = nextOrigin;
		nextOrigin = swapOrigin;
		const v = cost[m]!;
		if (v < bestCost) [bestCost, matches] = [v, []];
		if (v === bestCost) matches.push({ start: origin[m]!, end: j + 1 });
	}
	if (matches.length === 0) return undefined;
	const pick = best(
		matches,
		(c) => contextScore(text, a, c.start, c.end),
		(c) => Math.abs(c.start - a.start)
	);
	return { ...pick, how: 'fuzzy' };
}

/** Validates an anchor read from the shared document (R13, R131). */
export function parseAnchor(raw: unknown, where: string): Result<TextAnchor> {
	if (!isRecord(raw)) return fail('BAD_FORMAT', where, 'expected an object');
	const { sourceId, exact, prefix, suffix, start } = raw;
	if (!isId(sourceId)) return fail('BAD_ID', `${where}.sourceId`);
	if (typeof exact !== 'string' || exact.length === 0 || exact.length > EXACT_MAX)
		return fail('BAD_FORMAT', `${where}.exact`, `expected 1 to ${EXACT_MAX} characters`);
	for (const [key, value] of [
		['prefix', prefix],
		['suffix', suffix]
	] as const) {
		if (typeof value !== 'string' || value.length > CONTEXT_CHARS)
			return fail('BAD_FORMAT', `${where}.${key}`, `expected at most ${CONTEXT_CHARS} characters`);
	}
	if (!Number.isInteger(start) || (start as number) < 0)
		return fail('BAD_FORMAT', `${where}.start`, 'expected a position');
	return ok({ sourceId, exact, prefix: prefix as string, suffix: suffix as string, start: start as number });
}

import { describe, expect, it } from 'vitest';
import { anchor, anchorAt, parseAnchor, resolve, type TextAnchor } from './anchor';
import { segments } from './passages';

const SOURCE =
	'Russia and China cooperate on energy. The obstacles to an alliance remain evident. ' +
	'Trade is growing. The obstacles to an alliance remain evident, says the author.';
const QUOTE = 'The obstacles to an alliance remain evident';
const src = { id: 'article', text: SOURCE };

/** The anchored passage's text in `text`, or undefined when broken. */
function found(text: string, a: TextAnchor): string | undefined {
	const r = resolve(text, a);
	return r && text.slice(r.start, r.end);
}

describe('anchoring passages (R131)', () => {
	it('R131: anchors the occurrence nearest the hint, with context', () => {
		const second = SOURCE.lastIndexOf(QUOTE);
		const a = anchor(src, QUOTE, second - 3)!;
		expect(a.start).toBe(second);
		expect(a.prefix.endsWith('growing. ')).toBe(true);
		expect(a.suffix.startsWith(', says')).toBe(true);
		expect(anchor(src, 'not in the text')).toBeUndefined();
	});

	it('R131: resolves in place when the source is unchanged', () => {
		const a = anchor(src, QUOTE)!;
		expect(resolve(SOURCE, a)).toEqual({ start: a.start, end: a.start + QUOTE.length, how: 'exact' });
	});

	it('R131: insertions before the passage move it; the anchor follows', () => {
		const a = anchor(src, 'Trade is growing')!;
		const edited = 'A new opening paragraph.\n\n' + SOURCE.replace('energy', 'oil and gas');
		const r = resolve(edited, a)!;
		expect(r.how).toBe('moved');
		expect(edited.slice(r.start, r.end)).toBe('Trade is growing');
	});

	it('R131: an ambiguous quote goes to the occurrence its surrounding words match', () => {
		const first = anchor(src, QUOTE, 0)!;
		const second = anchor(src, QUOTE, SOURCE.length)!;
		const shifted = 'Preface. ' + SOURCE;
		expect(resolve(shifted, first)!.start).toBe(shifted.indexOf(QUOTE));
		expect(resolve(shifted, second)!.start).toBe(shifted.lastIndexOf(QUOTE));
		// Without a usable position hint, the context alone decides.
		expect(resolve(shifted, { ...second, start: 0 })!.start).toBe(shifted.lastIndexOf(QUOTE));
		expect(resolve(shifted, { ...first, start: shifted.length })!.start).toBe(shifted.indexOf(QUOTE));
	});

	it('R131: small edits inside the passage (within tolerance) are found approximately', () => {
		const a = anchor(src, 'Russia and China cooperate on energy')!;
		const edited = SOURCE.replace('cooperate on energy', 'co-operate on energy');
		const r = resolve(edited, a)!;
		expect(r.how).toBe('fuzzy');
		expect(edited.slice(r.start, r.end)).toBe('Russia and China co-operate on energy');
		const b = anchor(src, 'remain evident, says the author')!;
		const typo = 'Intro. ' + SOURCE.replace('remain evident, says', 'remains evident, say');
		expect(found(typo, b)).toBe('remains evident, say the author');
	});

	it('R131: a deleted or heavily rewritten passage is broken', () => {
		const a = anchor(src, 'Trade is growing')!;
		expect(resolve(SOURCE.replace('Trade is growing. ', ''), a)).toBeUndefined();
		expect(resolve(SOURCE.replace('Trade is growing', 'Commerce expands'), a)).toBeUndefined();
		expect(resolve('', a)).toBeUndefined();
	});

	it('R131: anchors from a selection keep 32 characters of context', () => {
		const a = anchorAt('s1', SOURCE, 38, 81);
		expect(a.exact).toBe(QUOTE);
		expect(a.prefix).toBe(SOURCE.slice(6, 38));
		expect(a.suffix).toBe(SOURCE.slice(81, 113));
	});

	it('R131: approximate search stays fast on an article-sized text', () => {
		const long = 'lorem ipsum dolor sit amet '.repeat(600) + SOURCE;
		const a = anchor({ id: 'x', text: long }, 'Trade is growing. The obstacles')!;
		const edited = long.replace('Trade is growing. The obstacles', 'Trade is growing! The obstacle');
		const t0 = performance.now();
		expect(found(edited, { ...a, start: 0 })).toBe('Trade is growing! The obstacle');
		expect(performance.now() - t0).toBeLessThan(1000);
	});

	it('R13: anchors read from the shared document are validated', () => {
		const good = anchorAt('s1', SOURCE, 0, 6);
		expect(parseAnchor(good, 'a').ok).toBe(true);
		expect(parseAnchor(null, 'a').ok).toBe(false);
		expect(parseAnchor({ ...good, sourceId: '__proto__' }, 'a').ok).toBe(false);
		expect(parseAnchor({ ...good, exact: '' }, 'a').ok).toBe(false);
		expect(parseAnchor({ ...good, prefix: 'x'.repeat(33) }, 'a').ok).toBe(false);
		const bad = parseAnchor({ ...good, start: -1 }, 'claim c1.anchor');
		expect(!bad.ok && bad.error.message).toMatch(/^claim c1\.anchor\.start/);
	});
});

describe('passage segments (R132)', () => {
	it('R132: cuts the text at passage boundaries, overlaps covered by both', () => {
		expect(
			segments(10, [
				{ id: 'a', start: 2, end: 6 },
				{ id: 'b', start: 4, end: 8 },
				{ id: 'c', start: 9, end: 99 }
			])
		).toEqual([
			{ start: 0, end: 2, ids: [] },
			{ start: 2, end: 4, ids: ['a'] },
			{ start: 4, end: 6, ids: ['a', 'b'] },
			{ start: 6, end: 8, ids: ['b'] },
			{ start: 8, end: 9, ids: [] },
			{ start: 9, end: 10, ids: ['c'] }
		]);
		expect(segments(0, [])).toEqual([]);
	});
});

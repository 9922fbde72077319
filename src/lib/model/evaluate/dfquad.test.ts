import { describe, expect, it } from 'vitest';
import { mapOf } from '../test-helpers';
import { aggregate, combine, evaluate, NO_RATINGS, type Ratings } from './index';

const ratings = (
	claims: Record<string, number[]> = {},
	relations: Record<string, number[]> = {}
): Ratings => ({
	claims: new Map(Object.entries(claims)),
	relations: new Map(Object.entries(relations))
});

describe('DF-QuAD (Rago, Toni, Aurisicchio, Baroni, KR 2016)', () => {
	it('R102: the aggregation F is 1 − Π(1 − vᵢ), 0 for no arguments', () => {
		expect(aggregate([])).toBe(0);
		expect(aggregate([0.5])).toBeCloseTo(0.5, 12);
		expect(aggregate([0.5, 0.5])).toBeCloseTo(0.75, 12);
		expect(aggregate([0.2, 0.5, 1])).toBeCloseTo(1, 12);
	});

	it('R102: the combination C moves the base towards 0 or 1 by |vs − va|', () => {
		expect(combine(0.5, 0.3, 0.3)).toBeCloseTo(0.5, 12);
		expect(combine(0.5, 0.8, 0.2)).toBeCloseTo(0.5 - 0.5 * 0.6, 12);
		expect(combine(0.4, 0.1, 0.6)).toBeCloseTo(0.4 + 0.6 * 0.5, 12);
		expect(combine(1, 0, 1)).toBe(1);
		expect(combine(0, 1, 0)).toBe(0);
	});

	/*
	 * A worked example reconstructed from the paper's definitions (its figure uses the same shape: a thesis
	 * with two supporters and an attacker that is itself attacked), checked by hand:
	 *   e (0.8) supports b; d (0.4) attacks c; b (0.6) and a (0.5) support t; c (0.7) attacks t.
	 *   σ(e) = 0.8, σ(d) = 0.4, σ(a) = 0.5
	 *   σ(b) = C(0.6, 0, 0.8) = 0.6 + 0.4·0.8 = 0.92
	 *   σ(c) = C(0.7, 0.4, 0) = 0.7 − 0.7·0.4 = 0.42
	 *   vs(t) = 1 − (1 − 0.92)(1 − 0.5) = 0.96, va(t) = 0.42
	 *   σ(t) = C(0.5, 0.42, 0.96) = 0.5 + 0.5·0.54 = 0.77
	 */
	it('R102: a worked example checked by hand', () => {
		const map = mapOf(
			['t:thesis', 'a:claim', 'b:claim', 'c:claim', 'd:claim', 'e:evidence'],
			['r1:a>supports>t', 'r2:b>supports>t', 'r3:c>attacks>t', 'r4:d>attacks>c', 'r5:e>supports>b']
		);
		const result = evaluate(
			map,
			ratings({ t: [0.5], a: [0.5], b: [0.5, 0.7], c: [0.75, 0.65], d: [0.4], e: [0.8] })
		);
		const s = (id: string) => result.strength.get(id)!;
		expect(result.semantics).toBe('df-quad');
		expect(s('e')).toBeCloseTo(0.8, 12);
		expect(s('b')).toBeCloseTo(0.92, 12);
		expect(s('c')).toBeCloseTo(0.42, 12);
		expect(s('t')).toBeCloseTo(0.77, 12);
	});

	it('R101: unrated claims start at 0.5 and unrated relations weigh 1', () => {
		const map = mapOf(['t:thesis', 'a:claim', 'b:claim'], ['r1:a>supports>t', 'r2:b>attacks>t']);
		const result = evaluate(map, NO_RATINGS);
		expect(result.base.get('a')).toBe(0.5);
		expect(result.weight.get('r1')).toBe(1);
		// Support 0.5 and attack 0.5 balance.
		expect(result.strength.get('t')).toBeCloseTo(0.5, 12);
	});

	it('R101: a relation rated weaker passes on less of its claim’s strength', () => {
		const map = mapOf(['t:thesis', 'a:claim'], ['r1:a>supports>t']);
		const full = evaluate(map, ratings({ a: [1] }));
		const half = evaluate(map, ratings({ a: [1] }, { r1: [0.5] }));
		expect(full.strength.get('t')).toBeCloseTo(1, 12);
		expect(half.strength.get('t')).toBeCloseTo(0.75, 12);
	});

	it('R103: an undercut weakens the inference it attacks by its strength', () => {
		const map = mapOf(['t:thesis', 'a:claim', 'u:claim'], ['r1:a>supports>t', 'r2:u>undercuts>r1']);
		const result = evaluate(map, ratings({ a: [1], u: [0.75] }));
		// Effective weight 1 · (1 − 0.75) = 0.25; σ(t) = 0.5 + 0.5 · 0.25.
		expect(result.effectiveWeight.get('r1')).toBeCloseTo(0.25, 12);
		expect(result.strength.get('t')).toBeCloseTo(0.625, 12);
		expect(result.strength.get('u')).toBeCloseTo(0.75, 12);
	});

	it('R101: answers relations do not count for strength', () => {
		const map = mapOf(['q:question', 't:thesis'], ['r1:t>answers>q']);
		const result = evaluate(map, ratings({ t: [1] }));
		expect(result.strength.get('q')).toBe(0.5);
		expect(result.weight.has('r1')).toBe(false);
	});
});

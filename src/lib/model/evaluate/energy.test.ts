import { describe, expect, it } from 'vitest';
import { mapOf } from '../test-helpers';
import { evaluate, NO_RATINGS, type Ratings } from './index';

const ratings = (claims: Record<string, number[]>): Ratings => ({
	claims: new Map(Object.entries(claims)),
	relations: new Map()
});

/*
 * Fixpoints checked by hand (and by a separate 20-line script iterating σ ← f(σ)): with base 0.5,
 *   two claims supporting each other: σ = 0.5 + 0.5·σ²/(1 + σ²)  ⇒ σ ≈ 0.6477989
 *   two claims attacking each other:  σ = 0.5 − 0.5·σ²/(1 + σ²)  ⇒ σ ≈ 0.4238538
 *   an odd cycle of three attacks is symmetric and has the same fixpoint as mutual attack.
 */
describe('quadratic energy model (Potyka, KR 2018) on maps with cycles', () => {
	it('R102: mutual support settles at the hand-computed fixpoint', () => {
		const result = evaluate(
			mapOf(['a:claim', 'b:claim'], ['r1:a>supports>b', 'r2:b>supports>a']),
			NO_RATINGS
		);
		expect(result.semantics).toBe('quadratic-energy');
		expect(result.converged).toBe(true);
		expect(result.strength.get('a')).toBeCloseTo(0.6477989, 5);
		expect(result.strength.get('b')).toBeCloseTo(0.6477989, 5);
	});

	it('R102: mutual attack and an odd attack cycle settle at the hand-computed fixpoint', () => {
		const even = evaluate(mapOf(['a:claim', 'b:claim'], ['r1:a>attacks>b', 'r2:b>attacks>a']), NO_RATINGS);
		expect(even.strength.get('a')).toBeCloseTo(0.4238538, 5);
		const odd = evaluate(
			mapOf(['a:claim', 'b:claim', 'c:claim'], ['r1:a>attacks>b', 'r2:b>attacks>c', 'r3:c>attacks>a']),
			NO_RATINGS
		);
		for (const id of 'abc') expect(odd.strength.get(id)).toBeCloseTo(0.4238538, 5);
	});

	it('R102: a cycle of support under an outside attack (c at 1 attacks a; a ↔ b support)', () => {
		const map = mapOf(
			['a:claim', 'b:claim', 'c:claim'],
			['r1:a>supports>b', 'r2:b>supports>a', 'r3:c>attacks>a']
		);
		const result = evaluate(map, ratings({ c: [1] }));
		// Fixpoint: a = 0.5 − 0.5·h(1 − b), b = 0.5 + 0.5·h(a): a ≈ 0.4238538, b ≈ 0.5761462.
		expect(result.strength.get('a')).toBeCloseTo(0.4238538, 5);
		expect(result.strength.get('b')).toBeCloseTo(0.5761462, 5);
		expect(result.strength.get('c')).toBeCloseTo(1, 9);
	});

	it('R102: one cycle anywhere switches the whole map to the energy model', () => {
		const map = mapOf(
			['t:thesis', 'a:claim', 'b:claim', 'c:claim'],
			['r1:a>supports>t', 'r2:b>attacks>c', 'r3:c>attacks>b']
		);
		const result = evaluate(map, ratings({ a: [1] }));
		expect(result.semantics).toBe('quadratic-energy');
		// Energy 1 at t: 0.5 + 0.5·h(1) = 0.75 (DF-QuAD would give 1).
		expect(result.strength.get('t')).toBeCloseTo(0.75, 6);
	});
});

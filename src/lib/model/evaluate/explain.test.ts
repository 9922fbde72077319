import { describe, expect, it } from 'vitest';
import { mapOf } from '../test-helpers';
import { evaluate, explain, type Ratings } from './index';

const ratings = (claims: Record<string, number[]>, relations: Record<string, number[]> = {}): Ratings => ({
	claims: new Map(Object.entries(claims)),
	relations: new Map(Object.entries(relations))
});

describe('explanations', () => {
	const map = mapOf(
		[
			't:thesis:Tea is good for you',
			'a:claim:It is warm',
			'b:claim:It stains your teeth',
			'u:claim:Not much'
		],
		['r1:a>supports>t', 'r2:b>attacks>t', 'r3:u>undercuts>r2']
	);

	it('R105: base score, the combination, and each supporter’s and attacker’s part in plain words', () => {
		const votes = ratings({ t: [0.75, 0.25], a: [1], u: [0.5] }, { r1: [0.5] });
		const why = explain(map, votes, evaluate(map, votes), 't');
		expect(why.base).toBe(0.5);
		expect(why.baseCount).toBe(2);
		// Support 0.5 · 1 = 0.5; attack: weight 1 · (1 − 0.5) = 0.5, times σ(b) = 0.5: 0.25.
		expect(why.support).toBeCloseTo(0.5, 12);
		expect(why.attack).toBeCloseTo(0.25, 12);
		expect(why.strength).toBeCloseTo(0.625, 12);
		const [supporter] = why.supporters;
		const [attacker] = why.attackers;
		// Without the support: C(0.5, 0.25, 0) = 0.375, so it adds 0.25; without the attack: 0.75, so −0.125.
		expect(supporter!.effect).toBeCloseTo(0.25, 12);
		expect(attacker!.effect).toBeCloseTo(-0.125, 12);
		expect(attacker!.effectiveWeight).toBeCloseTo(0.5, 12);
		expect(why.sentences).toEqual([
			'Base score 0.50: the mean plausibility of 2 ratings.',
			'Support adds up to 0.50 and attack to 0.25; the difference, +0.25, moves the strength 0.25 of the way from the base score up towards 1: 0.63 (DF-QuAD).',
			'Supported by “It is warm” (strength 1.00, weight 0.50 from 1 vote): it raises the strength by 0.25.',
			'Attacked by “It stains your teeth” (strength 0.50, weight 1, unrated, undercut by “Not much”, which leaves weight 0.50): it lowers the strength by 0.13.'
		]);
		expect(why.label).toBe('IN');
	});

	it('R105: a claim nothing bears on keeps its base score, and says so', () => {
		const why = explain(map, ratings({}), evaluate(map, ratings({})), 'a');
		expect(why.sentences).toEqual([
			'Base score 0.50: nobody has rated its plausibility yet.',
			'Nothing supports or attacks it, so its strength is its base score, 0.50.'
		]);
	});

	it('R105: on a map with a cycle the explanation names the energy model', () => {
		const cyclic = mapOf(['a:claim:A', 'b:claim:B'], ['r1:a>attacks>b', 'r2:b>attacks>a']);
		const why = explain(cyclic, ratings({}), evaluate(cyclic, ratings({})), 'a');
		expect(why.semantics).toBe('quadratic-energy');
		expect(why.sentences[1]).toMatch(/quadratic energy model/);
		expect(why.attackers[0]!.effect).toBeLessThan(0);
	});
});

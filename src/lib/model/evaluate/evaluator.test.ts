import { describe, expect, it } from 'vitest';
import type { ArgMap } from '../map';
import { mapOf } from '../test-helpers';
import { evaluate, evaluator, explain, NO_RATINGS, type Evaluation, type Ratings } from './index';

const base = mapOf(
	['a:claim:Claim A', 'b:claim:Claim B', 'c:claim:Claim C', 't:thesis:The thesis'],
	['r1:a>attacks>b', 'r2:b>supports>t', 'r3:c>attacks>t']
);
const retext = (map: ArgMap, id: string, text: string): ArgMap => ({
	...map,
	claims: map.claims.map((c) => (c.id === id ? { ...c, text } : c))
});
/** Everything an evaluation says, in plain data, to compare a reused one with a fresh one. */
const plain = (e: Evaluation) => ({
	...e,
	strength: [...e.strength],
	base: [...e.base],
	weight: [...e.weight],
	effectiveWeight: [...e.effectiveWeight],
	label: [...e.label],
	labelReason: [...e.labelReason]
});

describe('evaluator: evaluate with the last answer remembered (R106)', () => {
	it('typing in a claim reuses the figures, and the reasons name the claim by its new text', () => {
		const evaluate$ = evaluator();
		const first = evaluate$(base, NO_RATINGS);
		const typed = retext(base, 'a', 'Claim A, edited');
		const second = evaluate$(typed, { claims: new Map(), relations: new Map() });
		expect(second.strength).toBe(first.strength);
		expect(second.labelReason.get('b')).toBe('OUT because it is attacked by “Claim A, edited”, which is IN.');
		expect(plain(second)).toEqual(plain(evaluate(typed, NO_RATINGS)));
		// The explanation reads the same graph and names the new text too.
		expect(explain(typed, NO_RATINGS, second, 'b').sentences.join(' ')).toContain('Claim A, edited');
	});

	it('a new relation, a reversed one or a new vote is evaluated afresh, equal to evaluate()', () => {
		const evaluate$ = evaluator();
		evaluate$(base, NO_RATINGS);
		const reversed = mapOf(
			['a:claim:Claim A', 'b:claim:Claim B', 'c:claim:Claim C', 't:thesis:The thesis'],
			['r1:b>attacks>a', 'r2:b>supports>t', 'r3:c>attacks>t']
		);
		const voted: Ratings = { claims: new Map([['c', [0.9]]]), relations: new Map() };
		const more = mapOf(
			['a:claim:Claim A', 'b:claim:Claim B', 'c:claim:Claim C', 't:thesis:The thesis'],
			['r1:a>attacks>b', 'r2:b>supports>t', 'r3:c>attacks>t', 'r4:a>attacks>c']
		);
		for (const [map, ratings] of [
			[more, NO_RATINGS],
			[reversed, NO_RATINGS],
			[reversed, voted]
		] as const) {
			const before = evaluate$(map, ratings);
			expect(plain(before)).toEqual(plain(evaluate(map, ratings)));
		}
		// The vote changed C's strength: the figures are not the unvoted ones.
		expect(evaluate$(reversed, voted).strength.get('c')).not.toBe(
			evaluate(reversed, NO_RATINGS).strength.get('c')
		);
	});
});

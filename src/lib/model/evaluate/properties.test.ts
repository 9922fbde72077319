import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize } from '../normalize';
import type { Claim } from '../claim';
import type { Relation } from '../relation';
import type { ArgMap } from '../map';
import { energyOf, target } from './energy';
import { bipolarGraph } from './graph';
import { evaluate, type Ratings } from './index';

interface Shape {
	n: number;
	edges: { from: number; to: number; attack: boolean; weight?: number }[];
	undercuts: { from: number; edge: number }[];
	bases: (number | undefined)[];
}

function build(shape: Shape): { map: ArgMap; ratings: Ratings } {
	const claims = Array.from({ length: shape.n }, (_, i) => ({
		id: `c${i}`,
		kind: 'claim',
		text: `Claim ${i}`
	}));
	const relations = [
		...shape.edges.map((e, i) => ({
			id: `e${i}`,
			kind: e.attack ? 'attacks' : 'supports',
			from: `c${e.from}`,
			to: `c${e.to}`
		})),
		...shape.undercuts.map((u, i) => ({
			id: `u${i}`,
			kind: 'undercuts',
			from: `c${u.from}`,
			to: `e${u.edge}`
		}))
	];
	// normalize drops self-relations, duplicates and undercuts of missing relations, as for the shared document.
	const map = normalize({ title: 't', claims: claims as Claim[], relations: relations as Relation[] });
	const claimRatings = new Map<string, number[]>();
	shape.bases.forEach((b, i) => b !== undefined && claimRatings.set(`c${i}`, [b / 4]));
	const relationRatings = new Map<string, number[]>();
	shape.edges.forEach((e, i) => e.weight !== undefined && relationRatings.set(`e${i}`, [e.weight / 4]));
	return { map, ratings: { claims: claimRatings, relations: relationRatings } };
}

const vote = fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined });

/** Any graph (cycles allowed) of 2..maxClaims claims with up to `density` relations per claim. */
const anyShape = (maxClaims: number, density: number) =>
	fc.integer({ min: 2, max: maxClaims }).chain((n) =>
		fc.record({
			n: fc.constant(n),
			edges: fc.array(
				fc.record({
					from: fc.nat(n - 1),
					to: fc.nat(n - 1),
					attack: fc.boolean(),
					weight: vote
				}),
				// size 'max': lengths spread over the whole range, so graphs are dense and mostly cyclic.
				{ maxLength: Math.round(n * density), size: 'max' }
			),
			undercuts: fc.array(fc.record({ from: fc.nat(n - 1), edge: fc.nat(Math.round(n * density)) }), {
				maxLength: Math.ceil(n / 5)
			}),
			bases: fc.array(vote, { minLength: n, maxLength: n, size: 'max' })
		})
	);

/**
 * Acyclic graphs: every relation points from a higher index to a lower one, and an undercut comes from
 * a claim above the conclusion of the inference it attacks.
 */
const acyclicShape = anyShape(25, 2).map((s) => ({
	...s,
	edges: s.edges.filter((e) => e.from > e.to),
	undercuts: s.undercuts
}));

function dropCyclicUndercuts(shape: Shape): Shape {
	return {
		...shape,
		undercuts: shape.undercuts.filter((u) => {
			const e = shape.edges[u.edge];
			return e !== undefined && u.from > e.to;
		})
	};
}

describe('evaluation properties (fast-check)', () => {
	it('R102: every strength, base score and weight stays in [0, 1], with or without cycles', () => {
		fc.assert(
			fc.property(anyShape(40, 2.5), (shape) => {
				const { map, ratings } = build(shape);
				const result = evaluate(map, ratings);
				for (const values of [result.strength, result.base, result.weight, result.effectiveWeight]) {
					for (const v of values.values()) expect(v >= 0 && v <= 1).toBe(true);
				}
				expect(result.strength.size).toBe(map.claims.length);
			}),
			{ numRuns: 200 }
		);
	}, 60_000);

	it('R102: under DF-QuAD, adding a supporter never lowers a claim, adding an attacker never raises it', () => {
		fc.assert(
			fc.property(
				acyclicShape.map(dropCyclicUndercuts),
				fc.nat(),
				vote,
				vote,
				fc.boolean(),
				(shape, pick, base, weight, attack) => {
					const at = pick % shape.n;
					const before = build(shape);
					const grown: Shape = {
						...shape,
						n: shape.n + 1,
						edges: [...shape.edges, { from: shape.n, to: at, attack, weight }],
						bases: [...shape.bases, base]
					};
					const after = build(grown);
					const s0 = evaluate(before.map, before.ratings);
					const s1 = evaluate(after.map, after.ratings);
					expect(s0.semantics).toBe('df-quad');
					expect(s1.semantics).toBe('df-quad');
					const delta = s1.strength.get(`c${at}`)! - s0.strength.get(`c${at}`)!;
					if (attack) expect(delta).toBeLessThanOrEqual(1e-12);
					else expect(delta).toBeGreaterThanOrEqual(-1e-12);
				}
			),
			{ numRuns: 200 }
		);
	}, 60_000);

	it('R102: the quadratic energy model converges on random graphs of up to 200 claims, to a fixpoint', () => {
		let cyclic = 0;
		fc.assert(
			fc.property(anyShape(200, 3), (shape) => {
				const { map, ratings } = build(shape);
				const result = evaluate(map, ratings);
				if (result.semantics !== 'quadratic-energy') return;
				cyclic++;
				expect(result.converged).toBe(true);
				// The limit is a fixpoint: σ = f(σ) for every claim.
				const graph = bipolarGraph(map, ratings);
				const s = Float64Array.from(graph.ids, (id) => result.strength.get(id)!);
				for (let b = 0; b < s.length; b++) {
					expect(Math.abs(target(graph.base[b]!, energyOf(graph.incoming[b]!, s)) - s[b]!)).toBeLessThan(
						1e-5
					);
				}
			}),
			{ numRuns: 150 }
		);
		expect(cyclic).toBeGreaterThan(75);
	}, 60_000);

	it('R102: settling cycle by cycle reaches the same strengths as integrating the whole map at once', () => {
		fc.assert(
			fc.property(anyShape(60, 2), (shape) => {
				const { map, ratings } = build(shape);
				const result = evaluate(map, ratings);
				if (result.semantics !== 'quadratic-energy') return;
				// Reference: plain Euler steps of dσ/dt = f(σ) − σ for every claim at once, from the base scores.
				const graph = bipolarGraph(map, ratings);
				const s = Float64Array.from(graph.base);
				const next = new Float64Array(s.length);
				for (let step = 0; step < 20000; step++) {
					let speed = 0;
					for (let b = 0; b < s.length; b++) {
						const d = target(graph.base[b]!, energyOf(graph.incoming[b]!, s)) - s[b]!;
						speed = Math.max(speed, Math.abs(d));
						next[b] = s[b]! + 0.05 * d;
					}
					s.set(next);
					if (speed < 1e-9) break;
				}
				graph.ids.forEach((id, b) => expect(Math.abs(result.strength.get(id)! - s[b]!)).toBeLessThan(1e-4));
			}),
			{ numRuns: 60 }
		);
	}, 120_000);
});

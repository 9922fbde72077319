import type { ArgMap } from '../map';
import { sameStructure } from '../structure';
import { dfQuad } from './dfquad';
import { quadraticEnergy } from './energy';
import { bipolarGraph, effectiveWeight, type BipolarGraph, type Ratings } from './graph';
import { groundedLabels, labelName, labelReasonOf, type Label } from './grounded';
import type { Evaluation, Semantics } from './types';
import { cores, type Core } from './core';
import { LazyMap } from './lazy';
import { shorten } from './words';

/**
 * The map evaluates itself (SPEC R100-R114): argument strength under a gradual semantics, from the group's
 * votes, and acceptance under the grounded labelling. Pure: no UI, no shared-document imports.
 */

export type { Ratings } from './graph';
export type { Label } from './grounded';
export type { Evaluation, Semantics } from './types';
export { NO_RATINGS, UNRATED_BASE, UNRATED_WEIGHT } from './graph';
export { ratingStats, isVote, voteToRating, VOTE_MAX } from './stats';
export { aggregate, combine } from './dfquad';
export { explain, type Explanation, type Contribution } from './explain';
export { shorten } from './words';

/** A claim's short name in sentences: its text, cut to a few words, in quotes. */
export function claimName(map: ArgMap, id: string): string {
	const claim = map.claims.find((c) => c.id === id);
	return claim ? `“${shorten(claim.text)}”` : id;
}

function strengthsOf(graph: BipolarGraph): {
	strength: Float64Array;
	semantics: Semantics;
	converged: boolean;
} {
	if (graph.order) return { strength: dfQuad(graph, graph.order), semantics: 'df-quad', converged: true };
	const { strength, converged } = quadraticEnergy(graph);
	return { strength, semantics: 'quadratic-energy', converged };
}

/** Why each claim has its label, naming claims by their text in `map` (computed when asked). */
function reasons(map: ArgMap, { graph, labels }: Core): LazyMap<string> {
	const name = (i: number) => `“${shorten(map.claims[i]!.text)}”`;
	return new LazyMap(graph.ids, graph.position, (i) => labelReasonOf(graph, labels, i, name));
}

/** Evaluates a map under the group's ratings (R100-R106). */
export function evaluate(map: ArgMap, ratings: Ratings): Evaluation {
	const graph = bipolarGraph(map, ratings);
	const { strength, semantics, converged } = strengthsOf(graph);
	const core: Core = { graph, labels: groundedLabels(graph), strength };
	const strengthMap = new Map<string, number>();
	const base = new Map<string, number>();
	const label = new Map<string, Label>();
	graph.ids.forEach((id, i) => {
		strengthMap.set(id, strength[i]!);
		base.set(id, graph.base[i]!);
		label.set(id, labelName(core.labels[i]!));
	});
	const weight = new Map<string, number>();
	const effective = new Map<string, number>();
	for (const e of graph.edges) {
		weight.set(e.relation, e.weight);
		effective.set(e.relation, effectiveWeight(e, strength));
		e.undercutRelations.forEach((u, k) => weight.set(u, e.undercutWeights[k]!));
	}
	const evaluation: Evaluation = {
		strength: strengthMap,
		base,
		weight,
		effectiveWeight: effective,
		label,
		labelReason: reasons(map, core),
		semantics,
		converged
	};
	cores.set(evaluation, core);
	return evaluation;
}

function sameRatings(a: Ratings, b: Ratings): boolean {
	const same = (x: Ratings['claims'], y: Ratings['claims']) => {
		if (x === y) return true;
		if (x.size !== y.size) return false;
		for (const [id, values] of x) {
			const other = y.get(id);
			if (!other || other.length !== values.length || values.some((v, i) => v !== other[i])) return false;
		}
		return true;
	};
	return a === b || (same(a.claims, b.claims) && same(a.relations, b.relations));
}

/**
 * {@link evaluate} that remembers its last answer: a change that leaves the structure and the ratings as
 * they were (typing in a claim, moving one) gets the same figures back at once, with label reasons that
 * name claims by their new text. On 1,000 claims that is most of the work of a keystroke saved (R106).
 */
export function evaluator(): (map: ArgMap, ratings: Ratings) => Evaluation {
	let last: { map: ArgMap; ratings: Ratings; evaluation: Evaluation } | undefined;
	return (map, ratings) => {
		let evaluation: Evaluation;
		if (last && sameStructure(last.map, map) && sameRatings(last.ratings, ratings)) {
			const core = cores.get(last.evaluation)!;
			evaluation = { ...last.evaluation, labelReason: reasons(map, core) };
			cores.set(evaluation, core);
		} else evaluation = evaluate(map, ratings);
		last = { map, ratings, evaluation };
		return evaluation;
	};
}

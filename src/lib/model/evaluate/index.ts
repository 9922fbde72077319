import type { ArgMap } from '../map';
import { dfQuad } from './dfquad';
import { quadraticEnergy } from './energy';
import { bipolarGraph, effectiveWeight, type BipolarGraph, type Ratings } from './graph';
import { groundedLabels, labelName, labelReasonOf, type Label } from './grounded';
import type { Evaluation, Semantics } from './types';
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

/** Evaluates a map under the group's ratings (R100-R106). */
export function evaluate(map: ArgMap, ratings: Ratings): Evaluation {
	const graph = bipolarGraph(map, ratings);
	const { strength, semantics, converged } = strengthsOf(graph);
	const labels = groundedLabels(graph);
	const name = (i: number) => `“${shorten(map.claims[i]!.text)}”`;
	const strengthMap = new Map<string, number>();
	const base = new Map<string, number>();
	const label = new Map<string, Label>();
	const labelReason = new LazyMap(graph.ids, graph.position, (i) => labelReasonOf(graph, labels, i, name));
	graph.ids.forEach((id, i) => {
		strengthMap.set(id, strength[i]!);
		base.set(id, graph.base[i]!);
		label.set(id, labelName(labels[i]!));
	});
	const weight = new Map<string, number>();
	const effective = new Map<string, number>();
	for (const e of graph.edges) {
		weight.set(e.relation, e.weight);
		effective.set(e.relation, effectiveWeight(e, strength));
		e.undercutRelations.forEach((u, k) => weight.set(u, e.undercutWeights[k]!));
	}
	return {
		strength: strengthMap,
		base,
		weight,
		effectiveWeight: effective,
		label,
		labelReason,
		semantics,
		converged
	};
}

import { effectiveWeight, type BipolarGraph, type Edge } from './graph';

/**
 * DF-QuAD (Rago, Toni, Aurisicchio, Baroni, KR 2016), with relation weights: the strength of each claim
 * from its base score and the strengths of its attackers and supporters, claims taken in dependency order.
 */

/** The aggregation F(v1..vn) = 1 − Π(1 − vi); F() = 0. */
export function aggregate(values: Iterable<number>): number {
	let rest = 1;
	for (const v of values) rest *= 1 - v;
	return 1 - rest;
}

/**
 * The combination C(v0, va, vs): with va ≥ vs the base score v0 falls by v0·(va − vs), otherwise it
 * rises by (1 − v0)·(vs − va). Continuous, and equal to v0 when attack and support balance.
 */
export function combine(v0: number, va: number, vs: number): number {
	return va >= vs ? v0 - v0 * (va - vs) : v0 + (1 - v0) * (vs - va);
}

/** What one edge feeds into the aggregation of its sign: effective weight times its source's strength. */
export const pull = (edge: Edge, strength: ArrayLike<number>) =>
	effectiveWeight(edge, strength) * strength[edge.from]!;

/** Aggregated attack and support on a claim, given the current strengths (optionally leaving one edge out). */
export function aggregates(
	incoming: readonly Edge[],
	strength: ArrayLike<number>,
	without?: Edge
): { attack: number; support: number } {
	let restAttack = 1;
	let restSupport = 1;
	for (const e of incoming) {
		if (e === without) continue;
		const v = pull(e, strength);
		if (e.sign > 0) restSupport *= 1 - v;
		else restAttack *= 1 - v;
	}
	return { attack: 1 - restAttack, support: 1 - restSupport };
}

/** DF-QuAD strengths of an acyclic graph (`graph.order` must be defined). */
export function dfQuad(graph: BipolarGraph, order: readonly number[]): Float64Array {
	const strength = new Float64Array(graph.ids.length);
	for (const b of order) {
		const { attack, support } = aggregates(graph.incoming[b]!, strength);
		strength[b] = combine(graph.base[b]!, attack, support);
	}
	return strength;
}

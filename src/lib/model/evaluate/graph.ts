import { indexOf, type ArgMap } from '../map';
import { ratingStats } from './stats';

/** Each person's rating, normalised to [0, 1], by claim id (plausibility) and by relation id (strength). */
export interface Ratings {
	readonly claims: ReadonlyMap<string, readonly number[]>;
	readonly relations: ReadonlyMap<string, readonly number[]>;
}

export const NO_RATINGS: Ratings = { claims: new Map(), relations: new Map() };

/** A claim's base score when nobody has rated its plausibility. */
export const UNRATED_BASE = 0.5;
/** A relation's weight when nobody has rated its strength: full, as in unweighted DF-QuAD. */
export const UNRATED_WEIGHT = 1;

/** A supporting (+1) or attacking (-1) relation between two claims, with the claims undercutting it. */
export interface Edge {
	readonly relation: string;
	readonly from: number;
	readonly to: number;
	readonly sign: 1 | -1;
	/** The weight from the strength votes (before undercuts). */
	readonly weight: number;
	readonly undercutters: readonly number[];
	/** The undercut relations' own weights (from their strength votes), parallel to `undercutters`. */
	readonly undercutWeights: readonly number[];
	/** The undercut relations' ids, parallel to `undercutters`. */
	readonly undercutRelations: readonly string[];
}

/**
 * The map as a weighted bipolar argumentation graph over claim indexes: the input of the semantics.
 * `answers` relations are not part of it (they say which question a thesis answers, not why to believe it);
 * undercuts are not edges but lower the weight of the edge they point at.
 */
export interface BipolarGraph {
	readonly ids: readonly string[];
	readonly position: ReadonlyMap<string, number>;
	readonly base: Float64Array;
	readonly edges: readonly Edge[];
	/** Edges into each claim, supports and attacks, in relation id order. */
	readonly incoming: readonly (readonly Edge[])[];
	/** Claims in an order where every claim comes after all it depends on; undefined when there is a cycle. */
	readonly order: readonly number[] | undefined;
}

const meanOr = (values: readonly number[] | undefined, fallback: number) => {
	const { mean, count } = ratingStats(values ?? []);
	return count > 0 ? mean : fallback;
};

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * The edge's weight after its undercuts: w · Π(1 − wᵤ·σ(u)) over the claims u undercutting it, wᵤ being the
 * undercut's own weight. A full-weight undercut of strength 1 cancels the inference; at 0 it changes nothing.
 */
export function effectiveWeight(edge: Edge, strength: ArrayLike<number>): number {
	let w = edge.weight;
	for (let k = 0; k < edge.undercutters.length; k++) {
		w *= 1 - edge.undercutWeights[k]! * strength[edge.undercutters[k]!]!;
	}
	return w;
}

/** Builds the graph the semantics run on, with base scores and weights from the ratings. */
export function bipolarGraph(map: ArgMap, ratings: Ratings): BipolarGraph {
	const ids = map.claims.map((c) => c.id as string);
	const position = new Map(ids.map((id, i) => [id, i]));
	const base = new Float64Array(ids.length);
	ids.forEach((id, i) => (base[i] = clamp01(meanOr(ratings.claims.get(id), UNRATED_BASE))));
	const index = indexOf(map);
	const weightOf = (id: string) => clamp01(meanOr(ratings.relations.get(id), UNRATED_WEIGHT));
	const edges: Edge[] = [];
	const incoming: Edge[][] = ids.map(() => []);
	for (const r of map.relations) {
		if (r.kind !== 'supports' && r.kind !== 'attacks') continue;
		const from = position.get(r.from)!;
		const to = position.get(r.to)!;
		const undercuts = (index.incoming.get(r.id) ?? []).filter((u) => u.kind === 'undercuts');
		const edge: Edge = {
			relation: r.id,
			from,
			to,
			sign: r.kind === 'supports' ? 1 : -1,
			weight: weightOf(r.id),
			undercutters: undercuts.map((u) => position.get(u.from)!),
			undercutWeights: undercuts.map((u) => weightOf(u.id)),
			undercutRelations: undercuts.map((u) => u.id)
		};
		edges.push(edge);
		incoming[to]!.push(edge);
	}
	return { ids, position, base, edges, incoming, order: dependencyOrder(ids.length, incoming) };
}

/**
 * Kahn's algorithm on "claim b depends on its supporters, attackers and the undercutters of their edges".
 * Returns undefined when some claims depend on themselves through a cycle.
 */
function dependencyOrder(n: number, incoming: readonly (readonly Edge[])[]): number[] | undefined {
	const dependents: number[][] = Array.from({ length: n }, () => []);
	const pending = new Int32Array(n);
	for (let b = 0; b < n; b++) {
		for (const e of incoming[b]!) {
			for (const d of [e.from, ...e.undercutters]) {
				dependents[d]!.push(b);
				pending[b]!++;
			}
		}
	}
	const order: number[] = [];
	for (let i = 0; i < n; i++) if (pending[i] === 0) order.push(i);
	for (let k = 0; k < order.length; k++) {
		for (const b of dependents[order[k]!]!) if (--pending[b]! === 0) order.push(b);
	}
	return order.length === n ? order : undefined;
}

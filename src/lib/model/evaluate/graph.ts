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
	/** The dependency graph's strongly connected components, each after all it depends on. */
	readonly components: readonly (readonly number[])[];
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
	const components = dependencyComponents(incoming);
	const acyclic = components.every((c) => !isCycle(c, incoming));
	return { ids, position, base, edges, incoming, components, order: acyclic ? components.flat() : undefined };
}

/** What claim b depends on: its supporters and attackers, and the claims undercutting those relations. */
function dependencies(incoming: readonly (readonly Edge[])[]): number[][] {
	return incoming.map((edges) => edges.flatMap((e) => [e.from, ...e.undercutters]));
}

/**
 * The strongly connected components of the dependency graph (Tarjan, iterative), each claim after all it
 * depends on. A component of several claims, or of one claim depending on itself, is a cycle.
 */
export function dependencyComponents(incoming: readonly (readonly Edge[])[]): number[][] {
	const deps = dependencies(incoming);
	const n = deps.length;
	const index = new Int32Array(n).fill(-1);
	const low = new Int32Array(n);
	const onStack = new Uint8Array(n);
	const stack: number[] = [];
	const components: number[][] = [];
	let counter = 0;
	for (let root = 0; root < n; root++) {
		if (index[root] !== -1) continue;
		// Each frame: a claim and how many of its dependencies have been visited.
		const frames: [number, number][] = [[root, 0]];
		index[root] = low[root] = counter++;
		stack.push(root);
		onStack[root] = 1;
		while (frames.length > 0) {
			const frame = frames[frames.length - 1]!;
			const [v, i] = frame;
			if (i < deps[v]!.length) {
				frame[1]++;
				const w = deps[v]![i]!;
				if (index[w] === -1) {
					index[w] = low[w] = counter++;
					stack.push(w);
					onStack[w] = 1;
					frames.push([w, 0]);
				} else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
				continue;
			}
			frames.pop();
			if (frames.length > 0) {
				const parent = frames[frames.length - 1]![0];
				low[parent] = Math.min(low[parent]!, low[v]!);
			}
			if (low[v] === index[v]) {
				const component: number[] = [];
				let w: number;
				do {
					w = stack.pop()!;
					onStack[w] = 0;
					component.push(w);
				} while (w !== v);
				components.push(component.sort((a, b) => a - b));
			}
		}
	}
	return components;
}

/** Whether a component is a cycle: several claims, or one claim that depends on itself. */
export function isCycle(component: readonly number[], incoming: readonly (readonly Edge[])[]): boolean {
	if (component.length > 1) return true;
	const b = component[0]!;
	return incoming[b]!.some((e) => e.from === b || e.undercutters.includes(b));
}

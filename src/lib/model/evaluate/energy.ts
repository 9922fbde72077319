import { effectiveWeight, isCycle, type BipolarGraph, type Edge } from './graph';

/**
 * The quadratic energy model (Potyka, KR 2018) for maps with cycles: each claim's energy is the weighted
 * strength of its supporters minus that of its attackers, E = Σ w·σ(supporter) − Σ w·σ(attacker), and the
 * strengths follow dσ/dt = f(σ) − σ with f = v0 + (1 − v0)·h(E) − v0·h(−E), h(x) = max(0,x)² / (1 + max(0,x)²).
 * The strengths are that system's limit, integrated with Runge-Kutta (RK4) until no claim changes.
 */

/** Integration step: small enough for RK4 to stay stable where many relations meet at one claim. */
const STEP = 0.1;
/** The system has settled when no claim's strength moves faster than this (per unit of time). */
const TOLERANCE = 1e-7;
/** A bound on the work: 30,000 steps are 3,000 time units, far beyond the settling time seen in practice. */
const MAX_STEPS = 30000;

/** The influence function h of the quadratic energy model. */
export function influence(energy: number): number {
	if (energy <= 0) return 0;
	const squared = energy * energy;
	return squared / (1 + squared);
}

/** The energy of a claim: weighted support minus weighted attack, at the given strengths. */
export function energyOf(incoming: readonly Edge[], strength: ArrayLike<number>, without?: Edge): number {
	let e = 0;
	for (const edge of incoming) {
		if (edge !== without) e += edge.sign * effectiveWeight(edge, strength) * strength[edge.from]!;
	}
	return e;
}

/** The value a claim is pulled towards: f(σ)_b = v0 + (1 − v0)·h(E) − v0·h(−E). */
export function target(base: number, energy: number): number {
	return base + (1 - base) * influence(energy) - base * influence(-energy);
}

/** The graph in flat arrays (compressed rows by target claim), so each integration step is a tight loop. */
interface Compiled {
	/** Edges into claim b are start[b] .. start[b + 1] − 1. */
	start: Int32Array;
	from: Int32Array;
	/** Signed weight: + for support, − for attack. */
	weight: Float64Array;
	/** Undercuts of edge k are cutStart[k] .. cutStart[k + 1] − 1. */
	cutStart: Int32Array;
	cutFrom: Int32Array;
	cutWeight: Float64Array;
}

function compile(graph: BipolarGraph): Compiled {
	const n = graph.ids.length;
	const edges = graph.incoming.flat();
	const start = new Int32Array(n + 1);
	graph.incoming.forEach((list, b) => (start[b + 1] = start[b]! + list.length));
	const cutStart = new Int32Array(edges.length + 1);
	edges.forEach((e, k) => (cutStart[k + 1] = cutStart[k]! + e.undercutters.length));
	return {
		start,
		from: Int32Array.from(edges, (e) => e.from),
		weight: Float64Array.from(edges, (e) => e.sign * e.weight),
		cutStart,
		cutFrom: Int32Array.from(edges.flatMap((e) => e.undercutters)),
		cutWeight: Float64Array.from(edges.flatMap((e) => e.undercutWeights))
	};
}

/** The energy of claim b from the flat arrays. */
function energyAt(c: Compiled, s: Float64Array, b: number): number {
	let energy = 0;
	for (let k = c.start[b]!; k < c.start[b + 1]!; k++) {
		let w = c.weight[k]!;
		for (let j = c.cutStart[k]!; j < c.cutStart[k + 1]!; j++) w *= 1 - c.cutWeight[j]! * s[c.cutFrom[j]!]!;
		energy += w * s[c.from[k]!]!;
	}
	return energy;
}

/** dσ/dt for the claims of one cycle, written to out[0..], with everything else held where it is. */
function derivative(c: Compiled, base: Float64Array, s: Float64Array, nodes: Int32Array, out: Float64Array) {
	for (let i = 0; i < nodes.length; i++) {
		const b = nodes[i]!;
		out[i] = target(base[b]!, energyAt(c, s, b)) - s[b]!;
	}
}

export interface EnergyResult {
	strength: Float64Array;
	converged: boolean;
	/** The most integration steps one cycle needed. */
	steps: number;
}

/** Integrates one cycle's claims (RK4) from where they are until none moves faster than the tolerance. */
function settle(
	c: Compiled,
	base: Float64Array,
	s: Float64Array,
	nodes: Int32Array
): { converged: boolean; steps: number } {
	const m = nodes.length;
	const start = new Float64Array(m);
	const k1 = new Float64Array(m);
	const k2 = new Float64Array(m);
	const k3 = new Float64Array(m);
	const k4 = new Float64Array(m);
	const stage = (k: Float64Array, factor: number) => {
		for (let i = 0; i < m; i++) s[nodes[i]!] = start[i]! + factor * k[i]!;
	};
	for (let step = 0; step < MAX_STEPS; step++) {
		derivative(c, base, s, nodes, k1);
		let speed = 0;
		for (let i = 0; i < m; i++) speed = Math.max(speed, Math.abs(k1[i]!));
		if (speed < TOLERANCE) return { converged: true, steps: step };
		for (let i = 0; i < m; i++) start[i] = s[nodes[i]!]!;
		stage(k1, STEP / 2);
		derivative(c, base, s, nodes, k2);
		stage(k2, STEP / 2);
		derivative(c, base, s, nodes, k3);
		stage(k3, STEP);
		derivative(c, base, s, nodes, k4);
		for (let i = 0; i < m; i++) {
			const next = start[i]! + (STEP / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
			s[nodes[i]!] = next < 0 ? 0 : next > 1 ? 1 : next;
		}
	}
	return { converged: false, steps: MAX_STEPS };
}

/**
 * Strengths under the quadratic energy model, component by component in dependency order: a claim outside
 * any cycle directly as f of its settled inputs (the limit the system reaches for it), each cycle by
 * integrating its claims from their base scores, the claims it depends on already settled.
 */
export function quadraticEnergy(graph: BipolarGraph): EnergyResult {
	const c = compile(graph);
	const base = Float64Array.from(graph.base);
	const s = Float64Array.from(graph.base);
	let converged = true;
	let steps = 0;
	for (const component of graph.components) {
		if (!isCycle(component, graph.incoming)) {
			const b = component[0]!;
			s[b] = target(base[b]!, energyAt(c, s, b));
			continue;
		}
		const result = settle(c, base, s, Int32Array.from(component));
		converged &&= result.converged;
		steps = Math.max(steps, result.steps);
	}
	return { strength: s, converged, steps };
}

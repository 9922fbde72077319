import { effectiveWeight, type BipolarGraph, type Edge } from './graph';

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

function derivative(c: Compiled, base: Float64Array, s: Float64Array, out: Float64Array) {
	for (let b = 0; b < s.length; b++) {
		let energy = 0;
		for (let k = c.start[b]!; k < c.start[b + 1]!; k++) {
			let w = c.weight[k]!;
			for (let j = c.cutStart[k]!; j < c.cutStart[k + 1]!; j++) w *= 1 - c.cutWeight[j]! * s[c.cutFrom[j]!]!;
			energy += w * s[c.from[k]!]!;
		}
		out[b] = target(base[b]!, energy) - s[b]!;
	}
}

export interface EnergyResult {
	strength: Float64Array;
	converged: boolean;
	steps: number;
}

/** Strengths under the quadratic energy model, starting from the base scores. */
export function quadraticEnergy(graph: BipolarGraph): EnergyResult {
	const n = graph.ids.length;
	const c = compile(graph);
	const base = Float64Array.from(graph.base);
	const s = Float64Array.from(graph.base);
	const k1 = new Float64Array(n);
	const k2 = new Float64Array(n);
	const k3 = new Float64Array(n);
	const k4 = new Float64Array(n);
	const tmp = new Float64Array(n);
	for (let step = 0; step < MAX_STEPS; step++) {
		derivative(c, base, s, k1);
		let speed = 0;
		for (let i = 0; i < n; i++) speed = Math.max(speed, Math.abs(k1[i]!));
		if (speed < TOLERANCE) return { strength: s, converged: true, steps: step };
		for (let i = 0; i < n; i++) tmp[i] = s[i]! + (STEP / 2) * k1[i]!;
		derivative(c, base, tmp, k2);
		for (let i = 0; i < n; i++) tmp[i] = s[i]! + (STEP / 2) * k2[i]!;
		derivative(c, base, tmp, k3);
		for (let i = 0; i < n; i++) tmp[i] = s[i]! + STEP * k3[i]!;
		derivative(c, base, tmp, k4);
		for (let i = 0; i < n; i++) {
			const next = s[i]! + (STEP / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
			s[i] = next < 0 ? 0 : next > 1 ? 1 : next;
		}
	}
	return { strength: s, converged: false, steps: MAX_STEPS };
}

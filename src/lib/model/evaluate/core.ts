import type { BipolarGraph } from './graph';
import type { Evaluation } from './types';

/** What an evaluation was computed from: kept for reuse (index.ts, evaluator) and for explain(). */
export interface Core {
	readonly graph: BipolarGraph;
	/** The grounded labels, by claim index. */
	readonly labels: Int8Array;
	/** The strengths, by claim index. */
	readonly strength: Float64Array;
}

export const cores = new WeakMap<Evaluation, Core>();

/** The graph and strengths an evaluation was computed on: explain() reads them instead of building its own. */
export function coreOf(evaluation: Evaluation): Core | undefined {
	return cores.get(evaluation);
}

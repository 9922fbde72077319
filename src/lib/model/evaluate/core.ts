import type { BipolarGraph } from './graph';
import type { Evaluation } from './types';

/** What an evaluation was computed from: kept for reuse (index.ts, evaluator) and for explain(). */
export interface Core {
	readonly graph: BipolarGraph;
	/** The grounded labels, by claim index. */
	readonly labels: Int8Array;
}

export const cores = new WeakMap<Evaluation, Core>();

/** The graph an evaluation was computed on: explain() reads it instead of building its own. */
export function graphOf(evaluation: Evaluation): BipolarGraph | undefined {
	return cores.get(evaluation)?.graph;
}

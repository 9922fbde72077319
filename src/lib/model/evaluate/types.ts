import type { Label } from './grounded';

export type Semantics = 'df-quad' | 'quadratic-energy';

export interface Evaluation {
	/** Each claim's strength in [0, 1]. */
	readonly strength: ReadonlyMap<string, number>;
	/** Each claim's base score: its mean plausibility rating, 0.5 when unrated. */
	readonly base: ReadonlyMap<string, number>;
	/** Each supports, attacks and undercuts relation's weight in [0, 1]: its mean strength rating, 1 when unrated. */
	readonly weight: ReadonlyMap<string, number>;
	/** Each supports and attacks relation's weight after its undercuts (what the semantics used). */
	readonly effectiveWeight: ReadonlyMap<string, number>;
	/** Each claim's grounded label. */
	readonly label: ReadonlyMap<string, Label>;
	/** Why each claim has its label, in plain words. */
	readonly labelReason: ReadonlyMap<string, string>;
	/** DF-QuAD on maps without cycles, the quadratic energy model on maps with one (R102). */
	readonly semantics: Semantics;
	/** False only when the quadratic energy model had not settled within its step bound. */
	readonly converged: boolean;
}

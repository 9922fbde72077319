import type { ArgMap } from '../map';
import { aggregates, combine } from './dfquad';
import { energyOf, influence, target } from './energy';
import { bipolarGraph, effectiveWeight, type Edge, type Ratings } from './graph';
import type { Evaluation } from './types';
import { coreOf } from './core';
import type { Label } from './grounded';
import { fmt, shorten } from './words';

/** One supporter's or attacker's part in a claim's strength. */
export interface Contribution {
	readonly relationId: string;
	readonly claimId: string;
	readonly kind: 'supports' | 'attacks';
	/** The supporting or attacking claim's own strength. */
	readonly strength: number;
	/** The relation's weight from the votes (1 when unrated). */
	readonly weight: number;
	/** The weight after undercuts. */
	readonly effectiveWeight: number;
	readonly ratingCount: number;
	readonly undercutBy: readonly { claimId: string; strength: number }[];
	/**
	 * How much this relation moves the claim's strength: the strength minus what it would be without this
	 * one relation, everything else as it is (positive raises, negative lowers).
	 */
	readonly effect: number;
	readonly sentence: string;
}

export interface Explanation {
	readonly claimId: string;
	readonly base: number;
	/** How many people rated the claim's plausibility. */
	readonly baseCount: number;
	readonly strength: number;
	readonly semantics: Evaluation['semantics'];
	readonly label: Label;
	readonly labelReason: string;
	/** DF-QuAD: the aggregated support and attack; quadratic energy: the summed weighted support and attack. */
	readonly support: number;
	readonly attack: number;
	/** Supporters and attackers, the strongest effect first. */
	readonly supporters: readonly Contribution[];
	readonly attackers: readonly Contribution[];
	/** The whole explanation in plain words, one sentence per entry. */
	readonly sentences: readonly string[];
}

const signed = (x: number) => (x >= 0 ? `+${fmt(x)}` : `−${fmt(-x)}`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Why a claim has its strength (R105): its base score, each supporter's and attacker's part, and how the
 * semantics combines them, in plain words.
 */
export function explain(map: ArgMap, ratings: Ratings, evaluation: Evaluation, claimId: string): Explanation {
	const core = coreOf(evaluation);
	const graph = core?.graph ?? bipolarGraph(map, ratings);
	const b = graph.position.get(claimId);
	const strengths = core?.strength ?? Float64Array.from(graph.ids, (id) => evaluation.strength.get(id) ?? 0);
	const name = (i: number) => `“${shorten(map.claims[i]!.text)}”`;
	const label = evaluation.label.get(claimId) ?? 'UNDEC';
	const labelReason = evaluation.labelReason.get(claimId) ?? '';
	if (b === undefined) {
		return {
			claimId,
			base: 0.5,
			baseCount: 0,
			strength: 0.5,
			semantics: evaluation.semantics,
			label,
			labelReason,
			support: 0,
			attack: 0,
			supporters: [],
			attackers: [],
			sentences: ['This claim is not on the map.']
		};
	}
	const base = graph.base[b]!;
	const baseCount = ratings.claims.get(claimId)?.length ?? 0;
	const strength = strengths[b]!;
	const incoming = graph.incoming[b]!;
	const dfQuad = evaluation.semantics === 'df-quad';
	const valueWithout = (without?: Edge) => {
		if (dfQuad) {
			const { attack, support } = aggregates(incoming, strengths, without);
			return combine(base, attack, support);
		}
		return target(base, energyOf(incoming, strengths, without));
	};
	const contributions = incoming.map((e): Contribution => {
		const eff = effectiveWeight(e, strengths);
		const effect = strength - valueWithout(e);
		const undercutBy = e.undercutters.map((u) => ({ claimId: graph.ids[u]!, strength: strengths[u]! }));
		const count = ratings.relations.get(e.relation)?.length ?? 0;
		const verb = e.sign > 0 ? 'Supported by' : 'Attacked by';
		const weightText = count ? `weight ${fmt(e.weight)} from ${plural(count, 'vote')}` : 'weight 1, unrated';
		const undercutText = e.undercutters.length
			? `, undercut by ${e.undercutters.map(name).join(' and ')}, which leaves weight ${fmt(eff)}`
			: '';
		const effectText =
			Math.abs(effect) < 0.005
				? 'it changes the strength by less than 0.01'
				: `it ${effect > 0 ? 'raises' : 'lowers'} the strength by ${fmt(Math.abs(effect))}`;
		return {
			relationId: e.relation,
			claimId: graph.ids[e.from]!,
			kind: e.sign > 0 ? 'supports' : 'attacks',
			strength: strengths[e.from]!,
			weight: e.weight,
			effectiveWeight: eff,
			ratingCount: count,
			undercutBy,
			effect,
			sentence: `${verb} ${name(e.from)} (strength ${fmt(strengths[e.from]!)}, ${weightText}${undercutText}): ${effectText}.`
		};
	});
	const byEffect = (x: Contribution, y: Contribution) => Math.abs(y.effect) - Math.abs(x.effect);
	const supporters = contributions.filter((c) => c.kind === 'supports').sort(byEffect);
	const attackers = contributions.filter((c) => c.kind === 'attacks').sort(byEffect);
	let support = 0;
	let attack = 0;
	if (dfQuad) ({ support, attack } = aggregates(incoming, strengths));
	else {
		for (const e of incoming) {
			const v = effectiveWeight(e, strengths) * strengths[e.from]!;
			if (e.sign > 0) support += v;
			else attack += v;
		}
	}
	const sentences = [
		baseCount
			? `Base score ${fmt(base)}: the mean plausibility of ${plural(baseCount, 'rating')}.`
			: `Base score ${fmt(base)}: nobody has rated its plausibility yet.`,
		...combination(dfQuad, base, support, attack, strength, incoming.length),
		...supporters.map((c) => c.sentence),
		...attackers.map((c) => c.sentence)
	];
	return {
		claimId,
		base,
		baseCount,
		strength,
		semantics: evaluation.semantics,
		label,
		labelReason,
		support,
		attack,
		supporters,
		attackers,
		sentences
	};
}

/** The sentence saying how support and attack turn the base score into the strength. */
function combination(
	dfQuad: boolean,
	base: number,
	support: number,
	attack: number,
	strength: number,
	relations: number
): string[] {
	if (relations === 0)
		return [`Nothing supports or attacks it, so its strength is its base score, ${fmt(strength)}.`];
	if (dfQuad) {
		const net = support - attack;
		if (Math.abs(net) < 1e-9)
			return [
				`Support and attack balance (${fmt(support)} each), so its strength stays at its base score, ${fmt(strength)}.`
			];
		const way = net > 0 ? `up towards 1` : `down towards 0`;
		return [
			`Support adds up to ${fmt(support)} and attack to ${fmt(attack)}; the difference, ${signed(net)}, moves the ` +
				`strength ${fmt(Math.abs(net))} of the way from the base score ${way}: ${fmt(strength)} (DF-QuAD).`
		];
	}
	const energy = support - attack;
	const pull = influence(Math.abs(energy));
	return [
		`Weighted support ${fmt(support)} minus weighted attack ${fmt(attack)} is ${signed(energy)}; the map has a ` +
			`cycle, so the quadratic energy model applies: the strength moves ${fmt(pull)} of the way from the base ` +
			`score ${energy >= 0 ? 'up towards 1' : 'down towards 0'}, settling at ${fmt(strength)}.`
	];
}

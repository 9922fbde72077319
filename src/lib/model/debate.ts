import type { Claim } from './claim';
import type { ClaimId } from './ids';
import { indexOf, type ArgMap } from './map';
import type { Relation } from './relation';
import { mainThesis, type Side } from './side';

/**
 * Debate preparation (R115-R129): which claims make up each side's case, where a side is weak, and the
 * order its lines of argument are presented in. Pure functions of the map, its derived sides and,
 * where given, the evaluation's strengths and labels.
 */

/** What a participant argues in a debate: for the thesis, against it, or neither (the moderator). */
export type Stance = Side | 'moderator';
export const STANCES: readonly Stance[] = ['pro', 'con', 'moderator'];

/** How a stance reads in the interface, after a person's name ("Ada, for the thesis"). */
export const STANCE_TEXT: Record<Stance, string> = {
	pro: 'for the thesis',
	con: 'against the thesis',
	moderator: 'moderator'
};

/** How a side reads as a heading. */
export const SIDE_TITLE: Record<Side, string> = { pro: 'For the thesis', con: 'Against the thesis' };

export function isStance(value: unknown): value is Stance {
	return typeof value === 'string' && (STANCES as readonly string[]).includes(value);
}

export const otherSide = (side: Side): Side => (side === 'pro' ? 'con' : 'pro');

/** Acceptance labels (grounded semantics), as the evaluation gives them. */
export type Acceptance = 'IN' | 'OUT' | 'UNDEC';

/** What the debate functions read from an evaluation (any of it may be missing: nobody voted yet). */
export interface Judgement {
	readonly strength?: ReadonlyMap<string, number>;
	readonly label?: ReadonlyMap<string, Acceptance>;
}

/** A claim's strength for ranking: the evaluation's, else the neutral 0.5. */
export const strengthOf = (judgement: Judgement | undefined, id: string) =>
	judgement?.strength?.get(id) ?? 0.5;

const LABEL_RANK: Record<Acceptance, number> = { IN: 0, UNDEC: 1, OUT: 2 };

/** Strongest first; ties: accepted before undecided before rejected, then by id (deterministic). */
export function byStrength(judgement: Judgement | undefined) {
	return (a: string, b: string) =>
		strengthOf(judgement, b) - strengthOf(judgement, a) ||
		LABEL_RANK[judgement?.label?.get(a) ?? 'UNDEC'] - LABEL_RANK[judgement?.label?.get(b) ?? 'UNDEC'] ||
		(a < b ? -1 : a > b ? 1 : 0);
}

/**
 * One side's case (R116): the main thesis (and the question it answers), every claim of that side, every
 * claim attacking one of them or undercutting one of their inferences (the attacks on the case), and the
 * claims the side's own attacks and undercuts are aimed at (so a rebuttal is shown with what it answers).
 */
export function caseOf(map: ArgMap, sides: ReadonlyMap<string, Side>, side: Side): Set<string> {
	const index = indexOf(map);
	const out = new Set<string>();
	const root = mainThesis(map);
	if (root) {
		out.add(root);
		for (const r of index.outgoing.get(root) ?? []) if (r.kind === 'answers') out.add(r.to);
	}
	const ours = (id: string) => sides.get(id) === side;
	for (const c of map.claims) if (ours(c.id)) out.add(c.id);
	for (const r of map.relations) {
		if (r.kind === 'attacks') {
			if (ours(r.to)) out.add(r.from);
			if (ours(r.from)) out.add(r.to);
		} else if (r.kind === 'undercuts') {
			const target = index.relations.get(r.to as never);
			if (!target) continue;
			if (ours(target.from) || ours(target.to)) out.add(r.from);
			if (ours(r.from)) {
				out.add(target.from);
				out.add(target.to);
			}
		}
	}
	return out;
}

/** An attack on a claim: a claim attacking it, or undercutting the inference from it to its conclusion. */
export interface AttackOn {
	readonly target: ClaimId;
	readonly attacker: ClaimId;
	/** The attacking or undercutting relation. */
	readonly relation: Relation;
	/** For an undercut: the relation whose inference it attacks. */
	readonly inference?: Relation;
	/** Whether a claim attacks the attacker (a counter-attack). */
	readonly countered: boolean;
	/** Whether a claim undercuts the attack itself (its inference is contested). */
	readonly undercut: boolean;
}

/** The attacks on a claim (R117), each with whether it is countered or undercut. */
export function attacksOn(map: ArgMap, id: string): AttackOn[] {
	const index = indexOf(map);
	const incoming = (to: string) => index.incoming.get(to) ?? [];
	const answers = (r: Relation) => ({
		countered: incoming(r.from).some((a) => a.kind === 'attacks'),
		undercut: incoming(r.id).some((u) => u.kind === 'undercuts')
	});
	const out: AttackOn[] = [];
	for (const r of incoming(id))
		if (r.kind === 'attacks')
			out.push({ target: id as ClaimId, attacker: r.from, relation: r, ...answers(r) });
	for (const inference of index.outgoing.get(id) ?? []) {
		if (inference.kind !== 'supports' && inference.kind !== 'attacks') continue;
		for (const u of incoming(inference.id))
			if (u.kind === 'undercuts')
				out.push({ target: id as ClaimId, attacker: u.from, relation: u, inference, ...answers(u) });
	}
	return out;
}

/**
 * Whether an attack stands unanswered (R117): nothing attacks the attacker nor undercuts the attack, or the
 * attacker is accepted (IN) under the grounded labelling all the same (its counter-attacks fail). An
 * undercut attack is answered either way: its inference is contested.
 */
export function isUnanswered(attack: AttackOn, judgement?: Judgement): boolean {
	if (attack.undercut) return false;
	return !attack.countered || judgement?.label?.get(attack.attacker) === 'IN';
}

/** A weak spot of a side's case, with why, in plain words. */
export interface WeakSpot {
	readonly id: ClaimId;
	readonly reason: string;
}

export interface WeakSpots {
	/** Claims of the side under an unanswered attack, strongest attack first. */
	readonly attacked: readonly WeakSpot[];
	/** Claims of the side that no evidence backs, directly or through their reasons. */
	readonly unsupported: readonly WeakSpot[];
	/** Claims of the side the group disagrees on most (largest spread of plausibility votes). */
	readonly disputed: readonly WeakSpot[];
}

/** Fewest votes on a claim before its spread counts as disagreement. */
export const DISPUTE_MIN_VOTES = 2;
/** Smallest spread (standard deviation of ratings in [0, 1], at most 0.5) that counts as disagreement. */
export const DISPUTE_MIN_SPREAD = 0.2;
/** Most disputed claims listed. */
export const DISPUTE_LIMIT = 5;

/** Claims of kind `claim` or `thesis` (evidence is what backs them, not what needs backing). */
const arguable = (c: Claim) => c.kind === 'claim' || c.kind === 'thesis';

/**
 * Claims no evidence backs (R118): neither an evidence claim supports them nor, recursively, any of their
 * supporting reasons (cycles of support back nothing).
 */
export function withoutEvidence(map: ArgMap, ids: Iterable<string>): ClaimId[] {
	const index = indexOf(map);
	const memo = new Map<string, boolean>();
	const backed = (id: string): boolean => {
		const known = memo.get(id);
		if (known !== undefined) return known;
		memo.set(id, false);
		const result = (index.incoming.get(id) ?? []).some(
			(r) => r.kind === 'supports' && (index.claims.get(r.from)?.kind === 'evidence' || backed(r.from))
		);
		memo.set(id, result);
		return result;
	};
	const out: ClaimId[] = [];
	for (const id of ids) {
		const c = index.claims.get(id as ClaimId);
		if (c && arguable(c) && !backed(c.id)) out.push(c.id);
	}
	return out;
}

/** Quoted claim text for reasons: short enough to read in a list. */
export function quoteText(text: string, max = 60): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

/**
 * A side's weak spots (R117-R119): its claims under unanswered attack, its claims without evidence, and the
 * claims the group disagrees on most. `spread` gives each claim's vote count and spread (from the ratings).
 */
export function weakSpots(
	map: ArgMap,
	sides: ReadonlyMap<string, Side>,
	side: Side,
	judgement?: Judgement,
	spread?: (id: string) => { count: number; spread: number } | undefined
): WeakSpots {
	const index = indexOf(map);
	const text = (id: string) => quoteText(index.claims.get(id as ClaimId)?.text ?? id);
	const ours = map.claims.filter((c) => sides.get(c.id) === side).map((c) => c.id);
	const rank = byStrength(judgement);

	const attacked: { spot: WeakSpot; worst: string }[] = [];
	for (const id of ours) {
		const open = attacksOn(map, id).filter((a) => isUnanswered(a, judgement));
		if (open.length === 0) continue;
		open.sort((a, b) => rank(a.attacker, b.attacker));
		const why = (a: AttackOn) =>
			`${a.inference ? 'its inference undercut' : 'attacked'} by ${text(a.attacker)}` +
			(a.countered ? ' (countered, yet it stands: IN)' : ' (unanswered)');
		attacked.push({
			spot: { id, reason: open.map(why).join('; ') },
			worst: open[0]!.attacker
		});
	}
	attacked.sort((a, b) => rank(a.worst, b.worst) || rank(a.spot.id, b.spot.id));

	const unsupported = withoutEvidence(map, ours).map((id) => ({
		id,
		reason: (index.incoming.get(id) ?? []).some((r) => r.kind === 'supports')
			? 'no evidence under its reasons'
			: 'no reasons or evidence'
	}));

	const disputed = spread
		? ours
				.map((id) => ({ id, stats: spread(id) }))
				.filter(
					(x): x is { id: ClaimId; stats: { count: number; spread: number } } =>
						!!x.stats && x.stats.count >= DISPUTE_MIN_VOTES && x.stats.spread >= DISPUTE_MIN_SPREAD
				)
				.sort((a, b) => b.stats.spread - a.stats.spread || (a.id < b.id ? -1 : 1))
				.slice(0, DISPUTE_LIMIT)
				.map(({ id, stats }) => ({
					id,
					reason: `votes spread ±${Math.round(stats.spread * 100)} points over ${stats.count} votes`
				}))
		: [];

	return { attacked: attacked.map((a) => a.spot), unsupported, disputed };
}

/**
 * A side's lines of argument (R120): its claims bearing directly on the main thesis (reasons for it, or
 * objections to it), and its claims answering the other side's lines directly (attacking them or
 * undercutting their inference). Strongest first.
 */
export function linesOf(
	map: ArgMap,
	sides: ReadonlyMap<string, Side>,
	side: Side,
	judgement?: Judgement
): ClaimId[] {
	const root = mainThesis(map);
	if (!root) return [];
	const index = indexOf(map);
	const direct = (s: Side) =>
		(index.incoming.get(root) ?? [])
			.filter((r) => (s === 'pro' ? r.kind === 'supports' : r.kind === 'attacks') && sides.get(r.from) === s)
			.map((r) => r.from);
	const lines = new Set<ClaimId>(direct(side));
	for (const theirs of direct(otherSide(side)))
		for (const a of attacksOn(map, theirs)) if (sides.get(a.attacker) === side) lines.add(a.attacker);
	return [...lines].sort(byStrength(judgement));
}

/**
 * The claims under a line of argument (R121): its reasons, their reasons and so on (supports only, each
 * claim once, cycles cut), strongest first at each level, depth first. Evidence included.
 */
export function reasonsUnder(map: ArgMap, id: string, judgement?: Judgement): ClaimId[] {
	const index = indexOf(map);
	const seen = new Set<string>([id]);
	const out: ClaimId[] = [];
	const visit = (at: string) => {
		const reasons = (index.incoming.get(at) ?? [])
			.filter((r) => r.kind === 'supports' && !seen.has(r.from))
			.map((r) => r.from)
			.sort(byStrength(judgement));
		for (const r of reasons) seen.add(r);
		for (const r of reasons) {
			out.push(r);
			visit(r);
		}
	};
	visit(id);
	return out;
}

/**
 * The steps of a presentation of a side's case (R124): the main thesis, then each line of argument,
 * strongest first, each followed by its reasons (depth first). Evidence is not a step of its own: it is shown
 * with the claim it supports.
 */
export function presentationSteps(
	map: ArgMap,
	sides: ReadonlyMap<string, Side>,
	side: Side,
	judgement?: Judgement
): ClaimId[] {
	const root = mainThesis(map);
	if (!root) return [];
	const index = indexOf(map);
	const steps: ClaimId[] = [root];
	const seen = new Set<string>(steps);
	for (const line of linesOf(map, sides, side, judgement)) {
		for (const id of [line, ...reasonsUnder(map, line, judgement)]) {
			if (seen.has(id) || index.claims.get(id)?.kind === 'evidence') continue;
			seen.add(id);
			steps.push(id);
		}
	}
	return steps;
}

/** The evidence supporting a claim directly: what a presentation shows with it. */
export function evidenceFor(map: ArgMap, id: string): Claim[] {
	const index = indexOf(map);
	return (index.incoming.get(id) ?? [])
		.filter((r) => r.kind === 'supports')
		.map((r) => index.claims.get(r.from)!)
		.filter((c) => c.kind === 'evidence');
}

/**
 * The part of a map made of some claims (R116): those claims, the relations between them, and the
 * undercuts (from kept claims) of kept relations. Still a valid map: what the outline lists under a filter.
 */
export function restrictTo(map: ArgMap, ids: ReadonlySet<string>): ArgMap {
	const claims = map.claims.filter((c) => ids.has(c.id));
	const between = map.relations.filter((r) => r.kind !== 'undercuts' && ids.has(r.from) && ids.has(r.to));
	const kept = new Set<string>(between.map((r) => r.id));
	const undercuts = map.relations.filter((r) => r.kind === 'undercuts' && ids.has(r.from) && kept.has(r.to));
	const relations = [...between, ...undercuts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return { ...map, claims, relations };
}

/** The claims of a map not among `ids` (none when `ids` is undefined): what a side filter hides (R116). */
export function claimsOutside(map: ArgMap, ids: ReadonlySet<string> | undefined): Set<string> {
	return new Set(ids ? map.claims.filter((c) => !ids.has(c.id)).map((c) => c.id) : []);
}

import type { Claim } from './claim';
import type { ClaimId } from './ids';
import { byId, type ArgMap, type Source } from './map';
import type { Relation } from './relation';

export interface RawMap {
	title: string;
	source?: Source;
	claims: Iterable<Claim>;
	relations: Iterable<Relation>;
}

/** Whether a relation of this kind may join these two claims (R4, R6). */
export function endsAllowed(kind: Relation['kind'], from: Claim, to: Claim): boolean {
	if (from.id === to.id) return false;
	if (kind === 'answers') return from.kind === 'thesis' && to.kind === 'question';
	return kind === 'supports' || kind === 'attacks';
}

/**
 * Derives the map every replica shows from possibly inconsistent parts (R7): concurrent edits can leave
 * a relation whose end was deleted, a duplicate, or an undercut whose target is gone. Such relations are
 * dropped by a rule that depends only on the content, never on arrival order: everything is sorted by id
 * and, among duplicates, the smallest id wins.
 */
export function normalize(raw: RawMap): ArgMap {
	const claims = [...raw.claims].sort(byId);
	const claimById = new Map<string, Claim>();
	for (const c of claims) if (!claimById.has(c.id)) claimById.set(c.id, c);
	const sorted = [...raw.relations].sort(byId);

	const kept = new Map<string, Relation>();
	const seen = new Set<string>();
	const keep = (r: Relation) => {
		const key = `${r.kind}\u0000${r.from}\u0000${r.to}`;
		if (seen.has(key) || kept.has(r.id) || claimById.has(r.id)) return;
		seen.add(key);
		kept.set(r.id, r);
	};
	for (const r of sorted) {
		if (r.kind === 'undercuts') continue;
		const from = claimById.get(r.from);
		const to = claimById.get(r.to);
		if (from && to && endsAllowed(r.kind, from, to)) keep(r);
	}
	// Undercuts may only target supports/attacks, which are all settled above: one pass suffices.
	for (const r of sorted) {
		if (r.kind !== 'undercuts' || !claimById.has(r.from)) continue;
		const target = kept.get(r.to);
		if (target && (target.kind === 'supports' || target.kind === 'attacks')) keep(r);
	}
	return {
		title: raw.title,
		...(raw.source && { source: raw.source }),
		claims: [...claimById.values()],
		relations: [...kept.values()].sort(byId)
	};
}

/** Lists every broken invariant of a map (empty when the map is sound). Used by tests and imports. */
export function checkInvariants(map: ArgMap): string[] {
	const problems: string[] = [];
	const claims = new Map<ClaimId | string, Claim>();
	for (const c of map.claims) {
		if (claims.has(c.id)) problems.push(`claim ${c.id} appears twice`);
		claims.set(c.id, c);
	}
	const relations = new Map(map.relations.map((r) => [r.id as string, r]));
	const keys = new Set<string>();
	for (const r of map.relations) {
		if (claims.has(r.id)) problems.push(`relation ${r.id} shares an id with a claim`);
		const key = `${r.kind}|${r.from}|${r.to}`;
		if (keys.has(key)) problems.push(`relation ${r.id} duplicates ${key}`);
		keys.add(key);
		const from = claims.get(r.from);
		if (!from) problems.push(`relation ${r.id} starts at missing claim ${r.from}`);
		if (r.kind === 'undercuts') {
			const target = relations.get(r.to);
			if (!target || (target.kind !== 'supports' && target.kind !== 'attacks')) {
				problems.push(`undercut ${r.id} targets ${r.to}, not a supports/attacks relation`);
			}
			continue;
		}
		const to = claims.get(r.to);
		if (!to) problems.push(`relation ${r.id} ends at missing claim ${r.to}`);
		if (r.from === r.to) problems.push(`relation ${r.id} is a self-relation`);
		else if (from && to && !endsAllowed(r.kind, from, to))
			problems.push(`relation ${r.id} joins wrong kinds`);
	}
	return problems;
}

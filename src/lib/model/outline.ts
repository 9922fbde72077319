import type { Claim } from './claim';
import { indexOf, type ArgMap } from './map';
import type { RelationKind } from './relation';

/** One row of the outline: a claim under the claim it bears on, with how it bears on it. */
export interface OutlineNode {
	claim: Claim;
	/** How this claim relates to its parent row (absent for a root). */
	relation?: RelationKind;
	/** Shown again here because it bears on several claims; its children are listed at its first place. */
	repeated: boolean;
	children: OutlineNode[];
}

const ORDER: Record<RelationKind, number> = { answers: 0, supports: 1, attacks: 2, undercuts: 3 };

/**
 * The map as a tree for the outline view (R19): roots are claims that bear on nothing (the question,
 * loose claims); under each claim come its answers, reasons and objections, each followed by the
 * undercuts of its inference. A claim bearing on several claims is listed once in full, then as a
 * repeat. Every claim appears at least once.
 */
export function outlineOf(map: ArgMap): OutlineNode[] {
	const index = indexOf(map);
	const placed = new Set<string>();
	const build = (claim: Claim, relation?: RelationKind): OutlineNode => {
		if (placed.has(claim.id)) return { claim, relation, repeated: true, children: [] };
		placed.add(claim.id);
		// Reasons, then objections; each inference's undercuts right after the reason they concern.
		const reasons = [...(index.incoming.get(claim.id) ?? [])].sort(
			(a, b) => ORDER[a.kind] - ORDER[b.kind] || (a.id < b.id ? -1 : 1)
		);
		const incoming = reasons.flatMap((r) => [r, ...(index.incoming.get(r.id) ?? [])]);
		const children = incoming.map((r) => build(index.claims.get(r.from)!, r.kind));
		return { claim, relation, repeated: false, children };
	};
	const roots = map.claims.filter((c) => (index.outgoing.get(c.id) ?? []).length === 0);
	roots.sort((a, b) => (a.kind === 'question' ? -1 : 0) - (b.kind === 'question' ? -1 : 0));
	const tree = roots.map((c) => build(c));
	// Claims only on cycles have no root: list them at the top level so nothing is hidden.
	for (const c of map.claims) if (!placed.has(c.id)) tree.push(build(c));
	return tree;
}

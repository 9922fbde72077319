import type { ClaimId } from './ids';
import { indexOf, type ArgMap } from './map';
import { outlineOf, type OutlineNode } from './outline';

/** Claims under `id` in the outline tree (its reasons, objections, their reasons...), not `id` itself. */
export function descendantsOf(map: ArgMap, id: string): Set<string> {
	const out = new Set<string>();
	const collect = (node: OutlineNode) => {
		for (const child of node.children) {
			if (child.repeated || out.has(child.claim.id)) continue;
			out.add(child.claim.id);
			collect(child);
		}
	};
	const find = (nodes: OutlineNode[]): OutlineNode | undefined => {
		for (const n of nodes) {
			if (n.claim.id === id && !n.repeated) return n;
			const hit = find(n.children);
			if (hit) return hit;
		}
		return undefined;
	};
	const node = find(outlineOf(map));
	if (node) collect(node);
	return out;
}

/** Claims hidden because a claim above them is collapsed (R24). */
export function hiddenByCollapse(map: ArgMap, collapsed: Iterable<string>): Set<string> {
	const hidden = new Set<string>();
	for (const id of collapsed) for (const d of descendantsOf(map, id)) hidden.add(d);
	return hidden;
}

/**
 * A claim's neighbourhood for focus mode (R24): the claim, every claim it bears on or that bears on it
 * (undercuts of its inferences and of the inferences into it included).
 */
export function neighbourhoodOf(map: ArgMap, id: string): Set<string> {
	const index = indexOf(map);
	const out = new Set<string>([id]);
	const touching = [...(index.incoming.get(id) ?? []), ...(index.outgoing.get(id) ?? [])];
	for (const r of touching) {
		out.add(r.from);
		if (index.claims.has(r.to as ClaimId)) out.add(r.to);
		for (const u of index.incoming.get(r.id) ?? []) out.add(u.from);
		const target = index.relations.get(r.to as never);
		if (target) {
			out.add(target.from);
			out.add(target.to);
		}
	}
	return out;
}

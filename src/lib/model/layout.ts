import { Graph, layout } from '@dagrejs/dagre';
import type { ClaimId } from './ids';
import { indexOf, type ArgMap } from './map';
import { claimBox } from './metrics';

/** Horizontal gap between neighbouring boxes. */
const NODE_SEP = 28;
/** Vertical gap between layers: room for arrowheads and a relation's midpoint marker. */
const RANK_SEP = 56;

export type Positions = ReadonlyMap<ClaimId, { x: number; y: number }>;

/**
 * The automatic layered layout (R9): conclusions above their reasons, the question at the top, every
 * box sized by {@link claimBox} so labels never overlap. Pure and deterministic: the same map always
 * gets the same positions, whoever computes them. Positions are box centres, rounded to whole pixels.
 */
export function layeredLayout(map: ArgMap): Positions {
	const g = new Graph({ multigraph: false });
	g.setGraph({ rankdir: 'TB', nodesep: NODE_SEP, ranksep: RANK_SEP, ranker: 'network-simplex' });
	g.setDefaultEdgeLabel(() => ({}));
	for (const c of map.claims) g.setNode(c.id, claimBox(c));
	const index = indexOf(map);
	for (const r of map.relations) {
		if (r.kind === 'undercuts') {
			// Place the undercutter beside the reason whose inference it attacks.
			const target = index.relations.get(r.to as never);
			if (target) g.setEdge(target.from, r.from);
		} else if (r.from !== r.to) {
			g.setEdge(r.to, r.from);
		}
	}
	layout(g);
	const out = new Map<ClaimId, { x: number; y: number }>();
	for (const c of map.claims) {
		const n = g.node(c.id);
		out.set(c.id, { x: Math.round(n.x), y: Math.round(n.y) });
	}
	return out;
}

/** Gives every claim without a stored position the one the layered layout gives it. */
export function withLayout(map: ArgMap, positions: Positions = layeredLayout(map)): ArgMap {
	return {
		...map,
		claims: map.claims.map((c) => {
			const p = positions.get(c.id);
			return c.x === undefined && p ? { ...c, x: p.x, y: p.y } : c;
		})
	};
}

/**
 * Where to put a new claim added under `parentId` (R11): one layer below the parent, to the right of
 * its existing children, so it never lands on top of them.
 */
export function placeChild(map: ArgMap, parentId: ClaimId): { x: number; y: number } {
	const index = indexOf(map);
	const parent = index.claims.get(parentId);
	const px = parent?.x ?? 0;
	const py = parent?.y ?? 0;
	const below = py + (parent ? claimBox(parent).height / 2 : 0) + RANK_SEP + 50;
	let x = px;
	for (const r of index.incoming.get(parentId) ?? []) {
		const child = index.claims.get(r.from);
		if (child?.x !== undefined && child.y !== undefined && Math.abs(child.y - below) < 200) {
			x = Math.max(x, child.x + claimBox(child).width + NODE_SEP);
		}
	}
	return { x, y: below };
}

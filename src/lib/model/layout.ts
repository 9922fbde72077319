import type { ClaimId } from './ids';
import { indexOf, type ArgMap } from './map';
import { claimBox, NODE_WIDTH } from './metrics';
import { outlineOf, type OutlineNode } from './outline';

/** Horizontal gap between neighbouring subtrees. */
export const NODE_SEP = 28;
/** Vertical gap between layers: room for arrowheads and an undercut's marker. */
export const RANK_SEP = 64;
/** How far a column of stacked reasons is indented from its conclusion's left edge. */
export const STACK_INDENT = 44;
/** Gap between the boxes of a stacked column, and above its first box. */
const STACK_GAP = 16;

export type Positions = ReadonlyMap<ClaimId, { x: number; y: number }>;

interface Shape {
	node: OutlineNode;
	width: number;
	/** The claim's own box. */
	box: { width: number; height: number };
	/** Leaves listed in a column under the claim instead of side by side (saves width). */
	stacked: boolean;
	children: Shape[];
}

const placedChildren = (node: OutlineNode) => node.children.filter((c) => !c.repeated);

function shapeOf(node: OutlineNode): Shape {
	const box = claimBox(node.claim);
	const kids = placedChildren(node);
	const stacked = kids.length >= 1 && kids.every((k) => placedChildren(k).length === 0);
	const children = kids.map(shapeOf);
	const width = stacked
		? Math.max(box.width, STACK_INDENT + Math.max(...children.map((c) => c.box.width)))
		: Math.max(box.width, children.reduce((sum, c) => sum + c.width, 0) + NODE_SEP * Math.max(0, kids.length - 1));
	return { node, width, box, stacked, children };
}

/** Tallest box at each depth, among claims that sit in a layer (stacked leaves do not). */
function rowHeights(shapes: Shape[], rows: number[] = [], depth = 0): number[] {
	for (const s of shapes) {
		rows[depth] = Math.max(rows[depth] ?? 0, s.box.height);
		if (!s.stacked) rowHeights(s.children, rows, depth + 1);
	}
	return rows;
}

/**
 * The automatic layout (R9): a layered tree read top-down, the question at the top, each conclusion
 * above its reasons (supporting ones left, objections right), layers aligned across the map. A claim
 * whose reasons are all leaves gets them as an indented column beneath it, so wide fans of evidence
 * do not stretch the map sideways. Boxes are sized by {@link claimBox}, so labels never overlap.
 * Pure and deterministic: every replica computes the same positions (box centres, whole pixels).
 */
export function layeredLayout(map: ArgMap): Positions {
	const roots = outlineOf(map).map(shapeOf);
	const rows = rowHeights(roots);
	const rowTop: number[] = [];
	rows.forEach((h, d) => (rowTop[d] = d === 0 ? 0 : rowTop[d - 1]! + rows[d - 1]! + RANK_SEP));
	const out = new Map<ClaimId, { x: number; y: number }>();

	/** Places a subtree whose block starts at `left`; returns the x of the claim's centre. */
	const place = (s: Shape, left: number, depth: number): number => {
		const centreY = rowTop[depth]! + rows[depth]! / 2;
		if (s.stacked) {
			const x = left + s.box.width / 2;
			out.set(s.node.claim.id, { x, y: centreY });
			let top = centreY + s.box.height / 2 + STACK_GAP;
			for (const c of s.children) {
				out.set(c.node.claim.id, { x: left + STACK_INDENT + c.box.width / 2, y: top + c.box.height / 2 });
				top += c.box.height + STACK_GAP;
			}
			return x;
		}
		const span = s.children.reduce((sum, c) => sum + c.width, 0) + NODE_SEP * Math.max(0, s.children.length - 1);
		let x = left + (s.width - span) / 2;
		const centres = s.children.map((c) => {
			const centre = place(c, x, depth + 1);
			x += c.width + NODE_SEP;
			return centre;
		});
		const mid = centres.length ? (centres[0]! + centres.at(-1)!) / 2 : left + s.width / 2;
		const cx = Math.min(Math.max(mid, left + s.box.width / 2), left + s.width - s.box.width / 2);
		out.set(s.node.claim.id, { x: cx, y: centreY });
		return cx;
	};
	let left = 0;
	for (const root of roots) {
		place(root, left, 0);
		left += root.width + NODE_SEP * 2;
	}
	for (const [id, p] of out) out.set(id, { x: Math.round(p.x), y: Math.round(p.y) });
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
		if (child?.x !== undefined && child.y !== undefined && child.y > py) {
			x = Math.max(x, child.x + NODE_WIDTH + NODE_SEP);
		}
	}
	return { x, y: below };
}

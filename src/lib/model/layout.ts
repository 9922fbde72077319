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

/** Subtrees at most this deep are drawn as an indented column (an outline) instead of spreading sideways. */
const COLUMN_DEPTH = 2;

interface Shape {
	node: OutlineNode;
	width: number;
	/** The claim's own box. */
	box: { width: number; height: number };
	/** The subtree is drawn as an indented column under the claim, not as a layer of its own. */
	column: boolean;
	/** Subtree depth below this claim (0 for a leaf). */
	depth: number;
	children: Shape[];
}

const placedChildren = (node: OutlineNode) => node.children.filter((c) => !c.repeated);

function shapeOf(node: OutlineNode): Shape {
	const box = claimBox(node.claim);
	const children = placedChildren(node).map(shapeOf);
	const depth = children.length ? 1 + Math.max(...children.map((c) => c.depth)) : 0;
	const column = depth > 0 && depth <= COLUMN_DEPTH;
	const rowWidth =
		children.reduce((sum, c) => sum + c.width, 0) + NODE_SEP * Math.max(0, children.length - 1);
	return {
		node,
		box,
		depth,
		column,
		children,
		width: Math.max(box.width, column ? columnWidth(children, 1) : rowWidth)
	};
}

/** Width of an indented column of these subtrees at this indent level. */
function columnWidth(shapes: Shape[], level: number): number {
	return Math.max(
		0,
		...shapes.map((s) => Math.max(level * STACK_INDENT + s.box.width, columnWidth(s.children, level + 1)))
	);
}

/** Tallest box at each depth, among claims that sit in a layer (claims in columns do not). */
function rowHeights(shapes: Shape[], rows: number[] = [], depth = 0): number[] {
	for (const s of shapes) {
		rows[depth] = Math.max(rows[depth] ?? 0, s.box.height);
		if (!s.column) rowHeights(s.children, rows, depth + 1);
	}
	return rows;
}

/**
 * The automatic layout (R9): a layered tree read top-down, the question at the top, each conclusion
 * above its reasons (supporting ones left, objections right), layers aligned across the map. Small
 * subtrees (at most {@link COLUMN_DEPTH} deep) hang under their claim as an indented column, the way
 * an outline does, so wide fans of evidence do not stretch the map sideways. Boxes are sized by
 * {@link claimBox}, so labels never overlap. Pure and deterministic: every replica computes the same
 * positions (box centres, whole pixels).
 */
export function layeredLayout(map: ArgMap): Positions {
	const roots = outlineOf(map).map(shapeOf);
	const rows = rowHeights(roots);
	const rowTop: number[] = [];
	rows.forEach((h, d) => (rowTop[d] = d === 0 ? 0 : rowTop[d - 1]! + rows[d - 1]! + RANK_SEP));
	const out = new Map<ClaimId, { x: number; y: number }>();

	/** Lists a column's claims top-down, each indented under its parent; returns the y below the last. */
	const stack = (shapes: Shape[], left: number, top: number): number => {
		for (const c of shapes) {
			out.set(c.node.claim.id, { x: left + c.box.width / 2, y: top + c.box.height / 2 });
			top = stack(c.children, left + STACK_INDENT, top + c.box.height + STACK_GAP);
		}
		return top;
	};
	/** Places a subtree whose block starts at `left`; returns the x of the claim's centre. */
	const place = (s: Shape, left: number, depth: number): number => {
		const centreY = rowTop[depth]! + rows[depth]! / 2;
		if (s.column) {
			out.set(s.node.claim.id, { x: left + s.box.width / 2, y: centreY });
			stack(s.children, left + STACK_INDENT, centreY + s.box.height / 2 + STACK_GAP);
			return left + s.box.width / 2;
		}
		const span =
			s.children.reduce((sum, c) => sum + c.width, 0) + NODE_SEP * Math.max(0, s.children.length - 1);
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

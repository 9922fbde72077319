import type { ElementDefinition } from 'cytoscape';
import { deriveSides, indexOf, type ArgMap, type Side } from '../model';
import { layeredLayout, type Positions } from '../model/layout';
import { claimBox } from '../model/metrics';
import { evaluationFields, type EvaluationOverlay } from './evaluation';
import { isComb, midpoint, type Box } from './route';

/** The id of the small marker drawn at the middle of an undercut relation, which the undercut points at. */
export const junctionId = (relationId: string) => `junction:${relationId}`;

const KIND_LABEL = { question: 'Question', thesis: 'Thesis', claim: 'Claim', evidence: 'Evidence' } as const;
const SIDE_LABEL: Record<Side, string> = { pro: 'for', con: 'against' };
const JUNCTION_SIZE = 12;

/** Text wrapping is the costly part: claims are immutable and unchanged ones keep their object, so measure once. */
const boxOfClaim = new WeakMap<object, { width: number; height: number }>();
function cachedBox(c: ArgMap['claims'][number]) {
	let box = boxOfClaim.get(c);
	if (!box) boxOfClaim.set(c, (box = claimBox(c)));
	return box;
}

/**
 * A claim's node as last built, reused while the claim object, its side, its evaluation and its position
 * are the same: one edit on a large map then builds one node, and the graph compares definitions by
 * identity first (R22). Definitions are shared between calls: never mutate one (GraphView copies them).
 */
interface BuiltNode {
	side: Side | undefined;
	badge: string | undefined;
	/** The claim's place and size, for its relations' routes. */
	box: Box;
	def: ElementDefinition;
}
const nodeOfClaim = new WeakMap<object, BuiltNode>();
const edgeOfRelation = new WeakMap<object, { comb: boolean; def: ElementDefinition }>();

export interface ElementOptions {
	/** Positions for claims that have none stored (computed once by the caller when needed). */
	fallback?: Positions;
	/** Strengths and labels to draw on the claims (R107); none when the evaluation is switched off. */
	evaluation?: EvaluationOverlay;
	/** The claims' sides, when the caller has them already (deriveSides of the same map). */
	sides?: ReadonlyMap<string, Side>;
}

/**
 * The map as Cytoscape elements (pure, R20): a node per claim sized by its text, an edge per relation,
 * and for each relation that is undercut a junction node at its midpoint for the undercut to point at.
 * Claims without a stored position take the layered layout's position, the same on every replica.
 */
export function toElements(map: ArgMap, options: ElementOptions = {}): ElementDefinition[] {
	const sides = options.sides ?? deriveSides(map);
	const missing = map.claims.some((c) => c.x === undefined);
	const fallback = missing ? (options.fallback ?? layeredLayout(map)) : undefined;
	const boxes = new Map<string, Box>();
	// Nodes first, then edges: an edge's ends must exist when it is added.
	const out: ElementDefinition[] = [];
	const edges: ElementDefinition[] = [];
	for (const c of map.claims) {
		const p =
			c.x !== undefined && c.y !== undefined ? { x: c.x, y: c.y } : (fallback?.get(c.id) ?? { x: 0, y: 0 });
		const side = sides.get(c.id);
		const evaluation = evaluationFields(c.id, c.kind, side ?? 'none', options.evaluation);
		const badge = evaluation?.badge;
		let built = nodeOfClaim.get(c);
		if (
			!built ||
			built.side !== side ||
			built.badge !== badge ||
			built.box.x !== p.x ||
			built.box.y !== p.y
		) {
			const size = cachedBox(c);
			const box = { x: p.x, y: p.y, width: size.width, height: size.height };
			built = { side, badge, box, def: claimNode(c, side, evaluation, size, p) };
			nodeOfClaim.set(c, built);
		}
		boxes.set(c.id, built.box);
		out.push(built.def);
	}
	const index = indexOf(map);
	for (const r of map.relations) {
		if (r.kind === 'undercuts') continue;
		const source = boxes.get(r.from)!;
		const target = boxes.get(r.to)!;
		const comb = isComb(source, target);
		let edge = edgeOfRelation.get(r);
		if (edge?.comb !== comb) {
			const data = { id: r.id, source: r.from, target: r.to, kind: r.kind };
			edge = { comb, def: { group: 'edges', data, classes: comb ? 'comb' : '' } };
			edgeOfRelation.set(r, edge);
		}
		edges.push(edge.def);
		const incoming = index.incoming.get(r.id);
		const undercuts = incoming?.filter((u) => u.kind === 'undercuts');
		if (!undercuts?.length) continue;
		const jid = junctionId(r.id);
		const at = midpoint(source, target);
		out.push({
			group: 'nodes',
			data: { id: jid, kind: 'junction', relation: r.id, width: JUNCTION_SIZE, height: JUNCTION_SIZE },
			position: at,
			selectable: false,
			grabbable: false
		});
		for (const u of undercuts) {
			const from = boxes.get(u.from)!;
			const fromLeft = from.x - from.width / 2 > at.x && from.y > at.y;
			edges.push({
				group: 'edges',
				data: { id: u.id, source: u.from, target: jid, kind: 'undercuts' },
				classes: fromLeft ? 'from-left' : ''
			});
		}
	}
	for (const e of edges) out.push(e);
	return out;
}

function claimNode(
	c: ArgMap['claims'][number],
	side: Side | undefined,
	evaluation: ReturnType<typeof evaluationFields>,
	box: { width: number; height: number },
	p: { x: number; y: number }
): ElementDefinition {
	const header =
		side && c.kind !== 'thesis' ? `${KIND_LABEL[c.kind]} · ${SIDE_LABEL[side]}` : KIND_LABEL[c.kind];
	// With the badge the header keeps the side in words and drops the kind, which the shape shows (R107).
	const top = evaluation
		? `${side && c.kind !== 'thesis' ? SIDE_LABEL[side] : KIND_LABEL[c.kind]}  ${evaluation.badge}`
		: header;
	return {
		group: 'nodes',
		data: {
			id: c.id,
			label: `${top.toUpperCase()}\n${c.text}`,
			kind: c.kind,
			side: side ?? 'none',
			...evaluation?.data,
			...box
		},
		position: { ...p }
	};
}

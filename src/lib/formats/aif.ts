import {
	fail,
	isClaimKind,
	isCoord,
	isRecord,
	ok,
	type ArgMap,
	type ClaimKind,
	type Result,
	type Source
} from '../model';
import { cleanSource, Draft, parseJsonText, reader } from './draft';
import type { Codec, Imported } from './index';

/**
 * AIF JSON as AIFdb and OVA read it (R82): claims are I-nodes, a support is an RA node between
 * reason and conclusion, an attack a CA node, an undercut a CA node pointing at the RA (or CA) node
 * of the relation it attacks. What AIF has no place for (kinds, quotes, sections, positions, title,
 * source) rides along in an extra top-level `argmap` object that AIF tools ignore.
 */

const S_TEXT = { supports: 'Default Inference', answers: 'Default Inference', attacks: 'Default Conflict' };

interface Extra {
	format: 'argmap';
	title: string;
	source?: Source;
	claims: Record<string, { kind: ClaimKind; quote?: string; section?: string; x?: number; y?: number }>;
}

/** Serializes a map as AIF JSON (`{nodes, edges, locutions}`), node ids being the map's ids. */
export function serializeAif(map: ArgMap): string {
	const nodes: { nodeID: string; text: string; type: string }[] = [];
	const edges: { edgeID: string; fromID: string; toID: string; formEdgeID: null }[] = [];
	const edge = (fromID: string, toID: string) =>
		edges.push({ edgeID: `e${edges.length + 1}`, fromID, toID, formEdgeID: null });
	const extra: Extra = {
		format: 'argmap',
		title: map.title,
		...(map.source && { source: map.source }),
		claims: {}
	};
	for (const c of map.claims) {
		nodes.push({ nodeID: c.id, text: c.text, type: 'I' });
		extra.claims[c.id] = {
			kind: c.kind,
			...(c.quote !== undefined && { quote: c.quote }),
			...(c.section !== undefined && { section: c.section }),
			...(c.x !== undefined && { x: c.x, y: c.y })
		};
	}
	for (const r of map.relations) {
		const type = r.kind === 'supports' || r.kind === 'answers' ? 'RA' : 'CA';
		nodes.push({ nodeID: r.id, text: r.kind === 'undercuts' ? S_TEXT.attacks : S_TEXT[r.kind], type });
		edge(r.from, r.id);
		edge(r.id, r.to);
	}
	return JSON.stringify({ nodes, edges, locutions: [], argmap: extra }, null, 2) + '\n';
}

interface Node {
	id: string;
	type: string;
	text: unknown;
	where: string;
}

const idOf = (value: unknown) =>
	typeof value === 'string'
		? value
		: typeof value === 'number' && Number.isFinite(value)
			? String(value)
			: undefined;

function readNodes(raw: unknown, base: string): Result<Map<string, Node>> {
	if (!Array.isArray(raw)) return fail('BAD_FORMAT', `AIF ${base}nodes`, 'expected an array');
	const nodes = new Map<string, Node>();
	for (const [i, n] of raw.entries()) {
		const where = `${base}nodes[${i}]`;
		if (!isRecord(n)) return fail('BAD_FORMAT', `AIF ${where}`, 'expected an object');
		const id = idOf(n.nodeID);
		if (id === undefined) return fail('BAD_FORMAT', `AIF ${where}.nodeID`, 'expected a string or a number');
		if (typeof n.type !== 'string') return fail('BAD_FORMAT', `AIF ${where}.type`, 'expected a string');
		if (nodes.has(id)) return fail('ID_TAKEN', `AIF ${where}.nodeID`, id);
		nodes.set(id, { id, type: n.type, text: n.text, where });
	}
	return ok(nodes);
}

function readEdges(raw: unknown, nodes: Map<string, Node>, base: string): Result<[string, string][]> {
	if (!Array.isArray(raw)) return fail('BAD_FORMAT', `AIF ${base}edges`, 'expected an array');
	const edges: [string, string][] = [];
	for (const [i, e] of raw.entries()) {
		const where = `${base}edges[${i}]`;
		if (!isRecord(e)) return fail('BAD_FORMAT', `AIF ${where}`, 'expected an object');
		const from = idOf(e.fromID);
		const to = idOf(e.toID);
		if (from === undefined || !nodes.has(from)) {
			return fail('BAD_FORMAT', `AIF ${where}.fromID`, `no node ${JSON.stringify(e.fromID)}`);
		}
		if (to === undefined || !nodes.has(to)) {
			return fail('BAD_FORMAT', `AIF ${where}.toID`, `no node ${JSON.stringify(e.toID)}`);
		}
		edges.push([from, to]);
	}
	return ok(edges);
}

/** Positions OVA stores beside the AIF (`OVA.nodes[].x/y`), by node id. */
function ovaPositions(ova: unknown): Map<string, { x: number; y: number }> {
	const out = new Map<string, { x: number; y: number }>();
	if (!isRecord(ova) || !Array.isArray(ova.nodes)) return out;
	for (const n of ova.nodes) {
		const id = isRecord(n) ? idOf(n.nodeID) : undefined;
		if (id !== undefined && isRecord(n) && isCoord(n.x) && isCoord(n.y)) out.set(id, { x: n.x, y: n.y });
	}
	return out;
}

function readExtra(raw: unknown): Partial<Extra> {
	if (!isRecord(raw) || raw.format !== 'argmap') return {};
	return raw as Partial<Extra>;
}

/**
 * Reads AIF JSON in its three shapes: AIFdb's `{nodes, edges}`, the same with `locutions`, and
 * OVA3's `{AIF, OVA, text}`; ids may be strings or numbers. I-nodes become claims; RA and MA
 * (rephrase) nodes supports from each premise to each conclusion; CA nodes attacks, or undercuts
 * when they point at an RA, MA or CA node. The dialogue layer (L, YA, TA nodes, locutions) and
 * preferences (PA) are skipped, with a warning; the argument structure does not depend on them.
 */
export function readAif(text: string): Result<Imported> {
	const parsed = parseJsonText(text, 'AIF');
	if (!parsed.ok) return parsed;
	const raw = parsed.value;
	if (!isRecord(raw)) return fail('BAD_FORMAT', 'AIF (top level)', 'expected an object');
	const ova3 = isRecord(raw.AIF);
	const aif = ova3 ? (raw.AIF as Record<string, unknown>) : raw;
	const base = ova3 ? 'AIF.' : '';
	const nodes = readNodes(aif.nodes, base);
	if (!nodes.ok) return nodes;
	const edges = readEdges(aif.edges, nodes.value, base);
	if (!edges.ok) return edges;
	const extra = readExtra(raw.argmap);
	const positions = ovaPositions(raw.OVA);
	const draft = new Draft('AIF');
	const claimOf = new Map<string, string>();
	const skipped = new Map<string, number>();
	for (const n of nodes.value.values()) {
		if (n.type !== 'I') {
			if (!['RA', 'CA', 'MA'].includes(n.type)) skipped.set(n.type, (skipped.get(n.type) ?? 0) + 1);
			continue;
		}
		if (typeof n.text !== 'string') return fail('BAD_FORMAT', `AIF ${n.where}.text`, 'expected a string');
		const meta = extra.claims?.[n.id];
		const id = draft.freshId(n.id);
		const at =
			positions.get(n.id) ?? (meta && isCoord(meta.x) && isCoord(meta.y) ? { x: meta.x, y: meta.y } : {});
		const added = draft.addClaim(
			id,
			{
				kind: isClaimKind(meta?.kind) ? meta.kind : 'claim',
				text: n.text.trim(),
				...(typeof meta?.quote === 'string' && { quote: meta.quote }),
				...(typeof meta?.section === 'string' && { section: meta.section }),
				...at
			},
			n.where
		);
		if (!added.ok) return added;
		claimOf.set(n.id, id);
	}
	if (skipped.size) {
		const list = [...skipped].map(([type, n]) => `${n} ${type}`).join(', ');
		draft.warnings.push(
			`nodes the map has no place for were skipped (${list}): dialogue and preference layers`
		);
	}
	const into = new Map<string, string[]>();
	const outOf = new Map<string, string[]>();
	for (const [from, to] of edges.value) {
		if (!into.has(to)) into.set(to, []);
		into.get(to)!.push(from);
		if (!outOf.has(from)) outOf.set(from, []);
		outOf.get(from)!.push(to);
	}
	const made = new Map<string, string[]>();
	const schemes = [...nodes.value.values()].filter((n) => ['RA', 'CA', 'MA'].includes(n.type));
	// Relations between claims first, so undercuts (S-node to S-node) find the relations they aim at.
	for (const pass of ['claims', 'inferences'] as const) {
		for (const s of schemes) {
			const reasons = (into.get(s.id) ?? []).filter((id) => claimOf.has(id));
			for (const target of outOf.get(s.id) ?? []) {
				const where = `AIF ${s.where} (${s.type} ${JSON.stringify(s.id)})`;
				const node = nodes.value.get(target)!;
				const toClaim = claimOf.get(target);
				if (pass === 'claims' && toClaim) {
					for (const reason of reasons) {
						const wanted = reasons.length === 1 ? s.id : `${s.id}-${reason}`;
						const id =
							s.type === 'CA'
								? draft.relate('attacks', claimOf.get(reason)!, toClaim, where, wanted)
								: draft.support(claimOf.get(reason)!, toClaim, where, wanted);
						if (id) {
							if (!made.has(s.id)) made.set(s.id, []);
							made.get(s.id)!.push(id);
						}
					}
				} else if (pass === 'inferences' && !toClaim && ['RA', 'CA', 'MA'].includes(node.type)) {
					if (s.type !== 'CA') draft.warnings.push(`${where}: a support of an inference was left out`);
					else if (!made.get(target)?.length)
						draft.warnings.push(`${where}: an attack on nothing was left out`);
					else
						for (const reason of reasons)
							for (const r of made.get(target)!) {
								const wanted =
									reasons.length === 1 && made.get(target)!.length === 1 ? s.id : `${s.id}-${reason}`;
								draft.relate('undercuts', claimOf.get(reason)!, r, where, wanted);
							}
				}
			}
		}
	}
	return draft.finish(
		typeof extra.title === 'string' ? extra.title : 'Imported AIF',
		cleanSource(extra.source)
	);
}

export const AIF_CODEC = {
	id: 'aif',
	label: 'AIF JSON (AIFdb, OVA)',
	extension: 'json',
	mime: 'application/json',
	...reader('AIF', readAif),
	serialize: serializeAif
} as const satisfies Codec;

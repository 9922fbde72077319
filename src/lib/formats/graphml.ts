import {
	fail,
	isClaimKind,
	isRelationKind,
	ok,
	type ArgMap,
	type Claim,
	type Relation,
	type RelationKind,
	type Result
} from '../model';
import { claimBox } from '../model/metrics';
import { cleanSource, Draft, reader } from './draft';
import type { Codec, Imported } from './index';
import { escapeXml, parseXml, type XmlElement } from './xml';

/**
 * GraphML (R85): claims are nodes and relations edges, with kind, text, quote, section and position
 * as data keys, so Gephi and yEd show and filter them. yEd also gets its own node and edge graphics
 * (labelled boxes, coloured lines). GraphML edges join nodes only, so an undercut is an edge from the
 * undercutting claim to the reason of the relation it attacks, naming that relation in `undercuts`.
 */

const NODE_KEYS = ['kind', 'text', 'label', 'quote', 'section'] as const;

const COLORS: Record<RelationKind, string> = {
	supports: '#2E7D32',
	attacks: '#C62828',
	undercuts: '#8E24AA',
	answers: '#546E7A'
};
const LINE: Record<RelationKind, string> = {
	supports: 'line',
	attacks: 'dashed',
	undercuts: 'dotted',
	answers: 'line'
};
const FILL: Record<Claim['kind'], string> = {
	question: '#CFD8DC',
	thesis: '#BBDEFB',
	claim: '#FFFFFF',
	evidence: '#FFF8E1'
};

const data = (key: string, value: string | number | undefined) =>
	value === undefined ? '' : `<data key="${key}">${escapeXml(String(value))}</data>`;

function nodeXml(c: Claim): string {
	const box = claimBox(c);
	const x = (c.x ?? 0) - box.width / 2;
	const y = (c.y ?? 0) - box.height / 2;
	const yed =
		`<data key="ng"><y:ShapeNode><y:Geometry x="${x}" y="${y}" width="${box.width}" height="${box.height}"/>` +
		`<y:Fill color="${FILL[c.kind]}"/><y:NodeLabel>${escapeXml(c.text)}</y:NodeLabel>` +
		`<y:Shape type="${c.kind === 'claim' ? 'roundrectangle' : c.kind === 'question' ? 'octagon' : 'rectangle'}"/></y:ShapeNode></data>`;
	return (
		`    <node id="${c.id}">` +
		data('kind', c.kind) +
		data('text', c.text) +
		data('label', c.text) +
		data('quote', c.quote) +
		data('section', c.section) +
		data('x', c.x) +
		data('y', c.y) +
		yed +
		'</node>'
	);
}

function edgeXml(r: Relation, relations: Map<string, Relation>): string {
	const target = r.kind === 'undercuts' ? relations.get(r.to)!.from : r.to;
	const yed =
		`<data key="eg"><y:PolyLineEdge><y:LineStyle type="${LINE[r.kind]}" width="2.0" color="${COLORS[r.kind]}"/>` +
		`<y:Arrows source="none" target="${r.kind === 'supports' || r.kind === 'answers' ? 'standard' : 't_shape'}"/></y:PolyLineEdge></data>`;
	return (
		`    <edge id="${r.id}" source="${r.from}" target="${target}">` +
		data('relation', r.kind) +
		(r.kind === 'undercuts' ? data('undercuts', r.to) : '') +
		yed +
		'</edge>'
	);
}

/** Serializes a map as GraphML with data keys for Gephi and yEd graphics. Every user string is escaped. */
export function serializeGraphml(map: ArgMap): string {
	const relations = new Map(map.relations.map((r) => [r.id as string, r]));
	const key = (id: string, on: string, name: string, type = 'string') =>
		`  <key id="${id}" for="${on}" attr.name="${name}" attr.type="${type}"/>`;
	return [
		'<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
		'<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
			' xmlns:y="http://www.yworks.com/xml/graphml"' +
			' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">',
		key('title', 'graph', 'title'),
		key('source', 'graph', 'source'),
		...NODE_KEYS.map((k) => key(k, 'node', k)),
		key('x', 'node', 'x', 'double'),
		key('y', 'node', 'y', 'double'),
		key('relation', 'edge', 'relation'),
		key('undercuts', 'edge', 'undercuts'),
		'  <key id="ng" for="node" yfiles.type="nodegraphics"/>',
		'  <key id="eg" for="edge" yfiles.type="edgegraphics"/>',
		'  <graph id="G" edgedefault="directed">',
		`    ${data('title', map.title)}${map.source ? data('source', JSON.stringify(map.source)) : ''}`,
		...map.claims.map(nodeXml),
		...map.relations.map((r) => edgeXml(r, relations)),
		'  </graph>',
		'</graphml>',
		''
	].join('\n');
}

/** The data of an element by the key's attr.name (or id when the key is not declared). */
function dataOf(el: XmlElement, names: Map<string, string>): Map<string, XmlElement> {
	const out = new Map<string, XmlElement>();
	for (const d of el.children) {
		if (d.name !== 'data' || d.attrs.key === undefined) continue;
		out.set(names.get(d.attrs.key) ?? d.attrs.key, d);
	}
	return out;
}

function number(el: XmlElement | undefined, where: string): Result<number | undefined> {
	if (!el) return ok(undefined);
	const n = Number(el.text.trim());
	if (el.text.trim() === '' || !Number.isFinite(n))
		return fail('BAD_POSITION', `${where}`, `got "${el.text}"`);
	return ok(n);
}

/** Reads GraphML written by this tool (and plain GraphML: missing kinds read as claims and supports). */
export function readGraphml(text: string): Result<Imported> {
	const doc = parseXml(text, 'GraphML');
	if (!doc.ok) return doc;
	const root = doc.value;
	if (root.name !== 'graphml')
		return fail('BAD_FORMAT', `GraphML line ${root.line}`, 'expected a <graphml> root');
	const names = new Map<string, string>();
	for (const k of root.children)
		if (k.name === 'key' && k.attrs.id) names.set(k.attrs.id, k.attrs['attr.name'] ?? k.attrs.id);
	const graph = root.children.find((c) => c.name === 'graph');
	if (!graph) return fail('BAD_FORMAT', `GraphML line ${root.line}`, 'no <graph> element');
	const draft = new Draft('GraphML');
	const nodeIds = new Map<string, string>();
	for (const n of graph.children.filter((c) => c.name === 'node')) {
		const where = `GraphML line ${n.line}`;
		const id = n.attrs.id;
		if (!id) return fail('BAD_FORMAT', where, 'a node without an id');
		if (nodeIds.has(id)) return fail('ID_TAKEN', where, id);
		const d = dataOf(n, names);
		const kind = d.get('kind')?.text.trim() ?? 'claim';
		if (!isClaimKind(kind)) return fail('BAD_KIND', `${where}`, `got "${kind}"`);
		const x = number(d.get('x'), `${where} x`);
		if (!x.ok) return x;
		const y = number(d.get('y'), `${where} y`);
		if (!y.ok) return y;
		const cid = draft.freshId(id);
		const added = draft.addClaim(
			cid,
			{
				kind,
				text: (d.get('text') ?? d.get('label'))?.text ?? '',
				...(d.get('quote') && { quote: d.get('quote')!.text }),
				...(d.get('section') && { section: d.get('section')!.text }),
				...(x.value !== undefined && y.value !== undefined && { x: x.value, y: y.value })
			},
			`line ${n.line}`
		);
		if (!added.ok) return added;
		nodeIds.set(id, cid);
	}
	const edgeIds = new Map<string, string>();
	const undercuts: { from: string; target: string; where: string; id: string }[] = [];
	for (const e of graph.children.filter((c) => c.name === 'edge')) {
		const where = `GraphML line ${e.line}`;
		const from = nodeIds.get(e.attrs.source ?? '');
		const to = nodeIds.get(e.attrs.target ?? '');
		if (!from) return fail('UNKNOWN_CLAIM', `${where} source`, e.attrs.source);
		if (!to) return fail('UNKNOWN_CLAIM', `${where} target`, e.attrs.target);
		const d = dataOf(e, names);
		const kind = d.get('relation')?.text.trim() ?? d.get('kind')?.text.trim() ?? 'supports';
		if (!isRelationKind(kind)) return fail('BAD_KIND', where, `got "${kind}"`);
		if (kind === 'undercuts') {
			const target = d.get('undercuts')?.text.trim();
			if (!target) return fail('UNKNOWN_RELATION', where, 'an undercut edge needs the relation it attacks');
			undercuts.push({ from, target, where, id: e.attrs.id ?? 'r' });
			continue;
		}
		const id = draft.relate(kind, from, to, where, e.attrs.id ?? 'r');
		if (id && e.attrs.id) edgeIds.set(e.attrs.id, id);
	}
	for (const u of undercuts) {
		const target = edgeIds.get(u.target);
		if (!target) return fail('UNKNOWN_RELATION', u.where, u.target);
		draft.relate('undercuts', u.from, target, u.where, u.id);
	}
	const gd = dataOf(graph, names);
	let source: unknown;
	try {
		source = gd.get('source') ? JSON.parse(gd.get('source')!.text) : undefined;
	} catch {
		draft.warnings.push(`GraphML line ${gd.get('source')!.line}: the source citation is not readable`);
	}
	return draft.finish(gd.get('title')?.text ?? 'Imported GraphML', cleanSource(source));
}

export const GRAPHML_CODEC = {
	id: 'graphml',
	label: 'GraphML (yEd, Gephi)',
	extension: 'graphml',
	mime: 'application/graphml+xml',
	...reader('GraphML', readGraphml),
	serialize: serializeGraphml
} as const satisfies Codec;

import { deriveSides, indexOf, type ArgMap, type Claim, type ClaimKind, type Side } from '../model';
import { layeredLayout, STACK_INDENT } from '../model/layout';
import { claimBox, FONT_SIZE, LINE_HEIGHT, PADDING, wrapLines } from '../model/metrics';

/**
 * The map as a standalone SVG picture (R90), drawn like the on-screen diagram (R20) from the model
 * alone, so the server can export it without a DOM. Text is real <text>, every user string is
 * XML-escaped, and the document has no script, no foreignObject, no event attribute and no
 * external reference: it is safe to open anywhere and stays vector in a PDF.
 */

/** The diagram's palette (src/lib/view/style.ts COLORS; a test keeps the two equal). */
export const SVG_COLORS = {
	supports: '#2e7d32',
	attacks: '#c62828',
	undercuts: '#8e24aa',
	answers: '#546e7a',
	question: '#263238',
	thesis: '#1f4e79',
	proFill: '#eef7ee',
	conFill: '#fdeeee',
	neutralFill: '#ffffff',
	evidenceFill: '#fff8e1',
	text: '#1c1c1c'
} as const;

/** Where a comb edge meets its conclusion: this fraction of the width left of the centre (view/route.ts). */
const COMB_TARGET_X = -0.4;
/** Size of the diamond marking an undercut relation's inference. */
const JUNCTION_SIZE = 12;
/** Margin around the drawing. */
const MARGIN = 24;
/** Arrowheads as Cytoscape draws them for a 2 px line at arrow-scale 1.3: 29 * 1.3 px. */
const ARROW = 29 * 1.3;
/** Fonts every viewer and jsPDF's standard fonts know; the screen's system-ui has no PDF twin. */
const FONT_FAMILY = 'Helvetica, Arial, sans-serif';
/** Size of the kind header ("CLAIM · FOR") above a claim's text. */
const HEADER_SIZE = 10.5;

const KIND_LABEL: Record<ClaimKind, string> = {
	question: 'Question',
	thesis: 'Thesis',
	claim: 'Claim',
	evidence: 'Evidence'
};
const SIDE_LABEL: Record<Side, string> = { pro: 'for', con: 'against' };

export interface SvgOptions {
	/** Background colour; `null` leaves it transparent. Default white. */
	background?: string | null;
}

interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}
interface Point {
	x: number;
	y: number;
}

// XML 1.0 allows tab, newline, carriage return and U+0020 up; lone surrogates and U+FFFE/U+FFFF are
// not characters at all. Anything else would make the document ill-formed, so it is dropped.
const NOT_XML =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for XML content and attribute values, dropping characters XML cannot carry. */
export function escapeXml(text: string): string {
	return text
		.replace(NOT_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

const num = (n: number) => String(Math.round(n * 100) / 100);
const pts = (points: Point[]) => points.map((p) => `${num(p.x)},${num(p.y)}`).join(' ');

/** Whether a relation is drawn as a comb edge up an indented column's gutter (view/route.ts isComb). */
function isComb(source: Box, target: Box): boolean {
	const indent = source.x - source.width / 2 - (target.x - target.width / 2);
	return (
		source.y - source.height / 2 > target.y + target.height / 2 &&
		indent >= STACK_INDENT / 2 &&
		indent <= STACK_INDENT * 1.5
	);
}

/** Where a box's border meets the ray from its centre towards `to`. */
function clipBox(box: Box, to: Point): Point {
	const dx = to.x - box.x;
	const dy = to.y - box.y;
	if (dx === 0 && dy === 0) return { x: box.x, y: box.y };
	const t = Math.min(
		dx === 0 ? Infinity : box.width / 2 / Math.abs(dx),
		dy === 0 ? Infinity : box.height / 2 / Math.abs(dy)
	);
	return { x: box.x + dx * Math.min(t, 1), y: box.y + dy * Math.min(t, 1) };
}

/** Where a diamond of JUNCTION_SIZE around `at` meets the ray from its centre towards `to`. */
function clipDiamond(at: Point, to: Point): Point {
	const dx = to.x - at.x;
	const dy = to.y - at.y;
	const len = Math.hypot(dx, dy) || 1;
	const r = JUNCTION_SIZE / 2 / ((Math.abs(dx) + Math.abs(dy)) / len);
	return { x: at.x + (dx / len) * r, y: at.y + (dy / len) * r };
}

/** The end points of a relation's line, as the view draws it (straight, or combed). */
function relationLine(source: Box, target: Box): [Point, Point] {
	if (isComb(source, target)) {
		return [
			{ x: source.x - source.width / 2, y: source.y },
			{ x: target.x + COMB_TARGET_X * target.width, y: target.y + target.height / 2 }
		];
	}
	return [clipBox(source, target), clipBox(target, source)];
}

/**
 * Points of an arrowhead shape at `tip`, given in Cytoscape's unit coordinates: the tip at 0,0, the
 * shape extending towards -y, which here points back along the line towards `from`.
 */
function arrowPoints(unit: number[], tip: Point, from: Point): Point[] {
	const len = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
	const u = { x: (tip.x - from.x) / len, y: (tip.y - from.y) / len };
	const n = { x: -u.y, y: u.x };
	const out: Point[] = [];
	for (let i = 0; i < unit.length; i += 2) {
		const across = unit[i]! * ARROW;
		const along = unit[i + 1]! * ARROW;
		out.push({ x: tip.x + across * n.x + along * u.x, y: tip.y + across * n.y + along * u.y });
	}
	return out;
}

const TRIANGLE = [-0.15, -0.3, 0, 0, 0.15, -0.3];
const TEE = [-0.15, 0, -0.15, -0.1, 0.15, -0.1, 0.15, 0];

/** Moves `tip` back towards `from` by `by` px (where the line stops behind an arrowhead). */
function back(tip: Point, from: Point, by: number): Point {
	const len = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
	return { x: tip.x - ((tip.x - from.x) / len) * by, y: tip.y - ((tip.y - from.y) / len) * by };
}

type LineKind = 'supports' | 'attacks' | 'undercuts' | 'answers';

const LINE_STYLE: Record<LineKind, string> = {
	supports: 'stroke-width="2"',
	attacks: 'stroke-width="2" stroke-dasharray="8 4"',
	undercuts: 'stroke-width="2" stroke-dasharray="2 3" stroke-linecap="round"',
	answers: 'stroke-width="3"'
};

/** One relation: its line and its arrowhead (triangle for supports and answers, a bar for the others). */
function drawRelation(kind: LineKind, from: Point, tip: Point): string {
	const colour = SVG_COLORS[kind];
	const tee = kind === 'attacks' || kind === 'undercuts';
	const head = arrowPoints(tee ? TEE : TRIANGLE, tip, from);
	const end = back(tip, from, tee ? 0.1 * ARROW : 0.3 * ARROW * (kind === 'answers' ? 0.8 : 1));
	let shape = `<polygon points="${pts(head)}" fill="${colour}"/>`;
	if (kind === 'answers') {
		// Cytoscape's triangle-backcurve: the back of the triangle curves in towards the tip.
		const [a, b, c] = head as [Point, Point, Point];
		const control = arrowPoints([0, -0.15], tip, from)[0]!;
		shape = `<path d="M${num(a.x)},${num(a.y)} L${num(b.x)},${num(b.y)} L${num(c.x)},${num(c.y)} Q${num(control.x)},${num(control.y)} ${num(a.x)},${num(a.y)} Z" fill="${colour}"/>`;
	}
	return (
		`<g class="relation ${kind}"><line x1="${num(from.x)}" y1="${num(from.y)}" x2="${num(end.x)}" y2="${num(end.y)}" stroke="${colour}" ${LINE_STYLE[kind]}/>` +
		`${shape}</g>`
	);
}

/** A box with its corners cut `cx` deep horizontally and `cy` vertically. */
function cutCorners(box: Box, cx: number, cy: number): Point[] {
	const [left, top] = [box.x - box.width / 2, box.y - box.height / 2];
	const [right, bottom] = [left + box.width, top + box.height];
	return [
		{ x: left + cx, y: top },
		{ x: right - cx, y: top },
		{ x: right, y: top + cy },
		{ x: right, y: bottom - cy },
		{ x: right - cx, y: bottom },
		{ x: left + cx, y: bottom },
		{ x: left, y: bottom - cy },
		{ x: left, y: top + cy }
	];
}

/** A claim's outline: rounded box, cut corners (evidence) or an octagon (question), as style.ts draws them. */
function shapeOf(kind: ClaimKind, box: Box, attrs: string): string {
	if (kind === 'evidence') return `<polygon points="${pts(cutCorners(box, 8, 8))}" ${attrs}/>`;
	if (kind === 'question') {
		// Cytoscape's round-octagon, its corners cut less deep so the left-aligned text never touches them.
		const corners = cutCorners(box, Math.min(18, box.width * 0.15), Math.min(18, box.height * 0.3));
		return `<polygon points="${pts(corners)}" stroke-linejoin="round" ${attrs}/>`;
	}
	const [left, top] = [box.x - box.width / 2, box.y - box.height / 2];
	return `<rect x="${num(left)}" y="${num(top)}" width="${num(box.width)}" height="${num(box.height)}" rx="8" ry="8" ${attrs}/>`;
}

/** The claim's fill, border and text colours by kind and side (style.ts). */
function paint(kind: ClaimKind, side: Side | undefined) {
	if (kind === 'question')
		return { fill: SVG_COLORS.question, stroke: SVG_COLORS.question, width: 1.5, text: '#ffffff' };
	if (kind === 'thesis') return { fill: SVG_COLORS.thesis, stroke: '#0d2a45', width: 3, text: '#ffffff' };
	const stroke = side === 'pro' ? SVG_COLORS.supports : side === 'con' ? SVG_COLORS.attacks : '#90a4ae';
	const fill =
		kind === 'evidence'
			? SVG_COLORS.evidenceFill
			: side === 'pro'
				? SVG_COLORS.proFill
				: side === 'con'
					? SVG_COLORS.conFill
					: SVG_COLORS.neutralFill;
	return { fill, stroke, width: 1.5, text: SVG_COLORS.text };
}

/** The lines of a claim's text as the box holds them: the last one shortened with an ellipsis if needed. */
function textLines(text: string): string[] {
	const lines = wrapLines(text);
	const last = lines.at(-1);
	if (last !== undefined) {
		const fitted = wrapLines(last);
		if (fitted.length > 1) lines[lines.length - 1] = `${fitted[0]}…`;
	}
	return lines;
}

function drawClaim(claim: Claim, box: Box, side: Side | undefined): string {
	const p = paint(claim.kind, side);
	const header = (
		side && claim.kind !== 'thesis'
			? `${KIND_LABEL[claim.kind]} · ${SIDE_LABEL[side]}`
			: KIND_LABEL[claim.kind]
	).toUpperCase();
	const left = box.x - box.width / 2 + PADDING;
	const top = box.y - box.height / 2 + PADDING;
	const bold = claim.kind === 'question' || claim.kind === 'thesis' ? ' font-weight="bold"' : '';
	const lines = textLines(claim.text)
		.map(
			(line, i) =>
				`<tspan x="${num(left)}" y="${num(top + 15 + i * LINE_HEIGHT + FONT_SIZE)}">${escapeXml(line)}</tspan>`
		)
		.join('');
	return (
		`<g class="claim ${claim.kind}" id="claim-${escapeXml(claim.id)}">` +
		shapeOf(claim.kind, box, `fill="${p.fill}" stroke="${p.stroke}" stroke-width="${p.width}"`) +
		`<text x="${num(left)}" y="${num(top + HEADER_SIZE)}" font-size="${HEADER_SIZE}" font-weight="bold" letter-spacing="0.5" fill="${p.text}" fill-opacity="0.75">${escapeXml(header)}</text>` +
		`<text font-size="${FONT_SIZE}" fill="${p.text}"${bold}>${lines}</text>` +
		`</g>`
	);
}

/** The boxes of all claims: stored positions, else the automatic layout's (as the view does). */
function boxesOf(map: ArgMap): Map<string, Box> {
	const missing = map.claims.some((c) => c.x === undefined || c.y === undefined);
	const fallback = missing ? layeredLayout(map) : undefined;
	const boxes = new Map<string, Box>();
	for (const c of map.claims) {
		const at =
			c.x !== undefined && c.y !== undefined ? { x: c.x, y: c.y } : (fallback?.get(c.id) ?? { x: 0, y: 0 });
		boxes.set(c.id, { ...at, ...claimBox(c) });
	}
	return boxes;
}

/**
 * Renders the whole map as an SVG document (R90): relations under claims, undercut markers on the
 * relations they attack, every claim with its kind header and wrapped text. Pure: the same map gives
 * the same bytes.
 */
export function renderSvg(map: ArgMap, options: SvgOptions = {}): string {
	const background = options.background === undefined ? '#ffffff' : options.background;
	const sides = deriveSides(map);
	const boxes = boxesOf(map);
	const index = indexOf(map);
	const relations: string[] = [];
	const junctions: string[] = [];
	for (const r of map.relations) {
		if (r.kind === 'undercuts') continue;
		const source = boxes.get(r.from)!;
		const target = boxes.get(r.to)!;
		const [from, to] = relationLine(source, target);
		relations.push(drawRelation(r.kind, from, to));
		const undercuts = (index.incoming.get(r.id) ?? []).filter((u) => u.kind === 'undercuts');
		if (undercuts.length === 0) continue;
		// The marker sits in the middle of the drawn line (view/route.ts midpoint).
		const at = isComb(source, target)
			? { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 }
			: { x: (source.x + target.x) / 2, y: (source.y + target.y) / 2 };
		const h = JUNCTION_SIZE / 2;
		junctions.push(
			`<polygon class="junction" points="${pts([
				{ x: at.x, y: at.y - h },
				{ x: at.x + h, y: at.y },
				{ x: at.x, y: at.y + h },
				{ x: at.x - h, y: at.y }
			])}" fill="${SVG_COLORS.undercuts}"/>`
		);
		for (const u of undercuts) {
			const box = boxes.get(u.from)!;
			const fromLeft = box.x - box.width / 2 > at.x && box.y > at.y;
			const start = fromLeft ? { x: box.x - box.width / 2, y: box.y } : clipBox(box, at);
			relations.push(drawRelation('undercuts', start, clipDiamond(at, start)));
		}
	}
	const claims = map.claims.map((c) => drawClaim(c, boxes.get(c.id)!, sides.get(c.id)));
	let x1 = 0;
	let y1 = 0;
	let x2 = 0;
	let y2 = 0;
	[...boxes.values()].forEach((b, i) => {
		const [l, t, r, bt] = [b.x - b.width / 2, b.y - b.height / 2, b.x + b.width / 2, b.y + b.height / 2];
		[x1, y1, x2, y2] =
			i === 0 ? [l, t, r, bt] : [Math.min(x1, l), Math.min(y1, t), Math.max(x2, r), Math.max(y2, bt)];
	});
	x1 -= MARGIN;
	y1 -= MARGIN;
	const width = Math.ceil(x2 + MARGIN - x1);
	const height = Math.ceil(y2 + MARGIN - y1);
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="${num(x1)} ${num(y1)} ${width} ${height}" font-family="${FONT_FAMILY}">\n` +
		`<title>${escapeXml(map.title)}</title>\n` +
		(background
			? `<rect x="${num(x1)}" y="${num(y1)}" width="${width}" height="${height}" fill="${escapeXml(background)}"/>\n`
			: '') +
		`<g class="relations" fill="none">\n${relations.join('\n')}\n</g>\n` +
		`<g class="junctions">\n${junctions.join('\n')}\n</g>\n` +
		`<g class="claims">\n${claims.join('\n')}\n</g>\n` +
		`</svg>\n`
	);
}

export const SVG_FORMAT = { mime: 'image/svg+xml', extension: 'svg', label: 'SVG picture' } as const;

import type { Collection, NodeSingular } from 'cytoscape';

/** A model-space rectangle (Cytoscape's draw extent). */
interface Extent {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

/** Cytoscape's parsed style of an element (not in its typings). */
type Parsed = { pstyle(name: string): { value: number[]; pfValue: number } };
const style = (node: NodeSingular, name: string) => (node as unknown as Parsed).pstyle(name);

/** Canvas styles by Cytoscape's parsed colour value, which elements of the same style share. */
const colours = new WeakMap<number[], string>();
/** A Cytoscape colour ([r, g, b]) as a canvas style, made once per parsed value (no string per frame). */
function colourOf(node: NodeSingular, property: string): string {
	const rgb = style(node, property).value;
	let css = colours.get(rgb);
	if (css === undefined) colours.set(rgb, (css = `rgb(${rgb.join()})`));
	return css;
}

/** A node among `eles`, if any: the last, since a drawing's elements list relations first (z-order). */
export function lastNode(eles: Collection): NodeSingular | undefined {
	for (let i = eles.length - 1; i >= 0; i--) if (eles[i]!.isNode()) return eles[i] as NodeSingular;
	return undefined;
}

/** Whether a claim's text is too small on screen for Cytoscape to draw it (its own rule, by texture level). */
export function textHidden(node: NodeSingular, zoom: number, pxRatio: number): boolean {
	const scale = 2 ** Math.ceil(Math.log2(zoom * pxRatio));
	return style(node, 'font-size').pfValue * scale < style(node, 'min-zoomed-font-size').pfValue;
}

/**
 * Draws the claims among `eles` as boxes in their fill and border colours, which is how they look when
 * their text is too small to be drawn: the frames of many claims moving at once on a map seen whole
 * (R180). Drawing each claim's cached picture cost 10-40 ms per frame on 1,000 claims.
 */
export function drawBoxes(context: CanvasRenderingContext2D, eles: Collection, extent?: Extent): void {
	const alpha = context.globalAlpha;
	for (let i = 0; i < eles.length; i++) {
		const ele = eles[i]!;
		if (!ele.isNode() || !ele.visible()) continue;
		const { x, y } = ele.position();
		const w = ele.outerWidth();
		const h = ele.outerHeight();
		const left = x - w / 2;
		const top = y - h / 2;
		if (extent && (left > extent.x2 || top > extent.y2 || left + w < extent.x1 || top + h < extent.y1))
			continue;
		context.globalAlpha = alpha * ele.effectiveOpacity();
		context.fillStyle = colourOf(ele, 'background-color');
		context.fillRect(left, top, w, h);
		const border = style(ele, 'border-width').pfValue;
		if (border > 0) {
			context.lineWidth = border;
			context.strokeStyle = colourOf(ele, 'border-color');
			context.strokeRect(left + border / 2, top + border / 2, w - border, h - border);
		}
	}
	context.globalAlpha = alpha;
}

import type { Claim } from './claim';

/**
 * Box sizes of claims in the diagram, estimated from the text so that the layout (which may run where
 * no text can be measured: the server, a worker) and the renderer agree. The estimate is generous: a
 * label never overflows its box, it may leave a little air.
 */
export const NODE_WIDTH = 210;
/** Label font size in px at zoom 1. */
export const FONT_SIZE = 13;
/** Line height in px at zoom 1. */
export const LINE_HEIGHT = 17;
/** Padding inside the box around the label, each side. */
export const PADDING = 10;
/** Width available to text on one line. */
export const TEXT_WIDTH = NODE_WIDTH - 2 * PADDING;
/** Average glyph advance for the label font, measured on sans-serif claim texts, rounded up. */
const CHAR_WIDTH = 6.9;
/** Room for the kind badge line ("EVIDENCE") above the text. */
const HEADER = 15;
/** Words longer than a line are cut at the box edge; no claim text is allowed to grow a box forever. */
const MAX_LINES = 12;

/** Splits text into lines the way a word-wrapping renderer would, by estimated width. */
export function wrapLines(text: string, width = TEXT_WIDTH): string[] {
	const perLine = Math.max(8, Math.floor(width / CHAR_WIDTH));
	const lines: string[] = [];
	let line = '';
	for (const word of text.trim().split(/\s+/)) {
		if (!line) line = word;
		else if (line.length + 1 + word.length <= perLine) line += ' ' + word;
		else {
			lines.push(line);
			line = word;
		}
		while (line.length > perLine) {
			lines.push(line.slice(0, perLine));
			line = line.slice(perLine);
		}
	}
	if (line) lines.push(line);
	return lines.length > MAX_LINES
		? [...lines.slice(0, MAX_LINES - 1), lines.slice(MAX_LINES - 1).join(' ')]
		: lines;
}

export interface Box {
	width: number;
	height: number;
}

/** The box of a claim in the diagram. */
export function claimBox(claim: Pick<Claim, 'text'>): Box {
	const lines = Math.min(MAX_LINES, wrapLines(claim.text).length);
	return { width: NODE_WIDTH, height: Math.ceil(HEADER + lines * LINE_HEIGHT + 2 * PADDING) };
}

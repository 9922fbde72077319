import { STACK_INDENT } from '../model/layout';

export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Where a comb edge leaves its conclusion: near the bottom-left corner (fraction of the width from the centre). */
export const COMB_TARGET_X = -0.4;

/**
 * Whether a relation is drawn as a comb edge (R20): the reason hangs in an indented column under its
 * conclusion, so the edge runs from the reason's left side up the column's gutter to the conclusion's
 * bottom-left corner instead of crossing the boxes stacked between them. Decided from positions
 * alone, so it follows whatever arrangement people make.
 */
export function isComb(source: Box, target: Box): boolean {
	const indent = source.x - source.width / 2 - (target.x - target.width / 2);
	return (
		source.y - source.height / 2 > target.y + target.height / 2 &&
		indent >= STACK_INDENT / 2 &&
		indent <= STACK_INDENT * 1.5
	);
}

/** The middle of the drawn line of a relation, where an undercut marker sits. */
export function midpoint(source: Box, target: Box): { x: number; y: number } {
	if (!isComb(source, target)) return { x: (source.x + target.x) / 2, y: (source.y + target.y) / 2 };
	const from = { x: source.x - source.width / 2, y: source.y };
	const to = { x: target.x + COMB_TARGET_X * target.width, y: target.y + target.height / 2 };
	return { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
}

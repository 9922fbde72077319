import type { StylesheetJson } from 'cytoscape';
import type { Label } from '../model/evaluate';

/**
 * The evaluation drawn on the diagram (R107): each claim's strength as a bar filling the box from the left
 * (a darker tone of the claim's own fill, as long as the strength), and its grounded label as a badge in
 * the header, in words and a symbol, so nothing relies on colour alone. OUT claims are faded.
 */

export interface EvaluationOverlay {
	readonly strength: ReadonlyMap<string, number>;
	readonly label: ReadonlyMap<string, Label>;
}

/** The strength bar moves in steps of 5%: finer is invisible, and few distinct styles keep redraws cheap. */
const STEPS = 20;

export const LABEL_BADGE: Record<Label, string> = { IN: '✓ IN', OUT: '✗ OUT', UNDEC: '? UNDEC' };

/** Fill tones: the claim's own fill, and the darker tone of the bar. */
export const TONES = {
	none: ['#dfe6ea', '#ffffff'],
	pro: ['#cbe5cc', '#eef7ee'],
	con: ['#f4cccc', '#fdeeee'],
	evidence: ['#f7df97', '#fff8e1'],
	thesis: ['#3d7bb5', '#1f4e79']
} as const;

export type Tone = keyof typeof TONES;

/** The data fields the evaluation sets on a claim: removed again when it is switched off. */
export const EVALUATION_KEYS = ['strengthStep', 'acceptance', 'tone'] as const;

/** What the evaluation adds to a claim's element: the header's badge and the data the style rules read. */
export function evaluationFields(
	id: string,
	kind: string,
	side: string,
	overlay: EvaluationOverlay | undefined
): { badge: string; data: Record<string, string | number> } | undefined {
	const strength = overlay?.strength.get(id);
	const label = overlay?.label.get(id);
	if (strength === undefined || !label || kind === 'question') return undefined;
	const tone: Tone =
		kind === 'thesis'
			? 'thesis'
			: kind === 'evidence'
				? 'evidence'
				: side === 'pro' || side === 'con'
					? side
					: 'none';
	return {
		badge: `${LABEL_BADGE[label]} ${strength.toFixed(2)}`,
		data: { strengthStep: Math.round(strength * STEPS), acceptance: label, tone }
	};
}

const steps: StylesheetJson = Array.from({ length: STEPS + 1 }, (_, k) => {
	const at = (k * 100) / STEPS;
	return {
		selector: `node[strengthStep = ${k}]`,
		style: { 'background-gradient-stop-positions': [0, at, at, 100] }
	};
});

const tones: StylesheetJson = (Object.keys(TONES) as Tone[]).map((tone) => {
	const [bar, fill] = TONES[tone];
	return {
		selector: `node[tone = "${tone}"]`,
		style: { 'background-gradient-stop-colors': [bar, bar, fill, fill] }
	};
});

/** Stylesheet entries for the evaluation (added to graphStyle). */
export const evaluationStyle: StylesheetJson = [
	{
		selector: 'node[strengthStep]',
		style: { 'background-fill': 'linear-gradient', 'background-gradient-direction': 'to-right' }
	},
	...steps,
	...tones,
	{ selector: 'node[acceptance = "OUT"]', style: { opacity: 0.62 } }
];

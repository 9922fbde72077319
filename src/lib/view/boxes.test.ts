import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { drawBoxes, lastNode, textHidden } from './boxes';
import { graphStyle } from './style';

/** A canvas context that records the boxes drawn, with the colours and opacity they were drawn in. */
function recorder() {
	const calls: string[] = [];
	const context = {
		globalAlpha: 1,
		fillStyle: '',
		strokeStyle: '',
		lineWidth: 1,
		fillRect(x: number, y: number, w: number, h: number) {
			calls.push(`fill ${this.fillStyle} ${x},${y} ${w}x${h} alpha ${this.globalAlpha}`);
		},
		strokeRect(x: number, y: number, w: number, h: number) {
			calls.push(`stroke ${this.strokeStyle} ${this.lineWidth} ${x},${y} ${w}x${h}`);
		}
	};
	return { calls, context: context as unknown as CanvasRenderingContext2D };
}

function graph() {
	return cytoscape({
		headless: true,
		styleEnabled: true,
		style: graphStyle,
		layout: { name: 'preset' },
		elements: [
			{
				data: { id: 'a', kind: 'claim', side: 'pro', label: 'A', width: 100, height: 40 },
				position: { x: 0, y: 0 }
			},
			{ data: { id: 'b', kind: 'thesis', label: 'B', width: 60, height: 20 }, position: { x: 500, y: 0 } },
			{ data: { id: 'r', source: 'a', target: 'b', kind: 'supports' } }
		]
	});
}

describe('claims drawn as boxes while many move (R180)', () => {
	it('draws each claim on screen once, in its fill and border colours, skipping relations and claims outside', () => {
		const cy = graph();
		const { calls, context } = recorder();
		drawBoxes(context, cy.elements(), { x1: -100, y1: -100, x2: 100, y2: 100 });
		const a = cy.getElementById('a');
		const [w, h] = [a.outerWidth(), a.outerHeight()];
		expect(calls).toEqual([
			`fill rgb(238,247,238) ${-w / 2},${-h / 2} ${w}x${h} alpha 1`,
			`stroke rgb(46,125,50) 1.5 ${-w / 2 + 0.75},${-h / 2 + 0.75} ${w - 1.5}x${h - 1.5}`
		]);
		// The whole map: both claims, the thesis in its own colours; a faded claim drawn faded.
		a.style('opacity', 0.5);
		calls.length = 0;
		drawBoxes(context, cy.elements());
		expect(calls.filter((c) => c.startsWith('fill'))).toHaveLength(2);
		expect(calls[0]).toMatch(/alpha 0.5$/);
		expect(calls[2]).toMatch(/^fill rgb\(31,78,121\)/);
		expect(context.globalAlpha).toBe(1);
	});

	it("follows Cytoscape's rule for when a claim's text is too small to draw", () => {
		const cy = graph();
		const claim = lastNode(cy.elements())!;
		expect(claim.id()).toBe('b');
		// Text is drawn when font size x 2^ceil(log2(zoom x pixel ratio)) reaches min-zoomed-font-size (5 px).
		expect(textHidden(claim, 1, 1)).toBe(false);
		expect(textHidden(claim, 0.1, 1)).toBe(true);
		expect(textHidden(claim, 0.1, 4)).toBe(false);
		expect(lastNode(cy.elements('edge'))).toBeUndefined();
	});
});

import { describe, expect, it } from 'vitest';
import { evaluate, type Ratings } from '../model/evaluate';
import { mapOf } from '../model/test-helpers';
import { toElements } from './elements';
import { GraphView } from './graph-view';

const tea = mapOf(
	[
		'q:question:Tea?',
		't:thesis:Tea is good',
		'a:claim:It is warm',
		'b:claim:It stains',
		'c:claim:Stains wash off'
	],
	['r0:t>answers>q', 'r1:a>supports>t', 'r2:b>attacks>t', 'r3:c>attacks>b']
);
/** The map with positions, so the view draws it without a layout. */
const placed = { ...tea, claims: tea.claims.map((c, i) => ({ ...c, x: i * 300, y: 0 })) };

const ratings = (claims: Record<string, number[]>): Ratings => ({
	claims: new Map(Object.entries(claims)),
	relations: new Map()
});

const node = (elements: ReturnType<typeof toElements>, id: string) =>
	elements.find((e) => e.data.id === id)!.data;

describe('the evaluation on the diagram', () => {
	it('R107: with the evaluation on, each claim shows its label in words and symbol, its strength, and a bar', () => {
		const evaluation = evaluate(placed, ratings({ a: [1] }));
		const on = toElements(placed, { evaluation });
		expect(node(on, 'b').label).toBe('AGAINST  ✗ OUT 0.25\nIt stains');
		expect(node(on, 'b').acceptance).toBe('OUT');
		expect(node(on, 'c').label).toBe('FOR  ✓ IN 0.50\nStains wash off');
		expect(node(on, 't').label).toMatch(/^THESIS {2}✓ IN 0\.\d\d\n/);
		expect(node(on, 'a').strengthStep).toBe(20);
		expect(node(on, 'a').tone).toBe('pro');
		// Questions are answered, not argued for: no strength on them.
		expect(node(on, 'q').strengthStep).toBeUndefined();
		const off = toElements(placed);
		expect(node(off, 'b').label).toBe('CLAIM · AGAINST\nIt stains');
		expect(node(off, 'b').strengthStep).toBeUndefined();
	});

	it('R107: a vote redraws only the claims whose strength or label changed (R22)', () => {
		const view = new GraphView(null, { onSelect() {}, onMove() {}, onOpen() {} });
		view.update(placed, evaluate(placed, ratings({})));
		const touched: string[] = [];
		view.cy.on('add remove data position', (e) => touched.push(`${e.type}:${e.target.id()}`));
		// Rating c changes c, the claim it attacks (b) and the thesis b attacks; a and q stay as they are.
		view.update(placed, evaluate(placed, ratings({ c: [1] })));
		expect(touched.sort()).toEqual(['data:b', 'data:c', 'data:t']);
		touched.length = 0;
		view.update(placed);
		expect([...new Set(touched)].sort()).toEqual(['data:a', 'data:b', 'data:c', 'data:t']);
		// Switched off, no trace of the evaluation is left on the claims.
		for (const id of ['a', 'b', 'c', 't']) {
			const data = view.cy.getElementById(id).data();
			expect([data.strengthStep, data.acceptance, data.tone]).toEqual([undefined, undefined, undefined]);
		}
		view.destroy();
	});
});

import { describe, expect, it } from 'vitest';
import { applyOps, planCommand, type ArgMap, type Command } from '../model';
import { generateMap } from '../model/generate';
import { withLayout } from '../model/layout';
import { GraphView } from './graph-view';
import { LARGE_MAP } from './renderer';
import { graphStyle } from './style';

function run(map: ArgMap, cmd: Command): ArgMap {
	const plan = planCommand(map, cmd);
	if (!plan.ok) throw plan.error;
	return applyOps(map, plan.value);
}

describe('large maps', () => {
	it('R177: on a 1,000-claim map an edit, a drag and a new claim touch only their own elements', () => {
		const view = new GraphView(null, { onSelect() {}, onMove() {}, onOpen() {} });
		let map = withLayout(generateMap(1000, 2));
		view.update(map);
		expect(view.claimCount()).toBe(1000);
		const touched: string[] = [];
		view.cy.on('add remove data position', (e) => touched.push(`${e.type}:${e.target.id()}`));

		map = run(map, { type: 'editText', id: 'c10', text: 'A much shorter text' });
		view.update(map);
		expect(touched).toEqual(['data:c10']);

		touched.length = 0;
		map = run(map, { type: 'move', positions: [{ id: 'c20', x: 5, y: 7 }] });
		view.update(map);
		// A move sets the position only: the claim's data is unchanged and not set again.
		expect(touched).toEqual(['position:c20']);

		touched.length = 0;
		map = run(map, {
			type: 'addClaim',
			claim: { id: 'n1', kind: 'claim', text: 'New claim', x: 0, y: 0 },
			link: { id: 'rn1', kind: 'supports', to: 'c30' }
		});
		view.update(map);
		expect(touched.sort()).toEqual(['add:n1', 'add:rn1']);
		view.destroy();
		// Drawing 1,000 claims headless takes a few seconds on a loaded machine.
	}, 60_000);

	it('R173: from 2,000 claims on, pans and zooms move a snapshot of the drawing', () => {
		const view = new GraphView(null, { onSelect() {}, onMove() {}, onOpen() {} });
		const renderer = () => (view.cy as unknown as { renderer(): { textureOnViewport?: boolean } }).renderer();
		const small = generateMap(300, 4);
		view.update(small);
		expect(renderer().textureOnViewport).toBe(false);
		view.update(generateMap(LARGE_MAP, 4));
		expect(renderer().textureOnViewport).toBe(true);
		view.update(small);
		expect(renderer().textureOnViewport).toBe(false);
		view.destroy();
	}, 60_000);

	it('R173: labels are not drawn once they would be smaller than 5 px on screen', () => {
		const node = graphStyle.find((rule) => 'selector' in rule && rule.selector === 'node');
		const style = (node && 'style' in node ? node.style : {}) as Record<string, unknown>;
		expect(style['min-zoomed-font-size']).toBe(5);
	});
});

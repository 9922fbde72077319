import { serializeJson } from '../../src/lib/formats/json';
import { generateMap } from '../../src/lib/model/generate';
import { withLayout } from '../../src/lib/model/layout';
import { outlineOf, outlineRows } from '../../src/lib/model/outline';
import { fetchRetry, startServer, type RunningServer } from '../server';
import { freshMap, open } from './editor-helpers';
import { escape, expect, outline, test } from './fixtures';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

const RELATION = { supports: 'For: ', attacks: 'Against: ', undercuts: 'Undercuts: ', answers: 'Answer: ' };
const KIND = { question: 'Question', thesis: 'Thesis', claim: 'Claim', evidence: 'Evidence' };

test('R19: the outline of a 2,000-claim map opens with the rows on screen, and every row is in reach', async ({
	browser
}) => {
	const map = await freshMap(server);
	const large = withLayout(generateMap(2000, 6));
	const res = await fetchRetry(`${server.url}/api/maps/${map.id}/import?format=json&mode=replace`, {
		method: 'POST',
		headers: { authorization: `Bearer ${map.editToken}` },
		body: serializeJson(large)
	});
	expect(res.status).toBe(200);
	const rows = outlineRows(outlineOf(large), new Set());
	const label = (i: number) => {
		const { node } = rows[i]!;
		return `${node.relation ? RELATION[node.relation] : ''}${KIND[node.claim.kind]}: ${node.claim.text}`;
	};
	const row = (i: number) =>
		outline(page)
			.getByRole('treeitem', { name: label(i), exact: true })
			.first();

	const { page, errors } = await open(browser, map.link);
	const tree = outline(page);
	await expect(row(0)).toBeVisible();
	// A window of rows is drawn, not the 2,000 and more.
	expect(rows.length).toBeGreaterThan(2000);
	expect(await tree.getByRole('treeitem').count()).toBeLessThan(200);
	await expect(row(0)).toHaveAttribute('aria-level', '1');

	// End reaches the last row, far below what was drawn; it is selected and on screen.
	await row(0).focus();
	await page.keyboard.press('End');
	const last = rows.length - 1;
	await expect(row(last)).toBeFocused();
	await expect(row(last)).toHaveAttribute('aria-selected', 'true');
	await expect(row(last)).toBeInViewport();
	await expect(row(last)).toHaveAttribute('aria-level', String(rows[last]!.level));
	await expect(row(last)).toHaveAttribute('aria-posinset', String(rows[last]!.posinset));
	await expect(row(last)).toHaveAttribute('aria-setsize', String(rows[last]!.setsize));
	await expect(page.getByRole('textbox', { name: 'Text' })).toHaveValue(rows[last]!.node.claim.text);
	// Left goes to the row it is listed under, Home to the first.
	await page.keyboard.press('ArrowLeft');
	await expect(row(rows[last]!.parent!)).toBeFocused();
	await page.keyboard.press('Home');
	await expect(row(0)).toBeFocused();
	await expect(row(0)).toBeInViewport();

	// A claim selected elsewhere (here by a search) is shown in the outline.
	const far = rows[Math.floor(rows.length * 0.6)]!.node.claim;
	const find = page.getByRole('searchbox', { name: 'Find claims' });
	await find.fill(far.text);
	await find.press('Enter');
	await expect(page.getByRole('textbox', { name: 'Text' })).toHaveValue(far.text);
	const farRow = tree.getByRole('treeitem', { name: new RegExp(`: ${escape(far.text)}$`) }).first();
	await expect(farRow).toBeInViewport();
	await expect(farRow).toHaveAttribute('aria-selected', 'true');

	// Scrolling with the wheel draws the rows it brings on screen.
	const panel = (await page.getByRole('navigation', { name: 'Outline' }).boundingBox())!;
	await page.mouse.move(panel.x + panel.width / 2, panel.y + panel.height / 2);
	await page.mouse.wheel(0, -1e6);
	await expect(row(0)).toBeInViewport();
	await row(0).focus();
	await page.mouse.wheel(0, 20_000);
	await expect
		.poll(() =>
			tree.getByRole('treeitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')))
		)
		.not.toContain(label(0));
	// The view is filled with rows, wherever it ended.
	await page.waitForTimeout(300);
	const covered = await tree.evaluate((list) => {
		const view = list.parentElement!.getBoundingClientRect();
		let filled = 0;
		for (const item of list.querySelectorAll('[role="treeitem"]')) {
			const box = item.getBoundingClientRect();
			filled += Math.max(0, Math.min(box.bottom, view.bottom) - Math.max(box.top, view.top));
		}
		return filled / view.height;
	});
	expect(covered).toBeGreaterThan(0.95);
	// The focused first row went with the scroll: the focus is on a row on screen, and the keys still work.
	const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? 'none');
	const before = await focused();
	expect(before).not.toBe('none');
	expect(before).not.toBe(label(0));
	await expect(tree.locator(':focus')).toBeInViewport();
	await page.keyboard.press('ArrowDown');
	await expect.poll(focused).not.toBe(before);
	await expect(tree.locator(':focus')).toHaveAttribute('aria-selected', 'true');
	await page.screenshot({ path: test.info().outputPath('outline-scrolled.png') });
	expect(errors).toEqual([]);
});

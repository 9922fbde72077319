import zlib from 'node:zlib';
import { serializeJson } from '../../src/lib/formats/json';
import { generateMap } from '../../src/lib/model/generate';
import { withLayout } from '../../src/lib/model/layout';
import { seededRandom } from '../../src/lib/model/random';
import { fetchRetry, startServer, type RunningServer } from '../server';
import { freshMap, open } from './editor-helpers';
import { expect, seedText, selectInOutline, test } from './fixtures';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

/** The editor's JavaScript budget (R176), gzipped as a server sends it. */
const BUDGET = 300 * 1024;

test('R176: the editor loads at most 300 KB of JavaScript (gzipped) to show a map', async ({ browser }) => {
	const map = await freshMap(server);
	const scripts: Promise<{ url: string; gzip: number }>[] = [];
	const context = await browser.newContext();
	const page = await context.newPage();
	page.on('response', (res) => {
		if (!/\.m?js(\?|$)/.test(new URL(res.url()).pathname)) return;
		scripts.push(res.body().then((body) => ({ url: res.url(), gzip: zlib.gzipSync(body).length })));
	});
	await page.goto(map.link);
	await expect(page.getByTestId('graph')).not.toHaveAttribute('data-claims', '0');
	await page.waitForLoadState('networkidle');
	const loaded = await Promise.all(scripts);
	const total = loaded.reduce((n, s) => n + s.gzip, 0);
	expect(total, loaded.map((s) => `${s.gzip} ${s.url}`).join('\n')).toBeLessThanOrEqual(BUDGET);
	await context.close();
});

test('R172: "Tidy layout" computes the layout in a Web Worker', async ({ browser }) => {
	const map = await freshMap(server);
	const { page, errors } = await open(browser, map.link);
	const worker = page.waitForEvent('worker');
	await page.getByRole('button', { name: 'Tidy layout' }).click();
	expect((await worker).url()).toMatch(/layout\.worker/);
	// The result arrives as one undoable change.
	await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
	expect(errors).toEqual([]);
});

test('R173: five notches of a mouse wheel zoom the map in by 1.3 to 2 times', async ({ browser }) => {
	const map = await freshMap(server);
	const { page, errors } = await open(browser, map.link);
	const zoom = () =>
		page.evaluate(() => {
			const el = document.querySelector('[data-testid="graph"]') as HTMLElement & {
				_cyreg: { cy: import('cytoscape').Core };
			};
			return el._cyreg.cy.zoom();
		});
	const box = (await page.getByTestId('graph').boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	const before = await zoom();
	for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -100);
	await expect.poll(zoom).toBeGreaterThan(before * 1.3);
	expect(await zoom()).toBeLessThan(before * 2);
	expect(errors).toEqual([]);
});

/** Counts how often each of Cytoscape's canvases is cleared for a redraw, by its data-id ("layer2-node"...). */
function countRedraws(page: import('@playwright/test').Page) {
	return page.evaluate(() => {
		const counts: Record<string, number> = {};
		(window as unknown as { __redraws: typeof counts }).__redraws = counts;
		const clear = CanvasRenderingContext2D.prototype.clearRect;
		CanvasRenderingContext2D.prototype.clearRect = function (...args) {
			const id = this.canvas.getAttribute('data-id');
			if (id) counts[id] = (counts[id] ?? 0) + 1;
			return clear.apply(this, args);
		};
	});
}
const redraws = (page: import('@playwright/test').Page, layer: string) =>
	page.evaluate(
		(id) => (window as unknown as { __redraws: Record<string, number> }).__redraws[id] ?? 0,
		layer
	);

test('R179: typing into a claim redraws that claim, not the whole map, until a pause', async ({
	browser
}) => {
	const map = await freshMap(server);
	const { page, errors } = await open(browser, map.link);
	await selectInOutline(page, seedText('cooperation'));
	const field = page.getByLabel('Text', { exact: true });
	await field.focus();
	await page.keyboard.press('End');
	await page.waitForTimeout(500);
	await countRedraws(page);
	const typed = ' and several more words';
	await page.keyboard.type(typed, { delay: 60 });
	await expect(page.getByRole('treeitem', { name: new RegExp(`${typed}$`) })).toBeVisible();
	// Each keystroke redrew the claim on its own layer; the map's layer once, when the claim was lifted off it.
	expect(await redraws(page, 'layer1-drag')).toBeGreaterThanOrEqual(typed.length / 2);
	expect(await redraws(page, 'layer2-node')).toBeLessThanOrEqual(3);
	// After the pause the claim is part of the map again: the map's layer is drawn anew, with it.
	const before = await redraws(page, 'layer2-node');
	await expect.poll(() => redraws(page, 'layer2-node'), { timeout: 5000 }).toBeGreaterThan(before);
	expect(errors).toEqual([]);
});

/**
 * Records, for each animation frame from now on for `ms`, whether the map's layer was redrawn and how many
 * lines were stroked on any canvas, on screen or off it (relations are stroked, on screen or into the
 * pictures of Cytoscape's layer cache; claims are drawn from cached pictures).
 */
function recordFrames(page: import('@playwright/test').Page, ms: number) {
	return page.evaluate((ms) => {
		const frames: { redrawn: boolean; strokes: number }[] = [];
		let current = { redrawn: false, strokes: 0 };
		const proto = CanvasRenderingContext2D.prototype;
		const { clearRect } = proto;
		proto.clearRect = function (...args) {
			if (this.canvas.getAttribute('data-id') === 'layer2-node') current.redrawn = true;
			return clearRect.apply(this, args);
		};
		for (const p of [proto, OffscreenCanvasRenderingContext2D.prototype]) {
			const original = p.stroke;
			p.stroke = function (this: unknown, ...args: unknown[]) {
				current.strokes++;
				return (original as (...a: unknown[]) => void).apply(this, args);
			};
		}
		const end = performance.now() + ms;
		const frame = () => {
			frames.push(current);
			current = { redrawn: false, strokes: 0 };
			if (performance.now() < end) requestAnimationFrame(frame);
		};
		requestAnimationFrame(frame);
		return new Promise<typeof frames>((resolve) => setTimeout(() => resolve(frames), ms + 100));
	}, ms);
}

test('R180: while Tidy layout moves many claims, the relations are left out of the frames, then drawn', async ({
	browser
}) => {
	const map = await freshMap(server);
	// 150 claims away from their tidy places: Tidy moves them 20 at a time, in 8 frames.
	const random = seededRandom(4);
	const generated = withLayout(generateMap(150, 4));
	const messy = {
		...generated,
		claims: generated.claims.map((c) => ({ ...c, x: c.x! + 500 * random(), y: c.y! + 300 * random() }))
	};
	const res = await fetchRetry(`${server.url}/api/maps/${map.id}/import?format=json&mode=replace`, {
		method: 'POST',
		headers: { authorization: `Bearer ${map.editToken}` },
		body: serializeJson(messy)
	});
	expect(res.status).toBe(200);
	const { page, errors } = await open(browser, map.link);
	await expect(page.getByTestId('graph')).toHaveAttribute('data-claims', '150');
	await page.waitForTimeout(500);
	const recorded = recordFrames(page, 3000);
	await page.getByRole('button', { name: 'Tidy layout' }).click();
	const frames = await recorded;
	const shown = `frames (map redrawn, lines): ${frames.map((f) => `${f.redrawn ? 'R' : '-'}${f.strokes}`).join(' ')}`;
	// The relations (those on screen: most of them) are drawn, at once or a few per frame into the layer
	// cache's pictures, after the claims have moved without them.
	let stroked = 0;
	const drawn = frames.findIndex((f) => (stroked += f.strokes) >= messy.relations.length / 2);
	expect(drawn, shown).toBeGreaterThan(0);
	const withoutRelations = frames.slice(0, drawn).filter((f) => f.redrawn && f.strokes === 0);
	expect(withoutRelations.length, shown).toBeGreaterThanOrEqual(4);
	// The map is drawn again with them (from those pictures, or in the frame that stroked them).
	expect(
		frames.slice(drawn).some((f) => f.redrawn),
		shown
	).toBe(true);
	expect(errors).toEqual([]);
});

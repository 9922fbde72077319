import { type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../server';
import { claimOnScreen, freshMap, open, treeItem } from './editor-helpers';
import { escape, expect, seedText, selectInOutline, test } from './fixtures';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

async function nameAs(page: Page, name: string) {
	await page.getByRole('textbox', { name: 'Others see you as' }).fill(name);
	await page.getByRole('button', { name: 'Save name' }).click();
}

const zoomOf = (page: Page) =>
	page.evaluate(() =>
		(
			document.querySelector('[data-testid="graph"]') as HTMLElement & {
				_cyreg: { cy: import('cytoscape').Core };
			}
		)._cyreg.cy.zoom()
	);

test('R29: people see who is here, what they select, where they point, and can follow a view', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const map = await freshMap(server);
	const ada = await open(browser, map.link);
	const ben = await open(browser, map.link);
	await nameAs(ada.page, 'Ada');
	await nameAs(ben.page, 'Ben');
	await expect(
		ben.page.getByRole('list', { name: 'People here' }).getByText('Ada', { exact: true })
	).toBeAttached();
	await expect(ben.page.getByRole('list', { name: 'People here' }).getByText('Ben (you)')).toBeAttached();
	await expect(
		ada.page.getByRole('list', { name: 'People here' }).getByText('Ben', { exact: true })
	).toBeAttached();

	await selectInOutline(ada.page, seedText('energy'));
	await expect(
		treeItem(ben.page, new RegExp(`${escape(seedText('energy'))}$`))
			.getByText('selected by Ada')
			.first()
	).toBeVisible();

	const at = await claimOnScreen(ada.page, 'thesis');
	await ada.page.mouse.move(at.x, at.y);
	await ada.page.mouse.move(at.x + 10, at.y + 5);
	await expect(ben.page.locator('.cursor', { hasText: 'Ada' })).toBeVisible();

	await ben.page.getByRole('button', { name: 'Follow Ada' }).click();
	await ada.page.getByRole('button', { name: 'Zoom in' }).click();
	await ada.page.getByRole('button', { name: 'Zoom in' }).click();
	const adaZoom = await zoomOf(ada.page);
	await expect.poll(() => zoomOf(ben.page)).toBeCloseTo(adaZoom, 2);
	await ben.page.getByRole('button', { name: 'Stop following Ada' }).click();
});

test('R57: an offline person keeps editing; on reconnect all three converge with every edit', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const map = await freshMap(server);
	const [a, b, c] = [
		await open(browser, map.link),
		await open(browser, map.link),
		await open(browser, map.link)
	];
	await c.page.context().setOffline(true);
	await expect(c.page.getByRole('status', { name: /Connection: Offline/ })).toBeVisible();
	await selectInOutline(c.page, seedText('india'));
	await c.page.getByRole('textbox', { name: 'Text' }).fill('Carol offline: India is the key obstacle');
	await c.page.keyboard.press('Escape');
	await selectInOutline(c.page, 'Carol offline: India is the key obstacle');
	await c.page.keyboard.press('s');
	await c.page.keyboard.type('Carol offline: Delhi buys Russian arms');
	await expect(c.page.getByRole('status', { name: /changes? waiting/ })).toBeVisible();

	await selectInOutline(a.page, seedText('vietnam'));
	await a.page.getByRole('textbox', { name: 'Text' }).fill('Alice: Vietnam is a Russian partner too');
	await selectInOutline(b.page, seedText('crimea'));
	await b.page.keyboard.press('a');
	await b.page.keyboard.type('Bob: China abstained on Crimea at the UN');
	await expect(treeItem(a.page, /Bob: China abstained on Crimea at the UN$/)).toBeAttached();

	await c.page.context().setOffline(false);
	await expect(c.page.getByRole('status', { name: 'Connection: Online' })).toBeVisible({ timeout: 30_000 });
	const texts = [
		'Carol offline: India is the key obstacle',
		'Carol offline: Delhi buys Russian arms',
		'Alice: Vietnam is a Russian partner too',
		'Bob: China abstained on Crimea at the UN'
	];
	for (const page of [a.page, b.page, c.page]) {
		for (const t of texts) await expect(treeItem(page, new RegExp(`${escape(t)}$`)).first()).toBeAttached();
	}
	const outlineOf = (page: Page) =>
		page
			.getByRole('tree', { name: 'Outline' })
			.getByRole('treeitem')
			.evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')));
	const [oa, ob, oc] = await Promise.all([outlineOf(a.page), outlineOf(b.page), outlineOf(c.page)]);
	expect(ob).toEqual(oa);
	expect(oc).toEqual(oa);
	const stored = await map.exportJson();
	for (const t of texts) expect(stored.claims.some((claim) => claim.text === t)).toBe(true);
});

test('R57: a map opened before opens again while the server is unreachable, editable, and syncs later', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const map = await freshMap(server);
	const { page } = await open(browser, map.link);
	// The page is cached for offline use once its service worker is active.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		const path = location.pathname;
		for (let i = 0; i < 100 && !(await caches.match(path)); i++) await new Promise((r) => setTimeout(r, 100));
	});
	await selectInOutline(page, seedText('vietnam'));
	await page.getByRole('textbox', { name: 'Text' }).fill('Edited before going offline');
	await expect
		.poll(async () => (await map.exportJson()).claims.some((c) => c.text === 'Edited before going offline'))
		.toBe(true);
	// Let the local copy settle, then lose the network and reload the page.
	await page.waitForTimeout(500);
	await page.context().setOffline(true);
	await page.reload();
	await expect(page.getByRole('status', { name: /Connection: (Offline|Connecting)/ })).toBeVisible();
	await page.getByRole('button', { name: 'Outline' }).click();
	await expect(treeItem(page, /Edited before going offline$/)).toBeAttached();
	await selectInOutline(page, 'Edited before going offline');
	await page.keyboard.press('s');
	await page.keyboard.type('Written with the server out of reach');
	await expect(page.getByRole('status', { name: /changes? waiting/ })).toBeVisible();
	await page.context().setOffline(false);
	await expect(page.getByRole('status', { name: 'Connection: Online' })).toBeVisible({ timeout: 30_000 });
	await expect
		.poll(async () =>
			(await map.exportJson()).claims.some((c) => c.text === 'Written with the server out of reach')
		)
		.toBe(true);
});

import { type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../server';
import { claimOnScreen, freshMap, open, treeItem } from './editor-helpers';
import { escape, expect, SEED, seedText, selectInOutline, test } from './fixtures';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

/** A real mouse drag in small steps, as a hand does it. */
async function dragFromTo(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	for (let i = 1; i <= 8; i++)
		await page.mouse.move(from.x + ((to.x - from.x) * i) / 8, from.y + ((to.y - from.y) * i) / 8);
	await page.mouse.up();
}

const row = (text: string) => new RegExp(`: ${escape(text)}$`);

test('R25, R16: keyboard adds a reason and an objection, deletes, undoes and redoes', async ({ browser }) => {
	const map = await freshMap(server);
	const { page, errors } = await open(browser, map.link);
	await selectInOutline(page, seedText('asymmetry'));
	await page.keyboard.press('s');
	await page.keyboard.type('Russia resents being the junior partner');
	await expect(treeItem(page, 'For: Claim: Russia resents being the junior partner')).toBeAttached();
	await treeItem(page, 'For: Claim: Russia resents being the junior partner').click();
	await page.keyboard.press('a');
	await page.keyboard.type('Moscow has quietly accepted junior status');
	const objection = treeItem(page, 'Against: Claim: Moscow has quietly accepted junior status');
	await expect(objection).toBeAttached();
	await objection.click();
	await page.keyboard.press('Delete');
	await expect(objection).not.toBeAttached();
	await page.keyboard.press('Control+z');
	await expect(objection).toBeAttached();
	await page.getByRole('button', { name: 'Redo' }).click();
	await expect(objection).not.toBeAttached();
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(objection).toBeAttached();
	expect(errors).toEqual([]);
});

test('R26: the context menu of a claim works from the keyboard (Shift+F10)', async ({ browser }) => {
	const map = await freshMap(server);
	const { page } = await open(browser, map.link);
	await selectInOutline(page, seedText('india'));
	await page.keyboard.press('Shift+F10');
	const menu = page.getByRole('menu', { name: 'Claim actions' });
	await expect(menu).toBeVisible();
	await expect(menu.getByRole('menuitem', { name: 'Add supporting claim' })).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Enter');
	await expect(menu).not.toBeVisible();
	await page.keyboard.type('India and Russia keep buying and selling arms');
	await expect(
		treeItem(page, 'Against: Claim: India and Russia keep buying and selling arms')
	).toBeAttached();
	await treeItem(page, 'Against: Claim: India and Russia keep buying and selling arms').click();
	await page.keyboard.press('Shift+F10');
	await page.keyboard.press('End');
	await page.keyboard.press('Enter');
	await expect(treeItem(page, /India and Russia keep buying/)).not.toBeAttached();
});

test('R23, R5: a relation is undercut, reversed and changed from the relation panel', async ({ browser }) => {
	const map = await freshMap(server);
	const { page } = await open(browser, map.link);
	await selectInOutline(page, seedText('crimea'));
	await page.getByRole('button', { name: 'supports', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Relation: supports' })).toBeVisible();
	await page.getByRole('button', { name: 'Undercut this inference' }).click();
	await page.keyboard.type('Not recognising Crimea is routine Chinese caution, not unwillingness');
	await expect(treeItem(page, /^Undercuts: Claim: Not recognising Crimea is routine/)).toBeAttached();
	let json = await map.exportJson();
	const undercut = json.relations.find(
		(r) => r.kind === 'undercuts' && r.to === 'r-crimea-mutual-unwillingness'
	);
	expect(undercut, 'the undercut points at the Crimea inference').toBeDefined();

	await selectInOutline(page, seedText('india'));
	await page.getByRole('button', { name: 'supports', exact: true }).click();
	await page.getByRole('combobox', { name: 'Kind' }).selectOption('attacks');
	await expect(page.getByRole('heading', { name: 'Relation: attacks' })).toBeVisible();
	await page.getByRole('button', { name: 'Reverse direction' }).click();
	json = await map.exportJson();
	const changed = json.relations.find((r) => r.id === 'r-india-mutual-unwillingness');
	expect(changed).toMatchObject({ kind: 'attacks', from: 'mutual-unwillingness', to: 'india' });
});

test('R26, R4: dragging the connect handle onto another claim asks for the kind; a duplicate is refused', async ({
	browser
}) => {
	const map = await freshMap(server);
	const { page } = await open(browser, map.link);
	await selectInOutline(page, seedText('vietnam'));
	await page.getByRole('button', { name: 'Fit' }).click();
	const handle = page.getByRole('button', { name: 'Drag to connect this claim to another' });
	const from = await handle.boundingBox();
	const to = await claimOnScreen(page, 'belt-and-road');
	await dragFromTo(page, { x: from!.x + from!.width / 2, y: from!.y + from!.height / 2 }, to);
	const picker = page.getByRole('menu', { name: 'Choose the relation' });
	await expect(picker).toBeVisible();
	await picker.getByRole('menuitem', { name: 'Attacks' }).click();
	await expect
		.poll(async () =>
			(await map.exportJson()).relations.some(
				(r) => r.from === 'vietnam' && r.to === 'belt-and-road' && r.kind === 'attacks'
			)
		)
		.toBe(true);
	// The same connection again is a duplicate: refused with a reason, nothing added.
	const before = (await map.exportJson()).relations.length;
	await dragFromTo(page, { x: from!.x + from!.width / 2, y: from!.y + from!.height / 2 }, to);
	await page
		.getByRole('menu', { name: 'Choose the relation' })
		.getByRole('menuitem', { name: 'Attacks' })
		.click();
	await expect(page.getByRole('alert')).toHaveText(/already connected/);
	expect((await map.exportJson()).relations.length).toBe(before);
});

test('R14: double-click edits a claim in place; Escape restores the text', async ({ browser }) => {
	const map = await freshMap(server);
	const { page } = await open(browser, map.link);
	await selectInOutline(page, seedText('valdai'));
	const at = await claimOnScreen(page, 'valdai');
	await page.mouse.dblclick(at.x, at.y);
	const field = page.getByRole('textbox', { name: 'Claim text' });
	await expect(field).toBeFocused();
	await page.keyboard.type('Putin: no alliance needed now, none ruled out');
	await page.keyboard.press('Enter');
	await expect(field).not.toBeVisible();
	await expect(treeItem(page, row('Putin: no alliance needed now, none ruled out'))).toBeAttached();
	await page.mouse.dblclick(at.x, at.y);
	await page.keyboard.type('scratch that');
	await page.keyboard.press('Escape');
	await expect(treeItem(page, row('Putin: no alliance needed now, none ruled out'))).toBeAttached();
});

test('R24, R27: find, collapse and focus mode change what is shown', async ({ browser }) => {
	const map = await freshMap(server);
	const { page } = await open(browser, map.link);
	const graph = page.getByTestId('graph');
	const find = page.getByRole('searchbox', { name: 'Find claims' });
	await find.fill('pipeline');
	const hits = SEED.claims.filter((c) => c.text.toLowerCase().includes('pipeline'));
	await expect(page.getByText(`${hits.length} found`)).toBeVisible();
	await find.press('Enter');
	await expect(page.getByText(`1 of ${hits.length}`)).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Text' })).toHaveValue(hits[0]!.text);
	await find.press('Enter');
	await expect(page.getByText(`2 of ${hits.length}`)).toBeVisible();
	await find.press('Escape');

	await selectInOutline(page, seedText('energy'));
	await page.keyboard.press('c');
	const energy = treeItem(page, row(seedText('energy')));
	await expect(energy).toHaveAttribute('aria-expanded', 'false');
	await expect(treeItem(page, row(seedText('energy-arctic-lng')))).not.toBeAttached();
	await expect(graph).toHaveAttribute('data-claims', String(SEED.claims.length - 4));
	await energy.press('ArrowRight');
	await expect(energy).toHaveAttribute('aria-expanded', 'true');
	await expect(graph).toHaveAttribute('data-claims', String(SEED.claims.length));

	await energy.press('f');
	await expect(page.getByRole('button', { name: 'Leave focus' })).toBeVisible();
	const around = SEED.relations.filter((r) => r.from === 'energy' || r.to === 'energy').length + 1;
	await expect(graph).toHaveAttribute('data-claims', String(around));
	await page.getByRole('button', { name: 'Leave focus' }).click();
	await expect(graph).toHaveAttribute('data-claims', String(SEED.claims.length));
});

test('R9: tidy layout rearranges the whole map as one undoable change', async ({ browser }) => {
	const map = await freshMap(server);
	const { page } = await open(browser, map.link);
	const original = (await map.exportJson()).claims.find((c) => c.id === 'thesis')!;
	const at = await claimOnScreen(page, 'thesis');
	await dragFromTo(page, at, { x: at.x + 150, y: at.y + 100 });
	await expect
		.poll(async () => (await map.exportJson()).claims.find((c) => c.id === 'thesis')!.x)
		.not.toBe(original.x);
	await page.getByRole('button', { name: 'Tidy layout' }).click();
	await expect
		.poll(async () => (await map.exportJson()).claims.find((c) => c.id === 'thesis')!.x)
		.toBe(original.x);
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect
		.poll(async () => (await map.exportJson()).claims.find((c) => c.id === 'thesis')!.x)
		.not.toBe(original.x);
});

test('R25: the help overlay lists the shortcuts and Escape closes it; no keyboard trap', async ({
	browser
}) => {
	const map = await freshMap(server);
	const { page } = await open(browser, map.link);
	await page.getByRole('tree', { name: 'Outline' }).getByRole('treeitem').first().focus();
	await page.keyboard.press('?');
	const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
	await expect(help).toBeVisible();
	await expect(help.getByText('Undo your last change')).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(help).not.toBeVisible();
	// Focus goes back where it was.
	await expect(page.getByRole('tree', { name: 'Outline' }).getByRole('treeitem').first()).toBeFocused();
	// Tab walks through the toolbar, the outline and the panel without getting stuck anywhere.
	const visited: string[] = [];
	for (let i = 0; i < 30; i++) {
		await page.keyboard.press('Tab');
		visited.push(
			await page.evaluate(() => {
				const el = document.activeElement as HTMLElement;
				return `${el.getAttribute('role') ?? el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 30)}`;
			})
		);
	}
	for (let i = 1; i < visited.length; i++)
		expect(visited[i], `stuck at ${visited[i]}`).not.toBe(visited[i - 1]);
	expect(visited.some((v) => v.startsWith('treeitem:'))).toBe(true);
	expect(visited).toContain('input:Find claims');
	expect(visited.some((v) => v.includes('Keyboard shortcuts'))).toBe(true);
});

test('R28: on a touch screen a tap selects and a long press opens the menu', async ({ browser }) => {
	const map = await freshMap(server);
	const { page } = await open(browser, map.link, { hasTouch: true });
	await page.getByRole('button', { name: 'Outline' }).click();
	const at = await claimOnScreen(page, 'thesis');
	await page.touchscreen.tap(at.x, at.y);
	await expect(page.getByRole('heading', { name: 'Thesis', level: 2 })).toBeVisible();
	const cdp = await page.context().newCDPSession(page);
	const point = [{ x: at.x, y: at.y }];
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point });
	await page.waitForTimeout(900);
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	await expect(page.getByRole('menu', { name: 'Claim actions' })).toBeVisible();
});

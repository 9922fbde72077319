import { type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, type RunningServer } from '../server';
import { freshMap, open, treeItem } from './editor-helpers';
import { escape, expect, seedText, selectInOutline, test } from './fixtures';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

const SHOTS = path.join(ROOT, 'test-results');

async function nameAs(page: Page, name: string) {
	await page.getByRole('textbox', { name: 'Others see you as' }).fill(name);
	await page.getByRole('button', { name: 'Save name' }).click();
}

const debateTab = (page: Page) => page.getByRole('tab', { name: 'Debate' }).click();
const row = (page: Page, id: string) => treeItem(page, new RegExp(`: ${escape(seedText(id))}$`));

/** Rates a claim's plausibility the way a person does: select it, then click a rating in the inspector. */
async function rate(page: Page, id: string, vote: number) {
	await selectInOutline(page, seedText(id));
	await page.getByRole('tab', { name: 'Details' }).click();
	const button = page.getByRole('radio', { name: `Rate plausibility ${vote} of 4` });
	await button.click();
	await expect(button).toHaveAttribute('aria-checked', 'true');
}

const zoomOf = (page: Page) =>
	page.evaluate(() =>
		(
			document.querySelector('[data-testid="graph"]') as HTMLElement & {
				_cyreg: { cy: import('cytoscape').Core };
			}
		)._cyreg.cy.zoom()
	);

test('R115: a side picked in one browser shows in a colleague’s People list, and is kept for the map', async ({
	browser
}) => {
	const map = await freshMap(server);
	const ada = await open(browser, map.link);
	const ben = await open(browser, map.link);
	await nameAs(ada.page, 'Ada');
	await debateTab(ada.page);
	const against = ada.page
		.getByRole('group', { name: 'Your side' })
		.getByRole('radio', { name: 'Against the thesis' });
	await against.check();
	const people = ben.page.getByRole('list', { name: 'People here' });
	await expect(people.getByText('Ada, against the thesis', { exact: true })).toBeAttached();
	// Reopened in the same browser, the side is still picked and shared again.
	await ada.page.reload();
	await expect(ada.page.getByRole('status', { name: /Connection: Online/ })).toBeVisible();
	await debateTab(ada.page);
	await expect(against).toBeChecked();
	await expect(people.getByText('Ada, against the thesis', { exact: true })).toBeAttached();
	await ada.page.getByRole('group', { name: 'Your side' }).getByRole('radio', { name: 'Moderator' }).check();
	await expect(people.getByText('Ada, moderator', { exact: true })).toBeAttached();
	expect(ada.errors).toEqual([]);
});

test('R116: the side filter shows one side’s case with the attacks on it, in the diagram and the outline', async ({
	browser
}) => {
	const map = await freshMap(server);
	const { page, errors } = await open(browser, map.link);
	const graph = page.getByTestId('graph');
	const all = Number(await graph.getAttribute('data-claims'));
	await debateTab(page);
	await page.getByRole('group', { name: 'Show' }).getByRole('radio', { name: 'Case for the thesis' }).check();
	await expect.poll(async () => Number(await graph.getAttribute('data-claims'))).toBeLessThan(all);
	// The other side's unattacked reasons are hidden; the attacks on the case stay.
	await expect(row(page, 'normative')).toHaveCount(0);
	await expect(row(page, 'valdai')).toHaveCount(0);
	await expect(row(page, 'obstacles')).toHaveCount(1);
	await expect(row(page, 'cooperation')).toHaveCount(1);
	await expect(row(page, 'pandemic')).toHaveCount(1);
	await page.screenshot({ path: path.join(SHOTS, 'debate-case-for.png') });
	await page
		.getByRole('group', { name: 'Show' })
		.getByRole('radio', { name: 'Case against the thesis' })
		.check();
	await expect(row(page, 'normative')).toHaveCount(1);
	await expect(row(page, 'obstacles')).toHaveCount(0);
	// The map says which case it shows, and gives the whole map back.
	await expect(
		page.getByRole('status').filter({ hasText: 'Showing the case against the thesis' })
	).toBeVisible();
	await page.getByRole('button', { name: 'Show whole map' }).click();
	await expect(
		page.getByRole('group', { name: 'Show' }).getByRole('radio', { name: 'Whole map' })
	).toBeChecked();
	await expect(graph).toHaveAttribute('data-claims', String(all));
	expect(errors).toEqual([]);
});

test('R117-R119: the weak spots panel lists attacked, unsupported and disputed claims; an entry selects its claim', async ({
	browser
}) => {
	const map = await freshMap(server);
	const ada = await open(browser, map.link);
	const ben = await open(browser, map.link);
	// Ada and Ben disagree on the obstacles.
	await rate(ada.page, 'obstacles', 0);
	await rate(ben.page, 'obstacles', 4);
	const page = ada.page;
	await debateTab(page);
	await page
		.getByRole('radiogroup', { name: 'Weak spots of' })
		.getByRole('radio', { name: 'For the thesis' })
		.check();
	const attacked = page.getByRole('list', { name: /Under unanswered attack/ });
	const s400 = attacked.getByRole('button', { name: new RegExp(escape(seedText('s400-rumours'))) });
	await expect(s400).toBeVisible();
	await expect(s400).toContainText('attacked by “The rumours of a suspended S-400 delivery');
	await expect(
		page
			.getByRole('list', { name: /Without evidence/ })
			.getByRole('button', { name: new RegExp(escape(seedText('india'))) })
	).toBeVisible();
	await expect(
		page
			.getByRole('list', { name: /Most disputed/ })
			.getByRole('button', { name: new RegExp(escape(seedText('obstacles'))) })
	).toBeVisible();
	await page.screenshot({ path: path.join(SHOTS, 'debate-weak-spots.png') });
	await s400.click();
	await expect(row(page, 's400-rumours')).toHaveAttribute('aria-selected', 'true');
	expect(ada.errors).toEqual([]);
});

test('R120-R123: after a scripted set of votes the brief lists the strongest pro line first, as Markdown and PDF', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const map = await freshMap(server);
	const ada = await open(browser, map.link);
	const ben = await open(browser, map.link);
	for (const { page } of [ada, ben]) {
		await rate(page, 'pandemic', 4);
		await rate(page, 'no-breakthrough', 1);
	}
	await rate(ada.page, 'obstacles', 1);
	await rate(ben.page, 'obstacles', 2);
	const page = ada.page;
	await debateTab(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Brief as Markdown' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/-brief\.md$/);
	const md = fs.readFileSync((await download.path())!, 'utf8');
	const pro = md.slice(md.indexOf('## For the thesis'), md.indexOf('## Against the thesis'));
	expect(pro).toContain(`### 1. ${seedText('pandemic')}`);
	expect(pro.indexOf(seedText('pandemic'))).toBeLessThan(pro.indexOf(`. ${seedText('obstacles')}`));
	expect(pro).toMatch(/_Strength 100%/);
	expect(pro).toContain('**Evidence**');
	expect(pro).toContain('“since the beginning of the global pandemic');
	expect(pro).toContain('**Rebuttals to expect**');
	expect(pro).toContain(seedText('pandemic-frictions-buried'));
	expect(md).toContain('Lines of argument are ordered by strength, from 6 votes of the group.');

	const [pdf] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Brief as PDF' }).click()
	]);
	expect(pdf.suggestedFilename()).toMatch(/-brief\.pdf$/);
	const file = path.join(SHOTS, 'debate-brief.pdf');
	await pdf.saveAs(file);
	const bytes = fs.readFileSync(file).toString('latin1');
	expect(bytes.startsWith('%PDF-')).toBe(true);
	expect(bytes.indexOf('(1. The Covid-19 pandemic')).toBeGreaterThan(0);
	expect(ada.errors).toEqual([]);
});

test('R124-R126: presentation mode steps through a side’s case with the arrow keys, zoomed, and Escape leaves', async ({
	browser
}) => {
	const map = await freshMap(server);
	const { page, errors } = await open(browser, map.link, { viewport: { width: 1600, height: 900 } });
	await debateTab(page);
	const present = page.getByRole('button', { name: 'Present the case for' });
	await present.click();
	const dialog = page.getByRole('dialog', { name: 'The case for the thesis' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toBeFocused();
	await expect(dialog).toContainText(/Step 1 of \d+/);
	await expect(dialog).toContainText(seedText('thesis'));
	// The toolbar and panels give the map and caption the whole screen.
	await expect(page.getByRole('button', { name: 'Tidy layout' })).toBeHidden();
	await page.keyboard.press('ArrowRight');
	await expect(dialog).toContainText(/Step 2 of \d+/);
	const step2 = (await dialog.locator('.claim').textContent())!.trim();
	expect(step2).not.toBe(seedText('thesis'));
	// A line of argument for the thesis, zoomed in on the map.
	await expect.poll(() => zoomOf(page)).toBeGreaterThan(1.2);
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(dialog).toContainText(/Step 4 of \d+/);
	await page.keyboard.press('ArrowLeft');
	await expect(dialog).toContainText(/Step 3 of \d+/);
	// Move to a claim with evidence: its quotes are shown with it.
	for (let i = 0; i < 40 && (await dialog.getByRole('heading', { name: 'Evidence' }).count()) === 0; i++)
		await page.keyboard.press('ArrowRight');
	await expect(dialog.getByRole('heading', { name: 'Evidence' })).toBeVisible();
	await page.waitForTimeout(500);
	await page.screenshot({ path: path.join(SHOTS, 'debate-presentation.png') });
	// Editing shortcuts do not reach the map while presenting.
	await page.keyboard.press('Delete');
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('button', { name: 'Tidy layout' })).toBeVisible();
	await expect(present).toBeFocused();
	await expect(page.getByTestId('graph')).toHaveAttribute(
		'data-claims',
		String((await map.exportJson()).claims.length)
	);
	expect(errors).toEqual([]);
});

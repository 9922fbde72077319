import { type Page } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../server';
import { claimOnScreen, freshMap, open, treeItem } from './editor-helpers';
import { escape, expect, openAs, seedText, selectInOutline, test } from './fixtures';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

/** Screenshots to look at, outside test-results (which every Playwright run empties). */
const shot = (name: string) => ({ path: path.join(os.tmpdir(), 'argmap-shots', name) });

const PASSAGE =
	'Washington aims to foreclose Chinese scholars’ access to the US research and development sector';

const sourceText = (page: Page) => page.getByRole('document', { name: 'Source text' });

async function openSources(page: Page) {
	await page.getByRole('tab', { name: 'Sources' }).click();
	await expect(sourceText(page)).toBeVisible();
}

/** Selects a phrase of the source text, as a person dragging over it does. */
async function selectPhrase(page: Page, phrase: string) {
	await page.evaluate((phrase) => {
		const box = document.querySelector('[aria-label="Source text"]')!;
		const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const i = n.textContent!.indexOf(phrase);
			if (i < 0) continue;
			const range = document.createRange();
			range.setStart(n, i);
			range.setEnd(n, i + phrase.length);
			document.getSelection()!.removeAllRanges();
			document.getSelection()!.addRange(range);
			return;
		}
		throw new Error(`not in the source text: ${phrase}`);
	}, phrase);
}

/** The claim ids a highlighted passage stands for, for the passage containing `text`. */
const passageOf = (page: Page, text: string) => sourceText(page).locator('mark', { hasText: text });

/** Whether a claim shows a comment badge in the diagram (read from the drawing). */
const diagramBadge = (page: Page, claimId: string) =>
	page.evaluate((id) => {
		const el = document.querySelector('[data-testid="graph"]') as HTMLElement & {
			_cyreg: { cy: import('cytoscape').Core };
		};
		const n = el._cyreg.cy.getElementById(id);
		return n.hasClass('has-comments') ? decodeURIComponent(String(n.data('badge'))) : '';
	}, claimId);

test('R132, R134: a passage selected in the source becomes a claim anchored there, highlighted', async ({
	browser
}) => {
	const map = await freshMap(server);
	const { page, errors } = await open(browser, map.link);
	await openSources(page);
	await expect(page.getByText(/Marcin Kaczmarski \(2021\), Russia–China/)).toBeVisible();
	await selectPhrase(page, PASSAGE);
	await page.getByRole('button', { name: 'New claim from this passage' }).click();
	const text = 'Washington aims to foreclose Chinese scholars’ access to the US research and …';
	await expect(treeItem(page, new RegExp(`${escape(text)}$`))).toBeAttached();
	const mark = passageOf(page, 'foreclose Chinese scholars');
	await expect(mark).toHaveText(PASSAGE);
	await expect(mark).toHaveClass(/current/);
	const exported = await map.exportJson();
	expect(exported.claims.find((c) => c.text === text)).toMatchObject({ quote: PASSAGE });
	await page.screenshot(shot('sources-new-claim.png'));
	expect(errors).toEqual([]);
});

test('R132: selecting a claim scrolls its passage into view and marks it', async ({ browser }) => {
	const map = await freshMap(server);
	const { page } = await open(browser, map.link);
	await openSources(page);
	await selectInOutline(page, seedText('crimea'));
	const mark = passageOf(page, 'Beijing has not recognized the annexation of Crimea');
	await expect(mark.first()).toHaveClass(/current/);
	await expect(mark.first()).toBeInViewport();
	// A click on a passage selects its claim.
	await passageOf(page, 'energy').first().click();
	await expect(page.locator('mark.current').first()).toBeInViewport();
	await page.screenshot(shot('sources-selected-claim.png'));
});

test('R135, R136, R137: a comment appears live for a colleague, with a count badge and an unread marker', async ({
	browser
}) => {
	const map = await freshMap(server);
	const alice = await open(browser, map.link);
	const bob = await open(browser, map.link);
	const claim = seedText('crimea');
	await selectInOutline(alice.page, claim);
	await alice.page.getByRole('textbox', { name: 'Add a comment' }).fill('Is this still true after 2022?');
	await alice.page.getByRole('button', { name: 'Comment', exact: true }).click();

	// Bob has not looked at it: a badge with an unread marker, in the outline and in the diagram.
	const bobRow = treeItem(bob.page, new RegExp(`${escape(claim)}$`));
	await expect(bobRow.getByRole('img', { name: '1 open comments, 1 unread' })).toBeVisible();
	await expect.poll(() => diagramBadge(bob.page, 'crimea')).toContain('#1565c0');
	// Alice wrote it: a badge, nothing unread.
	await expect(
		treeItem(alice.page, new RegExp(`${escape(claim)}$`)).getByRole('img', { name: '1 open comments' })
	).toBeVisible();

	// The Comments tab lists it, unread first.
	await bob.page.getByRole('tab', { name: 'Comments' }).click();
	await expect(bob.page.getByRole('region', { name: 'Open comments' }).getByText('1 unread')).toBeVisible();
	await bob.page.getByRole('tab', { name: 'Details' }).click();

	await selectInOutline(bob.page, claim);
	const thread = bob.page.getByRole('region', { name: /Comments/ });
	await expect(thread.getByText('Is this still true after 2022?')).toBeVisible();
	await expect(bobRow.getByRole('img', { name: '1 open comments' })).toBeVisible();
	await expect.poll(() => diagramBadge(bob.page, 'crimea')).toContain('#78909c');
	await bob.page.screenshot(shot('comments-thread.png'));

	await thread.getByRole('button', { name: 'Reply' }).click();
	await thread.getByRole('textbox', { name: 'Reply' }).fill('Yes: China abstained again.');
	await thread.getByRole('button', { name: 'Reply' }).click();
	await expect(alice.page.getByText('Yes: China abstained again.')).toBeVisible();
	await expect(
		treeItem(alice.page, new RegExp(`${escape(claim)}$`)).getByRole('img', { name: /^2 open comments/ })
	).toBeVisible();

	// Alice edits her comment; Bob sees the new text, marked edited.
	const aliceThread = alice.page.getByRole('region', { name: /Comments/ });
	await aliceThread
		.getByRole('article', { name: /Comment by/ })
		.first()
		.getByRole('button', { name: 'Edit' })
		.click();
	await aliceThread
		.getByRole('textbox', { name: 'Edit your comment' })
		.fill('Is this still true after 2023?');
	await aliceThread.getByRole('button', { name: 'Save' }).click();
	await expect(thread.getByText('Is this still true after 2023?')).toBeVisible();
	await expect(thread.getByText('(edited)')).toBeVisible();
	// Bob cannot edit Alice's comment, only his own.
	await expect(thread.getByRole('button', { name: 'Edit' })).toHaveCount(1);

	await thread.screenshot(shot('comments-thread-panel.png'));
	await bob.page.getByRole('button', { name: 'Zoom in' }).click();
	await bob.page.getByRole('button', { name: 'Zoom in' }).click();
	const at = await claimOnScreen(bob.page, 'crimea');
	await bob.page.screenshot({
		...shot('comments-badge.png'),
		clip: { x: at.x - 180, y: at.y - 90, width: 360, height: 180 }
	});

	// Resolving the thread removes the badge for everyone.
	await aliceThread.getByRole('button', { name: 'Resolve' }).click();
	await expect(bobRow.getByRole('img', { name: /open comments/ })).toHaveCount(0);
	await expect.poll(() => diagramBadge(bob.page, 'crimea')).toBe('');
	await expect(thread.getByText('Resolved threads (1)')).toBeVisible();
});

test('R130: a source is added from a .md file; other files and files too large are refused with why', async ({
	browser
}) => {
	const map = await freshMap(server);
	const { page } = await open(browser, map.link);
	await openSources(page);
	await page.getByText('Add a source').click();
	const file = page.getByLabel('Or upload a .txt or .md file');
	await file.setInputFiles({
		name: 'notes.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('%PDF-1.4')
	});
	await expect(page.getByRole('alert')).toHaveText(/notes\.pdf: only \.txt and \.md files/);
	const big = Buffer.alloc(500_000, 'a');
	await file.setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: big });
	await expect(page.getByRole('alert')).toHaveText(
		/big\.txt: the file is too large \(489 KB; at most 400 KB\)/
	);
	const md = '# Talk\r\n\r\nPipelines matter more than summits.\r\n';
	await file.setInputFiles({ name: 'talk-notes.md', mimeType: 'text/markdown', buffer: Buffer.from(md) });
	await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('talk-notes');
	await page.getByRole('button', { name: 'Add source' }).click();
	await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue(/.+/);
	await expect(sourceText(page)).toHaveText('# Talk\n\nPipelines matter more than summits.\n');
});

test('R138: a view link reads sources and comments but cannot write them', async ({ browser }) => {
	const map = await freshMap(server);
	const editor = await open(browser, map.link);
	await selectInOutline(editor.page, seedText('crimea'));
	await editor.page.getByRole('textbox', { name: 'Add a comment' }).fill('A comment to read');
	await editor.page.getByRole('button', { name: 'Comment', exact: true }).click();

	const viewer = await open(browser, `${server.url}/m/${map.id}#view=${map.viewToken}`);
	await selectInOutline(viewer.page, seedText('crimea'));
	const thread = viewer.page.getByRole('region', { name: /Comments/ });
	await expect(thread.getByText('A comment to read')).toBeVisible();
	await expect(thread.getByRole('textbox')).toHaveCount(0);
	await expect(thread.getByRole('button')).toHaveCount(0);
	await openSources(viewer.page);
	await expect(passageOf(viewer.page, 'Beijing has not recognized').first()).toHaveClass(/current/);
	await selectPhrase(viewer.page, PASSAGE);
	await expect(viewer.page.getByRole('button', { name: 'New claim from this passage' })).toHaveCount(0);
	await expect(viewer.page.getByText('Add a source')).toHaveCount(0);
});

test('R130, R49: sources, anchors and comments survive a server restart', async ({ browser }) => {
	let own = await startServer();
	const link = own.links.edit!;
	const { page } = await openAs(browser, link);
	await openSources(page);
	await page.getByText('Add a source').click();
	await page.getByRole('textbox', { name: 'Title' }).fill('Field notes');
	await page
		.getByRole('textbox', { name: /^Text/ })
		.fill('Notes from the seminar.\n\nChina buys Russian oil at a discount.');
	await page.getByRole('button', { name: 'Add source' }).click();
	await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue(/.+/);
	await selectPhrase(page, 'China buys Russian oil at a discount');
	await page.getByRole('button', { name: 'New claim from this passage' }).click();
	await page.getByRole('tab', { name: 'Details' }).click();
	await page.getByRole('textbox', { name: 'Add a comment' }).fill('Source: seminar of 3 May');
	await page.getByRole('button', { name: 'Comment', exact: true }).click();
	// A fresh reader sees everything: it has reached the server.
	const reader = await openAs(browser, link);
	await expect(treeItem(reader.page, /China buys Russian oil at a discount$/)).toBeAttached();
	await reader.page.context().close();
	await page.context().close();

	expect(await own.stop('SIGTERM')).toBe(0);
	own = await startServer({ dataDir: own.dataDir, port: Number(new URL(own.url).port) });
	const again = await open(browser, link).catch((e: Error) => {
		throw new Error(`${e.message}\nServer output:\n${own.output()}`);
	});
	await selectInOutline(again.page, 'China buys Russian oil at a discount');
	await expect(again.page.getByText('Source: seminar of 3 May')).toBeVisible();
	await openSources(again.page);
	await expect(again.page.getByRole('combobox', { name: 'Source' })).toHaveValue(/.+/);
	await expect(passageOf(again.page, 'China buys Russian oil')).toHaveClass(/current/);
	await own.stop();
});

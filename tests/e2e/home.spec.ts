/**
 * R73: the home page lists the maps this browser has links to and manages them: new (blank or from
 * the article), rename, duplicate, delete with confirmation and undo, share with copy buttons and
 * "Replace links". Dialogs are labelled, take the focus and close on Escape.
 */
import { type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../server';
import { expect, test } from './fixtures';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

/** A person on the home page, allowed to use the clipboard. */
async function home(browser: import('@playwright/test').Browser, url = server.url) {
	const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
	await page.goto(`${url}/`);
	return { page, errors };
}

/** Creates a blank map from the home page and comes back to the list. */
async function createBlank(page: Page, title: string) {
	await page.getByLabel('Title of a blank map').fill(title);
	await page.getByRole('button', { name: 'New blank map' }).click();
	await expect(page).toHaveURL(/\/m\/[\w-]+#edit=/);
	await expect(page.getByRole('status', { name: /Connection: Online/ })).toBeVisible();
	const link = page.url();
	await page.goto(`${server.url}/`);
	await expect(page.getByRole('link', { name: title })).toBeVisible();
	return { link, id: /\/m\/([\w-]+)#/.exec(link)![1]!, token: /#edit=(.+)$/.exec(link)![1]! };
}

/** Every control on the page has an accessible name. */
async function unnamedControls(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll('button, a, input')]
			.filter((el) => {
				const named =
					el.getAttribute('aria-label')?.trim() ||
					(el instanceof HTMLInputElement ? el.labels?.length : el.textContent?.trim());
				return !named;
			})
			.map((el) => el.outerHTML)
	);
}

test('R73: new blank map, rename, duplicate; every control is named and dialogs behave', async ({
	browser
}) => {
	const { page, errors } = await home(browser);
	const map = await createBlank(page, 'Seminar 5');
	expect(await unnamedControls(page)).toEqual([]);

	await page.getByRole('button', { name: 'Rename Seminar 5' }).click();
	const dialog = page.getByRole('dialog', { name: 'Rename map' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByLabel('Title')).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await page.getByRole('button', { name: 'Rename Seminar 5' }).click();
	await dialog.getByLabel('Title').fill('Seminar 5: alliances');
	await dialog.getByLabel('Title').press('Enter');
	await expect(page.getByRole('link', { name: 'Seminar 5: alliances' })).toBeVisible();
	const info = await fetch(`${server.url}/api/maps/${map.id}`, {
		headers: { authorization: `Bearer ${map.token}` }
	});
	expect(((await info.json()) as { title: string }).title).toBe('Seminar 5: alliances');

	await page.getByRole('button', { name: 'Duplicate Seminar 5: alliances' }).click();
	await expect(page.getByRole('link', { name: 'Copy of Seminar 5: alliances' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Made a copy' })).toBeVisible();
	await page.getByRole('link', { name: 'Copy of Seminar 5: alliances' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Copy of Seminar 5: alliances');
	expect(errors).toEqual([]);
});

test('R73: delete asks first, closes the map for everyone, and Undo restores it', async ({ browser }) => {
	const { page } = await home(browser);
	const map = await createBlank(page, 'To be deleted');
	const exportStatus = async () =>
		(
			await fetch(`${server.url}/api/maps/${map.id}/export`, {
				headers: { authorization: `Bearer ${map.token}` }
			})
		).status;

	await page.getByRole('button', { name: 'Delete To be deleted' }).click();
	const confirm = page.getByRole('dialog', { name: 'Delete “To be deleted”?' });
	await expect(confirm).toBeVisible();
	await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(confirm).toBeHidden();
	expect(await exportStatus()).toBe(200);

	await page.getByRole('button', { name: 'Delete To be deleted' }).click();
	await confirm.getByRole('button', { name: 'Delete map' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Deleted “To be deleted”' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'To be deleted' })).toHaveCount(0);
	expect(await exportStatus()).toBe(410);
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(page.getByRole('link', { name: 'To be deleted' })).toBeVisible();
	expect(await exportStatus()).toBe(200);

	await page.getByRole('button', { name: 'Delete To be deleted' }).click();
	await confirm.getByRole('button', { name: 'Delete map' }).click();
	await page.reload();
	await expect(page.getByText(/deleted · can be restored until/)).toBeVisible();
	await page.getByRole('button', { name: 'Restore To be deleted' }).click();
	await expect(page.getByRole('link', { name: 'To be deleted' })).toBeVisible();
	expect(await exportStatus()).toBe(200);
});

test('R73: the share dialog copies both links and replaces them; the old links stop working', async ({
	browser
}) => {
	const { page } = await home(browser);
	const map = await createBlank(page, 'Shared map');
	await page.getByRole('button', { name: 'Share Shared map' }).click();
	const share = page.getByRole('dialog', { name: 'Share this map' });
	await expect(share.getByLabel(/Edit link/)).toHaveValue(map.link);
	const viewLink = await share.getByLabel(/View link/).inputValue();
	expect(viewLink).toMatch(new RegExp(`/m/${map.id}#view=`));
	await share.getByRole('button', { name: 'Copy view link' }).click();
	await expect(share.getByRole('status')).toHaveText('View link copied');
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(viewLink);
	await share.getByRole('button', { name: 'Copy edit link' }).click();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(map.link);

	await share.getByRole('button', { name: 'Replace links…' }).click();
	const confirm = page.getByRole('dialog', { name: 'Replace both links?' });
	await confirm.getByRole('button', { name: 'Replace links' }).click();
	await expect(share.getByRole('status')).toHaveText(/New links made/);
	const newEdit = await share.getByLabel(/Edit link/).inputValue();
	expect(newEdit).not.toBe(map.link);
	await page.keyboard.press('Escape');
	await expect(share).toBeHidden();
	const status = async (token: string) =>
		(await fetch(`${server.url}/api/maps/${map.id}`, { headers: { authorization: `Bearer ${token}` } }))
			.status;
	expect(await status(map.token)).toBe(403);
	expect(await status(/#edit=(.+)$/.exec(newEdit)![1]!)).toBe(200);
	// The list now opens the map with the new link.
	await page.getByRole('link', { name: 'Shared map' }).click();
	await expect(page.getByRole('status', { name: /Connection: Online/ })).toBeVisible();
	expect(page.url()).toBe(newEdit);
});

test('R60: with CREATE_TOKEN set, the home page asks for it and then creates', async ({ browser }) => {
	const createToken = 'home-page-creation-token-0123';
	const guarded = await startServer({ env: { CREATE_TOKEN: createToken } });
	try {
		const { page } = await home(browser, guarded.url);
		await page.getByRole('button', { name: 'New map from the article' }).click();
		await expect(page.getByRole('alert')).toContainText('creation token');
		await page.getByLabel(/Creation token/).fill(createToken);
		await page.getByRole('button', { name: 'New map from the article' }).click();
		await expect(page).toHaveURL(/\/m\/[\w-]+#edit=/);
		expect(guarded.output()).not.toContain(createToken);
	} finally {
		await guarded.stop();
	}
});

import { expect, test as base, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../server';

/** The seed as a test reads it: straight from the data file, independent of the app's code. */
export const SEED = JSON.parse(
	fs.readFileSync(path.join(ROOT, 'src/lib/seed/russia-china.json'), 'utf8')
) as {
	claims: { id: string; kind: string; text: string }[];
	relations: { id: string; kind: string; from: string; to: string }[];
};

export const seedText = (id: string) => SEED.claims.find((c) => c.id === id)!.text;

/**
 * The browser tests' `test`: after each test, every browser context it opened (each person, however it
 * was opened) is closed. A context left open keeps its editor running, drawing 60 frames a second, for
 * the rest of the worker's run: an `afterEach` in this module ran for the first spec file of each
 * worker only (a module is loaded once per worker), and by the last files some 30 idle editors held the
 * 2 cores, which made pages take over 20 s to come online.
 */
export const test = base.extend<{ closeContexts: void }>({
	closeContexts: [
		async ({ browser }, use) => {
			const before = new Set(browser.contexts());
			await use();
			const opened = browser.contexts().filter((c) => !before.has(c));
			await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
		},
		{ auto: true }
	]
});
export { expect };

/** Opens a link in a fresh browser context (a separate person), failing the test on any page error. */
export async function openAs(
	browser: Browser,
	link: string,
	options: Parameters<Browser['newContext']>[0] = {}
): Promise<{ page: Page; errors: string[] }> {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto(link);
	await expect(page.getByRole('status', { name: /Connection: Online/ })).toBeVisible();
	const outlineButton = page.getByRole('button', { name: 'Outline' });
	if ((await outlineButton.getAttribute('aria-expanded')) !== 'true') await outlineButton.click();
	return { page, errors };
}

export const outline = (page: Page) => page.getByRole('tree', { name: 'Outline' });

/** Selects a claim the way a person does: by clicking its row in the outline. */
export async function selectInOutline(page: Page, text: string) {
	await outline(page)
		.getByRole('treeitem', { name: new RegExp(`: ${escape(text)}$`) })
		.first()
		// The row's own line: the middle of a row with children would be one of its children.
		.click({ position: { x: 12, y: 8 } });
}

export const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
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

/** Contexts opened by the running test: each test closes its people, so browsers do not pile up. */
const contexts: BrowserContext[] = [];
test.afterEach(async () => {
	await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
});

/** Opens a link in a fresh browser context (a separate person), failing the test on any page error. */
export async function openAs(
	browser: Browser,
	link: string,
	options: Parameters<Browser['newContext']>[0] = {}
): Promise<{ page: Page; errors: string[] }> {
	const context = await browser.newContext(options);
	contexts.push(context);
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

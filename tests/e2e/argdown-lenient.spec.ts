/**
 * R89: the import dialog's "Skip what cannot be read" for Argdown: a file with parser errors is
 * refused without it (the message points at the checkbox) and imported with it, each skipped line
 * listed; other formats show no such checkbox.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../server';
import { freshMap, open } from './editor-helpers';
import { expect, test } from './fixtures';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

const OUT = path.join(os.tmpdir(), 'argmap-argdown-lenient');
fs.mkdirSync(OUT, { recursive: true });
const ARGVU = fs.readFileSync('../shared/corpus/argdown/argvu-demo-all-relation-symbols.argdown', 'utf8');

test('R89: an Argdown file with parser errors is imported leniently only when asked', async ({ browser }) => {
	const map = await freshMap(server);
	const before = await map.exportJson();
	const { page } = await open(browser, map.link);
	await page.getByRole('button', { name: 'File', exact: true }).click();
	await page.getByRole('menuitem', { name: 'Import a file…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Import a map' });
	const skip = dialog.getByLabel('Skip what cannot be read');
	await dialog.getByLabel('Format').selectOption('json');
	await expect(skip).toHaveCount(0);
	await dialog.getByLabel('Format').selectOption('argdown');
	await dialog.getByLabel('Or paste the text').fill(ARGVU);
	await expect(skip).not.toBeChecked();
	await dialog.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(dialog.getByRole('alert')).toContainText('Argdown line 10');
	await expect(dialog.getByRole('alert')).toContainText('Skip what cannot be read');
	expect(await map.exportJson()).toEqual(before);
	await skip.check();
	await dialog.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(dialog.getByRole('status')).toContainText('Imported 6 claims');
	await expect(dialog.getByRole('listitem')).toHaveCount(2);
	await expect(dialog.getByRole('listitem').first()).toContainText('Argdown line 10');
	await page.screenshot({ path: path.join(OUT, 'lenient-import.png') });
	expect((await map.exportJson()).claims.length).toBe(before.claims.length + 6);
});

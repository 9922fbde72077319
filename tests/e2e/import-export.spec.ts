/**
 * R90, R92, R94, R95: the editor's File menu with its exports (PNG at twice the size, SVG, PDF, text
 * formats) and the import dialog (file or pasted text, merged as one undoable change or as a new map; a broken file
 * changes nothing and says where it is broken).
 */
import { type Download, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fetchRetry, startServer, type RunningServer } from '../server';
import { freshMap, open, treeItem } from './editor-helpers';
import { expect, test } from './fixtures';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

/** Downloads and screenshots to look at: outside test-results, which every Playwright run empties. */
const OUT = path.join(os.tmpdir(), 'argmap-import-export');
fs.mkdirSync(OUT, { recursive: true });

/** Claim texts that try to run script when the picture is opened. */
const HOSTILE = [
	'<script>window.pwned = 1; alert(1)</script> ends here',
	'"><svg onload="window.pwned = 2"> & \'quotes\'',
	'<img src="x" onerror="window.pwned = 3"> &amp; &lt;b&gt;',
	']]><foreignObject><iframe src="javascript:window.pwned = 4"></iframe></foreignObject>'
];

/** A small map in the native format: a thesis with reasons, for importing. */
const TEA = {
	format: 'argmap',
	version: 1,
	title: 'Tea',
	claims: [
		{ id: 'tea', kind: 'thesis', text: 'The seminar should serve tea' },
		{ id: 'warm', kind: 'claim', text: 'Tea keeps a cold seminar room warm' },
		{ id: 'cheap', kind: 'evidence', text: 'A box of 80 tea bags costs less than 3 euros' },
		{ id: 'stains', kind: 'claim', text: 'Tea stains the printed handouts' }
	],
	relations: [
		{ id: 'r1', kind: 'supports', from: 'warm', to: 'tea' },
		{ id: 'r2', kind: 'supports', from: 'cheap', to: 'tea' },
		{ id: 'r3', kind: 'attacks', from: 'stains', to: 'tea' }
	]
};

/** The same argument in Argdown, as a file a person would bring. */
const TEA_ARGDOWN = [
	'[Tea]: The seminar should serve tea',
	'  + [Warm]: Tea keeps a cold seminar room warm',
	'  + [Cheap]: A box of 80 tea bags costs less than 3 euros',
	'  - [Stains]: Tea stains the printed handouts',
	''
].join('\n');

async function exportVia(page: Page, item: string): Promise<Download> {
	await page.getByRole('button', { name: 'File', exact: true }).click();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('menuitem', { name: item }).click()
	]);
	return download;
}

async function openImport(page: Page) {
	await page.getByRole('button', { name: 'File', exact: true }).click();
	await page.getByRole('menuitem', { name: 'Import a file…' }).click();
}

async function saved(download: Download): Promise<Buffer> {
	const file = path.join(OUT, download.suggestedFilename());
	await download.saveAs(file);
	return fs.readFileSync(file);
}

test('R94: the File menu downloads a PNG at twice the map size, an SVG and a landscape PDF', async ({
	browser
}) => {
	const map = await freshMap(server);
	const { page, errors } = await open(browser, map.link);
	await page.getByRole('button', { name: 'File', exact: true }).click();
	const menu = page.getByRole('menu', { name: 'File' });
	await expect(menu.getByRole('menuitem')).toHaveCount(12);
	await expect(menu.getByRole('menuitem', { name: 'Import a file…' })).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(menu.getByRole('menuitem', { name: 'PNG picture, white background' })).toBeFocused();
	await page.screenshot({ path: path.join(OUT, 'file-menu.png') });
	await page.keyboard.press('Escape');
	await expect(menu).not.toBeVisible();
	await expect(page.getByRole('button', { name: 'File', exact: true })).toBeFocused();

	const png = await exportVia(page, 'PNG picture, white background');
	expect(png.suggestedFilename()).toBe('Russia and China an alliance in the making.png');
	const pngBytes = await saved(png);
	expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
	const size = { width: pngBytes.readUInt32BE(16), height: pngBytes.readUInt32BE(20) };
	const box = await page.evaluate(() => {
		const el = document.querySelector('[data-testid="graph"]') as HTMLElement & {
			_cyreg: { cy: import('cytoscape').Core };
		};
		const b = el._cyreg.cy.elements().boundingBox();
		return { width: b.w, height: b.h };
	});
	expect(Math.abs(size.width - 2 * box.width)).toBeLessThanOrEqual(4);
	expect(Math.abs(size.height - 2 * box.height)).toBeLessThanOrEqual(4);
	const clear = await saved(await exportVia(page, 'PNG picture, transparent'));
	// Colour type 6 (RGBA) either way; the transparent one is smaller (no white pixels to encode).
	expect(clear.length).toBeGreaterThan(10_000);

	const svg = await saved(await exportVia(page, 'SVG picture'));
	expect(svg.toString()).toContain('<svg xmlns="http://www.w3.org/2000/svg"');

	const pdf = await exportVia(page, 'PDF handout, A4 landscape');
	expect(pdf.suggestedFilename()).toBe('Russia and China an alliance in the making.pdf');
	const pdfBytes = await saved(pdf);
	expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
	const [, w, h] = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdfBytes.toString('latin1'))!.map(Number);
	expect([Math.round(w!), Math.round(h!)]).toEqual([842, 595]);
	const letter = await saved(await exportVia(page, 'PDF handout, Letter landscape'));
	const [, lw, lh] = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(letter.toString('latin1'))!.map(Number);
	expect([Math.round(lw!), Math.round(lh!)]).toEqual([792, 612]);

	const argdownOrJson = await saved(await exportVia(page, 'JSON (native)'));
	expect(JSON.parse(argdownOrJson.toString()).claims.length).toBeGreaterThanOrEqual(35);
	expect(errors).toEqual([]);
});

test('R90: an SVG exported with hostile claim text is well-formed and runs no script when opened', async ({
	browser
}) => {
	const map = await freshMap(server);
	const file = {
		...TEA,
		claims: TEA.claims.map((c, i) => (i < HOSTILE.length ? { ...c, text: HOSTILE[i]! } : c))
	};
	const res = await fetchRetry(`${server.url}/api/maps/${map.id}/import?format=json&mode=replace`, {
		method: 'POST',
		headers: { authorization: `Bearer ${map.editToken}` },
		body: JSON.stringify(file)
	});
	expect(res.status).toBe(200);
	const { page } = await open(browser, map.link);
	const svg = (await saved(await exportVia(page, 'SVG picture'))).toString();
	const parsed = await page.evaluate((text) => {
		const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
		return {
			error: doc.querySelector('parsererror')?.textContent ?? null,
			scripts: doc.querySelectorAll('script, foreignObject, iframe, img').length,
			handlers: [...doc.querySelectorAll('*')].flatMap((el) =>
				[...el.attributes].map((a) => a.name).filter((n) => /^on|href/i.test(n))
			),
			text: doc.documentElement.textContent
		};
	}, svg);
	expect(parsed.error).toBeNull();
	expect(parsed.scripts).toBe(0);
	expect(parsed.handlers).toEqual([]);
	for (const t of HOSTILE) expect(parsed.text!.replace(/\s+/g, ' ')).toContain(t.split(' ')[0]);

	// Opened as a document of its own, the picture runs nothing.
	const viewer = await browser.newPage();
	const dialogs: string[] = [];
	viewer.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	const svgFile = path.join(OUT, 'hostile.svg');
	fs.writeFileSync(svgFile, svg);
	await viewer.goto(`file://${svgFile}`);
	await viewer.waitForTimeout(300);
	expect(await viewer.evaluate(() => (window as unknown as { pwned?: number }).pwned ?? null)).toBeNull();
	expect(dialogs).toEqual([]);
	await viewer.screenshot({ path: path.join(OUT, 'hostile-svg.png') });
	await viewer.close();
});

test('R95, R92: a file imported through the dialog joins the map beside it; one Undo removes it all', async ({
	browser
}) => {
	const map = await freshMap(server);
	const before = await map.exportJson();
	const { page, errors } = await open(browser, map.link);
	await openImport(page);
	const dialog = page.getByRole('dialog', { name: 'Import a map' });
	await expect(dialog).toBeVisible();
	await dialog.getByLabel('File to import').setInputFiles({
		name: 'tea.argdown',
		mimeType: 'text/plain',
		buffer: Buffer.from(TEA_ARGDOWN)
	});
	await expect(dialog.getByText('tea.argdown', { exact: true })).toBeVisible();
	await expect(dialog.getByLabel('Format')).toHaveValue('argdown');
	await expect(dialog.getByLabel('Into this map (merge)')).toBeChecked();
	await page.screenshot({ path: path.join(OUT, 'import-dialog.png') });
	await dialog.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(dialog).not.toBeVisible();
	await expect(treeItem(page, /The seminar should serve tea$/)).toBeAttached();
	await expect.poll(async () => (await map.exportJson()).claims.length).toBe(before.claims.length + 4);
	const after = await map.exportJson();
	expect(after.relations.length).toBe(before.relations.length + 3);
	const right = Math.max(...before.claims.map((c) => c.x));
	const tea = after.claims.find((c) => c.text === 'The seminar should serve tea')!;
	expect(tea.x).toBeGreaterThan(right);
	await page.screenshot({ path: path.join(OUT, 'imported.png') });

	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(treeItem(page, /The seminar should serve tea$/)).not.toBeAttached();
	await expect.poll(async () => (await map.exportJson()).claims.length).toBe(before.claims.length);
	expect((await map.exportJson()).relations).toEqual(before.relations);
	expect(errors).toEqual([]);
});

test('R95: a broken file is refused with its format and line named, and the map is unchanged', async ({
	browser
}) => {
	const map = await freshMap(server);
	const before = await map.exportJson();
	const { page } = await open(browser, map.link);
	await openImport(page);
	const dialog = page.getByRole('dialog', { name: 'Import a map' });
	await dialog
		.getByLabel('Or paste the text')
		.fill('{\n  "format": "argmap",\n  "version": 1,\n  claims: []\n}');
	await expect(dialog.getByLabel('Format')).toHaveValue('json');
	await dialog.getByRole('button', { name: 'Import', exact: true }).click();
	const alert = dialog.getByRole('alert');
	await expect(alert).toContainText('JSON');
	await expect(alert).toContainText('line 4');
	await page.screenshot({ path: path.join(OUT, 'import-error.png') });
	await expect(dialog).toBeVisible();
	expect(await map.exportJson()).toEqual(before);
	await page.keyboard.press('Escape');
	await expect(dialog).not.toBeVisible();
});

test('R95: a file imported as a new map opens in a map of its own', async ({ browser }) => {
	const map = await freshMap(server);
	const before = await map.exportJson();
	const { page } = await open(browser, map.link);
	await openImport(page);
	const dialog = page.getByRole('dialog', { name: 'Import a map' });
	await dialog.getByLabel('Or paste the text').fill(JSON.stringify(TEA));
	await dialog.getByLabel('As a new map').check();
	await dialog.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(page).not.toHaveURL(new RegExp(map.id));
	await expect(page).toHaveURL(/\/m\/[\w-]+#edit=/);
	await expect(page).toHaveTitle('Tea');
	await expect(page.getByTestId('graph')).toHaveAttribute('data-claims', '4');
	expect(await map.exportJson()).toEqual(before);
});

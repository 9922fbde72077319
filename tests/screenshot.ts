/**
 * `npm run screenshot`: starts the app on a fresh data folder, opens the article map at 1280x800 in
 * Chromium and saves static/screenshot.png (the README's picture). Extra PNGs for review go to
 * test-results/screens/.
 */
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import config from './playwright.config';
import { ROOT, startServer } from './server';

const server = await startServer();
const browser = await chromium.launch(config.use!.launchOptions);
try {
	const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
	// A returning person: the name question is not part of the picture.
	await page.addInitScript(() => localStorage.setItem('argmap:name', 'Seminar lead'));
	await page.goto(server.links.edit!);
	await page.getByRole('status', { name: /Online/ }).waitFor();
	await page.waitForFunction(
		() => Number(document.querySelector('[data-testid="graph"]')?.getAttribute('data-claims')) > 0
	);
	await page.waitForTimeout(500);
	await page.screenshot({ path: path.join(ROOT, 'static/screenshot.png') });
	const dir = path.join(ROOT, 'test-results/screens');
	fs.mkdirSync(dir, { recursive: true });
	const shot = (name: string) => page.screenshot({ path: path.join(dir, `${name}.png`) });
	await page.getByRole('button', { name: 'Outline' }).click();
	await page
		.getByRole('treeitem', { name: /^For: Claim: .*energy/i })
		.first()
		.click();
	await page.waitForTimeout(400);
	await shot('selected');
	await page.keyboard.press('Shift+F10');
	await page.getByRole('menu').waitFor();
	await shot('context-menu');
	await page.keyboard.press('Escape');
	await page.getByRole('button', { name: 'Zoom in' }).click();
	await page.getByRole('button', { name: 'Zoom in' }).click();
	await page.waitForTimeout(300);
	await shot('zoomed');
	await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
	await shot('help');
	console.log('Saved static/screenshot.png and test-results/screens/*.png');
} finally {
	await browser.close();
	await server.stop();
}

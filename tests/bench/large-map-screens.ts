/**
 * Screenshots of a 5,000-claim map in the editor, zoomed out (labels hidden, R173) and at 100%:
 * `npx tsx tests/bench/large-map-screens.ts` writes bench-results/map-5000-out.png and -in.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { generateMap } from '../../src/lib/model/generate';
import { withLayout } from '../../src/lib/model/layout';
import config from '../playwright.config';
import { ROOT, startServer } from '../server';
import { storeMap } from './browser-pages';

const server = await startServer({ env: { QUIET: '1' } });
const browser = await chromium.launch(config.use!.launchOptions);
try {
	const map = await storeMap(server.url, withLayout(generateMap(5000, 5)));
	const page = await browser.newPage({ viewport: config.use!.viewport! });
	await page.goto(map.link, { timeout: 600_000 });
	await page.waitForFunction(
		() => {
			const el = document.querySelector('[data-testid="graph"]') as unknown as {
				_cyreg?: { cy: import('cytoscape').Core };
			};
			return (el?._cyreg?.cy.nodes().length ?? 0) >= 5000;
		},
		null,
		{ timeout: 600_000 }
	);
	await page.waitForTimeout(3000);
	const out = path.join(ROOT, 'bench-results');
	fs.mkdirSync(out, { recursive: true });
	await page.screenshot({ path: path.join(out, 'map-5000-out.png') });
	await page.evaluate(() => {
		const el = document.querySelector('[data-testid="graph"]') as unknown as {
			_cyreg: { cy: import('cytoscape').Core };
		};
		const cy = el._cyreg.cy;
		cy.zoom({ level: 1, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
	});
	await page.waitForTimeout(3000);
	await page.screenshot({ path: path.join(out, 'map-5000-in.png') });
} finally {
	await browser.close();
	await server.stop();
}

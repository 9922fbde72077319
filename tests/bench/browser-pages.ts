/**
 * The pages of the browser benchmarks: maps of N claims stored on the real server (ours), and a bare
 * Cytoscape page with the very same elements, style and options (the peer), served by a tiny HTTP
 * server of its own. Also the script both pages get before any of their own runs: it notes when the
 * first shape is drawn and every long task.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { ArgMap } from '../../src/lib/model';
import { writeMap } from '../../src/lib/sync/apply';
import { toElements } from '../../src/lib/view/elements';
import { graphStyle } from '../../src/lib/view/style';
import config from '../playwright.config';
import { fetchRetry, ROOT } from '../server';
import { BenchClient } from './sync-client';

/** A map stored on our server, and the link that opens it for editing. */
export interface StoredMap {
	id: string;
	link: string;
}

/** Creates a blank map on our server and fills it with `map` over the sync protocol. */
export async function storeMap(base: string, map: ArgMap): Promise<StoredMap> {
	const res = await fetchRetry(`${base}/api/maps`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ template: 'blank', title: map.title })
	});
	if (res.status !== 201) throw new Error(`POST /api/maps answered ${res.status}`);
	const { id, editToken } = (await res.json()) as { id: string; editToken: string };
	const ws = `${base.replace(/^http/, 'ws')}/yjs/${id}?token=${editToken}`;
	const writer = new BenchClient(ws, () => {});
	await writer.ready;
	writeMap(writer.doc, map);
	await writer.close();
	// A second client reads it back: the server holds the whole map.
	const reader = new BenchClient(ws, () => {});
	await reader.ready;
	const claims = reader.doc.getMap('claims').size;
	await reader.close();
	if (claims < map.claims.length) throw new Error(`stored ${claims} of ${map.claims.length} claims`);
	return { id, link: `${base}/m/${id}#edit=${editToken}` };
}

const BARE_PAGE = (data: string, width: number, height: number) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Cytoscape</title>
<style>html, body { margin: 0; height: 100%; } #cy { position: absolute; left: 0; top: 0; width: ${width}px; height: ${height}px; }</style>
</head><body><div id="cy"></div>
<script src="/cytoscape.min.js"></script>
<script src="/${data}"></script>
<script>
const cy = cytoscape({ container: document.getElementById('cy'), elements: DATA.elements, style: DATA.style,
	minZoom: 0.08, maxZoom: 3, wheelSensitivity: 2.5, boxSelectionEnabled: true, selectionType: 'additive' });
cy.fit(undefined, 32);
if (cy.zoom() > 1.25) { cy.zoom(1.25); cy.center(); }
</script></body></html>`;

/** The peer: bare Cytoscape 3 (the same build our bundle carries) with our elements and style. */
export async function startBareServer(maps: Record<string, ArgMap>) {
	const cytoscapeJs = fs.readFileSync(path.join(ROOT, 'node_modules/cytoscape/dist/cytoscape.min.js'));
	const data = new Map(
		Object.entries(maps).map(([name, map]) => [
			`/data-${name}.js`,
			`var DATA = ${JSON.stringify({ elements: toElements(map), style: graphStyle })};`
		])
	);
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://x');
		const js = (body: string | Buffer) =>
			res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(body);
		if (url.pathname === '/cytoscape.min.js') return js(cytoscapeJs);
		const script = data.get(url.pathname);
		if (script) return js(script);
		if (url.pathname === '/bare.html') {
			const w = Number(url.searchParams.get('w') ?? 800);
			const h = Number(url.searchParams.get('h') ?? 600);
			const page = BARE_PAGE(`data-${url.searchParams.get('map')}.js`, w, h);
			return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
		}
		res.writeHead(404).end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: (map: string, size: { width: number; height: number }) =>
			`http://127.0.0.1:${port}/bare.html?map=${map}&w=${size.width}&h=${size.height}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/**
 * Runs in every benchmark page before its own scripts: `__firstDrawn` is when the task that drew the
 * first filled shape on a canvas ended (ms since navigation), `__longTasks` lists the main thread's
 * tasks over 50 ms.
 */
export const PAGE_PROBE = `(() => {
	// tsx names the functions inside page.evaluate callbacks with a helper the page lacks.
	window.__name = (fn) => fn;
	const first = () => {
		if (window.__firstFill !== undefined) return;
		window.__firstFill = performance.now();
		setTimeout(() => (window.__firstDrawn = performance.now()));
	};
	const wrap = (proto, name) => {
		const original = proto[name];
		proto[name] = function (...args) {
			first();
			return original.apply(this, args);
		};
	};
	// Cytoscape draws shapes directly or from cached bitmaps, on canvases or offscreen canvases.
	for (const name of ['fill', 'fillText', 'drawImage']) wrap(CanvasRenderingContext2D.prototype, name);
	if (typeof OffscreenCanvasRenderingContext2D !== 'undefined')
		for (const name of ['fill', 'fillText']) wrap(OffscreenCanvasRenderingContext2D.prototype, name);
	window.__longTasks = [];
	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
	} catch {}
})();`;

/** The editor's drawing. */
export const GRAPH = '[data-testid="graph"]';

/** A page in a fresh context of the benchmarks' viewport, with the probe. */
export async function newPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: config.use!.viewport! });
	await context.addInitScript(PAGE_PROBE);
	return context.newPage();
}

/** Opens `url` in a fresh context and waits for the first drawing; answers its time since navigation. */
export async function firstDraw(page: Page, url: string): Promise<number> {
	await page.goto(url, { timeout: 600_000 });
	await page.waitForFunction(() => (window as unknown as { __firstDrawn?: number }).__firstDrawn, null, {
		timeout: 600_000
	});
	return page.evaluate(() => (window as unknown as { __firstDrawn: number }).__firstDrawn);
}

/** Waits until the drawing holds `claims` nodes and has settled (no draw for a while). */
export async function settled(page: Page, container: string, claims: number) {
	await page.waitForFunction(
		([sel, n]) => {
			const el = document.querySelector(sel as string) as {
				_cyreg?: { cy: import('cytoscape').Core };
			} | null;
			return (el?._cyreg?.cy.nodes().length ?? 0) >= (n as number);
		},
		[container, claims] as const,
		{ timeout: 600_000 }
	);
	await page.waitForTimeout(500);
}

/**
 * Waits until no main-thread task over 50 ms has ended for `ms`, at most `limit` ms: the page has done
 * what loading left to do (Cytoscape builds its layer textures in frames after the first draw).
 */
export async function quiet(page: Page, ms = 1000, limit = 15_000) {
	await page
		.waitForFunction(
			(ms) => {
				const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] })
					.__longTasks;
				const last = tasks.reduce((end, t) => Math.max(end, t.start + t.duration), 0);
				return performance.now() - last >= ms;
			},
			ms,
			{ timeout: limit, polling: 100 }
		)
		.catch(() => {});
}

/**
 * Opens the outline (closed at the benchmarks' width) once the page is quiet. Answers the click's delay to
 * the next frame painted (Event Timing; 16 when under 16 ms), which includes the map drawn anew at its new
 * width, and the longest main-thread task from the click until the tree is drawn and 500 ms more (0 when
 * none passed 50 ms).
 */
export async function openOutline(page: Page): Promise<{ paint: number; longest: number }> {
	await quiet(page);
	const clicked = await page.evaluate(() => {
		const w = window as unknown as { __clicks: number[] };
		w.__clicks = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) if (e.name === 'click') w.__clicks.push(e.duration);
		}).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
		return performance.now();
	});
	await page.getByRole('button', { name: 'Outline' }).click();
	await page.getByRole('tree', { name: 'Outline' }).getByRole('treeitem').first().waitFor();
	await page.waitForTimeout(500);
	return page.evaluate((since) => {
		const w = window as unknown as { __clicks: number[]; __longTasks: { start: number; duration: number }[] };
		const longest = w.__longTasks
			.filter((t) => t.start + t.duration >= since)
			.reduce((most, t) => Math.max(most, t.duration), 0);
		return { paint: Math.max(16, ...w.__clicks), longest };
	}, clicked);
}

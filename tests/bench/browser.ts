/**
 * The browser benchmarks (R170-R174): headless Chromium (the flags of the browser tests) opening the
 * real editor on the real server side by side with bare Cytoscape drawing the same elements, runs
 * alternating ours/peer so both see the same load on this shared machine; the layout, the remote
 * edit and the editor's JavaScript are measured on the editor alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import type { ArgMap } from '../../src/lib/model';
import { generateMap } from '../../src/lib/model/generate';
import { layeredLayout, withLayout } from '../../src/lib/model/layout';
import { seededRandom } from '../../src/lib/model/random';
import { buildIfNeeded } from '../../src/lib/server/build';
import config from '../playwright.config';
import { ROOT, startServer } from '../server';
import {
	firstDraw,
	GRAPH,
	newPage,
	openOutline,
	quiet,
	settled,
	startBareServer,
	storeMap
} from './browser-pages';
import { keystrokeDelays, remoteEdits } from './typing';
import type { Row } from './sync';

const RENDER_RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PAN_RUNS = Math.min(3, RENDER_RUNS);
/** 5,000 claims take long to load: fewer runs. */
const BIG_RUNS = Math.min(2, RENDER_RUNS);
const LAYOUT_RUNS = Math.min(3, RENDER_RUNS);
/**
 * Watched after a layout is applied, in ms: the relations come back 250 ms after the last claim moved
 * (R180), once Cytoscape's layer cache holds the map again.
 */
const AFTER_MS = 1500;
/** Wheel notches from the fitted 5,000-claim map to about 100% (the first few zoom 12%, then 7%). */
const WHEEL_NOTCHES = 30;
/** Keys typed into a claim of the 5,000-claim map per run. */
const TYPED_KEYS = 30;

const median = (values: number[]) => {
	const s = [...values].sort((a, b) => a - b);
	const mid = s.length / 2;
	return s.length % 2 ? s[Math.floor(mid)]! : (s[mid - 1]! + s[mid]!) / 2;
};
const percentile = (values: number[], p: number) => {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** Claims moved off their tidy places, so that "Tidy layout" has work to show. */
function scrambled(map: ArgMap, seed: number): ArgMap {
	const random = seededRandom(seed);
	return {
		...map,
		claims: map.claims.map((c) => ({
			...c,
			x: Math.round((c.x ?? 0) + (random() - 0.5) * 600),
			y: Math.round((c.y ?? 0) + (random() - 0.5) * 400)
		}))
	};
}

/**
 * A scripted gesture, one step per animation frame: pan across the fitted map, zoom in to 100%, pan
 * there (labels drawn), zoom back out. Answers the frame times (ms between animation frames).
 */
function gesture(page: Page, container: string): Promise<number[]> {
	return page.evaluate(async (sel) => {
		const el = document.querySelector(sel) as unknown as { _cyreg: { cy: import('cytoscape').Core } };
		const cy = el._cyreg.cy;
		cy.fit(undefined, 32);
		const steps: (() => void)[] = [];
		for (let i = 0; i < 40; i++) steps.push(() => cy.panBy({ x: i < 20 ? 8 : -8, y: i < 20 ? 5 : -5 }));
		const centre = () => ({ x: cy.width() / 2, y: cy.height() / 2 });
		const zoomIn = Math.pow(1 / cy.zoom(), 1 / 30);
		for (let i = 0; i < 30; i++)
			steps.push(() => cy.zoom({ level: cy.zoom() * zoomIn, renderedPosition: centre() }));
		for (let i = 0; i < 40; i++) steps.push(() => cy.panBy({ x: i < 20 ? -12 : 12, y: i < 20 ? -6 : 6 }));
		for (let i = 0; i < 30; i++)
			steps.push(() => cy.zoom({ level: cy.zoom() / zoomIn, renderedPosition: centre() }));
		const times: number[] = [];
		await new Promise<void>((resolve) => {
			let last = 0;
			let step = 0;
			const frame = (now: number) => {
				if (last) times.push(now - last);
				last = now;
				if (step < steps.length) {
					steps[step++]!();
					requestAnimationFrame(frame);
				} else resolve();
			};
			requestAnimationFrame(frame);
		});
		return times;
	}, container);
}

interface Relayout {
	took: number;
	longest: number;
	blocked: number;
	after: number;
}
/** One figure of every run. */
const each = (runs: Relayout[], key: keyof Relayout) => runs.map((r) => r[key]);

/**
 * Moves every claim to its tidy place: in the editor by clicking "Tidy layout" (`how` = 'tidy'), on the
 * bare page by setting all positions in one batch, as an application without steps would. Answers the
 * time until every claim is drawn at its place, the longest main-thread task meanwhile, the time tasks
 * blocked the page beyond 50 ms each (total blocking time: what a person typing or scrolling feels), and
 * the longest task in the AFTER_MS that follow (the relations drawn again, Cytoscape's layer cache rebuilt).
 */
function relayout(
	page: Page,
	container: string,
	targets: (readonly [string, number, number])[],
	how: 'tidy' | 'set'
): Promise<Relayout> {
	return page.evaluate(
		async ([sel, all, mode, afterMs]) => {
			const el = document.querySelector(sel) as unknown as { _cyreg: { cy: import('cytoscape').Core } };
			const cy = el._cyreg.cy;
			const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
			const start = performance.now();
			if (mode === 'tidy') {
				[...document.querySelectorAll('button')]
					.find((b) => b.textContent?.trim() === 'Tidy layout')!
					.click();
			} else {
				cy.batch(() => {
					for (const [id, x, y] of all) cy.getElementById(id).position({ x, y });
				});
			}
			await new Promise<void>((resolve) => {
				const check = () => {
					const placed = all.every(([id, x, y]) => {
						const p = cy.getElementById(id).position();
						return p.x === x && p.y === y;
					});
					if (placed) resolve();
					else setTimeout(check, 20);
				};
				check();
			});
			// The frame that shows the last positions.
			await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
			const end = performance.now();
			// Long tasks reach the observer a little after they end.
			await new Promise((r) => setTimeout(r, afterMs + 500));
			const during = w.__longTasks.filter((t) => t.start + t.duration >= start && t.start <= end);
			const after = w.__longTasks.filter((t) => t.start > end && t.start <= end + afterMs);
			return {
				took: end - start,
				longest: Math.max(0, ...during.map((t) => t.duration)),
				blocked: during.reduce((sum, t) => sum + t.duration - 50, 0),
				after: Math.max(0, ...after.map((t) => t.duration))
			};
		},
		[container, targets, how, AFTER_MS] as const
	);
}

/**
 * The same gesture made as a person makes it, with the mouse (real input events): drag the fitted map
 * from an empty spot, wheel in towards the centre, drag again, wheel back out. Answers the frame times.
 */
async function userGesture(page: Page, container: string, notches: number): Promise<number[]> {
	const start = await page.evaluate((sel) => {
		const el = document.querySelector(sel) as unknown as HTMLElement & {
			_cyreg: { cy: import('cytoscape').Core };
		};
		const cy = el._cyreg.cy;
		cy.fit(undefined, 32);
		const rect = el.getBoundingClientRect();
		const boxes = cy.nodes().map((n) => n.renderedBoundingBox({}));
		const free = (x: number, y: number) =>
			boxes.every((b) => x < b.x1 - 4 || x > b.x2 + 4 || y < b.y1 - 4 || y > b.y2 + 4);
		let at = { x: 8, y: 8 };
		search: for (let y = rect.height * 0.3; y < rect.height * 0.8; y += 3)
			for (let x = rect.width * 0.3; x < rect.width * 0.7; x += 3)
				if (free(x, y)) {
					at = { x, y };
					break search;
				}
		const w = window as unknown as { __frames: number[]; __recording: boolean };
		w.__frames = [];
		w.__recording = true;
		let last = 0;
		const frame = (now: number) => {
			if (last) w.__frames.push(now - last);
			last = now;
			if (w.__recording) requestAnimationFrame(frame);
		};
		requestAnimationFrame(frame);
		return {
			x: rect.left + at.x,
			y: rect.top + at.y,
			cx: rect.left + rect.width / 2,
			cy: rect.top + rect.height / 2
		};
	}, container);
	const drag = async (from: { x: number; y: number }, dx: number, dy: number) => {
		await page.mouse.move(from.x, from.y);
		await page.mouse.down();
		for (let i = 1; i <= 30; i++) await page.mouse.move(from.x + (dx * i) / 30, from.y + (dy * i) / 30);
		await page.mouse.up();
	};
	await drag(start, 160, 100);
	await page.mouse.move(start.cx, start.cy);
	for (let i = 0; i < notches; i++) await page.mouse.wheel(0, -100);
	await page.waitForTimeout(300);
	await drag({ x: start.cx, y: start.cy }, -160, -100);
	await page.mouse.move(start.cx, start.cy);
	for (let i = 0; i < notches; i++) await page.mouse.wheel(0, 100);
	await page.waitForTimeout(300);
	return page.evaluate(() => {
		const w = window as unknown as { __frames: number[]; __recording: boolean };
		w.__recording = false;
		return w.__frames;
	});
}

/** The size of our editor's drawing area, so the bare page draws into as many pixels. */
async function graphSize(page: Page) {
	const box = await page.locator(GRAPH).boundingBox();
	return { width: Math.round(box!.width), height: Math.round(box!.height) };
}

/** The JavaScript files the editor page loaded, gzipped as the server sends them (bytes). */
async function loadedJs(page: Page): Promise<{ total: number; files: { name: string; gzip: number }[] }> {
	const urls = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((e) => e.name)
			.filter((n) => /\.js(\?|$)/.test(new URL(n).pathname))
	);
	const files = urls.map((url) => {
		const file = path.join(ROOT, 'build/client', new URL(url).pathname);
		const gzip = fs.existsSync(file) ? zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length : 0;
		return { name: new URL(url).pathname, gzip };
	});
	return { total: files.reduce((n, f) => n + f.gzip, 0), files };
}

export async function browserBenchmarks(progress: (line: string) => void): Promise<Row[]> {
	const rows: Row[] = [];
	const add = (row: Row) => {
		rows.push(row);
		const peer = row.peer === undefined ? '' : ` (peer ${row.peer.toFixed(1)})`;
		progress(`  ${row.scenario}: ${row.ours.toFixed(1)} ${row.unit}${peer}`);
	};
	const map1000 = withLayout(generateMap(1000, 3));
	const map5000 = withLayout(generateMap(5000, 5));
	const messy = scrambled(map1000, 9);
	progress('browser: starting the server (builds the app first if the build is older than the sources)');
	buildIfNeeded();
	const server = await startServer({ env: { QUIET: '1' } });
	const bare = await startBareServer({ '1000': map1000, '5000': map5000, messy });
	const browser = await chromium.launch(config.use!.launchOptions);
	try {
		const [m1000, m5000, mMessy] = [
			await storeMap(server.url, map1000),
			await storeMap(server.url, map5000),
			await storeMap(server.url, messy)
		];

		// Warm-up and sizes: one editor load (server caches, the browser's code cache is per context anyway).
		const warm = await newPage(browser);
		await firstDraw(warm, m1000.link);
		const size = await graphSize(warm);
		await settled(warm, GRAPH, 1000);
		const js = await loadedJs(warm);
		await warm.context().close();
		add({
			scenario: 'Editor JavaScript loaded to show a map (gzip)',
			ours: js.total / 1024,
			unit: 'KB',
			target: '<= 300 KB',
			pass: js.total <= 300 * 1024
		});

		progress('browser: first render of 1,000 claims, ours and bare Cytoscape alternating');
		const render = { ours: [] as number[], peer: [] as number[], ratio: [] as number[] };
		const frames = { ours: [] as number[], peer: [] as number[], ratio: [] as number[] };
		for (let run = 0; run < RENDER_RUNS; run++) {
			const ours = await newPage(browser);
			const o = await firstDraw(ours, m1000.link);
			const peer = await newPage(browser);
			const p = await firstDraw(peer, bare.url('1000', size));
			render.ours.push(o);
			render.peer.push(p);
			render.ratio.push(o / p);
			if (run < PAN_RUNS) {
				await settled(ours, GRAPH, 1000);
				await settled(peer, '#cy', 1000);
				const fo = percentile(await gesture(ours, GRAPH), 95);
				const fp = percentile(await gesture(peer, '#cy'), 95);
				frames.ours.push(fo);
				frames.peer.push(fp);
				frames.ratio.push(fo / fp);
			}
			await ours.context().close();
			await peer.context().close();
		}
		const ratioRow = (scenario: string, r: typeof render, unit: string): Row => {
			const ratio = median(r.ratio);
			return {
				scenario,
				ours: median(r.ours),
				peer: median(r.peer),
				ratio,
				unit,
				target: '<= 1.25x bare Cytoscape',
				pass: ratio <= 1.25
			};
		};
		add(ratioRow('First render of a 1,000-claim map (from navigation)', render, 'ms'));
		add(ratioRow('Pan and zoom a 1,000-claim map, p95 frame time', frames, 'ms'));

		progress('browser: pan and zoom 5,000 claims with the mouse (drag and wheel)');
		const big = { ours: [] as number[], peer: [] as number[], ratio: [] as number[] };
		for (let run = 0; run < BIG_RUNS; run++) {
			const ours = await newPage(browser);
			await firstDraw(ours, m5000.link);
			await settled(ours, GRAPH, 5000);
			const fo = percentile(await userGesture(ours, GRAPH, WHEEL_NOTCHES), 95);
			await ours.context().close();
			const peer = await newPage(browser);
			await firstDraw(peer, bare.url('5000', size));
			await settled(peer, '#cy', 5000);
			const fp = percentile(await userGesture(peer, '#cy', WHEEL_NOTCHES), 95);
			await peer.context().close();
			big.ours.push(fo);
			big.peer.push(fp);
			big.ratio.push(fo / fp);
		}
		const bigP95 = median(big.ours);
		add({
			scenario: 'Pan and zoom a 5,000-claim map with the mouse, p95 frame time',
			ours: bigP95,
			peer: median(big.peer),
			ratio: median(big.ratio),
			unit: 'ms',
			target: '<= 50 ms (20 fps)',
			pass: bigP95 <= 50
		});

		progress('browser: typing into a claim of the fitted 5,000-claim map, then opening its outline');
		const keys: number[] = [];
		const outlines: { paint: number; longest: number }[] = [];
		for (let run = 0; run < BIG_RUNS; run++) {
			const page = await newPage(browser);
			await firstDraw(page, m5000.link);
			await settled(page, GRAPH, 5000);
			keys.push(percentile(await keystrokeDelays(page, 'c7', TYPED_KEYS), 95));
			outlines.push(await openOutline(page));
			await page.context().close();
		}
		add({
			scenario: 'Typing on a 5,000-claim map: key press to next paint, p95',
			ours: median(keys),
			unit: 'ms',
			target: '<= 100 ms',
			pass: median(keys) <= 100
		});
		const slowest = (key: 'paint' | 'longest') => Math.max(...outlines.map((o) => o[key]));
		add({
			scenario: 'Opening the outline of a 5,000-claim map: click to next paint (worst run)',
			ours: slowest('paint'),
			unit: 'ms',
			target: '<= 200 ms (a good INP)',
			pass: slowest('paint') <= 200
		});
		add({
			scenario: 'Longest main-thread task meanwhile (the map is drawn anew, narrower; worst run)',
			ours: slowest('longest'),
			unit: 'ms',
			target: 'report',
			pass: true
		});

		progress('browser: automatic layout of 1,000 claims, ours and bare Cytoscape moving them at once');
		const targets = [...layeredLayout(messy)].map(([id, p]) => [id, p.x, p.y] as const);
		const ours: Relayout[] = [];
		const peer: Relayout[] = [];
		for (let run = 0; run < LAYOUT_RUNS; run++) {
			// A fresh copy each run: the last run's tidy is stored on the server.
			const fresh = run === 0 ? mMessy : await storeMap(server.url, messy);
			const page = await newPage(browser);
			await firstDraw(page, fresh.link);
			await settled(page, GRAPH, 1000);
			// Frames left from loading (100-150 ms each) fell into the window in some runs: not the layout's.
			await quiet(page);
			ours.push(await relayout(page, GRAPH, targets, 'tidy'));
			await page.context().close();
			const bareMessy = await newPage(browser);
			await firstDraw(bareMessy, bare.url('messy', size));
			await settled(bareMessy, '#cy', 1000);
			await quiet(bareMessy);
			peer.push(await relayout(bareMessy, '#cy', targets, 'set'));
			await bareMessy.context().close();
		}
		add({
			scenario: 'Automatic layout of 1,000 claims in the editor (click to all drawn)',
			ours: median(each(ours, 'took')),
			peer: median(each(peer, 'took')),
			unit: 'ms',
			target: '<= 3000 ms',
			pass: median(each(ours, 'took')) <= 3000
		});
		const worst = Math.max(...each(ours, 'longest'));
		add({
			scenario: 'Longest main-thread task while the layout is applied (worst run)',
			ours: worst,
			peer: Math.max(...each(peer, 'longest')),
			unit: 'ms',
			target: '<= 50 ms',
			pass: worst <= 50
		});
		add({
			scenario: 'Time tasks blocked the page beyond 50 ms while the layout is applied (median run)',
			ours: median(each(ours, 'blocked')),
			peer: median(each(peer, 'blocked')),
			unit: 'ms',
			target: 'report',
			pass: true
		});
		add({
			scenario: `Longest main-thread task in the ${AFTER_MS / 1000} s after the layout is applied (relations drawn again; worst run)`,
			ours: Math.max(...each(ours, 'after')),
			peer: Math.max(...each(peer, 'after')),
			unit: 'ms',
			target: 'report',
			pass: true
		});

		progress('browser: a remote edit seen in a second browser');
		const latencies = await remoteEdits(browser, m1000.link);
		const p95 = percentile(latencies, 95);
		add({
			scenario: `Remote edit visible in a second browser, 1,000 claims, p95 of ${latencies.length}`,
			ours: p95,
			unit: 'ms',
			target: '<= 100 ms',
			pass: p95 <= 100
		});
	} finally {
		await browser.close();
		await bare.close();
		await server.stop();
	}
	return rows;
}

/**
 * The typing benchmarks: a keystroke drawn in a second browser (R174), and keystrokes on a large map
 * measured as the browser reports them (Event Timing: from the key press to the next frame painted).
 */
import type { Browser, Page } from '@playwright/test';
import { firstDraw, GRAPH, newPage, settled } from './browser-pages';

/** Keystrokes typed per run. */
const EDIT_KEYS = 60;

/** Selects a claim in the drawing, so the inspector shows its text field. */
function selectClaim(page: Page, id: string): Promise<void> {
	return page.evaluate(
		([sel, cid]) => {
			const el = document.querySelector(sel) as unknown as { _cyreg: { cy: import('cytoscape').Core } };
			el._cyreg.cy.getElementById(cid).select();
		},
		[GRAPH, id] as const
	);
}

/**
 * Types `keys` characters into claim `id`'s text field, 80 ms apart (a fast typist), on a page showing
 * the map fitted to the screen. Answers each key press's delay until the next paint after it was handled
 * (the Event Timing API's duration; presses under 16 ms are not reported and count as 16).
 */
export async function keystrokeDelays(page: Page, id: string, keys: number): Promise<number[]> {
	await selectClaim(page, id);
	await page.evaluate(() => {
		const delays: number[] = [];
		(window as unknown as { __keys: number[] }).__keys = delays;
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) if (e.name === 'keydown') delays.push(e.duration);
		}).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
	});
	const field = page.getByLabel('Text', { exact: true });
	await field.focus();
	await page.keyboard.press('End');
	await page.waitForTimeout(500);
	await page.keyboard.type('x'.repeat(keys), { delay: 80 });
	await page.waitForTimeout(500);
	const slow = await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
	return [...slow, ...Array<number>(Math.max(0, keys - slow.length)).fill(16)];
}

/**
 * Two people on the same map: one types into a claim's text field, keystroke by keystroke; the
 * other's drawing changes. Answers each keystroke's delay from the writer's input event to the
 * reader's label change, on one clock (performance.timeOrigin + now is shared by both pages).
 */
export async function remoteEdits(browser: Browser, link: string): Promise<number[]> {
	const writer = await newPage(browser);
	const reader = await newPage(browser);
	await firstDraw(writer, link);
	await firstDraw(reader, link);
	await settled(writer, GRAPH, 1000);
	await settled(reader, GRAPH, 1000);
	const id = 'c7';
	await reader.evaluate(
		([sel, cid]) => {
			const el = document.querySelector(sel) as unknown as { _cyreg: { cy: import('cytoscape').Core } };
			const seen: Record<string, number> = {};
			(window as unknown as { __seen: typeof seen }).__seen = seen;
			el._cyreg.cy.getElementById(cid).on('data', (e) => {
				const label = String(e.target.data('label'));
				seen[label] ??= performance.timeOrigin + performance.now();
			});
		},
		[GRAPH, id] as const
	);
	await selectClaim(writer, id);
	const field = writer.getByLabel('Text', { exact: true });
	await field.focus();
	await writer.evaluate(() => {
		const sent: Record<string, number> = {};
		(window as unknown as { __sent: typeof sent }).__sent = sent;
		document.addEventListener(
			'input',
			(e) => {
				const value = (e.target as HTMLTextAreaElement).value;
				sent[value] = performance.timeOrigin + performance.now();
			},
			true
		);
	});
	await writer.keyboard.press('End');
	await writer.keyboard.type(' x'.repeat(EDIT_KEYS / 2), { delay: 40 });
	await writer.waitForTimeout(1500);
	const sent = await writer.evaluate(() => (window as unknown as { __sent: Record<string, number> }).__sent);
	const seen = await reader.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
	await writer.context().close();
	await reader.context().close();
	const delays: number[] = [];
	for (const [text, at] of Object.entries(sent)) {
		const label = Object.keys(seen).find((l) => l.endsWith(text));
		delays.push(label ? seen[label]! - at : Infinity);
	}
	return delays;
}

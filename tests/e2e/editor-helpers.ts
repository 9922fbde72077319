import { fetchRetry } from '../server';
import { expect, type Browser, type Page } from '@playwright/test';
import type { RunningServer } from '../server';
import { openAs } from './fixtures';

/** A fresh copy of the article map for one test, so tests never see each other's edits. */
export async function freshMap(server: RunningServer) {
	const res = await fetchRetry(`${server.url}/api/maps`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ template: 'russia-china' })
	});
	const body = (await res.json()) as { id: string; editToken: string; viewToken: string };
	const link = `${server.url}/m/${body.id}#edit=${body.editToken}`;
	const exportJson = async () => {
		const r = await fetchRetry(`${server.url}/api/maps/${body.id}/export?format=json`, {
			headers: { authorization: `Bearer ${body.viewToken}` }
		});
		return (await r.json()) as {
			claims: { id: string; kind: string; text: string; x: number; y: number }[];
			relations: { id: string; kind: string; from: string; to: string }[];
		};
	};
	return { ...body, link, exportJson };
}

export async function open(
	browser: Browser,
	link: string,
	options: Parameters<Browser['newContext']>[0] = {}
) {
	const person = await openAs(browser, link, options);
	await expect(person.page.getByTestId('graph')).not.toHaveAttribute('data-claims', '0');
	return person;
}

/**
 * The on-screen centre of a claim in the diagram (read from the drawing, once any pan or zoom animation
 * has settled; the test then uses the mouse or the touch screen there).
 */
export async function claimOnScreen(page: Page, id: string) {
	const read = () =>
		page.evaluate((cid) => {
			const el = document.querySelector('[data-testid="graph"]') as HTMLElement & {
				_cyreg: { cy: import('cytoscape').Core };
			};
			const cy = el._cyreg.cy;
			if (cy.animated()) return null;
			const p = cy.getElementById(cid).renderedPosition();
			const box = el.getBoundingClientRect();
			return { x: box.left + p.x, y: box.top + p.y };
		}, id);
	// The same reading twice, 100 ms apart: the view has stopped moving.
	let last = '';
	await expect
		.poll(async () => {
			const now = JSON.stringify(await read());
			const settled = now !== 'null' && now === last;
			last = now;
			if (!settled) await page.waitForTimeout(100);
			return settled;
		})
		.toBe(true);
	return JSON.parse(last) as { x: number; y: number };
}

export const treeItem = (page: Page, text: string | RegExp) =>
	page.getByRole('tree', { name: 'Outline' }).getByRole('treeitem', { name: text });

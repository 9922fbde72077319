import type { Page } from '@playwright/test';
import { startServer, type RunningServer, fetchRetry } from '../server';
import { escape, expect, openAs, outline, SEED, seedText, selectInOutline, test } from './fixtures';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

test('R32: the article map loads with every claim, drawn and outlined, without console errors', async ({
	browser
}) => {
	expect(server.links.edit, 'npm start prints an edit link on first start').toMatch(/\/m\/[\w-]+#edit=/);
	const { page, errors } = await openAs(browser, server.links.edit!);
	await expect(page.getByTestId('graph')).toHaveAttribute('data-claims', String(SEED.claims.length));
	for (const claim of SEED.claims) {
		await expect(
			outline(page)
				.getByRole('treeitem', { name: new RegExp(`${escape(claim.text)}$`) })
				.first()
		).toBeAttached();
	}
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Russia and China/);
	await expect(page.getByText(/Kaczmarski/)).toBeVisible();
	expect(errors).toEqual([]);
});

test('R15: an edit in one browser appears live in another', async ({ browser }) => {
	const alice = await openAs(browser, server.links.edit!);
	const bob = await openAs(browser, server.links.edit!);
	await selectInOutline(alice.page, seedText('energy'));
	const text = alice.page.getByRole('textbox', { name: 'Text' });
	await text.fill('Energy ties deepen: pipelines, LNG and long-term contracts');
	await expect(
		outline(bob.page).getByRole('treeitem', {
			name: /Energy ties deepen: pipelines, LNG and long-term contracts$/
		})
	).toBeAttached();
	expect([...alice.errors, ...bob.errors]).toEqual([]);
});

test('R1, R11: add a supporting and an attacking claim under a claim, then delete one', async ({
	browser
}) => {
	const alice = await openAs(browser, server.links.edit!);
	const bob = await openAs(browser, server.links.edit!);
	await selectInOutline(alice.page, seedText('asymmetry'));
	await alice.page.getByRole('button', { name: 'Add supporting claim' }).click();
	// The new claim is selected with its text field focused: typing replaces the placeholder text.
	await alice.page.keyboard.type('Russia fears becoming the junior partner');
	await alice.page.getByRole('button', { name: 'Add attacking claim' }).click();
	await alice.page.keyboard.type('Moscow has accepted junior status quietly');
	// Listed under the claim it supports: one level deeper, among the rows that follow it.
	await expect
		.poll(() => rowsUnder(bob.page, new RegExp(`${escape(seedText('asymmetry'))}$`)))
		.toContain('For: Claim: Russia fears becoming the junior partner');
	const objection = outline(bob.page).getByRole('treeitem', {
		name: 'Against: Claim: Moscow has accepted junior status quietly'
	});
	await expect(objection).toBeAttached();
	await expect(bob.page.getByTestId('graph')).toHaveAttribute('data-claims', String(SEED.claims.length + 2));

	await alice.page.getByRole('button', { name: 'Delete claim' }).click();
	await expect(objection).not.toBeAttached();
	await expect(bob.page.getByTestId('graph')).toHaveAttribute('data-claims', String(SEED.claims.length + 1));
});

test('R10: an empty claim text is refused with a message and the map keeps the old text', async ({
	browser
}) => {
	const { page } = await openAs(browser, server.links.edit!);
	await selectInOutline(page, seedText('vietnam'));
	await page.getByRole('textbox', { name: 'Text' }).fill('');
	await expect(page.getByRole('alert')).toHaveText(/A claim needs some text/);
	await expect(
		outline(page).getByRole('treeitem', { name: new RegExp(`${escape(seedText('vietnam'))}$`) })
	).toBeAttached();
});

test('R42: a view link shows the map read-only with a badge', async ({ browser }) => {
	const { page } = await openAs(browser, server.links.view!);
	await expect(page.getByText('View only')).toBeVisible();
	await selectInOutline(page, seedText('india'));
	await expect(page.getByRole('textbox', { name: 'Text' })).not.toBeEditable();
	await expect(page.getByRole('button', { name: 'Add supporting claim' })).toHaveCount(0);
});

test('R18, R21: a dragged claim moves for everyone, written once on drop; the legend explains the drawing', async ({
	browser
}) => {
	const alice = await openAs(browser, server.links.edit!);
	const legend = alice.page.getByRole('region', { name: 'Legend' });
	for (const entry of ['Question', 'Thesis', 'Evidence', 'supports', 'attacks']) {
		await expect(legend.getByText(entry, { exact: true })).toBeVisible();
	}
	await expect(legend.getByText(/^undercuts/)).toBeVisible();
	const id = new URL(server.links.edit!).pathname.split('/').pop();
	const token = new URL(server.links.view!).hash.split('=')[1];
	const positionOf = async (claimId: string) => {
		const res = await fetchRetry(`${server.url}/api/maps/${id}/export?format=json`, {
			headers: { authorization: `Bearer ${token}` }
		});
		const claim = (await res.json()).claims.find((c: { id: string }) => c.id === claimId);
		return { x: claim.x as number, y: claim.y as number };
	};
	const before = await positionOf('valdai');
	// Selecting it in the outline brings it into view in the diagram.
	await selectInOutline(alice.page, seedText('valdai'));
	await expect
		.poll(() =>
			alice.page.evaluate(() => {
				const el = document.querySelector('[data-testid="graph"]') as HTMLElement & {
					_cyreg: { cy: import('cytoscape').Core };
				};
				const cy = el._cyreg.cy;
				const box = cy.getElementById('valdai').renderedBoundingBox();
				return box.x1 >= 0 && box.y1 >= 0 && box.x2 <= cy.width() && box.y2 <= cy.height() && !cy.animated();
			})
		)
		.toBe(true);
	// Where the claim is drawn on screen (read from the drawing; the drag itself is a real mouse drag).
	const screen = await alice.page.evaluate(() => {
		const el = document.querySelector('[data-testid="graph"]') as HTMLElement & {
			_cyreg: { cy: import('cytoscape').Core };
		};
		const p = el._cyreg.cy.getElementById('valdai').renderedPosition();
		const box = el.getBoundingClientRect();
		return { x: box.left + p.x, y: box.top + p.y, zoom: el._cyreg.cy.zoom() };
	});
	await alice.page.mouse.move(screen.x, screen.y);
	await alice.page.mouse.down();
	for (let step = 1; step <= 5; step++)
		await alice.page.mouse.move(screen.x + step * 16, screen.y + step * 8);
	await alice.page.mouse.up();
	await expect.poll(async () => (await positionOf('valdai')).x).toBeGreaterThan(before.x + 40);
	const after = await positionOf('valdai');
	expect(after.x - before.x).toBeCloseTo(80 / screen.zoom, -1);
	expect(after.y - before.y).toBeCloseTo(40 / screen.zoom, -1);
	await expect(alice.page.getByRole('status', { name: /Connection: Online/ })).toBeVisible();
});

/** The labels of the rows listed right under the first row whose label matches `parent`. */
async function rowsUnder(page: Page, parent: RegExp): Promise<string[]> {
	const rows = await outline(page)
		.getByRole('treeitem')
		.evaluateAll((items) =>
			items.map((i) => ({
				label: i.getAttribute('aria-label')!,
				level: Number(i.getAttribute('aria-level'))
			}))
		);
	const at = rows.findIndex((r) => parent.test(r.label));
	if (at < 0) return [];
	const after = rows.slice(at + 1);
	const end = after.findIndex((r) => r.level <= rows[at]!.level);
	return after
		.slice(0, end < 0 ? undefined : end)
		.filter((r) => r.level === rows[at]!.level + 1)
		.map((r) => r.label);
}

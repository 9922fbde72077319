import { type Page } from '@playwright/test';
import { fetchRetry, startServer, type RunningServer } from '../server';
import { freshMap, open, treeItem } from './editor-helpers';
import { escape, expect, seedText, selectInOutline, test } from './fixtures';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

const historyTab = (page: Page) => page.getByRole('tab', { name: 'History' });
const versions = (page: Page) => page.getByRole('list', { name: 'Versions' });

async function openHistory(page: Page) {
	await historyTab(page).click();
	await expect(page.getByRole('heading', { name: 'History', level: 2 })).toBeVisible();
}

async function editText(page: Page, from: string, to: string) {
	await page.getByRole('tab', { name: 'Details' }).click();
	await selectInOutline(page, from);
	await page.getByRole('textbox', { name: 'Text' }).fill(to);
	await expect(treeItem(page, new RegExp(`${escape(to)}$`))).toBeAttached();
}

test('R154 R150: save a version, change the map, compare, restore for everyone, and Undo the restore', async ({
	browser
}) => {
	const map = await freshMap(server);
	const alice = await open(browser, map.link);
	const bob = await open(browser, map.link);
	const india = seedText('india');
	const vietnam = seedText('vietnam');

	await openHistory(alice.page);
	await alice.page.getByRole('textbox', { name: 'Label' }).fill('Before the seminar');
	await alice.page.getByRole('button', { name: 'Save version' }).click();
	await expect(
		alice.page.getByRole('status').filter({ hasText: 'Saved “Before the seminar”' })
	).toBeVisible();
	const row = versions(alice.page).getByRole('listitem').filter({ hasText: 'Before the seminar' });
	await expect(row).toContainText(/\d+ claims, \d+ relations/);
	const saved = await (
		await fetchRetry(`${server.url}/api/maps/${map.id}/versions`, {
			headers: { authorization: `Bearer ${map.viewToken}` }
		})
	).json();
	const versionId = saved.versions[0].id as number;

	// Both people change the map after the version.
	await editText(alice.page, india, 'Alice rewrote this claim');
	await editText(bob.page, vietnam, 'Bob rewrote this one');
	await expect(treeItem(alice.page, /Bob rewrote this one$/)).toBeAttached();

	await openHistory(alice.page);
	await alice.page.getByRole('button', { name: 'Compare Before the seminar with now' }).click();
	const changes = alice.page.getByRole('list', { name: 'Changes since this version' });
	await expect(changes).toContainText('“Alice rewrote this claim”');
	await expect(changes).toContainText('“Bob rewrote this one”');
	await expect(changes.getByRole('listitem')).toHaveCount(2);
	await alice.page.screenshot({ path: 'test-results/history-compare.png' });

	await alice.page.getByRole('button', { name: 'Restore this version' }).click();
	const dialog = alice.page.getByRole('dialog', { name: 'Restore this version?' });
	await expect(dialog).toContainText('Everyone sees the change');
	await dialog.getByRole('button', { name: 'Restore' }).click();
	await expect(
		alice.page.getByRole('status').filter({ hasText: 'Restored “Before the seminar”' })
	).toBeVisible();
	await expect(alice.page.getByText('The map is the same as this version.')).toBeVisible();

	// Every client has the saved version again.
	for (const page of [alice.page, bob.page]) {
		await expect(treeItem(page, new RegExp(`${escape(india)}$`))).toBeAttached();
		await expect(treeItem(page, new RegExp(`${escape(vietnam)}$`))).toBeAttached();
		await expect(treeItem(page, /rewrote/)).toHaveCount(0);
	}
	await openHistory(bob.page);
	await bob.page.getByRole('button', { name: 'Compare Before the seminar with now' }).click();
	await expect(bob.page.getByText('The map is the same as this version.')).toBeVisible();
	const versionJson = async () =>
		(
			await fetchRetry(`${server.url}/api/maps/${map.id}/versions/${versionId}`, {
				headers: { authorization: `Bearer ${map.viewToken}` }
			})
		).json();
	const version = await versionJson();
	await expect
		.poll(async () => {
			const now = await map.exportJson();
			return JSON.stringify([now.claims, now.relations]);
		})
		.toBe(JSON.stringify([version.claims, version.relations]));
	await alice.page.screenshot({ path: 'test-results/history-restored.png' });

	// Alice's Undo takes the restore back: both later edits return, for everyone.
	await alice.page.getByRole('button', { name: 'Undo' }).click();
	for (const page of [alice.page, bob.page]) {
		await expect(treeItem(page, /Alice rewrote this claim$/)).toBeAttached();
		await expect(treeItem(page, /Bob rewrote this one$/)).toBeAttached();
	}
	// The activity feed names who changed what.
	const feed = alice.page.getByRole('list', { name: 'Recent activity' });
	await expect(feed).toContainText('Alice rewrote this claim', { timeout: 30_000 });
	await alice.page
		.getByRole('tabpanel', { name: 'History' })
		.screenshot({ path: 'test-results/history-panel.png' });
	expect(alice.errors).toEqual([]);
	expect(bob.errors).toEqual([]);
});

test('R155: a view link sees the versions and can compare, but cannot save or restore', async ({
	browser
}) => {
	const map = await freshMap(server);
	const res = await fetchRetry(`${server.url}/api/maps/${map.id}/versions`, {
		method: 'POST',
		headers: { authorization: `Bearer ${map.editToken}`, 'content-type': 'application/json' },
		body: JSON.stringify({ label: 'Shared draft', by: { id: 'p-ada', name: 'Ada' } })
	});
	expect(res.status).toBe(201);
	const viewer = await open(browser, `${server.url}/m/${map.id}#view=${map.viewToken}`);
	await openHistory(viewer.page);
	await expect(viewer.page.getByText('This is a view-only link')).toBeVisible();
	await expect(viewer.page.getByRole('button', { name: 'Save version' })).toHaveCount(0);
	const row = versions(viewer.page).getByRole('listitem').filter({ hasText: 'Shared draft' });
	await expect(row).toContainText('saved by Ada');
	await expect(row.getByRole('button', { name: /Restore/ })).toHaveCount(0);
	await row.getByRole('button', { name: 'View Shared draft' }).click();
	await expect(viewer.page.getByRole('list', { name: 'Claims of this version' })).toContainText(
		seedText('india')
	);
	await expect(viewer.page.getByRole('button', { name: 'Restore this version' })).toHaveCount(0);
	await viewer.page.screenshot({ path: 'test-results/history-view-only.png' });
	expect(viewer.errors).toEqual([]);
});

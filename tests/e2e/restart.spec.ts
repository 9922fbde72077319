import { startServer } from '../server';
import { expect, openAs, outline, seedText, selectInOutline, test } from './fixtures';

test('R49: the map and its edits survive a server restart', async ({ browser }) => {
	let server = await startServer();
	const link = server.links.edit!;
	const { page } = await openAs(browser, link);
	await selectInOutline(page, seedText('crimea'));
	await page.getByRole('textbox', { name: 'Text' }).fill('China never recognised the annexation of Crimea');
	// Wait until the edit has reached the server: a fresh reader sees it.
	const reader = await openAs(browser, link);
	await expect(
		outline(reader.page).getByRole('treeitem', { name: /China never recognised the annexation of Crimea$/ })
	).toBeAttached();
	await reader.page.context().close();
	await page.context().close();

	expect(await server.stop('SIGTERM')).toBe(0);
	const port = Number(new URL(server.url).port);
	server = await startServer({ dataDir: server.dataDir, port });
	expect(server.links.edit, 'no second article map is created on restart').toBeUndefined();
	const again = await openAs(browser, link);
	await expect(
		outline(again.page).getByRole('treeitem', { name: /China never recognised the annexation of Crimea$/ })
	).toBeAttached();
	await server.stop();
});

import { startServer, type RunningServer } from '../server';
import { freshMap, open, treeItem } from './editor-helpers';
import { escape, expect, seedText, selectInOutline, test } from './fixtures';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

test('R16: two people undo independently, with their edits interleaved', async ({ browser }) => {
	const map = await freshMap(server);
	const alice = await open(browser, map.link);
	const bob = await open(browser, map.link);
	const textOf = (page: typeof alice.page) => page.getByRole('textbox', { name: 'Text' });

	await selectInOutline(alice.page, seedText('india'));
	await textOf(alice.page).fill('Alice: India is the real obstacle');
	await selectInOutline(bob.page, seedText('vietnam'));
	await textOf(bob.page).fill('Bob: Vietnam matters too');
	await expect(treeItem(alice.page, /Bob: Vietnam matters too$/)).toBeAttached();
	await selectInOutline(alice.page, 'Alice: India is the real obstacle');
	await alice.page.keyboard.press('s');
	await alice.page.keyboard.type('Alice: arms sales to Delhi');
	await expect(treeItem(bob.page, /Alice: arms sales to Delhi$/)).toBeAttached();

	// Alice undoes everything she did (however her typing was grouped into steps): Bob's edit stays.
	const undo = alice.page.getByRole('button', { name: 'Undo' });
	for (let i = 0; i < 60 && (await undo.isEnabled()); i++) await undo.click();
	await expect(undo).toBeDisabled();
	for (const page of [alice.page, bob.page]) {
		await expect(treeItem(page, /Alice: arms sales to Delhi$/)).not.toBeAttached();
		await expect(treeItem(page, new RegExp(`${escape(seedText('india'))}$`))).toBeAttached();
		await expect(treeItem(page, /Bob: Vietnam matters too$/)).toBeAttached();
	}
	// Bob's own undo is still there for him.
	await bob.page.getByRole('button', { name: 'Undo' }).click();
	await expect(treeItem(alice.page, new RegExp(`${escape(seedText('vietnam'))}$`))).toBeAttached();
});

test('R14: two people typing in one claim at once both keep their words and their caret', async ({
	browser
}) => {
	const map = await freshMap(server);
	const alice = await open(browser, map.link);
	const bob = await open(browser, map.link);
	const original = seedText('asymmetry');
	for (const page of [alice.page, bob.page]) await selectInOutline(page, original);
	const a = alice.page.getByRole('textbox', { name: 'Text' });
	const b = bob.page.getByRole('textbox', { name: 'Text' });
	await a.focus();
	await alice.page.keyboard.press('Control+Home');
	await b.focus();
	await bob.page.keyboard.press('Control+End');
	await Promise.all([
		alice.page.keyboard.type('Plainly, ', { delay: 40 }),
		bob.page.keyboard.type(' And it keeps growing.', { delay: 40 })
	]);
	const merged = `Plainly, ${original} And it keeps growing.`;
	await expect(a).toHaveValue(merged);
	await expect(b).toHaveValue(merged);
	await expect(treeItem(alice.page, new RegExp(`${escape(merged)}$`)).first()).toBeAttached();
});

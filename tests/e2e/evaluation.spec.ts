import { type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../server';
import { freshMap, open } from './editor-helpers';
import { expect, seedText, selectInOutline, test } from './fixtures';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

/** A claim's label as drawn in the diagram (its header carries the evaluation badge when it is on). */
const drawnLabel = (page: Page, id: string) =>
	page.evaluate((cid) => {
		const el = document.querySelector('[data-testid="graph"]') as HTMLElement & {
			_cyreg: { cy: import('cytoscape').Core };
		};
		return String(el._cyreg.cy.getElementById(cid).data('label'));
	}, id);

test('R106: voting in one browser changes the strength shown in another, in the panel and on the diagram', async ({
	browser
}) => {
	const map = await freshMap(server);
	const alice = await open(browser, map.link);
	const bob = await open(browser, map.link);

	// Bob looks at the claim about India with the evaluation drawn on the diagram.
	const evaluation = bob.page.getByRole('button', { name: 'Show evaluation' });
	await expect(evaluation).toHaveAttribute('aria-pressed', 'false');
	await evaluation.click();
	await expect(evaluation).toHaveAttribute('aria-pressed', 'true');
	await selectInOutline(bob.page, seedText('india'));
	await expect(bob.page.getByTestId('strength-value')).toHaveText('0.50');
	await expect.poll(() => drawnLabel(bob.page, 'india')).toMatch(/^FOR {2}✓ IN 0\.50\n/);

	// Alice rates its plausibility 4 of 4, with one click.
	await selectInOutline(alice.page, seedText('india'));
	const four = alice.page.getByRole('radio', { name: 'Rate plausibility 4 of 4' });
	await four.click();
	await expect(four).toHaveAttribute('aria-checked', 'true');
	await expect(alice.page.getByTestId('plausibility-summary')).toContainText('Group: 4.0 of 4 from 1 vote');

	// Bob sees it at once: the strength, the aggregate, and the diagram.
	await expect(bob.page.getByTestId('strength-value')).toHaveText('1.00');
	await expect(bob.page.getByTestId('plausibility-summary')).toContainText('Group: 4.0 of 4 from 1 vote');
	await expect.poll(() => drawnLabel(bob.page, 'india')).toMatch(/✓ IN 1\.00\n/);

	// Bob disagrees (0 of 4): the mean is 2, the spread 2; Alice removes her vote and Bob's alone counts.
	await bob.page.getByRole('radio', { name: 'Rate plausibility 0 of 4' }).click();
	await expect(alice.page.getByTestId('plausibility-summary')).toContainText(
		'Group: 2.0 of 4 from 2 votes, spread 2.0'
	);
	await alice.page.getByRole('button', { name: 'Remove my vote' }).click();
	await expect(bob.page.getByTestId('strength-value')).toHaveText('0.00');
	await expect(alice.page.getByRole('radio', { name: 'Rate plausibility 4 of 4' })).toHaveAttribute(
		'aria-checked',
		'false'
	);
});

test('R105: the inspector explains a claim’s strength and label in plain words', async ({ browser }) => {
	const map = await freshMap(server);
	const { page, errors } = await open(browser, map.link);
	await selectInOutline(page, seedText('thesis'));
	await page.getByText('Why this strength').click();
	const strength = page.getByTestId('strength');
	await expect(strength).toContainText('Base score 0.50: nobody has rated its plausibility yet.');
	// The thesis says no alliance is coming: the obstacles support it, the deepening cooperation attacks it.
	await expect(strength).toContainText(
		/Supported by “Long-standing obstacles[^)]*\): it raises the strength by/
	);
	await expect(strength).toContainText(
		/Attacked by “Cooperation keeps deepening[^)]*\): it lowers the strength by/
	);
	await expect(strength).toContainText(/IN because every attack on it fails/);
	expect(errors).toEqual([]);
});

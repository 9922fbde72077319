/**
 * R71: user text is rendered as text everywhere. A script writes an XSS corpus into a map the way
 * any client can (the standard provider and the app's own command layer), then the map is opened
 * in the editor and on the home page: no dialog may open, no payload may run (each would set
 * window.__xss), no CSP violation may be reported, and every payload must be shown verbatim.
 */
import { type Page } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { MapSession } from '../../src/lib/sync/session';
import { startServer, type RunningServer, fetchRetry } from '../server';
import { expect, outline, test } from './fixtures';

/** Script tags, event handlers, javascript: URLs, SVG, entities, template syntax, mutation XSS. */
const PAYLOADS = [
	'<script>window.__xss=1</script>',
	'<img src=x onerror="window.__xss=2">',
	'<svg onload="window.__xss=3"></svg>',
	'<svg><script>window.__xss=4</script></svg>',
	'javascript:window.__xss=5',
	'<a href="javascript:window.__xss=6">click me</a>',
	'<iframe src="javascript:window.__xss=7"></iframe>',
	'"><img src=x onerror=window.__xss=8>',
	"'><svg/onload=window.__xss=9>",
	'&lt;script&gt;window.__xss=10&lt;/script&gt;',
	'&#60;img src=x onerror=window.__xss=11&#62;',
	'<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=12>',
	'<details open ontoggle="window.__xss=13">',
	'{@html "<img src=x onerror=window.__xss=14>"}',
	'${window.__xss=15}',
	'<body onload=window.__xss=16>',
	'<object data="javascript:window.__xss=17"></object>',
	'<embed src="data:text/html,<script>parent.__xss=18</script>">',
	'<form action="javascript:window.__xss=19"><button>go</button></form>',
	'<input autofocus onfocus=window.__xss=20>',
	'<svg><animate onbegin=window.__xss=21 attributeName=x dur=1s>',
	'<img src="data:image/svg+xml,<svg onload=window.__xss=22>">',
	'<style>*{display:none}</style>',
	'<script>alert(document.cookie)</script>',
	'<svg/onload=confirm(1)><img src=x onerror=prompt(1)>'
];

/** Elements or attributes that only exist if a payload became markup. */
const INJECTED =
	'main [onerror], main [onload], main [onfocus], main [ontoggle], main [onbegin], main iframe, main object, main embed, main script, a[href^="javascript:"], body > img[src="x"]';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

/** Creates a blank map and writes the corpus into it as claims (plus a quote, a section and the title). */
async function writeCorpus(): Promise<{ id: string; editToken: string; viewToken: string }> {
	const post = await fetchRetry(`${server.url}/api/maps`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ template: 'blank', title: 'XSS corpus' })
	});
	const map = (await post.json()) as { id: string; editToken: string; viewToken: string };
	const session = new MapSession();
	const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/yjs`, map.id, session.doc, {
		params: { token: map.editToken },
		disableBc: true,
		WebSocketPolyfill: WebSocket as never
	});
	await expect.poll(() => provider.synced, { timeout: 10_000 }).toBe(true);
	PAYLOADS.forEach((text, i) => {
		const result = session.dispatch({
			type: 'addClaim',
			claim: { id: `x${i}`, kind: i === 0 ? 'thesis' : 'claim', text }
		});
		expect(result.ok, text).toBe(true);
	});
	session.dispatch({ type: 'editDetails', id: 'x0', quote: PAYLOADS[1], section: PAYLOADS[2] });
	session.dispatch({ type: 'setTitle', title: PAYLOADS[3]! });
	// Stored before relayed: once the export shows every claim, the server has it all.
	await expect
		.poll(
			async () => {
				const res = await fetchRetry(`${server.url}/api/maps/${map.id}/export`, {
					headers: { authorization: `Bearer ${map.viewToken}` }
				});
				return ((await res.json()) as { claims: unknown[]; title: string }).claims.length;
			},
			{ timeout: 10_000 }
		)
		.toBe(PAYLOADS.length);
	provider.destroy();
	session.destroy();
	return map;
}

/** Watches a page for anything a payload could do: dialogs, CSP violations, page errors. */
async function watch(page: Page) {
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	await page.addInitScript(() => {
		const w = window as unknown as { __csp: string[] };
		w.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) =>
			w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`)
		);
	});
	return {
		dialogs,
		executed: () => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null),
		csp: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
		injected: () => page.locator(INJECTED).count()
	};
}

test('R71: an XSS corpus in claim text, quote, section and title is shown as text and never runs', async ({
	browser
}) => {
	const map = await writeCorpus();
	const editor = await (await browser.newContext()).newPage();
	const errors: string[] = [];
	editor.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
	editor.on('pageerror', (e) => errors.push(e.message));
	const watcher = await watch(editor);
	await editor.goto(`${server.url}/m/${map.id}#edit=${map.editToken}`);
	await expect(editor.getByRole('status', { name: /Connection: Online/ })).toBeVisible();
	const outlineButton = editor.getByRole('button', { name: 'Outline' });
	if ((await outlineButton.getAttribute('aria-expanded')) !== 'true') await outlineButton.click();
	await expect(editor.getByTestId('graph')).toHaveAttribute('data-claims', String(PAYLOADS.length));
	const rows: { payload: string; verbatim: boolean }[] = [];
	for (const text of PAYLOADS) {
		const item = outline(editor).getByRole('treeitem').filter({ hasText: text }).first();
		const verbatim = (await item.count()) > 0 && (await item.textContent())!.includes(text);
		rows.push({ payload: text, verbatim });
	}
	await expect(editor.getByRole('heading', { level: 1 })).toHaveText(PAYLOADS[3]!);
	expect(await editor.title()).toBe(PAYLOADS[3]);
	// The inspector shows text, quote and section of a selected claim.
	await outline(editor)
		.getByRole('treeitem')
		.filter({ hasText: PAYLOADS[0]! })
		.first()
		.click({
			position: { x: 12, y: 8 }
		});
	await expect(editor.getByRole('textbox', { name: 'Text' })).toHaveValue(PAYLOADS[0]!);
	await expect(editor.getByText(PAYLOADS[1]!, { exact: false }).first()).toBeAttached();

	// The home page lists the map by its (hostile) title.
	await editor.goto(`${server.url}/`);
	await expect(editor.getByRole('link', { name: PAYLOADS[3]! })).toBeVisible();
	await editor.getByRole('button', { name: `Share ${PAYLOADS[3]}` }).click();
	await expect(editor.getByRole('dialog', { name: 'Share this map' })).toBeVisible();
	await editor.keyboard.press('Escape');

	const executed = await watcher.executed();
	const csp = await watcher.csp();
	const injected = await watcher.injected();
	const width = Math.max(...PAYLOADS.map((p) => p.length));
	console.log(
		[
			`\nXSS corpus (${PAYLOADS.length} payloads): shown as text, executed`,
			...rows.map(
				(r) => `| ${r.payload.padEnd(width)} | ${r.verbatim ? 'yes' : 'NO '} | ${executed ? 'YES' : 'no'} |`
			),
			`dialogs: ${watcher.dialogs.length}, CSP violations: ${csp.length}, injected elements: ${injected}`
		].join('\n')
	);
	expect(rows.filter((r) => !r.verbatim)).toEqual([]);
	expect(watcher.dialogs).toEqual([]);
	expect(executed).toBeNull();
	expect(csp).toEqual([]);
	expect(injected).toBe(0);
	expect(errors).toEqual([]);
});

test('R71: pages, API answers and static files carry the CSP and the security headers', async () => {
	const home = await fetchRetry(`${server.url}/`);
	const csp = home.headers.get('content-security-policy') ?? '';
	for (const directive of [
		"default-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"frame-ancestors 'none'",
		"connect-src 'self' ws: wss:",
		"img-src 'self' data: blob:"
	]) {
		expect(csp).toContain(directive);
	}
	expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
	expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
	const asset = /\/_app\/immutable\/[^"]+\.js/.exec(await home.text())![0];
	for (const res of [
		home,
		await fetchRetry(`${server.url}${asset}`),
		await fetchRetry(`${server.url}/healthz`)
	]) {
		expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
		expect(res.headers.get('referrer-policy'), res.url).toBe('no-referrer');
		expect(res.headers.get('content-security-policy'), res.url).toContain("frame-ancestors 'none'");
	}
});

import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { putComment, readComments } from '../sync/comments';
import { readMap } from '../sync/read';
import { addSource, readSources, setAnchor } from '../sync/sources';
import { readVotes, setVote } from '../sync/votes';
import { DELETED_RETENTION_MS } from './access';
import { call, newMap, startApp, storedBytes, type TestApp } from './app-test-helpers';
import { CLOSE } from './sync-protocol';
import { cleanupAll, rawClient, upgradeStatus, waitFor } from './sync-test-helpers';

afterEach(cleanupAll);

/** A real provider that reconnects like a browser would; `closes` records every close it sees. */
function provider(t: TestApp, id: string, token: string) {
	const doc = new Y.Doc();
	const p = new WebsocketProvider(t.wsBase, id, doc, {
		params: { token },
		disableBc: true,
		WebSocketPolyfill: WebSocket as never
	});
	const closes: { code: number; reason: string }[] = [];
	p.on('connection-close', (event: CloseEvent | null) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	return { doc, p, closes, destroy: () => (p.destroy(), doc.destroy()) };
}

describe('map lifecycle API', () => {
	it('R60: with CREATE_TOKEN set, creating a map needs it; without, anyone can create', async () => {
		const open = await startApp();
		expect((await call(open.base, 'POST', '/api/maps', { body: { template: 'blank' } })).status).toBe(201);
		const createToken = 'seminar-leaders-only-0123456789';
		const t = await startApp({ createToken });
		const none = await call(t.base, 'POST', '/api/maps', { body: { template: 'blank' } });
		expect(none.status).toBe(401);
		expect(none.body.needsCreateToken).toBe(true);
		const wrong = await call(t.base, 'POST', '/api/maps', { body: {}, token: 'x'.repeat(30) });
		expect(wrong.status).toBe(403);
		const ok = await call(t.base, 'POST', '/api/maps', { body: { template: 'blank' }, token: createToken });
		expect(ok.status).toBe(201);
		expect(t.logs.join('\n')).not.toContain(createToken);
	});

	it('R61: replacing the links gives new tokens, the old ones stop working and their sessions are closed', async () => {
		const t = await startApp();
		const map = await newMap(t.base);
		const editor = provider(t, map.id, map.editToken);
		const viewer = provider(t, map.id, map.viewToken);
		await waitFor(() => editor.p.synced && viewer.p.synced, 5000, 'both synced');
		expect((await call(t.base, 'POST', `/api/maps/${map.id}/tokens`, { token: map.viewToken })).status).toBe(
			403
		);
		const res = await call(t.base, 'POST', `/api/maps/${map.id}/tokens`, { token: map.editToken });
		expect(res.status).toBe(200);
		const fresh = res.body as { editToken: string; viewToken: string; editUrl: string; viewUrl: string };
		expect(fresh.editToken).not.toBe(map.editToken);
		expect(fresh.editUrl).toBe(`http://maps.test/m/${map.id}#edit=${fresh.editToken}`);
		await waitFor(() => editor.closes.length > 0 && viewer.closes.length > 0, 5000, 'sessions closed');
		expect(editor.closes[0]).toEqual({ code: CLOSE.POLICY, reason: 'link was replaced' });
		expect(viewer.closes[0]).toEqual({ code: CLOSE.POLICY, reason: 'link was replaced' });
		editor.destroy();
		viewer.destroy();
		for (const old of [map.editToken, map.viewToken]) {
			expect(await upgradeStatus(t.port, `/yjs/${map.id}?token=${old}`)).toBe(403);
			expect((await call(t.base, 'GET', `/api/maps/${map.id}/export`, { token: old })).status).toBe(403);
		}
		expect(await upgradeStatus(t.port, `/yjs/${map.id}?token=${fresh.viewToken}`)).toBe(101);
		const again = provider(t, map.id, fresh.editToken);
		await waitFor(() => again.p.synced, 5000, 'new link syncs');
		expect(readMap(again.doc).map.claims.length).toBeGreaterThanOrEqual(35);
		again.destroy();
		expect(t.logs.join('\n')).not.toMatch(new RegExp([map.editToken, fresh.editToken].join('|')));
	});

	it('R62: rename changes the title for everyone; duplicate copies the content under new tokens', async () => {
		const t = await startApp();
		const map = await newMap(t.base);
		const open = provider(t, map.id, map.viewToken);
		await waitFor(() => open.p.synced);
		const path = `/api/maps/${map.id}`;
		expect((await call(t.base, 'PATCH', path, { token: map.viewToken, body: { title: 'X' } })).status).toBe(
			403
		);
		expect((await call(t.base, 'PATCH', path, { token: map.editToken, body: { title: ' ' } })).status).toBe(
			400
		);
		const renamed = await call(t.base, 'PATCH', path, { token: map.editToken, body: { title: 'Seminar 4' } });
		expect(renamed).toMatchObject({ status: 200, body: { id: map.id, title: 'Seminar 4' } });
		await waitFor(() => readMap(open.doc).map.title === 'Seminar 4', 5000, 'open editor sees the title');
		expect((await call(t.base, 'GET', path, { token: map.viewToken })).body).toMatchObject({
			title: 'Seminar 4',
			access: 'view',
			deletedAt: null
		});
		// What people added: a source with a passage a claim is anchored to, a comment, a vote.
		const writer = provider(t, map.id, map.editToken);
		await waitFor(() => writer.p.synced);
		const claim = readMap(writer.doc).map.claims[3]!.id;
		const text = 'Both sides keep their options open, the report says.';
		expect(addSource(writer.doc, { id: 's-added', title: 'A later report', text })).toBe(true);
		setAnchor(writer.doc, claim, {
			sourceId: 's-added',
			exact: 'options open',
			prefix: 'keep their ',
			suffix: ', the',
			start: 22
		});
		putComment(writer.doc, {
			id: 'k1',
			claim,
			author: 'p1',
			name: 'Ana',
			at: 1,
			text: 'Is this still true?'
		});
		expect(setVote(writer.doc, null, 'p1', claim, 3)).toBe(true);
		await waitFor(() => readComments(open.doc).comments.length === 1, 5000, 'the server has the additions');
		const dup = await call(t.base, 'POST', `${path}/duplicate`, { token: map.editToken });
		expect(dup.status).toBe(201);
		const copy = dup.body as { id: string; title: string; editToken: string; viewToken: string };
		expect(copy.id).not.toBe(map.id);
		expect(copy.title).toBe('Copy of Seminar 4');
		expect(copy.editToken).not.toBe(map.editToken);
		const exported = async (id: string, token: string) =>
			(await call(t.base, 'GET', `/api/maps/${id}/export`, { token })).body as {
				claims: unknown[];
				relations: unknown[];
			};
		const original = await exported(map.id, map.viewToken);
		const copied = await exported(copy.id, copy.viewToken);
		expect(copied.claims).toEqual(original.claims);
		expect(copied.relations).toEqual(original.relations);
		const copyDoc = provider(t, copy.id, copy.viewToken);
		await waitFor(() => copyDoc.p.synced);
		expect(readSources(copyDoc.doc)).toEqual(readSources(writer.doc));
		expect(readSources(copyDoc.doc).sources.map((x) => x.id)).toContain('s-added');
		expect(readMap(copyDoc.doc).map.claims).toEqual(readMap(writer.doc).map.claims);
		expect(readComments(copyDoc.doc).comments).toEqual(readComments(writer.doc).comments);
		expect(readVotes(copyDoc.doc)).toEqual(readVotes(writer.doc));
		expect(readMap(copyDoc.doc).map.title).toBe('Copy of Seminar 4');
		copyDoc.destroy();
		writer.destroy();
		// The original's tokens do not open the copy.
		expect((await call(t.base, 'GET', `/api/maps/${copy.id}`, { token: map.editToken })).status).toBe(403);
		open.destroy();
	});

	it('R62: delete is soft: 410 and sessions closed, restore brings it back unchanged, a week later it is purged', async () => {
		let now = Date.parse('2026-11-01T12:00:00Z');
		const t = await startApp({}, { now: () => now, unloadGraceMs: 50 });
		const map = await newMap(t.base);
		const editor = await rawClient(`${t.wsBase}/${map.id}?token=${map.editToken}`);
		const before = storedBytes(t.app, map.id);
		const path = `/api/maps/${map.id}`;
		expect((await call(t.base, 'DELETE', path, { token: map.viewToken })).status).toBe(403);
		const deleted = await call(t.base, 'DELETE', path, { token: map.editToken });
		expect(deleted.body).toMatchObject({ deletedAt: now, restorableUntil: now + DELETED_RETENTION_MS });
		await waitFor(() => editor.closed !== null, 5000, 'session closed');
		expect(editor.closed).toEqual({ code: CLOSE.GONE, reason: 'map was deleted' });
		expect(await upgradeStatus(t.port, `/yjs/${map.id}?token=${map.editToken}`)).toBe(410);
		const gone = await call(t.base, 'GET', `${path}/export`, { token: map.viewToken });
		expect(gone.status).toBe(410);
		expect(gone.body.restorableUntil).toBe(now + DELETED_RETENTION_MS);
		// A stranger learns nothing more about a deleted map than about a live one.
		expect(await upgradeStatus(t.port, `/yjs/${map.id}?token=wrong`)).toBe(403);
		expect((await call(t.base, 'GET', path, { token: map.editToken })).body.deletedAt).toBe(now);

		now += DELETED_RETENTION_MS / 2;
		expect((await call(t.base, 'POST', `${path}/restore`, { token: map.viewToken })).status).toBe(403);
		expect((await call(t.base, 'POST', `${path}/restore`, { token: map.editToken })).body).toMatchObject({
			deletedAt: null
		});
		expect(await upgradeStatus(t.port, `/yjs/${map.id}?token=${map.editToken}`)).toBe(101);
		expect(storedBytes(t.app, map.id).equals(before)).toBe(true);

		await call(t.base, 'DELETE', path, { token: map.editToken });
		now += DELETED_RETENTION_MS + 1;
		expect((await call(t.base, 'POST', `${path}/restore`, { token: map.editToken })).status).toBe(404);
		await waitFor(() => !t.app.sync.isLoaded(map.id), 5000, 'room unloaded');
		expect(t.app.purgeDeleted()).toEqual([map.id]);
		expect(t.app.store.getMap(map.id)).toBeNull();
		expect(t.app.store.loadRoom(map.id).update).toBeNull();
	});

	it('R67: API calls that change maps are refused from a foreign origin; reads and scripts are not', async () => {
		const t = await startApp({ allowedOrigins: ['https://partner.example'] });
		const evil = { origin: 'https://evil.example' };
		expect((await call(t.base, 'POST', '/api/maps', { body: {}, headers: evil })).status).toBe(403);
		const map = await newMap(t.base);
		const rename = { token: map.editToken, body: { title: 'pwned' }, headers: evil };
		expect((await call(t.base, 'PATCH', `/api/maps/${map.id}`, rename)).status).toBe(403);
		for (const origin of ['https://partner.example', 'http://maps.test', t.base]) {
			const res = await call(t.base, 'PATCH', `/api/maps/${map.id}`, { ...rename, headers: { origin } });
			expect(res.status, origin).toBe(200);
		}
		const read = await call(t.base, 'GET', `/api/maps/${map.id}`, { token: map.viewToken, headers: evil });
		expect(read.status).toBe(200);
	});

	it('R71: every API answer carries nosniff, no-referrer and a CSP that forbids framing and content', async () => {
		const t = await startApp();
		for (const path of ['/healthz', '/api/maps/nope/export', '/api/nothing']) {
			const { headers } = await call(t.base, 'GET', path);
			expect(headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(headers.get('referrer-policy'), path).toBe('no-referrer');
			expect(headers.get('x-frame-options'), path).toBe('DENY');
			expect(headers.get('content-security-policy'), path).toMatch(
				/default-src 'none'.*frame-ancestors 'none'/
			);
		}
		// Pages (here the 404 fallback) keep at least the framing and sniffing protection.
		const page = await fetch(`${t.base}/some/page`);
		expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
		expect(page.headers.get('x-content-type-options')).toBe('nosniff');
	});
});

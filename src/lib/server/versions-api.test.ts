import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { parseJson } from '../formats/json';
import { diffMaps, isEmptyDiff } from '../model/diff';
import { LocalPresence } from '../sync/presence';
import { readMap } from '../sync/read';
import { MapSession } from '../sync/session';
import { call, newMap, startApp, type TestApp } from './app-test-helpers';
import { cleanupAll, waitFor } from './sync-test-helpers';
import type { ActivityEntry, VersionInfo } from './versions';

afterEach(cleanupAll);

/** A person editing through a real provider, announcing themselves in presence like the editor does. */
function person(t: TestApp, id: string, token: string, who: { id: string; name: string }) {
	const session = new MapSession(new Y.Doc());
	const p = new WebsocketProvider(t.wsBase, id, session.doc, {
		params: { token },
		disableBc: true,
		WebSocketPolyfill: WebSocket as never
	});
	new LocalPresence(p.awareness, who.name, who.id);
	return { session, p, destroy: () => (p.destroy(), session.doc.destroy()) };
}

/** The map as the server has stored it. */
function storedMap(t: TestApp, id: string) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, t.app.store.loadRoom(id).update ?? new Uint8Array());
	return readMap(doc).map;
}

const FAST = { quietMs: 300, maxBurstMs: 5_000, minGapMs: 0, activityQuietMs: 200, activitySwitchMs: 0 };

describe('history API', () => {
	it('R153: view links list and read versions; only edit links save; bad requests are refused', async () => {
		const t = await startApp();
		const map = await newMap(t.base);
		const path = `/api/maps/${map.id}/versions`;
		expect((await call(t.base, 'GET', path)).status).toBe(401);
		expect((await call(t.base, 'POST', path, { token: map.viewToken, body: { label: 'x' } })).status).toBe(
			403
		);
		const bad = await call(t.base, 'POST', path, { token: map.editToken, body: { label: 'x'.repeat(101) } });
		expect(bad.status).toBe(400);
		const byBad = await call(t.base, 'POST', path, {
			token: map.editToken,
			body: { by: { id: '../x', name: 'A' } }
		});
		expect(byBad.status).toBe(400);
		const saved = await call(t.base, 'POST', path, {
			token: map.editToken,
			body: { label: '  First draft ', by: { id: 'p-ada', name: 'Ada' } }
		});
		expect(saved.status).toBe(201);
		const v = saved.body as unknown as VersionInfo;
		expect(v).toMatchObject({ label: 'First draft', auto: false, savedBy: { id: 'p-ada', name: 'Ada' } });
		expect(v.claims).toBeGreaterThan(40);
		const list = await call(t.base, 'GET', path, { token: map.viewToken });
		expect(list.status).toBe(200);
		expect(list.body.versions).toEqual([v]);
		const res = await fetch(`${t.base}${path}/${v.id}`, {
			headers: { authorization: `Bearer ${map.viewToken}` }
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('application/json');
		const parsed = parseJson(await res.text());
		expect(parsed.ok && parsed.value.claims.length).toBe(v.claims);
		expect((await call(t.base, 'GET', `${path}/999999`, { token: map.viewToken })).status).toBe(404);
		expect((await call(t.base, 'GET', `${path}/abc`, { token: map.viewToken })).status).toBe(404);
		expect((await call(t.base, 'DELETE', path, { token: map.editToken })).status).toBe(405);
		const other = await newMap(t.base);
		expect((await call(t.base, 'GET', `${path}/${v.id}`, { token: other.viewToken })).status).toBe(403);
		expect(
			(await call(t.base, 'GET', `/api/maps/${other.id}/versions/${v.id}`, { token: other.viewToken })).status
		).toBe(404);
	});

	it('R146 R152: edits over the websocket make an automatic version and activity naming the editor', async () => {
		const t = await startApp({}, { history: FAST });
		const map = await newMap(t.base, { template: 'blank' });
		// Bob only connects (his sync re-sends nothing new): he is not an editor.
		const bob = person(t, map.id, map.editToken, { id: 'p-bob', name: 'Bob' });
		await waitFor(() => bob.p.synced, 5000, 'synced');
		const ada = person(t, map.id, map.editToken, { id: 'p-ada', name: 'Ada' });
		await waitFor(() => ada.p.synced, 5000, 'synced');
		await new Promise((r) => setTimeout(r, 100));
		ada.session.dispatch({ type: 'addClaim', claim: { id: 'c1', kind: 'thesis', text: 'Tea is good' } });
		let versions: VersionInfo[] = [];
		const poll = async () => {
			versions = (await call(t.base, 'GET', `/api/maps/${map.id}/versions`, { token: map.viewToken })).body
				.versions as VersionInfo[];
		};
		for (let i = 0; i < 50 && versions.length === 0; i++) {
			await new Promise((r) => setTimeout(r, 100));
			await poll();
		}
		expect(versions[0]).toMatchObject({ auto: true, claims: 1 });
		expect(versions[0]!.editors).toEqual([{ id: 'p-ada', name: 'Ada' }]);
		const activity = (await call(t.base, 'GET', `/api/maps/${map.id}/activity`, { token: map.viewToken }))
			.body.activity as ActivityEntry[];
		expect(activity[0]).toMatchObject({ people: [{ name: 'Ada' }], lines: ['Added thesis “Tea is good”'] });
		ada.destroy();
		bob.destroy();
	});

	it('R151: versions and activity survive a restart; a version restored by a client equals it on the server', async () => {
		const t = await startApp({}, { history: FAST });
		const map = await newMap(t.base);
		const v = (
			await call(t.base, 'POST', `/api/maps/${map.id}/versions`, {
				token: map.editToken,
				body: { label: 'Kept' }
			})
		).body as unknown as VersionInfo;
		const ada = person(t, map.id, map.editToken, { id: 'p-ada', name: 'Ada' });
		await waitFor(() => ada.p.synced, 5000, 'synced');
		const before = ada.session.map.claims.length;
		ada.session.dispatch({ type: 'deleteClaims', ids: [ada.session.map.claims[0]!.id] });
		await waitFor(() => storedMap(t, map.id).claims.length === before - 1, 5000, 'edit stored');
		ada.destroy();
		await t.stop();
		const again = await startApp({ dataDir: t.dataDir }, { history: FAST });
		const list = (await call(again.base, 'GET', `/api/maps/${map.id}/versions`, { token: map.viewToken }))
			.body.versions as VersionInfo[];
		// The pending automatic version was written when the server stopped.
		expect(list.map((x) => [x.label, x.auto])).toEqual([
			['', true],
			['Kept', false]
		]);
		const text = await (
			await fetch(`${again.base}/api/maps/${map.id}/versions/${v.id}`, {
				headers: { authorization: `Bearer ${map.viewToken}` }
			})
		).text();
		const saved = parseJson(text);
		if (!saved.ok) throw saved.error;
		const bob = person(again, map.id, map.editToken, { id: 'p-bob', name: 'Bob' });
		await waitFor(() => bob.p.synced && bob.session.map.claims.length > 0, 5000, 'synced');
		expect(isEmptyDiff(diffMaps(bob.session.map, saved.value))).toBe(false);
		expect(bob.session.dispatch({ type: 'replaceMap', map: saved.value }).ok).toBe(true);
		await waitFor(
			() => isEmptyDiff(diffMaps(storedMap(again, map.id), saved.value, { positions: true })),
			5000,
			'server has the restored map'
		);
		bob.destroy();
	});
});

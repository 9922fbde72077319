/**
 * The history with several processes (R200): two apps on one Redis and one PostgreSQL (started for
 * this file, tests/support/cluster.ts), each with a data folder of its own, so only what is shared in
 * PostgreSQL can cross; and the PostgreSQL version store against the SQLite one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startBackends, type Backends } from '../../../tests/support/cluster';
import { parseJson } from '../formats/json';
import { LocalPresence } from '../sync/presence';
import { MapSession } from '../sync/session';
import { DELETED_RETENTION_MS } from './access';
import { call, newMap, startApp } from './app-test-helpers';
import { cleanupAll, tempDir, waitFor } from './sync-test-helpers';
import {
	SqliteVersionStore,
	type ActivityEntry,
	type NewVersion,
	type VersionInfo,
	type VersionLimits
} from './versions';
import { PgVersionStore } from './versions-pg';

let backends: Backends;

beforeAll(async () => {
	backends = await startBackends();
}, 120_000);

afterEach(cleanupAll);

afterAll(async () => {
	await backends?.stop();
}, 60_000);

const ada = { id: 'p-ada', name: 'Ada' };

function version(label: string, auto: boolean, size = 3): NewVersion {
	return {
		createdAt: 1000,
		label,
		auto,
		editors: [ada],
		savedBy: auto ? null : ada,
		title: 'T',
		claims: 1,
		relations: 0,
		state: new Uint8Array(size).fill(label.length)
	};
}

let mapCount = 0;
/** A map id no other test used: every store in this file shares one database. */
const freshId = () => `history-map-${++mapCount}`;

describe('history with several processes', () => {
	it('R200: a version saved through one process is listed and read through another; a purge removes it everywhere', async () => {
		let now = Date.now();
		const cluster = { redisUrl: backends.redisUrl, databaseUrl: backends.databaseUrl };
		const a = await startApp({ cluster }, { now: () => now, unloadGraceMs: 100 });
		const b = await startApp({ cluster }, { now: () => now, unloadGraceMs: 100 });
		const map = await newMap(a.base);
		const path = `/api/maps/${map.id}/versions`;

		const saved = await call(a.base, 'POST', path, {
			token: map.editToken,
			body: { label: 'Before the seminar', by: ada }
		});
		expect(saved.status).toBe(201);
		const info = saved.body as unknown as VersionInfo;
		expect(info).toMatchObject({ label: 'Before the seminar', auto: false, savedBy: ada });

		const listed = await call(b.base, 'GET', path, { token: map.viewToken });
		expect(listed.status).toBe(200);
		expect(listed.body.versions).toEqual([info]);
		const read = await fetch(`${b.base}${path}/${info.id}`, {
			headers: { authorization: `Bearer ${map.viewToken}` }
		});
		expect(read.status).toBe(200);
		const parsed = parseJson(await read.text());
		if (!parsed.ok) throw new Error('the version read through B is not a map');
		expect(parsed.value.title).toBe(info.title);
		expect(parsed.value.claims).toHaveLength(info.claims);
		expect(parsed.value.relations).toHaveLength(info.relations);
		expect(info.claims).toBeGreaterThan(0);

		// A second save, through the other process, lands in the same list.
		const second = await call(b.base, 'POST', path, { token: map.editToken, body: { label: 'After' } });
		expect(second.status).toBe(201);
		const both = (await call(a.base, 'GET', path, { token: map.viewToken })).body.versions as VersionInfo[];
		expect(both.map((v) => v.label)).toEqual(['After', 'Before the seminar']);

		// Deleted on A, purged by B after the restore window: the history is gone for every process.
		expect(
			(await call(a.base, 'DELETE', `/api/maps/${map.id}`, { token: map.editToken })).status
		).toBeLessThan(300);
		now += DELETED_RETENTION_MS + 1;
		await waitFor(
			() => !a.app.sync.isLoaded(map.id) && !b.app.sync.isLoaded(map.id),
			10_000,
			'rooms unloaded'
		);
		expect(b.app.purgeDeleted()).toEqual([map.id]);
		const store = new PgVersionStore(backends.databaseUrl);
		try {
			expect(store.list(map.id)).toEqual([]);
			expect(store.get(map.id, info.id)).toBeNull();
		} finally {
			await store.close();
		}
	}, 60_000);

	it('R200 R146 R152: edits through one process make an automatic version and activity read through another', async () => {
		const cluster = { redisUrl: backends.redisUrl, databaseUrl: backends.databaseUrl };
		const fast = { quietMs: 300, maxBurstMs: 5_000, minGapMs: 0, activityQuietMs: 200, activitySwitchMs: 0 };
		const a = await startApp({ cluster }, { history: fast });
		const b = await startApp({ cluster }, { history: fast });
		const map = await newMap(a.base, { template: 'blank' });
		const session = new MapSession(new Y.Doc());
		const provider = new WebsocketProvider(a.wsBase, map.id, session.doc, {
			params: { token: map.editToken },
			disableBc: true,
			WebSocketPolyfill: WebSocket as never
		});
		try {
			new LocalPresence(provider.awareness, ada.name, ada.id);
			await waitFor(() => provider.synced, 5000, 'synced');
			await new Promise((r) => setTimeout(r, 100));
			session.dispatch({ type: 'addClaim', claim: { id: 'c1', kind: 'thesis', text: 'Tea is good' } });
			const get = async (what: string) =>
				(await call(b.base, 'GET', `/api/maps/${map.id}/${what}`, { token: map.viewToken })).body;
			let versions: VersionInfo[] = [];
			let activity: ActivityEntry[] = [];
			for (let i = 0; i < 50 && (versions.length === 0 || activity.length === 0); i++) {
				await new Promise((r) => setTimeout(r, 100));
				versions = (await get('versions')).versions as VersionInfo[];
				activity = (await get('activity')).activity as ActivityEntry[];
			}
			expect(versions).toHaveLength(1);
			expect(versions[0]).toMatchObject({ auto: true, claims: 1, editors: [ada] });
			expect(activity[0]).toMatchObject({ people: [ada], lines: ['Added thesis “Tea is good”'] });
		} finally {
			provider.destroy();
			session.doc.destroy();
		}
	}, 60_000);
});

describe('the PostgreSQL version store', () => {
	/** Runs the same saves on both stores and compares what each keeps. */
	function bothStores(limits: VersionLimits) {
		const sqlite = new SqliteVersionStore(tempDir(), limits);
		const pg = new PgVersionStore(backends.databaseUrl, limits);
		const map = freshId();
		return {
			map,
			add(v: NewVersion) {
				sqlite.add(map, v);
				pg.add(map, v);
			},
			labels: () => ({
				sqlite: sqlite.list(map).map((v) => v.label),
				pg: pg.list(map).map((v) => v.label)
			}),
			sqlite,
			pg,
			async close() {
				sqlite.close();
				await pg.close();
			}
		};
	}

	it('R200 R149: keeps the same versions and activity as the SQLite store under the count limits', async () => {
		const s = bothStores({ maxAuto: 3, maxNamed: 2, maxActivity: 2, maxBytes: 1e9 });
		for (let i = 0; i < 5; i++) s.add(version(`auto ${i}`, true));
		for (let i = 0; i < 4; i++) s.add(version(`named ${i}`, false));
		const { sqlite, pg } = s.labels();
		expect(pg).toEqual(['named 3', 'named 2', 'auto 4', 'auto 3', 'auto 2']);
		expect(pg).toEqual(sqlite);
		for (let i = 0; i < 4; i++) {
			s.pg.addActivity(s.map, { time: i, people: [ada], lines: [`${i}`], more: i });
		}
		expect(s.pg.activity(s.map, 10)).toMatchObject([
			{ time: 3, people: [ada], lines: ['3'], more: 3 },
			{ time: 2, people: [ada], lines: ['2'], more: 2 }
		]);
		expect(s.pg.activity(s.map, 1)).toHaveLength(1);
		await s.close();
	});

	it('R200 R149: drops the same versions as the SQLite store beyond maxBytes, never the one just saved', async () => {
		const s = bothStores({ maxAuto: 50, maxNamed: 50, maxActivity: 2, maxBytes: 1000 });
		// Sizes cycle through a few values so that totals cross the limit at different points.
		const sizes = [300, 120, 450, 60, 700, 250, 5000, 10, 333];
		for (let i = 0; i < 30; i++) {
			s.add(version(`v${i}`, i % 3 !== 0, sizes[i % sizes.length]!));
			const { sqlite, pg } = s.labels();
			expect(pg, `after save ${i}`).toEqual(sqlite);
			expect(pg[0]).toBe(`v${i}`);
		}
		await s.close();
	});

	it('R200 R151: a version reads back whole with its details; a damaged one is refused; removeMap forgets the map', async () => {
		const store = new PgVersionStore(backends.databaseUrl);
		const [m1, m2] = [freshId(), freshId()];
		const state = new Uint8Array([1, 2, 3, 250]);
		const info = store.add(m1, { ...version('keep', false), state });
		store.add(m2, version('other', true));
		expect(store.list(m1)).toEqual([info]);
		expect(store.get(m1, info.id)).toEqual({ info, state });
		expect(store.latest(m1)).toEqual({ info, state });
		expect(store.get(m2, info.id)).toBeNull();
		const again = new PgVersionStore(backends.databaseUrl);
		expect(again.list(m1)).toEqual([info]);
		// Damage the stored state behind the store's back: its checksum no longer matches.
		await again.close();
		const { BlockingPg } = await import('./persistence-pg-bridge');
		const raw = new BlockingPg(backends.databaseUrl);
		raw.query("UPDATE map_versions SET state = '\\x01020304'::bytea WHERE id = $1", [info.id]);
		await raw.close();
		expect(store.get(m1, info.id)).toBeNull();
		store.addActivity(m1, { time: 5, people: [ada], lines: ['x'], more: 0 });
		store.removeMap(m1);
		expect(store.list(m1)).toEqual([]);
		expect(store.activity(m1, 10)).toEqual([]);
		expect(store.list(m2)).toHaveLength(1);
		await store.close();
	});
});

/**
 * Several server processes sharing rooms through Redis and PostgreSQL (R190-R199): three real
 * server processes (tests/support/sync-server-process.ts) on three ports, over a Redis and a
 * PostgreSQL started for this file (tests/support/cluster.ts). Nothing here is skipped: without
 * redis-server or postgresql the suite fails and says what to install.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startChild, type ChildServer } from '../../../tests/support/child-server';
import { startBackends, type Backends } from '../../../tests/support/cluster';
import { PgRoomStore } from './persistence-pg';
import { sleep, tempDir, waitFor } from './sync-test-helpers';

const PROCESSES = 3;
/** Clients come back quickly in tests (the app's own backoff is longer). */
const MAX_BACKOFF_MS = 200;

let backends: Backends;
const servers: ChildServer[] = [];
const providers: WebsocketProvider[] = [];

async function startProcess(): Promise<ChildServer> {
	return startChild('tests/support/sync-server-process.ts', {
		PORT: '0',
		DATA_DIR: tempDir(),
		REDIS_URL: backends.redisUrl,
		DATABASE_URL: backends.databaseUrl,
		QUIET: '1'
	});
}

async function createMap(server: ChildServer): Promise<{ id: string; editToken: string }> {
	const res = await fetch(`http://127.0.0.1:${server.port}/api/maps`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ template: 'blank', title: 'Cluster' })
	});
	expect(res.status).toBe(201);
	return (await res.json()) as { id: string; editToken: string };
}

function connect(server: ChildServer, map: { id: string; editToken: string }, doc = new Y.Doc()) {
	const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/yjs`, map.id, doc, {
		params: { token: map.editToken },
		disableBc: true,
		maxBackoffTime: MAX_BACKOFF_MS,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
	});
	providers.push(provider);
	return provider;
}

const marks = (doc: Y.Doc) => new Set(doc.getArray<string>('marks').toArray());

/** What any process would load now: the room as stored in PostgreSQL. */
function storedMarks(room: string): Set<string> {
	const store = new PgRoomStore(backends.databaseUrl, () => {});
	const doc = new Y.Doc();
	try {
		const { update, problems } = store.loadRoom(room);
		expect(problems).toEqual([]);
		if (update) Y.applyUpdate(doc, update);
		return marks(doc);
	} finally {
		doc.destroy();
		void store.close();
	}
}

beforeAll(async () => {
	backends = await startBackends();
	// One after the other: started together on a loaded machine, tsx's compiling can outlast the start timeout.
	for (let i = 0; i < PROCESSES; i++) servers.push(await startProcess());
}, 180_000);

afterAll(async () => {
	for (const provider of providers) provider.destroy();
	await Promise.all(servers.map((server) => server.stop('SIGKILL')));
	await backends?.stop();
}, 60_000);

describe('several server processes', () => {
	it('R197 R198: every process is healthy and none created the article map on its first start', async () => {
		for (const server of servers) {
			expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
		}
		const store = new PgRoomStore(backends.databaseUrl, () => {});
		expect(store.listMaps()).toEqual([]);
		await store.close();
	}, 30_000);

	it('R190 R191 R193: edits and presence cross between clients of different processes', async () => {
		const map = await createMap(servers[0]!);
		const clients = servers.map((server) => connect(server, map));
		await waitFor(() => clients.every((c) => c.synced), 15_000, 'all clients synced');
		clients.forEach((client, i) => {
			client.doc.getArray<string>('marks').push([`from-${i}`]);
			client.awareness.setLocalStateField('user', { name: `person ${i}` });
		});
		const all = new Set(servers.map((_, i) => `from-${i}`));
		await waitFor(
			() => clients.every((c) => [...all].every((m) => marks(c.doc).has(m))),
			10_000,
			'every edit on every client'
		);
		const names = (c: WebsocketProvider) =>
			new Set([...c.awareness.getStates().values()].map((s) => (s.user as { name?: string })?.name));
		await waitFor(
			() => clients.every((c) => servers.every((_, i) => names(c).has(`person ${i}`))),
			10_000,
			'everyone sees everyone'
		);
		// The map's metadata is shared too: another process answers for the map created on the first.
		const res = await fetch(`http://127.0.0.1:${servers[2]!.port}/api/maps/${map.id}`, {
			headers: { authorization: `Bearer ${map.editToken}` }
		});
		expect(res.status).toBe(200);
		expect(storedMarks(map.id)).toEqual(all);
		// A person leaving one process disappears from the others.
		clients[0]!.destroy();
		await waitFor(
			() => !names(clients[1]!).has('person 0') && !names(clients[2]!).has('person 0'),
			10_000,
			'presence removed'
		);
		clients.slice(1).forEach((c) => c.destroy());
	}, 60_000);

	it('R192: a process killed mid-edit loses nothing stored; its clients carry on through another', async () => {
		const map = await createMap(servers[0]!);
		// Two writers per process, each adding a unique mark every few milliseconds.
		const writers = servers.flatMap((server, i) =>
			[0, 1].map((j) => ({
				name: `w${i}${j}`,
				server: i,
				provider: connect(server, map),
				sent: [] as string[]
			}))
		);
		await waitFor(() => writers.every((w) => w.provider.synced), 15_000, 'writers synced');
		let writing = true;
		const loops = writers.map(async (w) => {
			let n = 0;
			while (writing) {
				const mark = `${w.name}-${n++}`;
				w.provider.doc.getArray<string>('marks').push([mark]);
				w.sent.push(mark);
				await sleep(5 + Math.random() * 10);
			}
		});
		await sleep(1_000);
		const victim = servers[1]!;
		expect(await victim.stop('SIGKILL')).toBe('SIGKILL');
		// Its clients reconnect elsewhere: a new connection to another process with the same document.
		for (const w of writers.filter((w) => w.server === 1)) {
			const doc = w.provider.doc;
			w.provider.destroy();
			w.provider = connect(servers[2]!, map, doc);
		}
		await sleep(1_000);
		writing = false;
		await Promise.all(loops);
		const sent = writers.flatMap((w) => w.sent);
		await waitFor(
			() => writers.every((w) => marks(w.provider.doc).size === sent.length),
			20_000,
			'every client has every mark'
		);
		const stored = storedMarks(map.id);
		const missing = sent.filter((m) => !stored.has(m));
		expect({ sent: sent.length, stored: stored.size, missing }).toEqual({
			sent: sent.length,
			stored: sent.length,
			missing: []
		});
		// Marks written to the killed process while it lived are among them.
		expect(sent.filter((m) => m.startsWith('w1')).length).toBeGreaterThan(20);
		writers.forEach((w) => w.provider.destroy());
		// The killed process stays down: the later tests use the other two.
	}, 90_000);

	it('R199: replacing the links or deleting the map on one process closes its sessions on the others', async () => {
		const map = await createMap(servers[0]!);
		const closes = (provider: WebsocketProvider) => {
			const codes: number[] = [];
			provider.on('connection-close', (event: CloseEvent | null) => codes.push(event?.code ?? 0));
			return codes;
		};
		const old = connect(servers[2]!, map);
		const oldCodes = closes(old);
		await waitFor(() => old.synced, 15_000, 'old link synced');
		const api = (method: string, path: string, token: string) =>
			fetch(`http://127.0.0.1:${servers[0]!.port}/api/maps/${map.id}${path}`, {
				method,
				headers: { authorization: `Bearer ${token}` }
			});
		const replaced = await api('POST', '/tokens', map.editToken);
		expect(replaced.status).toBe(200);
		const fresh = (await replaced.json()) as { editToken: string };
		await waitFor(() => oldCodes.includes(1008), 10_000, 'old session closed with 1008');
		old.destroy();
		const current = connect(servers[2]!, { id: map.id, editToken: fresh.editToken });
		const currentCodes = closes(current);
		await waitFor(() => current.synced, 15_000, 'new link synced');
		expect((await api('DELETE', '', fresh.editToken)).status).toBe(200);
		await waitFor(() => currentCodes.includes(4410), 10_000, 'session closed with 4410');
		current.destroy();
	}, 60_000);

	it('R194 R195: an update stored but never published reaches every process within seconds; a stopping process compacts it', async () => {
		const map = await createMap(servers[0]!);
		const clients = [connect(servers[0]!, map), connect(servers[2]!, map)];
		await waitFor(() => clients.every((c) => c.synced), 15_000, 'clients synced');
		// Stored behind the processes' backs, as if its Redis message had been lost.
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(clients[0]!.doc));
		const before = Y.encodeStateVector(doc);
		doc.getArray<string>('marks').push(['lost-on-the-bus']);
		const store = new PgRoomStore(backends.databaseUrl, () => {});
		store.appendUpdate(map.id, Y.encodeStateAsUpdate(doc, before));
		await store.close();
		await waitFor(
			() => clients.every((c) => marks(c.doc).has('lost-on-the-bus')),
			10_000,
			'the missed update caught up'
		);
		clients.forEach((c) => c.destroy());
		// R195: a process that stops compacts what it holds, the caught-up update included, up to the
		// last seq it has seen without a gap: the whole log here.
		expect(await servers[2]!.stop('SIGTERM')).toBe(0);
		const check = new PgRoomStore(backends.databaseUrl, () => {});
		try {
			expect(check.logLength(map.id)).toBe(0);
		} finally {
			await check.close();
		}
		expect(storedMarks(map.id)).toEqual(new Set(['lost-on-the-bus']));
	}, 60_000);

	it('R195: compaction is guarded: two stores compacting one room at once keep every update', async () => {
		const room = `compact-${process.pid}`;
		const a = new PgRoomStore(backends.databaseUrl, () => {});
		const b = new PgRoomStore(backends.databaseUrl, () => {});
		try {
			const doc = new Y.Doc();
			doc.on('update', (update: Uint8Array) => a.appendUpdate(room, update));
			for (let i = 0; i < 50; i++) doc.getArray<string>('marks').push([`m${i}`]);
			const state = Y.encodeStateAsUpdate(doc);
			const loaded = await a.shared.loadRoom(room);
			expect(loaded.uptoSeq).toBe(50);
			await Promise.all([
				a.shared.compact(room, state, 50),
				b.shared.compact(room, state, 50),
				a.shared.compact(room, state, 30)
			]);
			expect(a.logLength(room)).toBe(0);
			// A later, older snapshot never replaces a newer one.
			await b.shared.compact(room, Y.encodeStateAsUpdate(new Y.Doc()), 10);
			const after = new Y.Doc();
			Y.applyUpdate(after, a.loadRoom(room).update!);
			expect(marks(after).size).toBe(50);
			expect(a.loadRoom(room).uptoSeq).toBe(50);
			// Seqs go on after the snapshot.
			expect(a.appendUpdate(room, Y.encodeStateAsUpdate(doc))).toBe(51);
		} finally {
			await a.close();
			await b.close();
		}
	}, 30_000);

	it('R195: a compaction holds no transaction open across turns: the same process may purge the room meanwhile', async () => {
		// A blocking call (a purge, R62) waits for the database while this process's turn is frozen. A
		// compaction that kept its transaction open between turns held locks the purge waited for, and
		// could not commit before the purge gave up (15 s). Here the purge is made right after each
		// statement the compaction sends, in the turn its answer arrives (one statement per round).
		const room = `purge-${process.pid}`;
		const store = new PgRoomStore(backends.databaseUrl, () => {});
		const pool = (store as unknown as { pool: pg.Pool }).pool;
		let purgeAfter = -1;
		let sent = 0;
		const purge = () => {
			if (sent++ === purgeAfter) store.deleteRoom(room);
		};
		// Every statement goes through a pooled client, with a callback (pool.query) or a promise.
		const wrapped = new WeakSet<pg.PoolClient>();
		pool.on('acquire', (client) => {
			if (wrapped.has(client)) return;
			wrapped.add(client);
			const query = client.query.bind(client) as (...args: unknown[]) => unknown;
			client.query = ((...args: unknown[]) => {
				const callback = args.at(-1);
				if (typeof callback === 'function') {
					args[args.length - 1] = (error: unknown, result: unknown) => {
						if (!error) purge();
						callback(error, result);
					};
					return query(...args);
				}
				return (query(...args) as Promise<unknown>).then((result) => (purge(), result));
			}) as never;
		});
		try {
			for (let round = 0; round < 6; round++) {
				const doc = new Y.Doc();
				doc.on('update', (update: Uint8Array) => store.appendUpdate(room, update));
				for (let i = 0; i < 10; i++) doc.getArray<string>('marks').push([`m${i}`]);
				const upto = (await store.shared.loadRoom(room)).uptoSeq;
				// A snapshot to replace, then one compaction with the purge after its statement `round`.
				await store.shared.compact(room, Y.encodeStateAsUpdate(doc), upto - 5);
				[sent, purgeAfter] = [0, round];
				const started = Date.now();
				await store.shared.compact(room, Y.encodeStateAsUpdate(doc), upto);
				purgeAfter = -1;
				expect(Date.now() - started).toBeLessThan(5_000);
			}
		} finally {
			await store.close();
		}
	}, 60_000);

	it('R196: a process does not start with an unreachable database, and says which setting', async () => {
		const child = startChild('tests/support/sync-server-process.ts', {
			PORT: '0',
			DATA_DIR: tempDir(),
			REDIS_URL: backends.redisUrl,
			DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
			QUIET: '1'
		});
		await expect(child).rejects.toThrow(/DATABASE_URL/);
	}, 60_000);
});

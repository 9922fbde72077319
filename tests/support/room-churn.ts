/**
 * Opens and closes many rooms on an in-process sync server and reports the heap, for the memory
 * test (src/lib/server/memory.test.ts, R56). Needs `node --expose-gc --import tsx`; prints one JSON
 * line: `{"baseline","perRoom","after","rooms","connections","rss"}` (bytes, after full collections).
 *
 * Every room is a copy of the article map (about 60 KiB encoded, far more as a live Y.Doc), so a
 * server that kept even a fraction of its rooms would show far above the test's margin.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { templateMap } from '../../src/lib/seed/index';
import { writeMap } from '../../src/lib/sync/apply';
import { MapSession } from '../../src/lib/sync/session';
import { cleanupAll, startServer, tempDir, waitFor } from '../../src/lib/server/sync-test-helpers';

const ROOMS = Number(process.env.ROOMS ?? 200);
/** Rooms opened and closed before the baseline, so lazily built caches (ws, yjs, sqlite) are in it. */
const WARM_UP_ROOMS = 40;
/** Clients connecting at once: enough to be quick, few enough not to trip a slow machine's timeouts. */
const CONCURRENCY = 20;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

/** Heap used after collections, with turns of the event loop between them so finalizers run. */
async function settledHeap(): Promise<number> {
	for (let i = 0; i < 4; i++) {
		gc!();
		await new Promise((resolve) => setImmediate(resolve));
	}
	return process.memoryUsage().heapUsed;
}

const seed = new Y.Doc();
writeMap(seed, templateMap('russia-china'));
const seedUpdate = Y.encodeStateAsUpdate(seed);
seed.destroy();

// Each WebsocketProvider listens to the process's exit: 20 at once is fine, silence the warning at 11.
process.setMaxListeners(CONCURRENCY + 10);
const server = await startServer(tempDir(), {
	unloadGraceMs: 20,
	limits: { maxConnectionsPerIp: CONCURRENCY * 2 }
});

/** A person opens the map and edits one claim through the command layer; resolves once it is stored. */
async function open(room: string): Promise<() => void> {
	const session = new MapSession();
	const provider = new WebsocketProvider(server.url, room, session.doc, {
		params: { token: 'edit' },
		disableBc: true,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
	});
	await waitFor(() => provider.synced, 20_000, `sync of ${room}`);
	const claim = session.map.claims[1]!;
	const result = session.dispatch({ type: 'editText', id: claim.id, text: `${claim.text} (seen)` });
	if (!result.ok) throw result.error;
	await waitFor(() => server.store.logLength(room) > 1, 20_000, `edit stored in ${room}`);
	return () => {
		provider.destroy();
		session.destroy();
		session.doc.destroy();
	};
}

/**
 * Creates `count` maps and opens them CONCURRENCY at a time, closing each batch before the next;
 * resolves when all are unloaded, with the settled heap seen while one batch was open.
 */
async function churn(prefix: string, count: number): Promise<number> {
	const rooms = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
	for (const room of rooms) server.store.createMap({ id: room, title: room, template: null }, seedUpdate);
	let loaded = 0;
	for (let i = 0; i < rooms.length; i += CONCURRENCY) {
		const closers = await Promise.all(rooms.slice(i, i + CONCURRENCY).map(open));
		if (i === 0) loaded = await settledHeap();
		for (const close of closers) close();
	}
	await waitFor(() => server.sync.roomCount() === 0 && server.sync.connectionCount() === 0, 20_000, 'unload');
	return loaded;
}

await churn('warm', WARM_UP_ROOMS);
const baseline = await settledHeap();
const loaded = await churn('room', ROOMS);
const after = await settledHeap();
const report = {
	baseline,
	// What one open room costs (its server document and connection, and its client): what a leak would keep.
	perRoom: Math.round((loaded - baseline) / CONCURRENCY),
	after,
	rooms: server.sync.roomCount(),
	connections: server.sync.connectionCount(),
	rss: process.memoryUsage().rss
};
await cleanupAll();
console.log(JSON.stringify(report));

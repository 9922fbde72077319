import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE, MESSAGE_QUERY_AWARENESS } from './sync-protocol';
import {
	cleanupAll,
	connectProvider,
	message,
	rawClient,
	sleep,
	startServer,
	storedText,
	tempDir,
	textUpdate,
	uniqueRoom,
	upgradeStatus,
	waitFor
} from './sync-test-helpers';

afterEach(cleanupAll);

/** A `[sync, update]` message writing `text` into 't' as a fresh client would. */
const updateMsg = (text: string) => message(0, 2, textUpdate(text));

describe('sync server limits', () => {
	it('R65: a connection flooding messages is closed with 1008 and a logged reason; others keep working', async () => {
		const server = await startServer(tempDir(), { limits: { ratePerSecond: 60, rateBurst: 200 } });
		const room = uniqueRoom();
		const a = connectProvider(server, room);
		await waitFor(() => a.provider.synced);
		const flood = await rawClient(`${server.url}/${room}?token=edit`);
		for (let i = 0; i < 1000; i++) flood.ws.send(message(MESSAGE_QUERY_AWARENESS));
		await waitFor(() => flood.closed !== null, 5000, 'flood closed');
		expect(flood.closed).toEqual({ code: CLOSE.POLICY, reason: 'message rate limit exceeded' });
		expect(server.logs.filter((l) => l.includes('message rate limit exceeded'))).toHaveLength(1);
		a.text.insert(0, 'still here');
		await waitFor(() => storedText(server.store, room) === 'still here', 5000, 'a still edits');
	});

	it('R66: connections beyond the per-address limit are refused with 429 and load no room', async () => {
		const server = await startServer(tempDir(), { limits: { maxConnectionsPerIp: 3 } });
		const room = uniqueRoom();
		const clients = await Promise.all([1, 2, 3].map(() => rawClient(`${server.url}/${room}?token=edit`)));
		expect(await upgradeStatus(server.port, `/yjs/${room}?token=edit`)).toBe(429);
		expect(await upgradeStatus(server.port, `/yjs/${uniqueRoom()}?token=edit`)).toBe(429);
		expect(server.sync.roomCount()).toBe(1);
		clients[0]!.ws.close();
		await waitFor(() => server.sync.connectionsFrom('127.0.0.1') === 2, 5000, 'slot released');
		expect(await upgradeStatus(server.port, `/yjs/${room}?token=edit`)).toBe(101);
		// Refusals before the upgrade (bad id, bad token) give their slot back too.
		await waitFor(() => server.sync.connectionsFrom('127.0.0.1') === 2, 5000, 'probe released');
		expect(await upgradeStatus(server.port, `/yjs/${room}?token=wrong`)).toBe(403);
		await waitFor(() => server.sync.connectionsFrom('127.0.0.1') === 2, 5000, 'refusal released');
	});

	it('R68: a connection that sends nothing for the idle timeout is closed; one that talks stays', async () => {
		const server = await startServer(tempDir(), { limits: { idleTimeoutMs: 200 } });
		const room = uniqueRoom();
		const silent = await rawClient(`${server.url}/${room}?token=view`);
		const chatty = await rawClient(`${server.url}/${room}?token=view`);
		const timer = setInterval(() => chatty.ws.send(message(MESSAGE_QUERY_AWARENESS)), 50);
		try {
			await waitFor(() => silent.closed !== null, 3000, 'silent closed');
			expect(silent.closed).toEqual({ code: CLOSE.IDLE, reason: 'idle timeout' });
			await sleep(400);
			expect(chatty.closed).toBeNull();
		} finally {
			clearInterval(timer);
		}
	});

	it('R69: an update that would grow the document past the cap is refused with 4413; the data is unchanged', async () => {
		const server = await startServer(tempDir(), { limits: { maxDocBytes: 20_000 } });
		const room = uniqueRoom();
		const a = connectProvider(server, room);
		await waitFor(() => a.provider.synced);
		a.text.insert(0, 'x'.repeat(5000));
		await waitFor(() => storedText(server.store, room).length === 5000, 5000, 'first edit stored');
		const before = Y.encodeStateAsUpdate(await server.sync.getDoc(room));
		const big = await rawClient(`${server.url}/${room}?token=edit`);
		big.ws.send(updateMsg('y'.repeat(30_000)));
		await waitFor(() => big.closed !== null, 5000, 'refused');
		expect(big.closed).toEqual({ code: CLOSE.MAP_FULL, reason: 'map is full' });
		expect(
			Buffer.from(Y.encodeStateAsUpdate(await server.sync.getDoc(room))).equals(Buffer.from(before))
		).toBe(true);
		expect(storedText(server.store, room)).toBe('x'.repeat(5000));
		// Small edits still fit, and a client whose own big edit is refused is told why.
		a.text.insert(0, 'ok ');
		await waitFor(() => storedText(server.store, room).startsWith('ok x'), 5000, 'small edit');
		const closes: number[] = [];
		a.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
		a.text.insert(0, 'z'.repeat(30_000));
		await waitFor(() => closes.includes(CLOSE.MAP_FULL), 5000, 'provider told the map is full');
		expect(storedText(server.store, room).startsWith('ok x')).toBe(true);
	});
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
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

afterEach(async () => {
	vi.restoreAllMocks();
	await cleanupAll();
});

/** An awareness message announcing `state` for a made-up client id. */
function awarenessMessage(clientId: number, state: Record<string, unknown>): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = clientId;
	const awareness = new Awareness(doc);
	awareness.setLocalState(state);
	const update = encodeAwarenessUpdate(awareness, [clientId]);
	awareness.destroy();
	doc.destroy();
	return message(1, update);
}

describe('sync server lifecycle', () => {
	it('R44 dead connections are closed and their awareness removed for the others', async () => {
		// Long enough for a healthy client to pong on a busy 2-core machine, short enough for a quick test.
		const server = await startServer(tempDir(), { pingIntervalMs: 250 });
		const room = uniqueRoom();
		const a = connectProvider(server, room);
		await waitFor(() => a.provider.synced);
		const dead = await rawClient(`${server.url}/${room}?token=edit`, { autoPong: false });
		dead.ws.send(awarenessMessage(777, { user: 'ghost' }));
		await waitFor(() => a.provider.awareness.getStates().has(777), 5000, 'ghost visible');
		await waitFor(() => dead.closed !== null, 5000, 'dead socket closed');
		await waitFor(() => !a.provider.awareness.getStates().has(777), 5000, 'ghost removed');
		expect(server.logs.some((line) => line.includes('no pong'))).toBe(true);
		await waitFor(() => server.sync.connectionCount() >= 1 && a.provider.wsconnected, 5000, 'a still served');
	});

	it('R45 idle rooms are unloaded after the grace period, compacted first', async () => {
		const server = await startServer(tempDir(), { unloadGraceMs: 100 });
		const room = uniqueRoom();
		const a = connectProvider(server, room);
		await waitFor(() => a.provider.synced);
		a.text.insert(0, 'stay');
		await waitFor(() => server.store.logLength(room) > 0, 5000, 'stored');
		a.provider.destroy();
		await waitFor(() => server.sync.roomCount() === 0, 5000, 'room unloaded');
		expect(server.store.logLength(room)).toBe(0);
		expect(storedText(server.store, room)).toBe('stay');
	});

	it('R45 a reconnect within the grace period cancels unloading', async () => {
		const graceMs = 1000;
		const server = await startServer(tempDir(), { unloadGraceMs: graceMs });
		const loads = vi.spyOn(server.store, 'loadRoom');
		const room = uniqueRoom();
		const a = connectProvider(server, room);
		await waitFor(() => a.provider.synced);
		a.text.insert(0, 'kept in memory');
		a.provider.destroy();
		await waitFor(() => server.sync.connectionCount() === 0, 5000, 'a gone');
		const b = connectProvider(server, room);
		await waitFor(() => b.provider.synced);
		// A negative claim needs a span of time: past the grace, the room must still be the same one.
		await sleep(graceMs + 300);
		expect(server.sync.roomCount()).toBe(1);
		expect(loads).toHaveBeenCalledTimes(1);
		expect(b.text.toString()).toBe('kept in memory');
		b.provider.destroy();
		await waitFor(() => server.sync.roomCount() === 0, graceMs + 5000, 'unloaded after b left');
	});

	it('R46 corrupt rows are reported and skipped: the client gets everything else', async () => {
		const server = await startServer(tempDir());
		const room = uniqueRoom();
		server.store.appendUpdate(room, textUpdate('good'));
		const bad = server.store.appendUpdate(room, new Uint8Array([5, 200, 200, 200, 1]));
		const a = connectProvider(server, room);
		await waitFor(() => a.provider.synced);
		expect(a.text.toString()).toBe('good');
		expect(server.logs).toContainEqual(expect.stringContaining(`room ${room} seq ${bad}: not a Yjs update`));
	});

	it('R47 compaction keeps content: snapshot every compactEvery updates, log pruned', async () => {
		const dir = tempDir();
		const room = uniqueRoom();
		const server = await startServer(dir, { compactEvery: 10 });
		const a = connectProvider(server, room);
		await waitFor(() => a.provider.synced);
		for (let i = 0; i < 25; i++) a.text.insert(i, String(i % 10));
		const expected = a.text.toString();
		await waitFor(() => storedText(server.store, room) === expected, 5000, 'all stored');
		// 25 updates, snapshots at 10 and 20: five left in the log.
		expect(server.store.logLength(room)).toBe(5);
		a.provider.destroy();
		await server.stop();
		const again = await startServer(dir);
		const b = connectProvider(again, room);
		await waitFor(() => b.provider.synced);
		expect(b.text.toString()).toBe(expected);
	});

	it('R48 refused upgrade creates no room', async () => {
		const server = await startServer(tempDir());
		const loads = vi.spyOn(server.store, 'loadRoom');
		const room = uniqueRoom();
		expect(await upgradeStatus(server.port, `/yjs/${room}?token=missing`)).toBe(401);
		expect(await upgradeStatus(server.port, `/yjs/${room}?token=wrong`)).toBe(403);
		expect(await upgradeStatus(server.port, '/yjs/bad.id?token=edit')).toBe(400);
		expect(await upgradeStatus(server.port, '/yjs/__proto__?token=edit')).toBe(400);
		expect(await upgradeStatus(server.port, '/yjs/?token=edit')).toBe(400);
		// Not a sync path: left to the next upgrade handler (here the test server's 404).
		expect(await upgradeStatus(server.port, '/vite-hmr')).toBe(404);
		expect(server.sync.roomCount()).toBe(0);
		expect(server.sync.connectionCount()).toBe(0);
		expect(loads).not.toHaveBeenCalled();
		expect(server.logs).toContainEqual(`room ${room}: refused 403 (wrong token)`);
		expect(await upgradeStatus(server.port, `/yjs/${room}?token=view`)).toBe(101);
	});

	it('R48 an authorizer that throws refuses with 500 and creates no room', async () => {
		const server = await startServer(tempDir(), {
			authorize: () => Promise.reject(new Error('database down: token=abc'))
		});
		expect(await upgradeStatus(server.port, `/yjs/${uniqueRoom()}?token=abc`)).toBe(500);
		expect(server.sync.roomCount()).toBe(0);
		expect(server.logs.join('\n')).not.toContain('abc');
	});

	it('R49 clean shutdown flushes: sockets closed with 1001, rooms compacted, idempotent', async () => {
		const server = await startServer(tempDir(), { compactEvery: 100_000 });
		const room = uniqueRoom();
		const a = connectProvider(server, room);
		const codes: number[] = [];
		a.provider.on('connection-close', (event) => {
			if (event) codes.push(event.code);
		});
		await waitFor(() => a.provider.synced);
		a.text.insert(0, 'bye');
		await waitFor(() => server.store.logLength(room) > 0, 5000, 'logged');
		await Promise.all([server.sync.close(), server.sync.close()]);
		await server.sync.close();
		expect(server.sync.roomCount()).toBe(0);
		expect(server.sync.connectionCount()).toBe(0);
		expect(server.store.logLength(room)).toBe(0);
		expect(storedText(server.store, room)).toBe('bye');
		await waitFor(() => codes.includes(1001), 5000, 'client saw 1001');
		expect(await upgradeStatus(server.port, `/yjs/${room}?token=edit`)).toBe(503);
		await expect(server.sync.withRoom(room, () => 1)).rejects.toThrow('closed');
	});
});

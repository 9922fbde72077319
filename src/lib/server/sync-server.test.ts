import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { AppendBatcher } from './append-batch';
import type { RoomStore, SqliteRoomStore } from './persistence';
import { Room } from './sync-room';
import type { SyncStore } from './sync-log';
import {
	cleanupAll,
	connectProvider,
	message,
	rawClient,
	readSync,
	startServer,
	storedText,
	syncedPair,
	tempDir,
	textUpdate,
	uniqueRoom,
	waitFor
} from './sync-test-helpers';

afterEach(async () => {
	vi.restoreAllMocks();
	await cleanupAll();
});

/** An awareness update announcing `state` for a made-up client id. */
function awarenessUpdate(clientId: number, state: Record<string, unknown>): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = clientId;
	const awareness = new Awareness(doc);
	awareness.setLocalState(state);
	const update = encodeAwarenessUpdate(awareness, [clientId]);
	awareness.destroy();
	doc.destroy();
	return update;
}

/** The store as unit tests give it, and batched per event-loop turn as the server runs it (append-batch.ts). */
const STORES: [string, ((store: RoomStore) => SyncStore) | undefined][] = [
	['synchronous store', undefined],
	['appends batched per turn', (store) => new AppendBatcher(store as SqliteRoomStore)]
];

describe('sync server', () => {
	it('two providers converge through the server', async () => {
		const { server, room, a, b } = await syncedPair();
		a.text.insert(0, 'hello');
		await waitFor(() => b.text.toString() === 'hello', 5000, 'b sees a');
		b.text.insert(5, ' world');
		await waitFor(() => a.text.toString() === 'hello world', 5000, 'a sees b');
		expect(storedText(server.store, room)).toBe('hello world');
		expect(server.sync.roomCount()).toBe(1);
		expect(server.sync.connectionCount()).toBe(2);
	});

	it('state persists across a server restart on the same data dir', async () => {
		const dir = tempDir();
		const room = uniqueRoom();
		const first = await startServer(dir);
		const a = connectProvider(first, room);
		await waitFor(() => a.provider.synced);
		a.text.insert(0, 'durable');
		await waitFor(() => storedText(first.store, room) === 'durable', 5000, 'stored');
		a.provider.destroy();
		await first.stop();

		const second = await startServer(dir);
		const b = connectProvider(second, room);
		await waitFor(() => b.provider.synced);
		expect(b.text.toString()).toBe('durable');
	});

	it('R40 load before first sync reply: the first sync already holds all persisted updates', async () => {
		const server = await startServer(tempDir(), { compactEvery: 100_000 });
		const room = uniqueRoom();
		const source = new Y.Doc();
		source.on('update', (u: Uint8Array) => server.store.appendUpdate(room, u));
		for (let i = 0; i < 400; i++) source.getText('t').insert(i, String(i % 10));
		const expected = source.getText('t').toString();
		source.destroy();
		const a = connectProvider(server, room);
		let atFirstSync: string | null = null;
		a.provider.on('sync', (synced: boolean) => {
			if (synced && atFirstSync === null) atFirstSync = a.text.toString();
		});
		await waitFor(() => atFirstSync !== null, 5000, 'first sync');
		expect(atFirstSync).toBe(expected);
	});

	it('R40 load before first sync reply: messages sent while the room loads are queued and answered after', async () => {
		let open!: () => void;
		const gate = new Promise<void>((resolve) => (open = resolve));
		const server = await startServer(tempDir(), {
			wrapStore: (store) => ({
				appendUpdate: (id, update) => store.appendUpdate(id, update),
				compact: (id, state, upto) => store.compact(id, state, upto),
				loadRoom: async (id) => {
					await gate;
					return store.loadRoom(id);
				}
			})
		});
		const room = uniqueRoom();
		server.store.appendUpdate(room, textUpdate('persisted'));
		const receive = vi.spyOn(Room.prototype, 'receive');
		const raw = await rawClient(`${server.url}/${room}?token=edit`);
		raw.ws.send(message(0, 0, Y.encodeStateVector(new Y.Doc())));
		const late = connectProvider(server, room);
		// raw: step 1; provider: step 1 and its awareness
		await waitFor(() => receive.mock.calls.length >= 3, 5000, 'messages received while loading');
		expect(raw.received).toHaveLength(0);
		expect(server.sync.roomCount()).toBe(1);

		open();
		await waitFor(() => raw.received.length >= 2, 5000, 'server step 1 and step 2');
		const [first, second] = raw.received.map(readSync);
		// The server's own step 1 comes first, after the load: its state vector knows the stored client.
		expect(first?.step).toBe(0);
		expect(Y.decodeStateVector(first!.payload).size).toBe(1);
		expect(second?.step).toBe(1);
		const check = new Y.Doc();
		Y.applyUpdate(check, second!.payload);
		expect(check.getText('t').toString()).toBe('persisted');
		await waitFor(() => late.provider.synced, 5000, 'provider synced');
		expect(late.text.toString()).toBe('persisted');
	});

	it.each(STORES)(
		'R41 store before relay: the server stores each update before it sends it to anyone (%s)',
		async (_name, wrapStore) => {
			const { server, room, a, b } = await syncedPair({ wrapStore });
			const append = vi.spyOn(server.store, 'appendUpdate');
			const send = vi.spyOn(WebSocket.prototype, 'send');
			const storedAtReceipt: string[] = [];
			b.doc.on('update', (_u: Uint8Array, origin: unknown) => {
				if (origin === b.provider) storedAtReceipt.push(storedText(server.store, room));
			});
			a.text.insert(0, 'first');
			await waitFor(() => b.text.toString() === 'first');
			a.text.insert(5, '+second');
			await waitFor(() => b.text.toString() === 'first+second');
			expect(storedAtReceipt).toEqual(['first', 'first+second']);
			// Call order across both spies: every relay by a server socket comes after the matching store.
			const clientSockets = new Set<unknown>([a.provider.ws, b.provider.ws]);
			const relays = send.mock.calls
				.map((args, i) => ({
					data: args[0],
					socket: send.mock.contexts[i],
					at: send.mock.invocationCallOrder[i]!
				}))
				.filter((call) => !clientSockets.has(call.socket) && call.data instanceof Uint8Array)
				.filter((call) => readSync(call.data as Uint8Array)?.step === 2)
				.map((call) => call.at);
			const stores = append.mock.invocationCallOrder;
			expect(stores).toHaveLength(2);
			expect(relays).toHaveLength(2);
			expect(stores[0]!).toBeLessThan(relays[0]!);
			expect(stores[1]!).toBeLessThan(relays[1]!);
			expect(relays[0]!).toBeLessThan(stores[1]!);
		}
	);

	it.each(STORES)(
		'R41 store before relay: an update the store refuses is never relayed; clients re-send it after the reset (%s)',
		async (_name, wrapStore) => {
			const { server, room, a, b } = await syncedPair({ wrapStore });
			vi.spyOn(server.store, 'appendUpdate').mockImplementationOnce(() => {
				throw new Error('disk full');
			});
			let textAtClose: string | null = null;
			b.provider.on('connection-close', (event) => {
				if (event?.code === 1011 && textAtClose === null) textAtClose = b.text.toString();
			});
			a.text.insert(0, 'unsaved');
			await waitFor(() => textAtClose !== null, 5000, 'b closed by the reset');
			expect(textAtClose).toBe('');
			expect(server.logs).toContainEqual(expect.stringContaining('storing an update failed (disk full)'));
			// Both reconnect to a fresh load; a still holds the edit and sends it in its sync step 2.
			await waitFor(() => b.text.toString() === 'unsaved', 10_000, 'b converges after the reset');
			expect(storedText(server.store, room)).toBe('unsaved');
		}
	);

	it('R55: with batched appends, what waits is stored before a sync step 1 is answered with the whole document', async () => {
		let batcher: AppendBatcher | undefined;
		const server = await startServer(tempDir(), {
			wrapStore: (store) => (batcher = new AppendBatcher(store as SqliteRoomStore))
		});
		const room = uniqueRoom();
		const a = connectProvider(server, room);
		await waitFor(() => a.provider.synced);
		a.text.insert(0, 'waiting');
		await waitFor(() => storedText(server.store, room) === 'waiting');
		const flush = vi.spyOn(batcher!, 'flush');
		const b = connectProvider(server, room);
		await waitFor(() => b.provider.synced && b.text.toString() === 'waiting');
		expect(flush).toHaveBeenCalled();
	});

	it('R55: with batched appends, a server-side read (export, version) sees only stored updates', async () => {
		const server = await startServer(tempDir(), {
			wrapStore: (store) => new AppendBatcher(store as SqliteRoomStore)
		});
		const room = uniqueRoom();
		const a = connectProvider(server, room);
		await waitFor(() => a.provider.synced);
		const doc = await server.sync.getDoc(room);
		const seen = new Promise<string>((resolve) =>
			doc.on('update', () => {
				// Applied but, in this turn, not yet committed: the read must store it first.
				void server.sync.withRoom(room, () => storedText(server.store, room)).then(resolve);
			})
		);
		a.text.insert(0, 'read me');
		expect(await seen).toBe('read me');
	});

	it('R40: people opening the map share one encoding of the whole document, made anew after every change', async () => {
		const { server, room, a, b } = await syncedPair();
		/** What a newcomer (holding nothing) gets in answer to its sync step 1. */
		const opening = async () => {
			const raw = await rawClient(`${server.url}/${room}?token=edit`);
			raw.ws.send(message(0, 0, Y.encodeStateVector(new Y.Doc())));
			await waitFor(() => raw.received.some((m) => readSync(m)?.step === 1), 5000, 'sync step 2');
			const doc = new Y.Doc();
			Y.applyUpdate(doc, raw.received.map(readSync).find((m) => m?.step === 1)!.payload);
			raw.ws.close();
			return doc.getText('t').toString();
		};
		a.text.insert(0, 'one');
		await waitFor(() => b.text.toString() === 'one');
		expect(await opening()).toBe('one');
		expect(await opening()).toBe('one');
		a.text.insert(3, ' two');
		await waitFor(() => b.text.toString() === 'one two');
		expect(await opening()).toBe('one two');
		const doc = await server.sync.getDoc(room);
		doc.getText('t').insert(0, '> ');
		expect(await opening()).toBe('> one two');
	});

	it('server-side edits through withRoom are stored and relayed like client edits', async () => {
		const server = await startServer(tempDir());
		const room = uniqueRoom();
		const a = connectProvider(server, room);
		await waitFor(() => a.provider.synced);
		await server.sync.withRoom(room, (doc) => doc.getText('t').insert(0, 'from the API'));
		await waitFor(() => a.text.toString() === 'from the API');
		expect(storedText(server.store, room)).toBe('from the API');
		expect((await server.sync.getDoc(room)).getText('t').toString()).toBe('from the API');
		await expect(server.sync.withRoom('../etc', () => 1)).rejects.toThrow('invalid room id');
	});

	it('R42 view connections never write, but their awareness reaches others and they can read', async () => {
		const server = await startServer(tempDir());
		const room = uniqueRoom();
		const a = connectProvider(server, room);
		await waitFor(() => a.provider.synced);
		a.provider.awareness.setLocalStateField('user', 'editor');
		const viewer = await rawClient(`${server.url}/${room}?token=view`);
		await waitFor(() => viewer.received.length >= 1, 5000, 'server step 1');
		const evil = textUpdate('evil');
		viewer.ws.send(message(0, 1, evil));
		viewer.ws.send(message(0, 2, evil));
		viewer.ws.send(message(1, awarenessUpdate(4242, { user: 'viewer' })));
		await waitFor(() => a.provider.awareness.getStates().has(4242), 5000, 'viewer awareness at a');
		expect(a.text.toString()).toBe('');
		expect(server.store.logLength(room)).toBe(0);
		expect((await server.sync.getDoc(room)).getText('t').toString()).toBe('');
		expect(viewer.closed).toBeNull();

		// Reading still works: an edit from a reaches the viewer.
		const seen = viewer.received.length;
		a.text.insert(0, 'visible');
		await waitFor(() => viewer.received.length > seen, 5000, 'relayed update');
		const relayed = viewer.received
			.slice(seen)
			.map(readSync)
			.find((m) => m?.step === 2);
		const check = new Y.Doc();
		Y.applyUpdate(check, relayed!.payload);
		expect(check.getText('t').toString()).toBe('visible');
	});

	it('R43 malformed message closes only that connection; the room keeps serving, data intact', async () => {
		const { server, room, a, b } = await syncedPair({ limits: { maxMessageBytes: 4096 } });
		a.text.insert(0, 'keep');
		await waitFor(() => b.text.toString() === 'keep');
		const garbage = new Uint8Array([5, 200, 200, 200, 1]);
		expect(() => Y.decodeUpdate(garbage)).toThrow();
		const bad: (Uint8Array | string)[] = [
			new Uint8Array([]),
			new Uint8Array([0]),
			new Uint8Array([0, 2, 50, 1, 2]),
			message(0, 2, garbage),
			message(0, 7, new Uint8Array([1])),
			message(0, 0, new Uint8Array([3, 1])),
			new Uint8Array([1, 3, 1, 2]),
			message(1, message(1, 99, 1) /* truncated: no state string */),
			message(9),
			'a text frame'
		];
		for (const data of bad) {
			const raw = await rawClient(`${server.url}/${room}?token=edit&secret=SECRET-123`);
			raw.ws.send(data);
			await waitFor(() => raw.closed !== null, 5000, `close after ${String(data)}`);
			expect([1003, 1008]).toContain(raw.closed!.code);
		}
		const huge = await rawClient(`${server.url}/${room}?token=edit`);
		huge.ws.send(message(0, 2, new Uint8Array(5000)));
		await waitFor(() => huge.closed !== null, 5000, 'close after an oversized message');
		expect(huge.closed!.code).toBe(1009);
		await waitFor(() => server.sync.connectionCount() === 2, 5000, 'only a and b left');
		expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
		b.text.insert(4, '!');
		await waitFor(() => a.text.toString() === 'keep!', 5000, 'room still relays');
		expect(storedText(server.store, room)).toBe('keep!');
		expect(server.logs.some((line) => line.includes('closing connection'))).toBe(true);
		expect(server.logs.filter((line) => /SECRET|token=/.test(line))).toEqual([]);
	});
});

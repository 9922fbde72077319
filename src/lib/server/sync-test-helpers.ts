/**
 * Test fixtures for the sync server: a real HTTP server on a free port, real y-websocket providers,
 * raw `ws` clients that speak (or break) the protocol by hand, and polling waits instead of sleeps.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { RoomStore } from './persistence';
import { SyncServer, type SyncServerOptions, type SyncStore, type Verdict } from './sync-server';

/** Resolves once `cond()` holds; fails with `what` after `timeoutMs`. Polls, so slow machines only wait longer. */
export async function waitFor(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!cond()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** Only for asserting that something does NOT happen within a time span. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;
/** A room id no other test uses. */
export const uniqueRoom = () => `room-${process.pid}-${++counter}`;

/** The test authorizer: `?token=edit|view` grants access, `missing` is 401, anything else 403. */
export async function tokenAuthorize(_room: string, req: http.IncomingMessage): Promise<Verdict> {
	const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
	if (token === 'edit' || token === 'view') return { ok: true, access: token };
	if (token === 'missing' || token === null) return { ok: false, status: 401, reason: 'no token' };
	return { ok: false, status: 403, reason: 'wrong token' };
}

const cleanups: (() => Promise<void> | void)[] = [];

/** Registers a cleanup for {@link cleanupAll}. */
export function onCleanup(fn: () => Promise<void> | void): void {
	cleanups.push(fn);
}

/** Runs (newest first) every cleanup registered by the helpers; call from afterEach. */
export async function cleanupAll(): Promise<void> {
	while (cleanups.length > 0) await cleanups.pop()!();
}

/** A fresh temporary data folder, removed by {@link cleanupAll}. */
export function tempDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argmap-sync-'));
	cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
	return dir;
}

export interface TestServer {
	sync: SyncServer;
	/** The real store underneath (even when the server was given a wrapper). */
	store: RoomStore;
	port: number;
	/** Base URL for WebsocketProvider: `ws://127.0.0.1:<port>/yjs`. */
	url: string;
	logs: string[];
	/** Closes sync server, HTTP server and store (also done by cleanupAll). Idempotent. */
	stop(): Promise<void>;
}

/** Starts a SyncServer behind a real HTTP server on 127.0.0.1:0; non-sync upgrades get 404. */
export async function startServer(
	dataDir: string,
	opts: Partial<SyncServerOptions> & { wrapStore?: (store: RoomStore) => SyncStore } = {}
): Promise<TestServer> {
	const { wrapStore, ...options } = opts;
	const store = new RoomStore(dataDir);
	const logs: string[] = [];
	const sync = new SyncServer({
		authorize: tokenAuthorize,
		log: (msg) => logs.push(msg),
		...options,
		store: wrapStore ? wrapStore(store) : store
	});
	const server = http.createServer((_req, res) => res.writeHead(404).end());
	server.on('upgrade', (req, socket, head) => {
		if (!sync.handleUpgrade(req, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	let stopped: Promise<void> | undefined;
	const stop = () =>
		(stopped ??= (async () => {
			await sync.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
			store.close();
		})());
	cleanups.push(stop);
	return { sync, store, port, url: `ws://127.0.0.1:${port}/yjs`, logs, stop };
}

/** A real y-websocket client (BroadcastChannel off, so it can only sync through the server). */
export function connectProvider(server: TestServer, room: string, token = 'edit') {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(server.url, room, doc, {
		connect: true,
		params: { token },
		disableBc: true,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
	});
	cleanups.push(() => {
		provider.destroy();
		doc.destroy();
	});
	return { doc, provider, text: doc.getText('t') };
}

/** A server on a fresh data folder with two synced providers in a new room. */
export async function syncedPair(opts: Parameters<typeof startServer>[1] = {}) {
	const server = await startServer(tempDir(), opts);
	const room = uniqueRoom();
	const a = connectProvider(server, room);
	const b = connectProvider(server, room);
	await waitFor(() => a.provider.synced && b.provider.synced, 5000, 'both synced');
	return { server, room, a, b };
}

export interface RawClient {
	ws: WebSocket;
	received: Uint8Array[];
	closed: { code: number; reason: string } | null;
}

/** A bare `ws` client; resolves once open. */
export async function rawClient(url: string, options: WebSocket.ClientOptions = {}): Promise<RawClient> {
	const ws = new WebSocket(url, options);
	const client: RawClient = { ws, received: [], closed: null };
	ws.on('message', (data: Buffer) => client.received.push(new Uint8Array(data)));
	ws.on('close', (code, reason) => (client.closed = { code, reason: reason.toString() }));
	ws.on('error', () => {});
	cleanups.push(() => ws.terminate());
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
	});
	return client;
}

/** Builds a protocol message: `[type, ...varUints | byte arrays]`. */
export function message(...parts: (number | Uint8Array)[]): Uint8Array {
	const encoder = encoding.createEncoder();
	for (const part of parts) {
		if (typeof part === 'number') encoding.writeVarUint(encoder, part);
		else encoding.writeVarUint8Array(encoder, part);
	}
	return encoding.toUint8Array(encoder);
}

/** Splits a sync message into its step (0, 1, 2) and payload; null for other message types. */
export function readSync(data: Uint8Array): { step: number; payload: Uint8Array } | null {
	const decoder = decoding.createDecoder(data);
	if (decoding.readVarUint(decoder) !== 0) return null;
	return { step: decoding.readVarUint(decoder), payload: decoding.readVarUint8Array(decoder) };
}

/** The HTTP status an upgrade request to `path` is answered with. */
export function upgradeStatus(port: number, path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = http.request({
			host: '127.0.0.1',
			port,
			path,
			headers: {
				Connection: 'Upgrade',
				Upgrade: 'websocket',
				'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
				'Sec-WebSocket-Version': '13'
			}
		});
		req.on('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('upgrade', (_res, socket) => {
			socket.destroy();
			resolve(101);
		});
		req.on('error', reject);
		req.end();
	});
}

/** A document update made by its own client, writing `text` into the shared text 't'. */
export function textUpdate(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

/** The text 't' of a stored room, as the store would load it. */
export function storedText(store: RoomStore, room: string): string {
	const doc = new Y.Doc();
	const { update } = store.loadRoom(room);
	if (update) Y.applyUpdate(doc, update);
	const text = doc.getText('t').toString();
	doc.destroy();
	return text;
}

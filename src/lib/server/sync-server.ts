import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { isId } from '../model';
import { CLOSE } from './sync-protocol';
import type { Access, Conn } from './sync-conn';
import { Room, type SyncStore } from './sync-room';

export type { Access } from './sync-conn';
export type { SyncStore } from './sync-room';

/** The outcome of authorizing one upgrade request. */
export type Verdict = { ok: true; access: Access } | { ok: false; status: number; reason: string };

export interface SyncServerOptions {
	/** Usually a {@link RoomStore}. The server never closes it: its owner does, after {@link SyncServer.close}. */
	store: SyncStore;
	/** Decides who may open a room and whether they may write. Throwing counts as a 500 refusal. */
	authorize(roomId: string, req: http.IncomingMessage): Promise<Verdict>;
	/** Receives one line per notable event; never the request's query string (it carries tokens). */
	log?: (msg: string) => void;
	pingIntervalMs?: number;
	unloadGraceMs?: number;
	compactEvery?: number;
	maxMessageBytes?: number;
}

/** The URL path prefix of sync connections: `/yjs/<roomId>`. */
export const SYNC_PATH = '/yjs/';

/** How often sockets are pinged; one missed pong and the socket is dropped (ms). Proxies often cut idle sockets at 60 s. */
const DEFAULT_PING_INTERVAL_MS = 30_000;
/** How long an empty room stays loaded, so a page reload does not pay for a fresh load (ms). */
const DEFAULT_UNLOAD_GRACE_MS = 30_000;
/** Log rows after which a room writes a snapshot: bounds load time and disk use, costs one full encode. */
const DEFAULT_COMPACT_EVERY = 500;
/** Largest accepted message (bytes): a pasted map fits easily; bigger frames are closed with 1009 by ws. */
const DEFAULT_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/** How long close() waits for clients to answer the close handshake before cutting the sockets (ms). */
const CLOSE_WAIT_MS = 2_000;

/**
 * The y-websocket protocol over persisted rooms: authorization at upgrade, load before the first
 * reply, store before relay, read-only connections, dead-socket detection and idle unloading.
 */
export class SyncServer {
	private readonly rooms = new Map<string, Room>();
	private readonly conns = new Set<Conn>();
	private readonly wss: WebSocketServer;
	private readonly log: (msg: string) => void;
	private readonly pinger: NodeJS.Timeout;
	private closing: Promise<void> | null = null;

	constructor(private readonly opts: SyncServerOptions) {
		this.log = opts.log ?? ((msg) => console.log(`[sync] ${msg}`));
		this.wss = new WebSocketServer({
			noServer: true,
			maxPayload: opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
		});
		this.pinger = setInterval(() => this.ping(), opts.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS);
		this.pinger.unref();
	}

	/**
	 * Takes an HTTP upgrade if its path is `/yjs/<roomId>`; returns false otherwise so another
	 * handler (e.g. Vite's HMR) can take it. Bad room ids get 400, refusals the authorizer's status;
	 * neither loads a room.
	 */
	handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): boolean {
		const path = (req.url ?? '').split('?')[0] ?? '';
		if (!path.startsWith(SYNC_PATH)) return false;
		const roomId = path.slice(SYNC_PATH.length);
		// A client that vanishes mid-handshake must not crash the process with an unhandled 'error'.
		socket.on('error', () => {});
		if (this.closing) {
			refuse(socket, 503);
		} else if (!isId(roomId)) {
			this.log('refused upgrade: invalid room id');
			refuse(socket, 400);
		} else {
			void this.admit(roomId, req, socket, head);
		}
		return true;
	}

	private async admit(
		roomId: string,
		req: http.IncomingMessage,
		socket: Duplex,
		head: Buffer
	): Promise<void> {
		let verdict: Verdict;
		try {
			verdict = await this.opts.authorize(roomId, req);
		} catch (error) {
			this.log(`room ${roomId}: authorize failed (${error instanceof Error ? error.name : 'error'})`);
			refuse(socket, 500);
			return;
		}
		if (!verdict.ok) {
			this.log(`room ${roomId}: refused ${verdict.status} (${verdict.reason})`);
			refuse(socket, verdict.status);
		} else if (this.closing) {
			refuse(socket, 503);
		} else if (socket.destroyed) {
			this.log(`room ${roomId}: client left during authorization`);
		} else {
			const access = verdict.access;
			this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, roomId, access));
		}
	}

	private attach(ws: WebSocket, roomId: string, access: Access): void {
		if (this.closing) {
			ws.close(CLOSE.GOING_AWAY, 'server shutting down');
			return;
		}
		const room = this.room(roomId);
		const conn: Conn = { ws, access, room, clientIds: new Set(), alive: true, queue: [] };
		this.conns.add(conn);
		ws.on('pong', () => (conn.alive = true));
		ws.on('message', (data: RawData, isBinary: boolean) => {
			if (isBinary) room.receive(conn, toBytes(data));
			else room.closeConn(conn, CLOSE.UNSUPPORTED, 'text message');
		});
		ws.on('close', () => this.drop(conn));
		ws.on('error', (error) => this.log(`room ${roomId}: socket error (${error.message})`));
		room.addConn(conn);
	}

	private drop(conn: Conn): void {
		if (this.conns.delete(conn)) conn.room.removeConn(conn);
	}

	/** The loaded room, or a new one that starts loading now. */
	private room(roomId: string): Room {
		const existing = this.rooms.get(roomId);
		if (existing) return existing;
		const room = new Room(roomId, {
			store: this.opts.store,
			log: this.log,
			compactEvery: this.opts.compactEvery ?? DEFAULT_COMPACT_EVERY,
			unloadGraceMs: this.opts.unloadGraceMs ?? DEFAULT_UNLOAD_GRACE_MS,
			onGone: (gone) => {
				if (this.rooms.get(gone.id) === gone) this.rooms.delete(gone.id);
			}
		});
		this.rooms.set(roomId, room);
		return room;
	}

	private ping(): void {
		for (const conn of this.conns) {
			if (!conn.alive) {
				this.log(`room ${conn.room.id}: no pong since the last ping, dropping connection`);
				conn.ws.terminate();
				this.drop(conn);
			} else {
				conn.alive = false;
				conn.ws.ping();
			}
		}
	}

	/** Rooms loaded or loading. */
	roomCount(): number {
		return this.rooms.size;
	}

	/** Open sync sockets over all rooms. */
	connectionCount(): number {
		return this.conns.size;
	}

	/**
	 * Runs `fn` on the room's live document, loading the room first and keeping it loaded until `fn`
	 * settles. Changes made in `fn` are stored and relayed exactly like a client's. Throws if the
	 * room id is invalid, the server is closed, or the room could not be loaded or stored.
	 */
	async withRoom<T>(roomId: string, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
		if (!isId(roomId)) throw new Error('invalid room id');
		if (this.closing) throw new Error('sync server is closed');
		const room = this.room(roomId);
		room.hold();
		try {
			await room.ready;
			if (!room.isServing()) throw new Error(`room ${roomId} is unavailable`);
			const result = await fn(room.doc);
			if (room.state === 'broken') throw new Error(`room ${roomId}: changes could not be stored`);
			return result;
		} finally {
			room.release();
		}
	}

	/**
	 * The room's live document (loaded if needed). It stays valid while the room is loaded, at least
	 * `unloadGraceMs` after this call; prefer {@link withRoom}, which pins the room while it works.
	 */
	getDoc(roomId: string): Promise<Y.Doc> {
		return this.withRoom(roomId, (doc) => doc);
	}

	/**
	 * Stops accepting, closes every socket with 1001, compacts every loaded room and frees it.
	 * Resolves when all sockets are closed. Idempotent. Does not close the store.
	 */
	close(): Promise<void> {
		this.closing ??= this.shutdown();
		return this.closing;
	}

	private async shutdown(): Promise<void> {
		clearInterval(this.pinger);
		const sockets = [...this.conns].map((conn) => conn.ws);
		const closed = Promise.all(sockets.map((ws) => waitClosed(ws)));
		for (const ws of sockets) ws.close(CLOSE.GOING_AWAY, 'server shutting down');
		for (const room of [...this.rooms.values()]) room.unload(CLOSE.GOING_AWAY);
		this.rooms.clear();
		const timer = setTimeout(() => sockets.forEach((ws) => ws.terminate()), CLOSE_WAIT_MS);
		await closed;
		clearTimeout(timer);
		this.conns.clear();
		this.wss.close();
	}
}

/** Answers an upgrade with a plain HTTP error and hangs up. */
function refuse(socket: Duplex, status: number): void {
	const code = Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
	if (!socket.writable) {
		socket.destroy();
		return;
	}
	// Destroy only once the answer is flushed, or the client sees a reset instead of the status.
	socket.once('finish', () => socket.destroy());
	socket.end(
		`HTTP/1.1 ${code} ${http.STATUS_CODES[code] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
	);
}

function waitClosed(ws: WebSocket): Promise<void> {
	if (ws.readyState === ws.CLOSED) return Promise.resolve();
	return new Promise((resolve) => ws.once('close', () => resolve()));
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

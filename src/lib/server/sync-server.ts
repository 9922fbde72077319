import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type * as Y from 'yjs';
import { isId } from '../model';
import { personOf, type HistoryHooks } from './history';
import { DEFAULT_LIMITS, TokenBucket, type Limits } from './limits';
import type { ClusterHub } from './sync-cluster';
import { CLOSE } from './sync-protocol';
import { toBytes, waitClosed, type Access, type Conn } from './sync-conn';
import { UpgradeGate, type Verdict } from './sync-gate';
import { Room, type SyncStore } from './sync-room';

export type { Access } from './sync-conn';
export type { Verdict } from './sync-gate';
export { SYNC_PATH } from './sync-gate';
export type { SyncStore } from './sync-room';

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
	/** Overrides of {@link DEFAULT_LIMITS}. */
	limits?: Partial<Limits>;
	/** Several processes share the rooms (README: Running several processes); `store` must be `cluster.store`. */
	cluster?: ClusterHub;
	/** Told of each edit of a map, before and after it is applied, with who made it (the map's history). */
	history?: HistoryHooks;
}

/** How often sockets are pinged; one missed pong and the socket is dropped (ms). Proxies often cut idle sockets at 60 s. */
const DEFAULT_PING_INTERVAL_MS = 30_000;
/** How long an empty room stays loaded, so a page reload does not pay for a fresh load (ms). */
const DEFAULT_UNLOAD_GRACE_MS = 30_000;
/** Log rows after which a room writes a snapshot: bounds load time and disk use, costs one full encode. */
const DEFAULT_COMPACT_EVERY = 500;
/** Slowest and fastest idle sweep (ms): a quarter of the idle timeout, so a socket overstays it by at most 25 %. */
const SWEEP_MIN_MS = 20;
const SWEEP_MAX_MS = 30_000;
/** How long close() waits for clients to answer the close handshake before cutting the sockets (ms). */
const CLOSE_WAIT_MS = 2_000;

/**
 * The y-websocket protocol over persisted rooms: authorization at upgrade, load before the first
 * reply, store before relay, read-only connections, dead-socket detection and idle unloading.
 */
export class SyncServer {
	private readonly rooms = new Map<string, Room>();
	private readonly conns = new Set<Conn>();
	private readonly gate: UpgradeGate;
	private readonly log: (msg: string) => void;
	private readonly pinger: NodeJS.Timeout;
	private readonly sweeper: NodeJS.Timeout;
	private readonly limits: Limits;
	private closing: Promise<void> | null = null;

	constructor(private readonly opts: SyncServerOptions) {
		this.log = opts.log ?? ((msg) => console.log(`[sync] ${msg}`));
		this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
		this.gate = new UpgradeGate({
			authorize: opts.authorize,
			log: this.log,
			limits: this.limits,
			closing: () => this.closing !== null,
			admitted: (ws, roomId, access, credential) => this.attach(ws, roomId, access, credential)
		});
		this.pinger = setInterval(() => this.ping(), opts.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS);
		this.pinger.unref();
		const sweepMs = Math.min(SWEEP_MAX_MS, Math.max(SWEEP_MIN_MS, this.limits.idleTimeoutMs / 4));
		this.sweeper = setInterval(() => this.closeIdle(), sweepMs);
		this.sweeper.unref();
		opts.cluster?.onRevoke((roomId) => this.recheck(roomId));
	}

	/**
	 * Takes an HTTP upgrade if its path is `/yjs/<roomId>`; returns false otherwise so another
	 * handler (e.g. Vite's HMR) can take it. Bad room ids get 400, an address over its connection
	 * limit 429, refusals the authorizer's status; none of them loads a room.
	 */
	handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): boolean {
		return this.gate.handleUpgrade(req, socket, head);
	}

	private attach(ws: WebSocket, roomId: string, access: Access, credential: string | undefined): void {
		if (this.closing) {
			ws.close(CLOSE.GOING_AWAY, 'server shutting down');
			return;
		}
		const room = this.room(roomId);
		const { ratePerSecond, rateBurst } = this.limits;
		const conn: Conn = {
			ws,
			access,
			credential,
			room,
			clientIds: new Set(),
			bucket: new TokenBucket(ratePerSecond, rateBurst),
			lastSeen: Date.now(),
			alive: true,
			queue: []
		};
		this.conns.add(conn);
		ws.on('pong', () => (conn.alive = true));
		ws.on('message', (data: RawData, isBinary: boolean) => {
			// A socket being closed still delivers what it had buffered: one close, one log line.
			if (ws.readyState !== ws.OPEN) return;
			conn.lastSeen = Date.now();
			if (!conn.bucket.take()) room.closeConn(conn, CLOSE.POLICY, 'message rate limit exceeded');
			else if (isBinary) room.receive(conn, toBytes(data));
			else room.closeConn(conn, CLOSE.UNSUPPORTED, 'text message');
		});
		ws.on('close', () => this.drop(conn));
		// Includes ws's own refusals, e.g. "Max payload size exceeded" before it closes with 1009.
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
			maxDocBytes: this.limits.maxDocBytes,
			cluster: this.opts.cluster,
			onEdit: (r, conn) => this.opts.history?.before(r.id, r.doc, personOf(r.awareness, conn.clientIds)),
			onChange: (r, conn) =>
				this.opts.history?.changed(r.id, conn && personOf(r.awareness, conn.clientIds), conn !== null),
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

	/** Closes sockets that sent nothing for the idle timeout (R68). */
	private closeIdle(): void {
		const cutoff = Date.now() - this.limits.idleTimeoutMs;
		for (const conn of this.conns) {
			if (conn.lastSeen < cutoff && conn.ws.readyState === conn.ws.OPEN) {
				conn.room.closeConn(conn, CLOSE.IDLE, 'idle timeout');
			}
		}
	}

	/**
	 * Closes the room's open connections that `match` (say, those admitted with a replaced token)
	 * with `code` and `reason`; upgrades being authorized at this moment are checked again.
	 * Returns how many connections were closed.
	 */
	disconnect(
		roomId: string,
		match: (conn: { access: Access; credential: string | undefined }) => boolean,
		code: number,
		reason: string
	): number {
		this.gate.revoke(roomId);
		this.opts.cluster?.revoke(roomId);
		let closed = 0;
		for (const conn of this.conns) {
			if (conn.room.id !== roomId || conn.ws.readyState !== conn.ws.OPEN || !match(conn)) continue;
			conn.room.closeConn(conn, code, reason);
			closed++;
		}
		return closed;
	}

	/**
	 * Another process replaced the room's links or deleted it (R199): upgrades being authorized are
	 * checked again, and each open session is checked against the map as it is now.
	 */
	private recheck(roomId: string): void {
		this.gate.revoke(roomId);
		if (![...this.conns].some((conn) => conn.room.id === roomId)) return;
		let map: ReturnType<ClusterHub['lookup']>;
		try {
			map = this.opts.cluster!.lookup(roomId);
		} catch (error) {
			this.log(
				`room ${roomId}: cannot re-check sessions (${error instanceof Error ? error.message : String(error)})`
			);
			return;
		}
		for (const conn of [...this.conns]) {
			if (conn.room.id !== roomId || conn.ws.readyState !== conn.ws.OPEN) continue;
			if (!map || map.deletedAt !== null) conn.room.closeConn(conn, CLOSE.GONE, 'map was deleted');
			else if (conn.credential === undefined || ![map.editHash, map.viewHash].includes(conn.credential)) {
				conn.room.closeConn(conn, CLOSE.POLICY, 'link was replaced');
			}
		}
	}

	/** Whether the room is loaded or loading (e.g. so a purge leaves it alone). */
	isLoaded(roomId: string): boolean {
		return this.rooms.has(roomId);
	}

	/** Open or pending sync sockets from one client address. */
	connectionsFrom(address: string): number {
		return this.gate.connectionsFrom(address);
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
			room.flushStore(); // fn may export or version the document: nothing in it may be unstored (R55)
			const result = await fn(room.doc);
			await room.settled();
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
		clearInterval(this.sweeper);
		const sockets = [...this.conns].map((conn) => conn.ws);
		const closed = Promise.all(sockets.map((ws) => waitClosed(ws)));
		for (const ws of sockets) ws.close(CLOSE.GOING_AWAY, 'server shutting down');
		for (const room of [...this.rooms.values()]) room.unload(CLOSE.GOING_AWAY);
		this.rooms.clear();
		const timer = setTimeout(() => sockets.forEach((ws) => ws.terminate()), CLOSE_WAIT_MS);
		await closed;
		clearTimeout(timer);
		this.conns.clear();
		this.gate.close();
	}
}

import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { LoadedRoom } from './persistence';
import type { ClusterHub, RoomLink } from './sync-cluster';
import { Step2Answers } from './sync-answer';
import { send, type Conn } from './sync-conn';
import { RoomLog, type RoomLogOptions } from './sync-log';
import {
	CLOSE,
	ProtocolError,
	type ClientMessage,
	awarenessMessage,
	parseClientMessage,
	syncStep1Message,
	updateMessage
} from './sync-protocol';

export type { SyncStore } from './sync-log';

export interface RoomOptions extends RoomLogOptions {
	unloadGraceMs: number;
	/** Called once when the room is gone (unloaded or broken): the server forgets it. */
	onGone: (room: Room) => void;
	/** Called before an edit connection's update is applied (the map's history, R146). Must not throw. */
	onEdit?: (room: Room, conn: Conn) => void;
	/** Called when the document changed, with the connection that changed it (null: the server or another process). */
	onChange?: (room: Room, conn: Conn | null) => void;
	/** Set when several processes share rooms: `store` is then the hub's shared store. */
	cluster?: ClusterHub;
}

/** Origin of updates another process stored: relayed here, never stored again. */
const REMOTE = { remote: true };

/**
 * One loaded document with its connections. Invariants: nothing is answered before the persisted
 * state is loaded; every update (from a client or the server) is appended to the store before any
 * connection is sent it; memory never runs ahead of the store (a failed append resets the room).
 */
export class Room {
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly conns = new Set<Conn>();
	state: 'loading' | 'ready' | 'broken' | 'unloaded' = 'loading';
	/** Resolves when loading ends, successfully or not: check `state`. */
	readonly ready: Promise<void>;
	private holds = 0;
	private unloadTimer: NodeJS.Timeout | undefined;
	private readonly storage: RoomLog;
	/** Set while applying a client update that may release other clients' pending structs. */
	private echoToOrigin = false;
	/** Cluster mode: this room's link to the other processes, and the stored-then-applied chain. */
	private link: RoomLink | null = null;
	private chain: Promise<void> = Promise.resolve();
	/** Set while applying an update that is already stored (cluster mode). */
	private applyingStored = false;
	private readonly answers = new Step2Answers(this.doc);

	constructor(
		readonly id: string,
		private readonly opts: RoomOptions
	) {
		this.storage = new RoomLog(id, opts);
		// The server is a relay, not a participant: it has no presence of its own.
		this.awareness.setLocalState(null);
		this.ready = this.load();
	}

	private async load(): Promise<void> {
		let loaded: LoadedRoom;
		if (this.opts.cluster) {
			this.link = this.opts.cluster.join(this.linked());
			await this.link.subscribed;
		}
		try {
			// A microtask later, so the server has registered the room and attached its first socket
			// before any outcome (even a synchronous throw) is acted on.
			loaded = await Promise.resolve().then(() => this.opts.store.loadRoom(this.id));
		} catch (error) {
			this.fail(`loading failed (${errorText(error)})`);
			return;
		}
		if (this.state !== 'loading') return;
		for (const problem of loaded.problems)
			this.opts.log(`room ${this.id}: skipped unreadable data: ${problem}`);
		// Applied before the update handler exists: loading must not append the state to the log again.
		if (loaded.update) Y.applyUpdate(this.doc, loaded.update);
		this.storage.loaded(loaded);
		this.doc.on('update', this.onUpdate);
		this.awareness.on('update', this.onAwareness);
		this.state = 'ready';
		// Every waiting socket gets the loaded state before any queued message can produce updates.
		const waiting = [...this.conns];
		for (const conn of waiting) this.start(conn);
		for (const conn of waiting) {
			const queue = conn.queue ?? [];
			conn.queue = null;
			for (const data of queue) if (this.conns.has(conn)) this.handle(conn, data);
		}
		this.link?.loaded(loaded.uptoSeq);
		if (this.storage.due()) this.compact();
		this.checkIdle();
	}

	/** Adds an upgraded socket; it is served once the room is loaded. */
	addConn(conn: Conn): void {
		this.cancelUnload();
		this.conns.add(conn);
		if (this.state === 'ready') {
			conn.queue = null;
			this.start(conn);
		}
	}

	/** Forgets a closed socket and announces that its users left. Idempotent. */
	removeConn(conn: Conn): void {
		if (!this.conns.delete(conn)) return;
		if (this.state === 'ready' && conn.clientIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.clientIds], null);
		}
		this.checkIdle();
	}

	/** Takes one binary message from a socket, queueing it while the room loads. */
	receive(conn: Conn, data: Uint8Array): void {
		// A socket being closed still delivers what it had received: ignore it.
		if (!this.conns.has(conn)) return;
		if (conn.queue) conn.queue.push(data);
		else if (this.state === 'ready') this.handle(conn, data);
	}

	/** Loaded and storing: its document may be read and written. */
	isServing(): boolean {
		return this.state === 'ready';
	}

	/** Keeps the room loaded (e.g. during a server-side edit) until the matching {@link release}. */
	hold(): void {
		this.holds++;
		this.cancelUnload();
	}

	/** Ends one {@link hold}; the last one starts the unload grace if nobody is connected. */
	release(): void {
		this.holds--;
		this.checkIdle();
	}

	/** Closes one socket, logging only the room and the reason. */
	closeConn(conn: Conn, code: number, reason: string): void {
		this.opts.log(`room ${this.id}: closing connection (${reason})`);
		conn.ws.close(code, reason.slice(0, 100));
		this.removeConn(conn);
	}

	/** Writes a snapshot of the whole document and prunes the log it covers. */
	compact(): void {
		if (this.state !== 'ready') return;
		if (this.link) this.storage.compact(this.doc, this.link.watermark());
		else this.storage.compact(this.doc);
	}

	/** Stores at once what the per-turn batch holds (R55): call before the whole document leaves the room. */
	flushStore(): void {
		this.opts.store.flush?.();
	}

	/** Resolves once every change made so far is stored and relayed (at once with a synchronous store). */
	settled(): Promise<void> {
		return this.chain;
	}

	/** Compacts (unless broken), closes remaining sockets with `code` and frees the document. Idempotent. */
	unload(code: number = CLOSE.GOING_AWAY): void {
		if (this.state === 'unloaded' || this.state === 'broken') return;
		this.compact();
		this.teardown('unloaded', code, 'room closed');
		this.doc.destroy();
	}

	private teardown(state: 'unloaded' | 'broken', code: number, reason: string): void {
		this.state = state;
		this.cancelUnload();
		this.link?.stop();
		for (const conn of this.conns) conn.ws.close(code, reason);
		this.conns.clear();
		this.doc.off('update', this.onUpdate);
		this.awareness.off('update', this.onAwareness);
		this.opts.onGone(this);
	}

	private cancelUnload(): void {
		clearTimeout(this.unloadTimer);
		this.unloadTimer = undefined;
	}

	private checkIdle(): void {
		if (this.state !== 'ready' || this.conns.size > 0 || this.holds > 0 || this.unloadTimer) return;
		this.unloadTimer = setTimeout(() => {
			this.unloadTimer = undefined;
			if (this.conns.size === 0 && this.holds === 0) this.unload();
		}, this.opts.unloadGraceMs);
		this.unloadTimer.unref();
	}

	private start(conn: Conn): void {
		send(conn, syncStep1Message(this.doc));
		if (this.awareness.getStates().size > 0) {
			send(conn, awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
		}
	}

	private handle(conn: Conn, data: Uint8Array): void {
		let message: ClientMessage;
		try {
			message = parseClientMessage(data);
		} catch (error) {
			const reason = error instanceof ProtocolError ? error.reason : errorText(error);
			this.closeConn(conn, error instanceof ProtocolError ? error.code : CLOSE.UNSUPPORTED, reason);
			return;
		}
		switch (message.kind) {
			case 'sync-step-1':
				// The answer carries the whole document: what it holds must be on disk first (R41, R55).
				this.flushStore();
				send(conn, this.answers.for(message));
				break;
			case 'update':
				// View connections may read, never write: their edits are dropped, not refused, so a
				// read-only client that edits locally is not disconnected in a loop.
				if (conn.access !== 'edit') break;
				if (!this.storage.fits(this.doc, message.update)) {
					// Refused whole, before it touches the document: the room's data stays as it was.
					this.closeConn(conn, CLOSE.MAP_FULL, 'map is full');
					break;
				}
				this.opts.onEdit?.(this, conn);
				if (this.link) {
					this.storeThenApply(conn, message.update);
					break;
				}
				this.echoToOrigin = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
				try {
					Y.applyUpdate(this.doc, message.update, conn);
				} catch (error) {
					this.closeConn(conn, CLOSE.UNSUPPORTED, `update rejected (${errorText(error)})`);
				} finally {
					this.echoToOrigin = false;
				}
				break;
			case 'awareness':
				awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, conn);
				break;
			case 'query-awareness':
				send(conn, awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
				break;
		}
	}

	/** Every change to the document, whatever its origin: store it, then relay it. */
	private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
		this.answers.changed();
		if (this.state !== 'ready') return;
		this.opts.onChange?.(this, this.conns.has(origin as Conn) ? (origin as Conn) : null);
		if (origin === REMOTE || this.applyingStored) {
			if (origin === REMOTE) this.storage.grew(update.length);
			this.relay(update, origin);
			return;
		}
		// The document has the change already; the sockets get it once it is stored (R41). With a shared
		// store, a change made here (e.g. a rename through the API) also goes to the other processes.
		const link = this.link;
		const echo = this.echoToOrigin;
		this.afterStore(update, (seq) => {
			link?.stored(seq, update);
			this.relay(update, origin, echo);
		});
	};

	private relay(update: Uint8Array, origin: unknown, echo = this.echoToOrigin): void {
		const message = updateMessage(update);
		// The sender already has its own edit, unless the update also released structs it never sent.
		for (const conn of this.conns) if (conn !== origin || echo) send(conn, message);
		if (this.storage.due()) this.compact();
	}

	/**
	 * Appends `update`, then runs `then` with its seq: at once when the store is synchronous (SQLite
	 * directly), otherwise once it is stored, in the order the updates arrived (the per-turn batch of
	 * append-batch.ts, the shared store of several processes; appends run side by side). A failed
	 * append breaks the room.
	 */
	private afterStore(update: Uint8Array, then: (seq: number) => void): void {
		let appended: number | Promise<number>;
		try {
			appended = this.opts.store.appendUpdate(this.id, update);
		} catch (error) {
			this.fail(`storing an update failed (${errorText(error)})`);
			return;
		}
		if (typeof appended === 'number') {
			this.storage.stored(appended, update.length);
			then(appended);
			return;
		}
		const stored = appended;
		stored.catch(() => {}); // handled in the chain below, in order
		this.chain = this.chain.then(async () => {
			let seq: number;
			try {
				seq = await stored;
			} catch (error) {
				this.fail(`storing an update failed (${errorText(error)})`);
				return;
			}
			if (this.state !== 'ready') return;
			this.storage.stored(seq, update.length);
			then(seq);
		});
	}

	/** Cluster mode: a client's update is stored first, then published, applied and relayed (R41, R191). */
	private storeThenApply(conn: Conn, update: Uint8Array): void {
		try {
			// Garbage must not reach the shared store, where every process would meet it.
			Y.decodeUpdate(update);
		} catch (error) {
			this.closeConn(conn, CLOSE.UNSUPPORTED, `update rejected (${errorText(error)})`);
			return;
		}
		const link = this.link!;
		this.afterStore(update, (seq) => {
			link.stored(seq, update);
			this.echoToOrigin = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
			this.applyingStored = true;
			try {
				Y.applyUpdate(this.doc, update, conn);
			} catch (error) {
				this.closeConn(conn, CLOSE.UNSUPPORTED, `update rejected (${errorText(error)})`);
			} finally {
				this.applyingStored = false;
				this.echoToOrigin = false;
			}
		});
	}

	/** What the cluster link may do to this room. */
	private linked() {
		return {
			id: this.id,
			applyRemote: (update: Uint8Array) => {
				if (this.state === 'ready') Y.applyUpdate(this.doc, update, REMOTE);
			},
			applyRemoteAwareness: (update: Uint8Array) => {
				if (this.state === 'ready') awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
			},
			localAwareness: () => {
				const ids = [...this.conns].flatMap((conn) => [...conn.clientIds]);
				return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
			},
			log: (msg: string) => this.opts.log(`room ${this.id}: ${msg}`)
		};
	}

	private readonly onAwareness = (
		change: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const conn = this.conns.has(origin as Conn) ? (origin as Conn) : null;
		for (const id of [...change.added, ...change.updated]) conn?.clientIds.add(id);
		for (const id of change.removed) conn?.clientIds.delete(id);
		const changed = [...change.added, ...change.updated, ...change.removed];
		const message = awarenessMessage(this.awareness, changed);
		for (const other of this.conns) if (other !== conn) send(other, message);
		if (this.link && origin !== REMOTE) {
			this.link.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
		}
	};

	/**
	 * The store refused: drop the room without compacting so memory never runs ahead of disk. The
	 * clients reconnect to a fresh load and re-send what the store lacks from their own copies.
	 */
	private fail(reason: string): void {
		if (this.state === 'broken' || this.state === 'unloaded') return;
		this.opts.log(`room ${this.id}: ${reason}; closing the room`);
		this.teardown('broken', CLOSE.INTERNAL, 'storage failure');
		// Not inside the transaction that is still running: destroy the doc once it has unwound.
		setImmediate(() => this.doc.destroy());
	}
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

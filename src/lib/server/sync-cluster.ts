/**
 * Rooms shared by several server processes (R190-R199): every update is stored in PostgreSQL under
 * the room's next seq and then published on a bus (Redis); every process with the room loaded applies
 * it and relays it to its own sockets. Seqs make losses visible: a process that sees a gap in them
 * (a message lost while Redis was away) or learns from the database that the room moved on reads what
 * it missed from the store. Awareness (presence) travels on the bus only; it is never stored.
 */
import type { LoadedRoom } from './persistence-merge';
import type { SyncStore } from './sync-log';

/** The asynchronous store every process shares. */
export interface SharedStore extends SyncStore {
	loadRoom(room: string): Promise<LoadedRoom>;
	/** Resolves with the update's seq once it is committed. */
	appendUpdate(room: string, update: Uint8Array): Promise<number>;
	/** Skips (resolving) when another process is compacting the room. */
	compact(room: string, state: Uint8Array, uptoSeq: number): Promise<void>;
	/** Everything stored after `afterSeq`, merged; `uptoSeq` is the last seq it covers. */
	loadSince(room: string, afterSeq: number): Promise<LoadedRoom>;
	/** The last stored seq of each room that has any. */
	heads(rooms: string[]): Promise<Map<string, number>>;
}

export type BusMessage =
	| { kind: 'update'; seq: number; update: Uint8Array }
	| { kind: 'awareness'; update: Uint8Array }
	/** A process that just loaded the room asks the others for their sockets' presence. */
	| { kind: 'query-awareness' };

/** Publish/subscribe between processes. Messages from this process itself are not delivered back. */
export interface RoomBus {
	/** Starts receiving the room's messages; `subscribed` resolves once none can be missed any more. */
	subscribe(
		room: string,
		receive: (message: BusMessage) => void
	): { subscribed: Promise<void>; unsubscribe: () => void };
	/** Sends to the other processes; best effort (a lost update is caught up from the store). */
	publish(room: string, message: BusMessage): void;
	/** Called after the bus reconnected: messages may have been lost meanwhile. */
	onReconnect(listener: () => void): void;
	/** Tells every other process (whether it has the room open or not) that a room's links changed. */
	publishRevoke(room: string): void;
	onRevoke(listener: (room: string) => void): void;
	close(): Promise<void>;
}

/**
 * Which seqs of a room this process has applied: all up to `watermark`, plus some above it. A
 * document holding everything up to the watermark may be compacted up to it.
 */
export class SeqTracker {
	private above = new Set<number>();

	constructor(public watermark = 0) {}

	has(seq: number): boolean {
		return seq <= this.watermark || this.above.has(seq);
	}

	/** Records `seq` as applied; returns false if it already was. */
	add(seq: number): boolean {
		if (this.has(seq)) return false;
		this.above.add(seq);
		while (this.above.delete(this.watermark + 1)) this.watermark++;
		return true;
	}

	/** Everything up to `seq` is applied (after a catch-up read). */
	advanceTo(seq: number): void {
		if (seq <= this.watermark) return;
		this.watermark = seq;
		for (const s of this.above) if (s <= seq) this.above.delete(s);
		while (this.above.delete(this.watermark + 1)) this.watermark++;
	}

	/** Some seq below the highest applied one is missing. */
	hasGap(): boolean {
		return this.above.size > 0;
	}

	/** The highest applied seq. */
	max(): number {
		return Math.max(this.watermark, ...this.above);
	}
}

/** What a room lets its link do to it. */
export interface LinkedRoom {
	readonly id: string;
	/** Applies an update another process stored (already stored: do not store it again). */
	applyRemote(update: Uint8Array): void;
	applyRemoteAwareness(update: Uint8Array): void;
	/** The encoded presence of this process's own sockets, or null if there is none. */
	localAwareness(): Uint8Array | null;
	log(msg: string): void;
}

/** How long a room's load waits for its bus subscription before it goes on without (ms). */
const SUBSCRIBE_WAIT_MS = 3_000;
/** How long a gap in seqs may last before the missing updates are read from the store (ms). */
const GAP_WAIT_MS = 200;

/** One room's membership in the cluster. */
export class RoomLink {
	private tracker: SeqTracker | null = null;
	/** Messages received while the room was loading, replayed once it is. */
	private buffered: BusMessage[] = [];
	private readonly unsubscribe: () => void;
	/** Resolves once the bus delivers this room's messages (or failed to subscribe: the poll covers that). */
	readonly subscribed: Promise<void>;
	private gapTimer: NodeJS.Timeout | undefined;
	private catchingUp: Promise<void> | null = null;
	private stopped = false;

	constructor(
		private readonly room: LinkedRoom,
		private readonly store: SharedStore,
		private readonly bus: RoomBus
	) {
		// Subscribed before the load reads the store, so nothing stored meanwhile is missed.
		const subscription = bus.subscribe(room.id, (message) => this.receive(message));
		this.unsubscribe = subscription.unsubscribe;
		// With Redis away the room still loads from the store; the poll catches up once it is back.
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<void>((resolve) => {
			timer = setTimeout(() => {
				room.log('the bus is not answering; loading without it for now');
				resolve();
			}, SUBSCRIBE_WAIT_MS);
		});
		this.subscribed = Promise.race([
			subscription.subscribed.catch((error) =>
				room.log(`subscribing failed (${error instanceof Error ? error.message : String(error)})`)
			),
			late
		]).finally(() => clearTimeout(timer));
	}

	/** The room loaded everything up to `uptoSeq`: apply what arrived meanwhile, and ask for presence. */
	loaded(uptoSeq: number): void {
		this.tracker = new SeqTracker(uptoSeq);
		const buffered = this.buffered;
		this.buffered = [];
		for (const message of buffered) this.receive(message);
		this.bus.publish(this.room.id, { kind: 'query-awareness' });
	}

	/** Seq up to which this process's document holds every stored update. */
	watermark(): number {
		return this.tracker?.watermark ?? 0;
	}

	/** This process stored `update` as `seq`: tell the others. */
	stored(seq: number, update: Uint8Array): void {
		this.tracker?.add(seq);
		this.bus.publish(this.room.id, { kind: 'update', seq, update });
		this.checkGap();
	}

	publishAwareness(update: Uint8Array): void {
		this.bus.publish(this.room.id, { kind: 'awareness', update });
	}

	private receive(message: BusMessage): void {
		if (this.stopped) return;
		if (!this.tracker) {
			this.buffered.push(message);
			return;
		}
		switch (message.kind) {
			case 'update':
				if (!this.tracker.add(message.seq)) return;
				this.room.applyRemote(message.update);
				this.checkGap();
				break;
			case 'awareness':
				this.room.applyRemoteAwareness(message.update);
				break;
			case 'query-awareness': {
				const presence = this.room.localAwareness();
				if (presence) this.publishAwareness(presence);
				break;
			}
		}
	}

	private checkGap(): void {
		if (!this.tracker?.hasGap() || this.gapTimer) return;
		this.gapTimer = setTimeout(() => {
			this.gapTimer = undefined;
			if (this.tracker?.hasGap()) void this.catchUp();
		}, GAP_WAIT_MS);
		this.gapTimer.unref();
	}

	/** Reads and applies whatever the store holds beyond the watermark. One at a time. */
	catchUp(): Promise<void> {
		this.catchingUp ??= this.readMissed().finally(() => (this.catchingUp = null));
		return this.catchingUp;
	}

	private async readMissed(): Promise<void> {
		if (!this.tracker || this.stopped) return;
		const from = this.tracker.watermark;
		try {
			const missed = await this.store.loadSince(this.room.id, from);
			if (this.stopped) return;
			for (const problem of missed.problems) this.room.log(`skipped unreadable data: ${problem}`);
			if (missed.update) this.room.applyRemote(missed.update);
			this.tracker.advanceTo(missed.uptoSeq);
		} catch (error) {
			this.room.log(`catching up failed (${error instanceof Error ? error.message : String(error)})`);
		}
		this.checkGap();
	}

	/** Whether the store's last seq shows updates this process has not applied. */
	behind(head: number): boolean {
		return this.tracker !== null && head > this.tracker.max();
	}

	stop(): void {
		if (this.stopped) return;
		this.stopped = true;
		clearTimeout(this.gapTimer);
		this.unsubscribe();
	}
}

/** How often the loaded rooms' last seqs are compared with the store's, to find a lost tail (ms). */
const POLL_INTERVAL_MS = 2_000;

/** What a process needs to know about a map to re-check its sessions after a revocation elsewhere. */
export interface MapAccess {
	editHash: string;
	viewHash: string;
	deletedAt: number | null;
}

/** The process's side of the cluster: the shared store, the bus, and every loaded room's link. */
export class ClusterHub {
	private readonly links = new Map<string, RoomLink>();
	private readonly poller: NodeJS.Timeout;
	private polling = false;

	/** `lookup` reads a map's current hashes and deletion (null: no such map) from the shared store. */
	constructor(
		readonly store: SharedStore,
		readonly bus: RoomBus,
		private readonly log: (msg: string) => void,
		readonly lookup: (room: string) => MapAccess | null
	) {
		bus.onReconnect(() => {
			for (const link of this.links.values()) void link.catchUp();
		});
		this.poller = setInterval(() => void this.poll(), POLL_INTERVAL_MS);
		this.poller.unref();
	}

	/** Links a room that starts loading; `stop()` on the link unlinks it. */
	join(room: LinkedRoom): RoomLink {
		const link = new RoomLink(room, this.store, this.bus);
		this.links.set(room.id, link);
		const stop = link.stop.bind(link);
		link.stop = () => {
			if (this.links.get(room.id) === link) this.links.delete(room.id);
			stop();
		};
		return link;
	}

	private async poll(): Promise<void> {
		if (this.polling || this.links.size === 0) return;
		this.polling = true;
		try {
			const heads = await this.store.heads([...this.links.keys()]);
			for (const [room, head] of heads) {
				const link = this.links.get(room);
				if (link?.behind(head)) void link.catchUp();
			}
		} catch (error) {
			this.log(
				`checking rooms against the store failed (${error instanceof Error ? error.message : String(error)})`
			);
		} finally {
			this.polling = false;
		}
	}

	/** This process replaced a room's links or deleted it: the others re-check their sessions (R199). */
	revoke(room: string): void {
		this.bus.publishRevoke(room);
	}

	/** Runs `listener` when another process revoked a room's sessions. */
	onRevoke(listener: (room: string) => void): void {
		this.bus.onRevoke(listener);
	}

	close(): void {
		clearInterval(this.poller);
		for (const link of [...this.links.values()]) link.stop();
	}
}

import * as Y from 'yjs';
import { DocBudget } from './limits';
import type { LoadedRoom } from './persistence';

/**
 * What a room needs from persistence. Loading may be asynchronous. A synchronous append (SQLite) must
 * be durable when it returns, since the room relays the update right after; an asynchronous one (the
 * per-turn batch, append-batch.ts; the shared store, sync-cluster.ts) when its promise resolves, and
 * the room relays only then.
 */
export interface SyncStore {
	loadRoom(room: string): LoadedRoom | Promise<LoadedRoom>;
	appendUpdate(room: string, update: Uint8Array): number | Promise<number>;
	compact(room: string, state: Uint8Array, uptoSeq: number): void | Promise<void>;
	/** A batching store: stores at once what waits (before the document is sent to anyone whole). */
	flush?(): void;
}

export interface RoomLogOptions {
	store: SyncStore;
	log: (msg: string) => void;
	/** Log rows after which the room writes a snapshot. */
	compactEvery: number;
	/** Largest encoded document the room accepts updates toward (R69). */
	maxDocBytes: number;
}

/**
 * A room's side of persistence: appends in order, a snapshot when the log grows long, and the
 * document's size budget, which is only known from what was stored.
 */
export class RoomLog {
	private lastSeq = 0;
	private uncompacted = 0;
	private readonly budget: DocBudget;

	constructor(
		private readonly room: string,
		private readonly opts: RoomLogOptions
	) {
		this.budget = new DocBudget(opts.maxDocBytes);
	}

	/** Takes over where the loaded state ends. */
	loaded(loaded: LoadedRoom): void {
		this.budget.reset(loaded.update?.length ?? 0);
		this.lastSeq = loaded.uptoSeq;
		this.uncompacted = loaded.logRows;
	}

	/** Counts an update the room has stored, as log row `seq`. */
	stored(seq: number, bytes: number): void {
		this.lastSeq = Math.max(this.lastSeq, seq);
		this.uncompacted++;
		this.budget.grow(bytes);
	}

	/** Counts an update another process stored into this room's document. */
	grew(bytes: number): void {
		this.budget.grow(bytes);
	}

	/** The log is long enough that a snapshot pays off. */
	due(): boolean {
		return this.uncompacted >= this.opts.compactEvery;
	}

	/**
	 * Writes a snapshot of `doc` and prunes the log rows it covers (up to `uptoSeq`: `doc` must hold
	 * every update up to there); a failure is only logged.
	 */
	compact(doc: Y.Doc, uptoSeq = this.lastSeq): void {
		if (this.uncompacted === 0) return;
		// The log still holds everything, so a failure only costs disk space; retried at the next threshold.
		const failed = (error: unknown) =>
			this.opts.log(
				`room ${this.room}: compaction failed (${error instanceof Error ? error.message : String(error)})`
			);
		try {
			const state = Y.encodeStateAsUpdate(doc);
			const done = this.opts.store.compact(this.room, state, uptoSeq);
			this.uncompacted = 0;
			this.budget.reset(state.length);
			if (done instanceof Promise) done.catch(failed);
		} catch (error) {
			failed(error);
		}
	}

	/** Whether `update` keeps `doc` within the size cap (R69); near the cap this costs a full encode. */
	fits(doc: Y.Doc, update: Uint8Array): boolean {
		return this.budget.fits(update.length, () => {
			const state = Y.encodeStateAsUpdate(doc);
			return { now: state.length, after: Y.mergeUpdates([state, update]).length };
		});
	}
}

import type { SqliteRoomStore } from './persistence';
import type { SyncStore } from './sync-log';

interface Waiting {
	room: string;
	update: Uint8Array;
	resolve(seq: number): void;
	reject(error: unknown): void;
}

/**
 * The rooms' store on one process (SQLite): the updates that arrive in one turn of the event loop, from
 * every room, are appended in one transaction, one commit instead of one per update, which was most of
 * the server's work per update under load. Each append resolves once its transaction has committed;
 * the room relays the update only then (R41), and it flushes before answering a sync step 1, whose
 * answer carries the whole document (R55). A failed transaction fails every append in it.
 */
export class AppendBatcher implements SyncStore {
	#waiting: Waiting[] = [];
	#scheduled: NodeJS.Immediate | undefined;

	constructor(private readonly store: Pick<SqliteRoomStore, 'loadRoom' | 'compact' | 'appendUpdates'>) {}

	loadRoom(room: string) {
		return this.store.loadRoom(room);
	}

	compact(room: string, state: Uint8Array, uptoSeq: number): void {
		this.store.compact(room, state, uptoSeq);
	}

	appendUpdate(room: string, update: Uint8Array): Promise<number> {
		return new Promise((resolve, reject) => {
			this.#waiting.push({ room, update, resolve, reject });
			this.#scheduled ??= setImmediate(() => this.flush());
		});
	}

	/** Stores what waits now: before a room sends its whole document to anyone, and before the store closes. */
	flush(): void {
		clearImmediate(this.#scheduled);
		this.#scheduled = undefined;
		const batch = this.#waiting;
		this.#waiting = [];
		if (batch.length === 0) return;
		let seqs: number[];
		try {
			seqs = this.store.appendUpdates(batch);
		} catch (error) {
			for (const w of batch) w.reject(error);
			return;
		}
		batch.forEach((w, i) => w.resolve(seqs[i]!));
	}
}

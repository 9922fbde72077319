import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { crc32 } from './checksum';
import { Checkpointer } from './persistence-checkpoint';
import { mergeStored, type LoadedRoom, type StoredBlob } from './persistence-merge';
import { MapTable, type MapChanges, type MapRecord, type NewMap } from './persistence-maps';
import { SCHEMA, prepare } from './persistence-sql';

export type { MapChanges, MapRecord, NewMap } from './persistence-maps';
export type { LoadedRoom } from './persistence-merge';

/**
 * WAL + NORMAL: a commit is a write() into the WAL without an fsync, so it survives a crash of this
 * process but the last commits can be lost if the machine itself loses power. FULL would fsync on
 * every update and cap throughput at the disk's fsync rate (a few hundred per second on ordinary
 * disks), far below the thousands of updates per second we need. The window NORMAL leaves is healed
 * by the protocol: the clients that made those edits still hold them and re-send whatever the
 * server lacks at their next sync step 1/2. Pick FULL where no client can be counted on for that.
 */
export type Durability = 'NORMAL' | 'FULL';

/** How long a write waits for another connection's lock (e.g. a backup tool) before failing, in ms. */
const BUSY_TIMEOUT_MS = 5000;

/** Yjs documents (append log + compacted snapshot per room) and map metadata in one SQLite file. */
export class SqliteRoomStore {
	private readonly db: Database.Database;
	private readonly stmt: ReturnType<typeof prepare>;
	private readonly maps: MapTable;
	private readonly checkpointer: Checkpointer;

	/** Opens (creating if needed) `<dataDir>/argmap.sqlite`. */
	constructor(dataDir: string, durability: Durability = 'NORMAL') {
		fs.mkdirSync(dataDir, { recursive: true });
		const file = path.join(dataDir, 'argmap.sqlite');
		this.db = new Database(file);
		this.db.pragma('journal_mode = WAL');
		this.db.pragma(`synchronous = ${durability}`);
		this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
		// A worker thread checkpoints the WAL instead (R181).
		this.db.pragma('wal_autocheckpoint = 0');
		this.db.exec(SCHEMA);
		this.stmt = prepare(this.db);
		this.maps = new MapTable(this.db);
		// Should the worker stop, SQLite's own checkpoints (every 1,000 pages, its default) take over.
		this.checkpointer = new Checkpointer(
			file,
			() => this.db.open && this.db.pragma('wal_autocheckpoint = 1000')
		);
	}

	/**
	 * Merges a room's snapshot and the log rows after it. Each blob is checked on its own, so a
	 * corrupt one is reported in `problems` and skipped while everything else still loads.
	 */
	loadRoom(room: string): LoadedRoom {
		const snap = this.stmt.snapshot.get(room) as
			{ data: Uint8Array; checksum: number; uptoSeq: number } | undefined;
		const rows = this.stmt.rows.all(room, snap?.uptoSeq ?? 0) as StoredBlob[];
		return mergeStored(room, snap && { seq: snap.uptoSeq, data: snap.data, checksum: snap.checksum }, rows);
	}

	/** Appends one update to the room's log; durable (per {@link Durability}) when it returns. Returns its seq. */
	appendUpdate(room: string, update: Uint8Array): number {
		return Number(this.stmt.append.run(room, update, crc32(update)).lastInsertRowid);
	}

	/** Appends several updates (of any rooms) in one transaction, one commit for all (SQLite only). Returns their seqs. */
	appendUpdates(rows: readonly { room: string; update: Uint8Array }[]): number[] {
		return this.db.transaction(() => rows.map((r) => this.appendUpdate(r.room, r.update)))();
	}

	/** Atomically replaces the room's snapshot with `state` and drops the log rows it covers (seq <= uptoSeq). */
	compact(room: string, state: Uint8Array, uptoSeq: number): void {
		this.db.transaction(() => {
			this.stmt.putSnapshot.run(room, state, crc32(state), uptoSeq);
			this.stmt.prune.run(room, uptoSeq);
		})();
	}

	/** Number of log rows the room has beyond its snapshot. */
	logLength(room: string): number {
		return (this.stmt.count.get(room) as { n: number }).n;
	}

	/** Removes the room's document entirely (log and snapshot); map metadata is left alone. */
	deleteRoom(room: string): void {
		this.db.transaction(() => {
			this.stmt.dropLog.run(room);
			this.stmt.dropSnapshot.run(room);
		})();
	}

	/**
	 * Records a new map and, in the same transaction, its document's first update, so the map never
	 * exists without its content. Throws if the id is taken.
	 */
	createMap(map: NewMap, initialUpdate?: Uint8Array): MapRecord;
	createMap(id: string, title: string, template?: string | null): MapRecord;
	createMap(mapOrId: NewMap | string, second?: Uint8Array | string, template?: string | null): MapRecord {
		const map: NewMap =
			typeof mapOrId === 'string'
				? { id: mapOrId, title: typeof second === 'string' ? second : '', template: template ?? null }
				: mapOrId;
		const initial = second instanceof Uint8Array ? second : undefined;
		return this.db.transaction(() => {
			const record = this.maps.insert(map, Date.now());
			if (initial) this.appendUpdate(record.id, initial);
			return record;
		})();
	}

	/** The map's metadata, or null if there is no such map. */
	getMap(id: string): MapRecord | null {
		return this.maps.get(id);
	}

	/** Changes a map's title, token hashes or deletion time; returns the new record, or null if there is no such map. */
	updateMap(id: string, changes: MapChanges): MapRecord | null {
		return this.maps.update(id, changes);
	}

	/** Ids of maps deleted at or before `time` (ms since the epoch). */
	deletedBefore(time: number): string[] {
		return this.maps.deletedBefore(time);
	}

	/** Removes a map for good: its metadata, log and snapshot, in one transaction. */
	purgeMap(id: string): void {
		this.db.transaction(() => {
			this.deleteRoom(id);
			this.maps.remove(id);
		})();
	}

	/** Whether a map with this id was created. */
	hasMap(id: string): boolean {
		return this.getMap(id) !== null;
	}

	/** All maps, oldest first. */
	listMaps(): MapRecord[] {
		return this.maps.list();
	}

	/** Throws unless the database is open and its write lock can be taken (for GET /healthz). */
	healthCheck(): void {
		this.stmt.healthBegin.run();
		this.stmt.healthRollback.run();
	}

	/** Closes the database; the store is unusable afterwards. Idempotent. */
	close(): void {
		this.checkpointer.close();
		if (this.db.open) this.db.close();
	}
}

/**
 * What every store offers (the SQLite one, and PostgreSQL's in persistence-pg.ts): the public
 * methods of {@link SqliteRoomStore}, synchronous. `new RoomStore(dataDir)` opens the SQLite one.
 */
export type RoomStore = Omit<Pick<SqliteRoomStore, keyof SqliteRoomStore>, 'appendUpdates'>;
export const RoomStore = SqliteRoomStore;

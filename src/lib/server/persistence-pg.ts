/**
 * The store on PostgreSQL, shared by every server process (README: Running several processes). It
 * offers the same synchronous surface as the SQLite store (map metadata, tokens, map creation; see
 * persistence-pg-bridge.ts) and, as {@link PgRoomStore.shared}, the asynchronous side that rooms use
 * on their hot path: loads, appends, catch-up reads and guarded compaction.
 */
import { createRequire } from 'node:module';
import type pg from 'pg';
import { crc32 } from './checksum';
import type { MapChanges, MapRecord, NewMap } from './persistence-maps';
import { mergeStored, type LoadedRoom, type StoredBlob } from './persistence-merge';
import { BlockingPg, type Statement } from './persistence-pg-bridge';
import {
	APPEND,
	COMPACT,
	HEADS,
	PG_SCHEMA,
	PRUNE,
	PUT_SNAPSHOT,
	ROWS_AFTER,
	SCHEMA_LOCK,
	SNAPSHOT
} from './persistence-pg-sql';
import type { SharedStore } from './sync-cluster';

/** Connections of each process's pool (rooms' loads, appends and compactions). */
const POOL_SIZE = 10;

const MAP_COLUMNS = `id, title, created_at AS "createdAt", template, edit_hash AS "editHash",
	view_hash AS "viewHash", deleted_at AS "deletedAt"`;

/** Column of each changeable field: a fixed list, so no caller-provided name ever reaches the SQL. */
const CHANGE_COLUMNS: Record<keyof MapChanges, string> = {
	title: 'title',
	editHash: 'edit_hash',
	viewHash: 'view_hash',
	deletedAt: 'deleted_at'
};

/** BIGINT arrives as text (it may exceed 2^53); ours are times and counters well below that. */
function toRecord(row: Record<string, unknown>): MapRecord {
	return {
		...(row as unknown as MapRecord),
		createdAt: Number(row.createdAt),
		deletedAt: row.deletedAt === null ? null : Number(row.deletedAt)
	};
}

function toBlob(row: Record<string, unknown>): StoredBlob {
	return { seq: Number(row.seq), data: row.data as Uint8Array, checksum: Number(row.checksum) };
}

/** Yjs documents and map metadata in PostgreSQL. */
export class PgRoomStore {
	private readonly blocking: BlockingPg;
	private readonly pool: pg.Pool;
	/** Compactions still running, so close() can let them finish. */
	private readonly pending = new Set<Promise<unknown>>();
	/** What rooms use: asynchronous, never blocking the event loop. */
	readonly shared: SharedStore;

	/**
	 * Connects (blocking until the tables exist); `log` receives pool errors; `alsoCheck` is part of
	 * {@link healthCheck} (e.g. that Redis is connected).
	 */
	constructor(
		url: string,
		log: (msg: string) => void = console.log,
		private readonly alsoCheck: () => void = () => {}
	) {
		this.blocking = new BlockingPg(url);
		this.blocking.run([
			{ sql: `SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})` },
			...PG_SCHEMA.map((sql) => ({ sql }))
		]);
		// Loaded here, not at import: a one-process server never pays for the client library.
		const { Pool } = createRequire(import.meta.url)('pg') as typeof pg;
		this.pool = new Pool({ connectionString: url, max: POOL_SIZE });
		// An idle connection dropped by the server must not crash the process; the next query reconnects.
		this.pool.on('error', (error) => log(`PostgreSQL connection lost (${error.message})`));
		this.shared = {
			loadRoom: (room) => this.loadRoomAsync(room),
			appendUpdate: (room, update) => this.appendAsync(room, update),
			compact: (room, state, uptoSeq) => this.track(this.compactAsync(room, state, uptoSeq)),
			loadSince: (room, afterSeq) => this.loadSinceAsync(room, afterSeq),
			heads: (rooms) => this.headsAsync(rooms)
		};
	}

	private track<T>(work: Promise<T>): Promise<T> {
		this.pending.add(work);
		const done = () => this.pending.delete(work);
		work.then(done, done);
		return work;
	}

	private async loadRoomAsync(room: string): Promise<LoadedRoom> {
		const snap = (await this.pool.query(SNAPSHOT, [room])).rows[0];
		const rows = (await this.pool.query(ROWS_AFTER, [room, snap ? snap.seq : 0])).rows;
		return mergeStored(room, snap && toBlob(snap), rows.map(toBlob));
	}

	/**
	 * What was stored after `afterSeq`: the log rows after it, or, when a compaction pruned some of
	 * them, the snapshot and the rows after the snapshot.
	 */
	private async loadSinceAsync(room: string, afterSeq: number): Promise<LoadedRoom> {
		const snap = (await this.pool.query(SNAPSHOT, [room])).rows[0];
		const pruned = snap !== undefined && Number(snap.seq) > afterSeq;
		const from = pruned ? Number(snap.seq) : afterSeq;
		const rows = (await this.pool.query(ROWS_AFTER, [room, from])).rows;
		return mergeStored(room, pruned ? toBlob(snap) : undefined, rows.map(toBlob));
	}

	private async appendAsync(room: string, update: Uint8Array): Promise<number> {
		return Number((await this.pool.query(APPEND, [room, update, crc32(update)])).rows[0].seq);
	}

	private async compactAsync(room: string, state: Uint8Array, uptoSeq: number): Promise<void> {
		await this.pool.query(COMPACT, [room, state, crc32(state), uptoSeq]);
	}

	private async headsAsync(rooms: string[]): Promise<Map<string, number>> {
		const rows = (await this.pool.query(HEADS, [rooms])).rows as { room: string; seq: string }[];
		return new Map(rows.map((r) => [r.room, Number(r.seq)]));
	}

	// The synchronous surface, as SqliteRoomStore's (the type RoomStore).

	loadRoom(room: string): LoadedRoom {
		const [snaps, rows] = this.blocking.run([
			{ sql: SNAPSHOT, params: [room] },
			{
				sql: `SELECT seq, data, checksum FROM updates WHERE room = $1 AND seq > COALESCE((SELECT upto_seq FROM snapshots WHERE room = $1), 0) ORDER BY seq`,
				params: [room]
			}
		]);
		return mergeStored(room, snaps![0] && toBlob(snaps![0]), rows!.map(toBlob));
	}

	appendUpdate(room: string, update: Uint8Array): number {
		return Number(this.blocking.query<{ seq: string }>(APPEND, [room, update, crc32(update)])[0]!.seq);
	}

	compact(room: string, state: Uint8Array, uptoSeq: number): void {
		this.blocking.run([
			{ sql: `SELECT pg_advisory_xact_lock(hashtext('argmap-compact:' || $1::text))`, params: [room] },
			{ sql: PUT_SNAPSHOT, params: [room, state, crc32(state), uptoSeq] },
			{ sql: PRUNE, params: [room, uptoSeq] }
		]);
	}

	logLength(room: string): number {
		return Number(
			this.blocking.query<{ n: string }>('SELECT COUNT(*) AS n FROM updates WHERE room = $1', [room])[0]!.n
		);
	}

	deleteRoom(room: string): void {
		this.blocking.run(this.dropRoom(room));
	}

	private dropRoom(room: string): Statement[] {
		return [
			{ sql: 'DELETE FROM updates WHERE room = $1', params: [room] },
			{ sql: 'DELETE FROM snapshots WHERE room = $1', params: [room] }
		];
	}

	createMap(map: NewMap, initialUpdate?: Uint8Array): MapRecord;
	createMap(id: string, title: string, template?: string | null): MapRecord;
	createMap(mapOrId: NewMap | string, second?: Uint8Array | string, template?: string | null): MapRecord {
		const map: NewMap =
			typeof mapOrId === 'string'
				? { id: mapOrId, title: typeof second === 'string' ? second : '', template: template ?? null }
				: mapOrId;
		const record: MapRecord = {
			id: map.id,
			title: map.title,
			createdAt: Date.now(),
			template: map.template,
			editHash: map.editHash ?? '',
			viewHash: map.viewHash ?? '',
			deletedAt: null
		};
		const r = record;
		const statements: Statement[] = [
			{
				sql: 'INSERT INTO maps (id, title, created_at, template, edit_hash, view_hash) VALUES ($1, $2, $3, $4, $5, $6)',
				params: [r.id, r.title, r.createdAt, r.template, r.editHash, r.viewHash]
			}
		];
		if (second instanceof Uint8Array) {
			statements.push({ sql: APPEND, params: [r.id, second, crc32(second)] });
		}
		this.blocking.run(statements);
		return record;
	}

	getMap(id: string): MapRecord | null {
		const row = this.blocking.query<Record<string, unknown>>(
			`SELECT ${MAP_COLUMNS} FROM maps WHERE id = $1`,
			[id]
		)[0];
		return row ? toRecord(row) : null;
	}

	updateMap(id: string, changes: MapChanges): MapRecord | null {
		const keys = (Object.keys(changes) as (keyof MapChanges)[]).filter((k) => changes[k] !== undefined);
		if (keys.length === 0) return this.getMap(id);
		const set = keys.map((k, i) => `${CHANGE_COLUMNS[k]} = $${i + 2}`).join(', ');
		const row = this.blocking.query<Record<string, unknown>>(
			`UPDATE maps SET ${set} WHERE id = $1 RETURNING ${MAP_COLUMNS}`,
			[id, ...keys.map((k) => changes[k])]
		)[0];
		return row ? toRecord(row) : null;
	}

	deletedBefore(time: number): string[] {
		return this.blocking
			.query<{ id: string }>(
				'SELECT id FROM maps WHERE deleted_at IS NOT NULL AND deleted_at <= $1 ORDER BY deleted_at',
				[time]
			)
			.map((r) => r.id);
	}

	/** Keeps the room's seq counter, so a process still tracking the room never sees a seq twice. */
	purgeMap(id: string): void {
		this.blocking.run([...this.dropRoom(id), { sql: 'DELETE FROM maps WHERE id = $1', params: [id] }]);
	}

	hasMap(id: string): boolean {
		return this.getMap(id) !== null;
	}

	listMaps(): MapRecord[] {
		return this.blocking
			.query<Record<string, unknown>>(`SELECT ${MAP_COLUMNS} FROM maps ORDER BY created_at, id`)
			.map(toRecord);
	}

	/** Throws unless the database answers (and `alsoCheck` passes). */
	healthCheck(): void {
		this.blocking.query('SELECT 1');
		this.alsoCheck();
	}

	/** Lets running compactions finish, then closes both connections. Idempotent. */
	close(): Promise<void> {
		return this.closing();
	}

	private closed: Promise<void> | undefined;
	private closing(): Promise<void> {
		this.closed ??= (async () => {
			await Promise.allSettled([...this.pending]);
			await this.blocking.close();
			await this.pool.end();
		})();
		return this.closed;
	}
}

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ActivityEntry, Person, VersionInfo } from '../model/history';
import { crc32 } from './checksum';

export type { ActivityEntry, Person, VersionInfo } from '../model/history';

export type NewVersion = Omit<VersionInfo, 'id'> & {
	/** The document's state (Y.encodeStateAsUpdate). */
	state: Uint8Array;
};

export interface VersionLimits {
	/** Automatic versions kept per map; the oldest go first (R149). */
	maxAuto: number;
	/** Labelled versions kept per map; the oldest go first. */
	maxNamed: number;
	/** Activity entries kept per map. */
	maxActivity: number;
	/** Bytes of stored states per map: beyond it the oldest automatic, then the oldest labelled versions go. */
	maxBytes: number;
}

export const DEFAULT_VERSION_LIMITS: VersionLimits = {
	maxAuto: 50,
	maxNamed: 100,
	maxActivity: 200,
	maxBytes: 64 * 1024 * 1024
};

/** Lines of words kept per activity entry. */
export const ACTIVITY_LINES = 5;

/**
 * Where versions and the activity feed live. SQLite here; with several processes, PostgreSQL
 * (versions-pg.ts). Every method may throw when the database fails.
 */
export interface VersionStore {
	/** Stores a version and prunes the map's versions of its kind beyond the limit. */
	add(map: string, version: NewVersion): VersionInfo;
	/** The map's versions, newest first. */
	list(map: string): VersionInfo[];
	/** One version with its content; null if there is none or its content fails its checksum. */
	get(map: string, id: number): { info: VersionInfo; state: Uint8Array } | null;
	/** The newest version with its content, or null. */
	latest(map: string): { info: VersionInfo; state: Uint8Array } | null;
	addActivity(map: string, entry: Omit<ActivityEntry, 'id'>): void;
	/** The map's newest activity entries, newest first. */
	activity(map: string, limit: number): ActivityEntry[];
	/** Forgets everything about a map (it was purged). */
	removeMap(map: string): void;
	/** Idempotent. */
	close(): void | Promise<void>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS map_versions (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	map TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	label TEXT NOT NULL,
	auto INTEGER NOT NULL,
	editors TEXT NOT NULL,
	saved_by TEXT,
	title TEXT NOT NULL,
	claims INTEGER NOT NULL,
	relations INTEGER NOT NULL,
	state BLOB NOT NULL,
	checksum INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS map_versions_map ON map_versions (map, id);
CREATE TABLE IF NOT EXISTS map_activity (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	map TEXT NOT NULL,
	time INTEGER NOT NULL,
	people TEXT NOT NULL,
	lines TEXT NOT NULL,
	more INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS map_activity_map ON map_activity (map, id);
`;

const INFO =
	'id, created_at AS createdAt, label, auto, editors, saved_by AS savedBy, title, claims, relations';

export interface InfoRow {
	id: number;
	createdAt: number;
	label: string;
	auto: number;
	editors: string;
	savedBy: string | null;
	title: string;
	claims: number;
	relations: number;
}

/** Stored JSON is read back defensively: a damaged field gives an empty value, never a crash. */
export function parseJsonOr<T>(text: string | null, fallback: T): T {
	try {
		return text === null ? fallback : (JSON.parse(text) as T);
	} catch {
		return fallback;
	}
}

export function toInfo(row: InfoRow): VersionInfo {
	return {
		id: row.id,
		createdAt: row.createdAt,
		label: row.label,
		auto: row.auto === 1,
		editors: parseJsonOr<Person[]>(row.editors, []),
		savedBy: parseJsonOr<Person | null>(row.savedBy, null),
		title: row.title,
		claims: row.claims,
		relations: row.relations
	};
}

/**
 * Versions and activity in their own tables of the server's SQLite file (`<dataDir>/argmap.sqlite`),
 * through a connection of their own, so the document store is untouched.
 */
export class SqliteVersionStore implements VersionStore {
	private readonly db: Database.Database;
	private readonly stmt;

	constructor(
		dataDir: string,
		private readonly limits: VersionLimits = DEFAULT_VERSION_LIMITS
	) {
		fs.mkdirSync(dataDir, { recursive: true });
		this.db = new Database(path.join(dataDir, 'argmap.sqlite'));
		this.db.pragma('journal_mode = WAL');
		this.db.pragma('busy_timeout = 5000');
		// The room store's worker checkpoints the shared log (R181).
		this.db.pragma('wal_autocheckpoint = 0');
		this.db.exec(SCHEMA);
		const db = this.db;
		this.stmt = {
			insert: db.prepare(
				`INSERT INTO map_versions (map, created_at, label, auto, editors, saved_by, title, claims, relations, state, checksum)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			),
			prune: db.prepare(
				`DELETE FROM map_versions WHERE map = ? AND auto = ? AND id NOT IN
				 (SELECT id FROM map_versions WHERE map = ? AND auto = ? ORDER BY id DESC LIMIT ?)`
			),
			list: db.prepare(`SELECT ${INFO} FROM map_versions WHERE map = ? ORDER BY id DESC`),
			get: db.prepare(`SELECT ${INFO}, state, checksum FROM map_versions WHERE map = ? AND id = ?`),
			latest: db.prepare(
				`SELECT ${INFO}, state, checksum FROM map_versions WHERE map = ? ORDER BY id DESC LIMIT 1`
			),
			insertActivity: db.prepare(
				'INSERT INTO map_activity (map, time, people, lines, more) VALUES (?, ?, ?, ?, ?)'
			),
			pruneActivity: db.prepare(
				`DELETE FROM map_activity WHERE map = ? AND id NOT IN
				 (SELECT id FROM map_activity WHERE map = ? ORDER BY id DESC LIMIT ?)`
			),
			activity: db.prepare(
				'SELECT id, time, people, lines, more FROM map_activity WHERE map = ? ORDER BY id DESC LIMIT ?'
			),
			sizes: db.prepare('SELECT id, auto, length(state) AS size FROM map_versions WHERE map = ? ORDER BY id'),
			removeVersion: db.prepare('DELETE FROM map_versions WHERE id = ?'),
			removeVersions: db.prepare('DELETE FROM map_versions WHERE map = ?'),
			removeActivity: db.prepare('DELETE FROM map_activity WHERE map = ?')
		};
	}

	add(map: string, v: NewVersion): VersionInfo {
		return this.db.transaction(() => {
			const id = Number(
				this.stmt.insert.run(
					map,
					v.createdAt,
					v.label,
					v.auto ? 1 : 0,
					JSON.stringify(v.editors),
					v.savedBy ? JSON.stringify(v.savedBy) : null,
					v.title,
					v.claims,
					v.relations,
					v.state,
					crc32(v.state)
				).lastInsertRowid
			);
			const keep = v.auto ? this.limits.maxAuto : this.limits.maxNamed;
			const kind = v.auto ? 1 : 0;
			this.stmt.prune.run(map, kind, map, kind, keep);
			this.pruneBytes(map, id);
			const { state: _state, ...info } = v;
			return { id, ...info };
		})();
	}

	/** Drops the oldest automatic, then the oldest labelled versions until the map's states fit (never `keep`). */
	private pruneBytes(map: string, keep: number): void {
		const rows = this.stmt.sizes.all(map) as { id: number; auto: number; size: number }[];
		let total = rows.reduce((sum, r) => sum + r.size, 0);
		const order = [...rows.filter((r) => r.auto === 1), ...rows.filter((r) => r.auto === 0)];
		for (const r of order) {
			if (total <= this.limits.maxBytes) break;
			if (r.id === keep) continue;
			this.stmt.removeVersion.run(r.id);
			total -= r.size;
		}
	}

	list(map: string): VersionInfo[] {
		return (this.stmt.list.all(map) as InfoRow[]).map(toInfo);
	}

	private withState(row: (InfoRow & { state: Uint8Array; checksum: number }) | undefined) {
		if (!row || crc32(row.state) !== row.checksum) return null;
		return { info: toInfo(row), state: new Uint8Array(row.state) };
	}

	get(map: string, id: number) {
		return this.withState(this.stmt.get.get(map, id) as never);
	}

	latest(map: string) {
		return this.withState(this.stmt.latest.get(map) as never);
	}

	addActivity(map: string, entry: Omit<ActivityEntry, 'id'>): void {
		this.db.transaction(() => {
			this.stmt.insertActivity.run(
				map,
				entry.time,
				JSON.stringify(entry.people),
				JSON.stringify(entry.lines),
				entry.more
			);
			this.stmt.pruneActivity.run(map, map, this.limits.maxActivity);
		})();
	}

	activity(map: string, limit: number): ActivityEntry[] {
		const rows = this.stmt.activity.all(map, limit) as {
			id: number;
			time: number;
			people: string;
			lines: string;
			more: number;
		}[];
		return rows.map((r) => ({
			id: r.id,
			time: r.time,
			people: parseJsonOr<Person[]>(r.people, []),
			lines: parseJsonOr<string[]>(r.lines, []),
			more: r.more
		}));
	}

	removeMap(map: string): void {
		this.db.transaction(() => {
			this.stmt.removeVersions.run(map);
			this.stmt.removeActivity.run(map);
		})();
	}

	close(): void {
		if (this.db.open) this.db.close();
	}
}

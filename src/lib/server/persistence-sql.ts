import type Database from 'better-sqlite3';

/**
 * The tables: an append log of Yjs updates per room, one compacted snapshot per room, map metadata
 * (its statements live in persistence-maps.ts).
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS updates (
	room TEXT NOT NULL,
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	data BLOB NOT NULL,
	checksum INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_room_seq ON updates (room, seq);
CREATE TABLE IF NOT EXISTS snapshots (
	room TEXT PRIMARY KEY,
	data BLOB NOT NULL,
	checksum INTEGER NOT NULL,
	upto_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS maps (
	id TEXT PRIMARY KEY,
	title TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	template TEXT,
	edit_hash TEXT NOT NULL DEFAULT '',
	view_hash TEXT NOT NULL DEFAULT '',
	deleted_at INTEGER
);
`;

/** Every statement the store runs, prepared once. */
export function prepare(db: Database.Database) {
	return {
		append: db.prepare('INSERT INTO updates (room, data, checksum) VALUES (?, ?, ?)'),
		rows: db.prepare('SELECT seq, data, checksum FROM updates WHERE room = ? AND seq > ? ORDER BY seq'),
		count: db.prepare('SELECT COUNT(*) AS n FROM updates WHERE room = ?'),
		snapshot: db.prepare('SELECT data, checksum, upto_seq AS uptoSeq FROM snapshots WHERE room = ?'),
		putSnapshot: db.prepare(
			'INSERT OR REPLACE INTO snapshots (room, data, checksum, upto_seq) VALUES (?, ?, ?, ?)'
		),
		prune: db.prepare('DELETE FROM updates WHERE room = ? AND seq <= ?'),
		dropLog: db.prepare('DELETE FROM updates WHERE room = ?'),
		dropSnapshot: db.prepare('DELETE FROM snapshots WHERE room = ?'),
		// Takes the write lock and gives it back: proves the file is there, writable and not stuck.
		healthBegin: db.prepare('BEGIN IMMEDIATE'),
		healthRollback: db.prepare('ROLLBACK')
	};
}

/**
 * PostgreSQL tables and statements, shared by the blocking and the pooled side of the store. Seqs
 * are numbered per room (room_heads holds each room's last one): appends to one room take that
 * row's lock, so they commit in seq order and a process that has seen seq n and n+2 knows n+1 exists.
 */

/** Created at every start under one advisory lock, so processes starting together do not race. */
export const PG_SCHEMA = [
	`CREATE TABLE IF NOT EXISTS room_heads (
		room TEXT PRIMARY KEY,
		seq BIGINT NOT NULL
	)`,
	`CREATE TABLE IF NOT EXISTS updates (
		room TEXT NOT NULL,
		seq BIGINT NOT NULL,
		data BYTEA NOT NULL,
		checksum BIGINT NOT NULL,
		PRIMARY KEY (room, seq)
	)`,
	`CREATE TABLE IF NOT EXISTS snapshots (
		room TEXT PRIMARY KEY,
		data BYTEA NOT NULL,
		checksum BIGINT NOT NULL,
		upto_seq BIGINT NOT NULL
	)`,
	`CREATE TABLE IF NOT EXISTS maps (
		id TEXT PRIMARY KEY,
		title TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		template TEXT,
		edit_hash TEXT NOT NULL DEFAULT '',
		view_hash TEXT NOT NULL DEFAULT '',
		deleted_at BIGINT
	)`
];

/** Key of the advisory lock taken while creating the tables (any constant of our own). */
export const SCHEMA_LOCK = 0x6172676d;

/** Appends one update as the room's next seq ($1 room, $2 data, $3 checksum); returns `seq`. */
export const APPEND = `
	WITH head AS (
		INSERT INTO room_heads (room, seq) VALUES ($1, 1)
		ON CONFLICT (room) DO UPDATE SET seq = room_heads.seq + 1
		RETURNING seq
	)
	INSERT INTO updates (room, seq, data, checksum) SELECT $1, seq, $2, $3 FROM head RETURNING seq`;

/** The room's snapshot ($1 room). */
export const SNAPSHOT = 'SELECT data, checksum, upto_seq AS seq FROM snapshots WHERE room = $1';

/** Log rows after a seq ($1 room, $2 seq), in order. */
export const ROWS_AFTER = 'SELECT seq, data, checksum FROM updates WHERE room = $1 AND seq > $2 ORDER BY seq';

/** Writes a snapshot unless one covering as much or more is there ($1 room, $2 data, $3 checksum, $4 upto). */
export const PUT_SNAPSHOT = `
	INSERT INTO snapshots (room, data, checksum, upto_seq) VALUES ($1, $2, $3, $4)
	ON CONFLICT (room) DO UPDATE SET data = EXCLUDED.data, checksum = EXCLUDED.checksum, upto_seq = EXCLUDED.upto_seq
	WHERE snapshots.upto_seq < EXCLUDED.upto_seq`;

/** Drops the log rows the stored snapshot covers, up to $2 ($1 room). */
export const PRUNE = `
	DELETE FROM updates WHERE room = $1 AND seq <= $2
	AND seq <= (SELECT upto_seq FROM snapshots WHERE room = $1)`;

/**
 * PUT_SNAPSHOT and PRUNE in one statement ($1 room, $2 data, $3 checksum, $4 upto), guarded: only one
 * process compacts a room at a time; another one that tries meanwhile skips (the log keeps everything
 * until the next compaction). One statement, so no transaction stays open between two of this
 * process's event-loop turns: a blocking call made in such a turn (a purge of the same room) waited for
 * its locks while it waited for that turn to end, 15 s until the bridge gave up. The snapshot written
 * is not yet visible to the statement's own DELETE, hence the GREATEST.
 */
export const COMPACT = `
	WITH lock AS (SELECT pg_try_advisory_xact_lock(hashtext('argmap-compact:' || $1::text)) AS locked),
	put AS (
		INSERT INTO snapshots (room, data, checksum, upto_seq)
		SELECT $1::text, $2::bytea, $3::bigint, $4::bigint FROM lock WHERE locked
		ON CONFLICT (room) DO UPDATE SET data = EXCLUDED.data, checksum = EXCLUDED.checksum, upto_seq = EXCLUDED.upto_seq
		WHERE snapshots.upto_seq < EXCLUDED.upto_seq
		RETURNING upto_seq
	)
	DELETE FROM updates WHERE room = $1::text AND seq <= $4::bigint AND (SELECT locked FROM lock)
	AND seq <= GREATEST((SELECT upto_seq FROM put), (SELECT upto_seq FROM snapshots WHERE room = $1::text))`;

/** The last seq of each of the rooms in $1 (an array). */
export const HEADS = 'SELECT room, seq FROM room_heads WHERE room = ANY($1)';

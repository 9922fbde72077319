/**
 * Versions and the activity feed in PostgreSQL, with several processes (R200): the same tables'
 * content, limits and pruning as the SQLite store (versions.ts), so every process lists and reads
 * the versions any of them saved. Its calls are synchronous like the SQLite store's, through a
 * blocking connection of its own (persistence-pg-bridge.ts): a version is saved or read rarely, on
 * request or after a burst of editing, never on the path of each update.
 */
import { crc32 } from './checksum';
import { BlockingPg, type Statement } from './persistence-pg-bridge';
import { SCHEMA_LOCK } from './persistence-pg-sql';
import {
	DEFAULT_VERSION_LIMITS,
	parseJsonOr,
	toInfo,
	type ActivityEntry,
	type NewVersion,
	type Person,
	type VersionInfo,
	type VersionLimits,
	type VersionStore
} from './versions';

/** Created at every start under the store's advisory lock, so processes starting together do not race. */
export const PG_VERSION_SCHEMA = [
	`CREATE TABLE IF NOT EXISTS map_versions (
		id BIGSERIAL PRIMARY KEY,
		map TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		label TEXT NOT NULL,
		auto BOOLEAN NOT NULL,
		editors TEXT NOT NULL,
		saved_by TEXT,
		title TEXT NOT NULL,
		claims INTEGER NOT NULL,
		relations INTEGER NOT NULL,
		state BYTEA NOT NULL,
		checksum BIGINT NOT NULL
	)`,
	'CREATE INDEX IF NOT EXISTS map_versions_map ON map_versions (map, id)',
	`CREATE TABLE IF NOT EXISTS map_activity (
		id BIGSERIAL PRIMARY KEY,
		map TEXT NOT NULL,
		time BIGINT NOT NULL,
		people TEXT NOT NULL,
		lines TEXT NOT NULL,
		more INTEGER NOT NULL
	)`,
	'CREATE INDEX IF NOT EXISTS map_activity_map ON map_activity (map, id)'
];

const INFO = `id, created_at AS "createdAt", label, auto, editors, saved_by AS "savedBy", title, claims, relations`;

/** Saves of one map's versions take turns, so two processes never prune the same map at once ($1 map). */
const MAP_LOCK = "SELECT pg_advisory_xact_lock(hashtext('argmap-versions:' || $1::text))";

/** The id this connection's last insert into map_versions got. */
const NEW_ID = "currval(pg_get_serial_sequence('map_versions', 'id'))";

/** Keeps the newest $3 versions of one kind ($1 map, $2 auto). */
const PRUNE_KIND = `
	DELETE FROM map_versions WHERE map = $1 AND auto = $2 AND id NOT IN
	(SELECT id FROM map_versions WHERE map = $1 AND auto = $2 ORDER BY id DESC LIMIT $3)`;

/**
 * Drops the oldest automatic, then the oldest labelled versions until the map's states fit in $2 bytes,
 * never the one just saved ($1 map): a version goes while the total less the sizes of those before it
 * in that order is still over the limit (SqliteVersionStore's loop, in one statement).
 */
const PRUNE_BYTES = `
	DELETE FROM map_versions WHERE id IN (
		SELECT id FROM (
			SELECT id, COALESCE(SUM(octet_length(state)) OVER
				(ORDER BY auto DESC, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS dropped
			FROM map_versions WHERE map = $1 AND id <> ${NEW_ID}
		) o
		WHERE (SELECT SUM(octet_length(state)) FROM map_versions WHERE map = $1) - o.dropped > $2
	)`;

/** Keeps the newest $2 activity entries ($1 map). */
const PRUNE_ACTIVITY = `
	DELETE FROM map_activity WHERE map = $1 AND id NOT IN
	(SELECT id FROM map_activity WHERE map = $1 ORDER BY id DESC LIMIT $2)`;

type Row = Record<string, unknown>;

/** BIGINT arrives as text (it may exceed 2^53); ours are ids and times well below that. */
function rowInfo(row: Row): VersionInfo {
	return toInfo({
		id: Number(row.id),
		createdAt: Number(row.createdAt),
		label: row.label as string,
		auto: row.auto ? 1 : 0,
		editors: row.editors as string,
		savedBy: row.savedBy as string | null,
		title: row.title as string,
		claims: Number(row.claims),
		relations: Number(row.relations)
	});
}

function withState(row: Row | undefined): { info: VersionInfo; state: Uint8Array } | null {
	if (!row) return null;
	const state = new Uint8Array(row.state as Uint8Array);
	if (crc32(state) !== Number(row.checksum)) return null;
	return { info: rowInfo(row), state };
}

/** Versions and activity in PostgreSQL, shared by every server process. */
export class PgVersionStore implements VersionStore {
	private readonly db: BlockingPg;

	/** Connects and creates the tables if needed (blocking); throws when the database fails. */
	constructor(
		url: string,
		private readonly limits: VersionLimits = DEFAULT_VERSION_LIMITS
	) {
		this.db = new BlockingPg(url);
		try {
			this.db.run([
				{ sql: `SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})` },
				...PG_VERSION_SCHEMA.map((sql) => ({ sql }))
			]);
		} catch (error) {
			void this.db.close();
			throw error;
		}
	}

	add(map: string, v: NewVersion): VersionInfo {
		const statements: Statement[] = [
			{ sql: MAP_LOCK, params: [map] },
			{
				sql: `INSERT INTO map_versions (map, created_at, label, auto, editors, saved_by, title, claims, relations, state, checksum)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
				params: [
					map,
					v.createdAt,
					v.label,
					v.auto,
					JSON.stringify(v.editors),
					v.savedBy ? JSON.stringify(v.savedBy) : null,
					v.title,
					v.claims,
					v.relations,
					v.state,
					crc32(v.state)
				]
			},
			{ sql: PRUNE_KIND, params: [map, v.auto, v.auto ? this.limits.maxAuto : this.limits.maxNamed] },
			{ sql: PRUNE_BYTES, params: [map, this.limits.maxBytes] }
		];
		const id = Number(this.db.run(statements)[1]![0]!.id);
		const { state: _state, ...info } = v;
		return { id, ...info };
	}

	list(map: string): VersionInfo[] {
		return this.db
			.query<Row>(`SELECT ${INFO} FROM map_versions WHERE map = $1 ORDER BY id DESC`, [map])
			.map(rowInfo);
	}

	get(map: string, id: number) {
		return withState(
			this.db.query<Row>(`SELECT ${INFO}, state, checksum FROM map_versions WHERE map = $1 AND id = $2`, [
				map,
				id
			])[0]
		);
	}

	latest(map: string) {
		return withState(
			this.db.query<Row>(
				`SELECT ${INFO}, state, checksum FROM map_versions WHERE map = $1 ORDER BY id DESC LIMIT 1`,
				[map]
			)[0]
		);
	}

	addActivity(map: string, entry: Omit<ActivityEntry, 'id'>): void {
		this.db.run([
			{
				sql: 'INSERT INTO map_activity (map, time, people, lines, more) VALUES ($1, $2, $3, $4, $5)',
				params: [map, entry.time, JSON.stringify(entry.people), JSON.stringify(entry.lines), entry.more]
			},
			{ sql: PRUNE_ACTIVITY, params: [map, this.limits.maxActivity] }
		]);
	}

	activity(map: string, limit: number): ActivityEntry[] {
		return this.db
			.query<Row>(
				'SELECT id, time, people, lines, more FROM map_activity WHERE map = $1 ORDER BY id DESC LIMIT $2',
				[map, limit]
			)
			.map((r) => ({
				id: Number(r.id),
				time: Number(r.time),
				people: parseJsonOr<Person[]>(r.people as string, []),
				lines: parseJsonOr<string[]>(r.lines as string, []),
				more: Number(r.more)
			}));
	}

	removeMap(map: string): void {
		this.db.run([
			{ sql: 'DELETE FROM map_versions WHERE map = $1', params: [map] },
			{ sql: 'DELETE FROM map_activity WHERE map = $1', params: [map] }
		]);
	}

	close(): Promise<void> {
		return this.db.close();
	}
}

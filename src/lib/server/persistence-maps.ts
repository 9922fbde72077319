import type Database from 'better-sqlite3';

/** What creating a map records. Only hashes of the map's tokens are stored, never the tokens. */
export interface NewMap {
	id: string;
	title: string;
	template: string | null;
	editHash?: string;
	viewHash?: string;
}

/** Map metadata kept next to the documents; the document itself lives in the room's updates. */
export interface MapRecord {
	id: string;
	title: string;
	createdAt: number;
	template: string | null;
	/** SHA-256 of the edit / view token; '' when the map has none (no token then matches). */
	editHash: string;
	viewHash: string;
	/** When the map was deleted (ms since the epoch), or null; a deleted map can be restored for a while. */
	deletedAt: number | null;
}

/** The metadata fields that change after creation. */
export type MapChanges = Partial<Pick<MapRecord, 'title' | 'editHash' | 'viewHash' | 'deletedAt'>>;

const COLUMNS =
	'id, title, created_at AS createdAt, template, edit_hash AS editHash, view_hash AS viewHash, deleted_at AS deletedAt';

/** Column of each changeable field: a fixed list, so no caller-provided name ever reaches the SQL. */
const CHANGE_COLUMNS: Record<keyof MapChanges, string> = {
	title: 'title',
	editHash: 'edit_hash',
	viewHash: 'view_hash',
	deletedAt: 'deleted_at'
};

/** Adds what older databases lack; safe to run at every start. */
export function migrateMaps(db: Database.Database): void {
	const columns = db.prepare('PRAGMA table_info(maps)').all() as { name: string }[];
	if (!columns.some((c) => c.name === 'deleted_at'))
		db.exec('ALTER TABLE maps ADD COLUMN deleted_at INTEGER');
}

/** The `maps` table: one row per map, its title, token hashes and deletion time. */
export class MapTable {
	private readonly stmt;

	constructor(private readonly db: Database.Database) {
		migrateMaps(db);
		this.stmt = {
			insert: db.prepare(
				'INSERT INTO maps (id, title, created_at, template, edit_hash, view_hash) VALUES (?, ?, ?, ?, ?, ?)'
			),
			get: db.prepare(`SELECT ${COLUMNS} FROM maps WHERE id = ?`),
			list: db.prepare(`SELECT ${COLUMNS} FROM maps ORDER BY created_at, id`),
			remove: db.prepare('DELETE FROM maps WHERE id = ?'),
			deletedBefore: db.prepare(
				'SELECT id FROM maps WHERE deleted_at IS NOT NULL AND deleted_at <= ? ORDER BY deleted_at'
			)
		};
	}

	/** Inserts a new map's row; throws if the id is taken. */
	insert(map: NewMap, createdAt: number): MapRecord {
		const record: MapRecord = {
			id: map.id,
			title: map.title,
			createdAt,
			template: map.template,
			editHash: map.editHash ?? '',
			viewHash: map.viewHash ?? '',
			deletedAt: null
		};
		const r = record;
		this.stmt.insert.run(r.id, r.title, r.createdAt, r.template, r.editHash, r.viewHash);
		return record;
	}

	/** The map's metadata, or null if there is no such map. */
	get(id: string): MapRecord | null {
		return (this.stmt.get.get(id) as MapRecord | undefined) ?? null;
	}

	/** All maps, oldest first. */
	list(): MapRecord[] {
		return this.stmt.list.all() as MapRecord[];
	}

	/** Changes some fields of a map in one statement; returns the updated record, or null if there is no such map. */
	update(id: string, changes: MapChanges): MapRecord | null {
		const keys = (Object.keys(changes) as (keyof MapChanges)[]).filter((k) => changes[k] !== undefined);
		if (keys.length > 0) {
			const set = keys.map((k) => `${CHANGE_COLUMNS[k]} = ?`).join(', ');
			this.db.prepare(`UPDATE maps SET ${set} WHERE id = ?`).run(...keys.map((k) => changes[k]), id);
		}
		return this.get(id);
	}

	/** Removes the map's row (not its document). */
	remove(id: string): void {
		this.stmt.remove.run(id);
	}

	/** Ids of maps deleted at or before `time`, oldest deletion first. */
	deletedBefore(time: number): string[] {
		return (this.stmt.deletedBefore.all(time) as { id: string }[]).map((r) => r.id);
	}
}

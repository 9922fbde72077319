import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { crc32 } from './checksum';
import { RoomStore } from './persistence';

let dir: string;
let store: RoomStore;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argmap-store-'));
	store = new RoomStore(path.join(dir, 'nested', 'data'));
});

afterEach(() => {
	store.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

/** An update from its own doc (its own client id), so it does not depend on any other update. */
function independentUpdate(key: string, value: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('m').set(key, value);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

function contentOf(update: Uint8Array | null): Record<string, unknown> {
	const doc = new Y.Doc();
	if (update) Y.applyUpdate(doc, update);
	const json = doc.getMap('m').toJSON();
	doc.destroy();
	return json;
}

function rawDb(): Database.Database {
	return new Database(path.join(dir, 'nested', 'data', 'argmap.sqlite'));
}

describe('crc32', () => {
	it('matches the standard check values', () => {
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
		expect(crc32(new Uint8Array())).toBe(0);
		expect(crc32(new Uint8Array([0]))).toBe(0xd202ef8d);
	});

	it('changes when one bit flips', () => {
		const data = new Uint8Array([1, 2, 3, 4, 5]);
		const before = crc32(data);
		data[2] = 3 ^ 0x10;
		expect(crc32(data)).not.toBe(before);
	});
});

describe('RoomStore', () => {
	it('uses WAL and creates the data folder', () => {
		expect(fs.existsSync(path.join(dir, 'nested', 'data', 'argmap.sqlite'))).toBe(true);
		const db = rawDb();
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		db.close();
	});

	it('appends updates with increasing seqs and merges them on load', () => {
		expect(store.loadRoom('r1')).toEqual({ update: null, problems: [], uptoSeq: 0, logRows: 0 });
		const a = store.appendUpdate('r1', independentUpdate('a', '1'));
		const b = store.appendUpdate('r1', independentUpdate('b', '2'));
		store.appendUpdate('other', independentUpdate('x', 'no'));
		expect(b).toBeGreaterThan(a);
		expect(store.logLength('r1')).toBe(2);
		const loaded = store.loadRoom('r1');
		expect(loaded.problems).toEqual([]);
		expect(loaded.logRows).toBe(2);
		expect(loaded.uptoSeq).toBe(b);
		expect(contentOf(loaded.update)).toEqual({ a: '1', b: '2' });
	});

	it('R46: corrupt rows are reported and skipped while the other rows load', () => {
		store.appendUpdate('r1', independentUpdate('a', '1'));
		const flipped = store.appendUpdate('r1', independentUpdate('b', '2'));
		const garbage = store.appendUpdate('r1', new Uint8Array([5, 200, 200, 200, 1]));
		store.appendUpdate('r1', independentUpdate('c', '3'));
		// Bit rot after the write: the checksum no longer matches.
		const db = rawDb();
		const row = db.prepare('SELECT data FROM updates WHERE seq = ?').get(flipped) as { data: Buffer };
		const at = row.data.length - 2;
		row.data[at] = row.data[at]! ^ 0xff;
		db.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(row.data, flipped);
		db.close();

		const loaded = store.loadRoom('r1');
		expect(contentOf(loaded.update)).toEqual({ a: '1', c: '3' });
		expect(loaded.problems).toHaveLength(2);
		expect(loaded.problems[0]).toMatch(new RegExp(`room r1 seq ${flipped}: checksum mismatch`));
		expect(loaded.problems[1]).toMatch(new RegExp(`room r1 seq ${garbage}: not a Yjs update`));
	});

	it('R46: a corrupt snapshot is reported and the log after it still loads', () => {
		const seq = store.appendUpdate('r1', independentUpdate('a', '1'));
		store.compact('r1', independentUpdate('a', '1'), seq);
		store.appendUpdate('r1', independentUpdate('b', '2'));
		const db = rawDb();
		db.prepare('UPDATE snapshots SET checksum = checksum + 1').run();
		db.close();
		const loaded = store.loadRoom('r1');
		expect(loaded.problems).toEqual([`room r1 snapshot upto ${seq}: checksum mismatch`]);
		expect(contentOf(loaded.update)).toEqual({ b: '2' });
	});

	it('R47: compaction keeps content and prunes only the covered rows', () => {
		const doc = new Y.Doc();
		doc.on('update', (u: Uint8Array) => store.appendUpdate('r1', u));
		for (let i = 0; i < 20; i++) doc.getMap('m').set(`k${i}`, String(i));
		const before = store.loadRoom('r1');
		store.compact('r1', before.update!, before.uptoSeq);
		expect(store.logLength('r1')).toBe(0);
		doc.getMap('m').set('late', 'yes');
		expect(store.logLength('r1')).toBe(1);
		const after = store.loadRoom('r1');
		expect(after.problems).toEqual([]);
		expect(after.logRows).toBe(1);
		expect(contentOf(after.update)).toEqual(doc.getMap('m').toJSON());
		doc.destroy();
	});

	it('deleteRoom removes log and snapshot of that room only', () => {
		const seq = store.appendUpdate('r1', independentUpdate('a', '1'));
		store.compact('r1', independentUpdate('a', '1'), seq);
		store.appendUpdate('r1', independentUpdate('b', '2'));
		store.appendUpdate('r2', independentUpdate('c', '3'));
		store.deleteRoom('r1');
		expect(store.loadRoom('r1').update).toBeNull();
		expect(contentOf(store.loadRoom('r2').update)).toEqual({ c: '3' });
	});

	it('keeps map metadata and stores a new map with its first update atomically', () => {
		expect(store.hasMap('m1')).toBe(false);
		expect(store.getMap('m1')).toBeNull();
		const created = store.createMap(
			{ id: 'm1', title: 'First', template: 'blank', editHash: 'e', viewHash: 'v' },
			independentUpdate('a', '1')
		);
		expect(store.getMap('m1')).toEqual(created);
		expect(contentOf(store.loadRoom('m1').update)).toEqual({ a: '1' });
		store.createMap('m2', 'Second', null);
		expect(store.hasMap('m2')).toBe(true);
		expect(store.getMap('m2')).toMatchObject({ title: 'Second', template: null, editHash: '', viewHash: '' });
		expect(() => store.createMap('m1', 'again')).toThrow();
		expect(store.listMaps().map((m) => m.id)).toEqual(['m1', 'm2']);
		expect(() => store.healthCheck()).not.toThrow();
	});

	it('persists across reopening the same folder', () => {
		store.appendUpdate('r1', independentUpdate('a', '1'));
		store.close();
		store = new RoomStore(path.join(dir, 'nested', 'data'));
		expect(contentOf(store.loadRoom('r1').update)).toEqual({ a: '1' });
	});
});

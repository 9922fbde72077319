import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateMap } from '../model/generate';
import { writeMap } from './apply';
import { readMap } from './read';
import { parts } from './schema';
import { MapSession } from './session';

describe('snapshot structural sharing', () => {
	it('R13: a remote text edit gives a new object for that claim only, equal to a fresh read', () => {
		const doc = new Y.Doc();
		writeMap(doc, generateMap(50, 3));
		const session = new MapSession(doc);
		const before = session.map;
		const entry = parts(doc).claims.get('c5')!;
		doc.transact(() => (entry.get('text') as Y.Text).insert(0, 'New '), 'remote');
		const after = session.map;
		expect(after).toEqual(readMap(doc).map);
		for (const [i, c] of after.claims.entries()) {
			if (c.id === 'c5') expect(c).not.toBe(before.claims[i]);
			else expect(c).toBe(before.claims[i]);
		}
		after.relations.forEach((r, i) => expect(r).toBe(before.relations[i]));
		session.destroy();
	});

	it('R13: a changed entry is validated again; deleted entries and their relations go (R7)', () => {
		const doc = new Y.Doc();
		writeMap(doc, generateMap(20, 4));
		const session = new MapSession(doc);
		const { claims } = parts(doc);
		doc.transact(() => claims.get('c1')!.set('kind', 'nonsense'), 'remote');
		expect(session.map.claims.some((c) => c.id === 'c1')).toBe(false);
		expect(session.dropped.some((d) => d.includes('c1'))).toBe(true);
		doc.transact(() => claims.get('c1')!.set('kind', 'claim'), 'remote');
		expect(session.map).toEqual(readMap(doc).map);
		doc.transact(() => claims.delete('c2'), 'remote');
		expect(session.map).toEqual(readMap(doc).map);
		expect(session.dropped).toEqual([]);
		session.destroy();
	});

	it('R13: typing and moving patch the last map; a change of kind is read in full, like a fresh read (R7)', () => {
		const doc = new Y.Doc();
		writeMap(doc, generateMap(200, 5));
		const session = new MapSession(doc);
		const { claims } = parts(doc);
		const first = session.map;
		doc.transact(() => (claims.get('c9')!.get('text') as Y.Text).insert(0, 'Typed '), 'remote');
		doc.transact(() => claims.get('c12')!.set('pos', { x: 1, y: 2 }), 'remote');
		expect(session.map).toEqual(readMap(doc).map);
		// The relations were not read and checked again: the very same list.
		expect(session.map.relations).toBe(first.relations);
		// A thesis that becomes a claim can no longer answer the question: its relation goes.
		const thesis = session.map.claims.find((c) => c.kind === 'thesis')!;
		expect(session.map.relations.some((r) => r.kind === 'answers' && r.from === thesis.id)).toBe(true);
		doc.transact(() => claims.get(thesis.id)!.set('kind', 'claim'), 'remote');
		expect(session.map).toEqual(readMap(doc).map);
		expect(session.map.relations.some((r) => r.kind === 'answers' && r.from === thesis.id)).toBe(false);
		session.destroy();
	});
});

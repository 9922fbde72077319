import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseArgMap } from '../model';
import { setTextMinimal, writeMap } from './apply';
import { readMap } from './read';
import { parts } from './schema';
import { MapSession } from './session';

const seed = parseArgMap({
	format: 'argmap',
	version: 1,
	title: 'Tea',
	claims: [
		{ id: 't', kind: 'thesis', text: 'Tea is good' },
		{ id: 'a', kind: 'claim', text: 'It is warm' }
	],
	relations: [{ id: 'r', kind: 'supports', from: 'a', to: 't' }]
});

/** Two replicas that exchange every update at once. */
function linkedPair() {
	const docs = [new Y.Doc(), new Y.Doc()];
	if (!seed.ok) throw seed.error;
	writeMap(docs[0]!, seed.value);
	Y.applyUpdate(docs[1]!, Y.encodeStateAsUpdate(docs[0]!));
	docs.forEach((doc, i) =>
		doc.on('update', (u: Uint8Array, origin: unknown) => {
			if (origin !== 'remote') Y.applyUpdate(docs[1 - i]!, u, 'remote');
		})
	);
	return docs.map((d) => new MapSession(d)) as [MapSession, MapSession];
}

describe('the shared document', () => {
	it('R14: concurrent typing in one claim merges instead of overwriting', () => {
		const [a, b] = [new Y.Doc(), new Y.Doc()];
		const text = a.getText('t');
		text.insert(0, 'Tea is good');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		setTextMinimal(a.getText('t'), 'Green tea is good');
		setTextMinimal(b.getText('t'), 'Tea is good for you');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(a.getText('t').toString()).toBe('Green tea is good for you');
		expect(b.getText('t').toString()).toBe('Green tea is good for you');
	});

	it('R15: a command is one transaction, so colleagues receive it as one update', () => {
		const [alice] = linkedPair();
		let updates = 0;
		alice.doc.on('update', () => updates++);
		const result = alice.dispatch({ type: 'deleteClaims', ids: ['a'] });
		expect(result.ok).toBe(true);
		expect(updates).toBe(1);
	});

	it('R16: undo reverts only your own changes, with a colleague’s edits interleaved', () => {
		const [alice, bob] = linkedPair();
		alice.dispatch({ type: 'editText', id: 'a', text: 'It is warm and calming' });
		alice.undoManager.stopCapturing();
		bob.dispatch({ type: 'editText', id: 't', text: 'Tea is very good' });
		alice.dispatch({ type: 'addClaim', claim: { id: 'n', kind: 'evidence', text: 'A study' } });
		alice.undoManager.undo();
		alice.undoManager.undo();
		for (const s of [alice, bob]) {
			expect(s.map.claims.map((c) => [c.id, c.text])).toEqual([
				['a', 'It is warm'],
				['t', 'Tea is very good']
			]);
		}
	});

	it('R172: commands grouped over several frames are undone by one Undo, and later ones are separate', async () => {
		const [session] = linkedPair();
		const at = () => Object.fromEntries(session.map.claims.map((c) => [c.id, [c.x, c.y]]));
		const before = at();
		await session.group(async () => {
			session.dispatch({ type: 'move', positions: [{ id: 't', x: 10, y: 20 }] });
			await new Promise((r) => setTimeout(r, 600)); // longer than the undo capture timeout
			session.dispatch({ type: 'move', positions: [{ id: 'a', x: 30, y: 40 }] });
		});
		session.dispatch({ type: 'editDetails', id: 'a', quote: 'Later' });
		session.undoManager.undo();
		expect(session.map.claims.find((c) => c.id === 'a')?.quote).toBeUndefined();
		expect(at()).toEqual({ t: [10, 20], a: [30, 40] });
		session.undoManager.undo();
		expect(at()).toEqual(before);
		session.destroy();
	});

	it('R13: invalid entries written by a broken or hostile client are dropped and reported, not shown', () => {
		const doc = new Y.Doc();
		if (!seed.ok) throw seed.error;
		writeMap(doc, seed.value);
		const { claims, relations } = parts(doc);
		doc.transact(() => {
			const bad = new Y.Map<unknown>();
			bad.set('kind', 'opinion');
			bad.set('text', new Y.Text('x'));
			claims.set('bad', bad);
			claims.set('__proto__', new Y.Map());
			claims.get('a')!.set('pos', { x: 'left', y: 3 });
			const dangling = new Y.Map<unknown>();
			dangling.set('kind', 'attacks');
			dangling.set('from', 'ghost');
			dangling.set('to', 't');
			relations.set('r2', dangling);
		});
		const read = readMap(doc);
		expect(read.map.claims.map((c) => c.id)).toEqual(['t']);
		expect(read.map.relations).toEqual([]);
		expect(read.dropped).toHaveLength(3);
		expect(read.dropped.join('\n')).toMatch(/claim bad\.kind/);
	});
});

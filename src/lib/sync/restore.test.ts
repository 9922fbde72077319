import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom } from '../model';
import { generateMap } from '../model/generate';
import { diffMaps, isEmptyDiff } from '../model/diff';
import { writeMap } from './apply';
import { randomCommand } from './random-commands';
import { MapSession } from './session';

/** Two replicas that exchange every update at once. */
function linkedPair() {
	const docs = [new Y.Doc(), new Y.Doc()];
	writeMap(docs[0]!, generateMap(30, 7));
	Y.applyUpdate(docs[1]!, Y.encodeStateAsUpdate(docs[0]!));
	docs.forEach((doc, i) =>
		doc.on('update', (u: Uint8Array, origin: unknown) => {
			if (origin !== 'remote') Y.applyUpdate(docs[1 - i]!, u, 'remote');
		})
	);
	return docs.map((d) => new MapSession(d)) as [MapSession, MapSession];
}

describe('restoring a version on the shared document', () => {
	it('R150: restore is one change every replica sees; the restorer’s Undo brings the later edits back', () => {
		const [a, b] = linkedPair();
		const random = seededRandom(3);
		for (let i = 0; i < 20; i++) a.dispatch(randomCommand(a.map, random));
		const saved = a.map;
		// Someone else changes the map after the version was saved.
		for (let i = 0; i < 40; i++) b.dispatch(randomCommand(b.map, random));
		const changed = b.map;
		expect(isEmptyDiff(diffMaps(changed, saved, { positions: true }))).toBe(false);
		a.undoManager.clear();
		const result = a.dispatch({ type: 'replaceMap', map: saved });
		expect(result.ok).toBe(true);
		expect(a.map).toEqual(saved);
		expect(b.map).toEqual(saved);
		expect(a.undoManager.undoStack.length).toBe(1);
		a.undoManager.undo();
		expect(isEmptyDiff(diffMaps(a.map, changed, { positions: true }))).toBe(true);
		expect(b.map).toEqual(a.map);
		// b's own undo stack does not contain the restore.
		expect(b.undoManager.undoStack.length).toBeGreaterThan(0);
	});
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateMap } from '../model/generate';
import { withLayout } from '../model/layout';
import { writeMap } from './apply';
import { MapSession } from './session';

describe('derived snapshots', () => {
	it('R177: one derived map per transaction, however many claims it changes, local or remote', () => {
		const map = withLayout(generateMap(300, 4));
		const doc = new Y.Doc();
		writeMap(doc, map);
		const session = new MapSession(doc);
		const seen: number[] = [];
		session.subscribe((m) => seen.push(m.claims.length));
		seen.length = 0;

		const moved = map.claims.slice(0, 200).map((c) => ({ id: c.id, x: (c.x ?? 0) + 10, y: c.y ?? 0 }));
		expect(session.dispatch({ type: 'move', positions: moved }).ok).toBe(true);
		expect(seen).toEqual([300]);

		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		const peer = new MapSession(other);
		const before = Y.encodeStateVector(doc);
		peer.dispatch({ type: 'deleteClaims', ids: map.claims.slice(250, 260).map((c) => c.id) });
		peer.dispatch({ type: 'editText', id: map.claims[5]!.id, text: 'Changed elsewhere' });
		seen.length = 0;
		// Both remote changes arrive in one update: one snapshot.
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, before), 'remote');
		expect(seen).toEqual([290]);
		session.destroy();
		peer.destroy();
	}, 30_000);
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseArgMap } from '../model';
import { writeMap } from './apply';
import { MapSession } from './session';
import { bindClaimText, shiftIndex, type TextField } from './text-binding';

function field(value = ''): TextField & { selection: [number, number] } {
	return {
		value,
		selection: [0, 0],
		get selectionStart() {
			return this.selection[0];
		},
		get selectionEnd() {
			return this.selection[1];
		},
		setSelectionRange(a: number, b: number) {
			this.selection = [a, b];
		}
	};
}

describe('text binding', () => {
	it('R14: shifts a caret by remote inserts and deletes before it, not after it', () => {
		expect(shiftIndex([{ retain: 2 }, { insert: 'abc' }], 5)).toBe(8);
		expect(shiftIndex([{ retain: 5 }, { insert: 'abc' }], 5)).toBe(5);
		expect(shiftIndex([{ retain: 7 }, { insert: 'abc' }], 5)).toBe(5);
		expect(shiftIndex([{ retain: 1 }, { delete: 2 }], 5)).toBe(3);
		expect(shiftIndex([{ retain: 4 }, { delete: 3 }], 5)).toBe(4);
		expect(shiftIndex([{ delete: 1 }, { insert: 'xy' }], 3)).toBe(4);
	});

	it('R14: two people typing in one claim merge, each keeping their caret', () => {
		const parsed = parseArgMap({
			format: 'argmap',
			version: 1,
			claims: [{ id: 'a', kind: 'claim', text: 'Tea is good' }],
			relations: []
		});
		if (!parsed.ok) throw parsed.error;
		const docs = [new Y.Doc(), new Y.Doc()];
		writeMap(docs[0]!, parsed.value);
		Y.applyUpdate(docs[1]!, Y.encodeStateAsUpdate(docs[0]!));
		docs.forEach((doc, i) =>
			doc.on('update', (u: Uint8Array, origin: unknown) => {
				if (origin !== 'net') Y.applyUpdate(docs[1 - i]!, u, 'net');
			})
		);
		const [alice, bob] = docs.map((d) => new MapSession(d)) as [MapSession, MapSession];
		const fa = field();
		const fb = field();
		const refused: string[] = [];
		const ba = bindClaimText(alice, 'a', fa, (m) => refused.push(m));
		const bb = bindClaimText(bob, 'a', fb, (m) => refused.push(m));
		expect(fa.value).toBe('Tea is good');
		// Bob's caret is at the end ("good|"); Alice types at the start.
		fb.selection = [11, 11];
		fa.value = 'Green Tea is good';
		ba.input();
		expect(fb.value).toBe('Green Tea is good');
		expect(fb.selection).toEqual([17, 17]);
		fb.value = 'Green Tea is good for you';
		bb.input();
		expect(fa.value).toBe('Green Tea is good for you');
		fa.value = '   ';
		ba.input();
		expect(refused).toEqual([expect.stringMatching(/A claim needs some text/)]);
		expect(bob.map.claims[0]!.text).toBe('Green Tea is good for you');
		ba.destroy();
		bb.destroy();
	});
});

import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom } from '../model';
import { parseClientMessage, ProtocolError, syncStep1Message, updateMessage } from './sync-protocol';

/** Messages a real client sends, to truncate and corrupt. */
function validMessages(): Uint8Array[] {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, 'a claim about energy');
	doc.getMap('m').set('k', { x: 1 });
	const awareness = encoding.createEncoder();
	encoding.writeVarUint(awareness, 1);
	const payload = encoding.createEncoder();
	encoding.writeVarUint(payload, 1);
	encoding.writeVarUint(payload, 42);
	encoding.writeVarUint(payload, 3);
	encoding.writeVarString(payload, JSON.stringify({ user: { name: 'Ann' } }));
	encoding.writeVarUint8Array(awareness, encoding.toUint8Array(payload));
	return [syncStep1Message(doc), updateMessage(Y.encodeStateAsUpdate(doc)), encoding.toUint8Array(awareness)];
}

describe('message decoder', () => {
	it('R43: 10,000 seeded random, truncated and corrupted messages decode or fail with a ProtocolError, never anything else', () => {
		const random = seededRandom(43);
		const valid = validMessages();
		const outcomes = { parsed: 0, refused: 0 };
		for (let i = 0; i < 10_000; i++) {
			const source = valid[i % valid.length]!;
			let data: Uint8Array;
			if (i % 3 === 0) {
				data = Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
			} else if (i % 3 === 1) {
				data = source.slice(0, Math.floor(random() * source.length));
			} else {
				data = source.slice();
				for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
					data[Math.floor(random() * data.length)] = Math.floor(random() * 256);
				}
			}
			try {
				parseClientMessage(data);
				outcomes.parsed++;
			} catch (error) {
				expect(error, `message ${i}: ${Array.from(data).join(',')}`).toBeInstanceOf(ProtocolError);
				outcomes.refused++;
			}
		}
		// Every truncation of a length-prefixed message is refused: about a third of the runs at least.
		expect(outcomes.refused).toBeGreaterThan(3333);
	});
});

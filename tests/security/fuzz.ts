/**
 * Seeded fuzz messages for the sync endpoint: random bytes, truncated real messages, and real
 * headers with random payloads. Each is classified with the server's own decoder, and a message
 * that would decode as a document update is cut short instead, so every update the fuzzer sends is
 * malformed: the room's bytes must not change, and every malformed message must close its socket.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { seededRandom } from '../../src/lib/model';
import {
	parseClientMessage,
	syncStep1Message,
	syncStep2Message,
	updateMessage
} from '../../src/lib/server/sync-protocol';

export interface FuzzMessage {
	data: Uint8Array;
	/** The server must close the connection that sends it. */
	malformed: boolean;
}

/** `[awareness, update]` announcing `state` for one made-up client. */
export function awarenessMessage(clientId: number, state: unknown): Uint8Array {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, 1);
	encoding.writeVarUint(inner, clientId);
	encoding.writeVarUint(inner, 1);
	encoding.writeVarString(inner, JSON.stringify(state));
	const outer = encoding.createEncoder();
	encoding.writeVarUint(outer, 1);
	encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
	return encoding.toUint8Array(outer);
}

/** Real client messages about a small document, to truncate and to borrow headers from. */
function realMessages(): Uint8Array[] {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, 'Energy cooperation is the first pillar');
	doc.getMap('claims').set('c1', { kind: 'claim' });
	const update = Y.encodeStateAsUpdate(doc);
	return [
		syncStep1Message(doc),
		syncStep2Message(doc, new Uint8Array([0])),
		updateMessage(update),
		awarenessMessage(7, { user: { name: 'Fuzz' } })
	];
}

/** Whether the server would accept `data`, and whether as a document update. */
function classify(data: Uint8Array): 'update' | 'other' | 'malformed' {
	try {
		return parseClientMessage(data).kind === 'update' ? 'update' : 'other';
	} catch {
		return 'malformed';
	}
}

/** `count` seeded fuzz messages. */
export function fuzzMessages(seed: number, count: number): FuzzMessage[] {
	const random = seededRandom(seed);
	const byte = () => Math.floor(random() * 256);
	const real = realMessages();
	const out: FuzzMessage[] = [];
	for (let i = 0; i < count; i++) {
		const source = real[Math.floor(random() * real.length)]!;
		let data: Uint8Array;
		if (i % 3 === 0) {
			data = Uint8Array.from({ length: Math.floor(random() * 96) }, byte);
		} else if (i % 3 === 1) {
			data = source.slice(0, Math.floor(random() * source.length));
		} else {
			const encoder = encoding.createEncoder();
			encoding.writeUint8Array(encoder, source.slice(0, source[0] === 0 ? 2 : 1));
			encoding.writeVarUint8Array(encoder, Uint8Array.from({ length: Math.floor(random() * 64) }, byte));
			data = encoding.toUint8Array(encoder);
		}
		let kind = classify(data);
		// A well-formed update from an edit link is a legitimate edit, not an attack: cut it short.
		while (kind === 'update') {
			data = data.slice(0, data.length - 1);
			kind = classify(data);
		}
		out.push({ data, malformed: kind === 'malformed' });
	}
	return out;
}

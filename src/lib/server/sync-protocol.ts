import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Top-level message types of the y-websocket protocol (the same numbers as the y-websocket client). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

/**
 * WebSocket close codes the server uses: RFC 6455 (section 7.4.1) where one fits, else the
 * application range 4000-4999 with the matching HTTP status in the last three digits, so a client
 * can tell "try again" from "this link is dead" without parsing the reason.
 */
export const CLOSE = {
	GOING_AWAY: 1001,
	UNSUPPORTED: 1003,
	/** Over the message rate limit, or the link was replaced: the sender broke a rule. */
	POLICY: 1008,
	/** A message over the size limit (sent by ws itself). */
	TOO_BIG: 1009,
	INTERNAL: 1011,
	/** Nothing received for the idle timeout. */
	IDLE: 4408,
	/** The map was deleted. */
	GONE: 4410,
	/** The map reached its size cap: the update was not applied. */
	MAP_FULL: 4413
} as const;

/** A message the server cannot read: the connection that sent it is closed with `code`. */
export class ProtocolError extends Error {
	constructor(
		readonly reason: string,
		readonly code: number = CLOSE.UNSUPPORTED
	) {
		super(reason);
		this.name = 'ProtocolError';
	}
}

/** What a decoded client message asks the room to do. */
export type ClientMessage =
	/** `empty`: the client holds nothing yet (someone opening the map). */
	| { kind: 'sync-step-1'; stateVector: Uint8Array; empty: boolean }
	| { kind: 'update'; update: Uint8Array }
	| { kind: 'awareness'; update: Uint8Array }
	| { kind: 'query-awareness' };

/**
 * Decodes and fully validates one client message, so a broken one is refused before it touches
 * the room: Y.applyUpdate can half-apply or silently accept garbage, and applyAwarenessUpdate
 * can apply the first entries of an update and then throw without announcing them.
 * Throws {@link ProtocolError} for anything malformed.
 */
export function parseClientMessage(data: Uint8Array): ClientMessage {
	try {
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		if (type === MESSAGE_SYNC) {
			const step = decoding.readVarUint(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			if (step === syncProtocol.messageYjsSyncStep1) {
				const empty = Y.decodeStateVector(payload).size === 0;
				return { kind: 'sync-step-1', stateVector: payload, empty };
			}
			if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
				Y.decodeUpdate(payload);
				return { kind: 'update', update: payload };
			}
			throw new ProtocolError(`unknown sync step ${step}`);
		}
		if (type === MESSAGE_AWARENESS) {
			const update = decoding.readVarUint8Array(decoder);
			checkAwarenessUpdate(update);
			return { kind: 'awareness', update };
		}
		if (type === MESSAGE_QUERY_AWARENESS) return { kind: 'query-awareness' };
		throw new ProtocolError(`unknown message type ${type}`);
	} catch (error) {
		if (error instanceof ProtocolError) throw error;
		throw new ProtocolError(`malformed message (${error instanceof Error ? error.message : String(error)})`);
	}
}

/** Every entry must decode and carry an object or null: clients index into states without checking. */
function checkAwarenessUpdate(update: Uint8Array): void {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	for (let i = 0; i < count; i++) {
		decoding.readVarUint(decoder);
		decoding.readVarUint(decoder);
		const state: unknown = JSON.parse(decoding.readVarString(decoder));
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
			throw new ProtocolError('awareness state is not an object');
		}
	}
}

/** `[sync, step 1, state vector of doc]`: asks the client for what the server lacks. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

/** `[sync, step 2, diff]`: what the client lacks given its state vector. */
export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep2(encoder, doc, stateVector);
	return encoding.toUint8Array(encoder);
}

/** `[sync, update, bytes]`: relays one document update. */
export function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** `[awareness, update]` for the given clients' current states (absent ones encode as removed). */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}

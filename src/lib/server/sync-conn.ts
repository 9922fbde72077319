/** A client socket as a room sees it, the one way rooms send to it, and raw-socket helpers. */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { type RawData } from 'ws';
import type { TokenBucket } from './limits';
import { CLOSE } from './sync-protocol';
import type { Room } from './sync-room';

export type Access = 'edit' | 'view';

/** One client socket in a room. */
export interface Conn {
	readonly ws: WebSocket;
	readonly access: Access;
	/** What admitted it (the hash of its token), so replacing a link can close exactly its holders. */
	readonly credential: string | undefined;
	readonly room: Room;
	/** Awareness client ids this socket announced, removed for everyone when it goes away. */
	readonly clientIds: Set<number>;
	/** Its message rate limit (R65). */
	readonly bucket: TokenBucket;
	/** When it last sent anything (ms since the epoch), for the idle timeout (R68). */
	lastSeen: number;
	/** Answered the last ping. */
	alive: boolean;
	/** Messages that arrived before the room finished loading, in order; null once started. */
	queue: Uint8Array[] | null;
}

/** A socket whose send buffer grows past this (bytes) is not reading: drop it instead of buffering without end. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Sends unless the socket is closing; drops a socket that stopped reading. */
export function send(conn: Conn, message: Uint8Array): void {
	const ws = conn.ws;
	if (ws.readyState !== WebSocket.OPEN) return;
	if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
		conn.room.closeConn(conn, CLOSE.INTERNAL, 'client not reading');
		ws.terminate();
		return;
	}
	ws.send(message);
}

/** Answers an upgrade with a plain HTTP error and hangs up. */
export function refuse(socket: Duplex, status: number): void {
	const code = Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
	if (!socket.writable) {
		socket.destroy();
		return;
	}
	// Destroy only once the answer is flushed, or the client sees a reset instead of the status.
	socket.once('finish', () => socket.destroy());
	socket.end(
		`HTTP/1.1 ${code} ${http.STATUS_CODES[code] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
	);
}

/** Resolves once the socket is closed. */
export function waitClosed(ws: WebSocket): Promise<void> {
	if (ws.readyState === ws.CLOSED) return Promise.resolve();
	return new Promise((resolve) => ws.once('close', () => resolve()));
}

/** A received message as one byte array, whatever shape ws delivered it in. */
export function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** A client socket as a room sees it, and the one way rooms send to it. */
import WebSocket from 'ws';
import { CLOSE } from './sync-protocol';
import type { Room } from './sync-room';

export type Access = 'edit' | 'view';

/** One client socket in a room. */
export interface Conn {
	readonly ws: WebSocket;
	readonly access: Access;
	readonly room: Room;
	/** Awareness client ids this socket announced, removed for everyone when it goes away. */
	readonly clientIds: Set<number>;
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

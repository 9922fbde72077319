import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isId } from '../model';
import { AddressCounter, type Limits } from './limits';
import { refuse, type Access } from './sync-conn';

/** The outcome of authorizing one upgrade request. */
export type Verdict =
	{ ok: true; access: Access; credential?: string } | { ok: false; status: number; reason: string };

/** The URL path prefix of sync connections: `/yjs/<roomId>`. */
export const SYNC_PATH = '/yjs/';

export interface GateOptions {
	authorize(roomId: string, req: http.IncomingMessage): Promise<Verdict>;
	log: (msg: string) => void;
	limits: Pick<Limits, 'maxConnectionsPerIp' | 'maxMessageBytes'>;
	/** True once the server stops accepting: upgrades get 503. */
	closing(): boolean;
	/** Receives every admitted websocket. */
	admitted(ws: WebSocket, roomId: string, access: Access, credential: string | undefined): void;
}

/**
 * Everything an upgrade passes before it reaches a room, cheapest check first: the path and room
 * id (R63), the per-address limit (R66), the authorizer (tokens, origin, deleted maps). Nothing
 * here loads a room, so a refused upgrade costs no memory or disk.
 */
export class UpgradeGate {
	private readonly wss: WebSocketServer;
	private readonly addresses: AddressCounter;
	/** Per room, bumped whenever its connections are revoked: an upgrade authorized across a bump is checked again. */
	private readonly epochs = new Map<string, number>();

	constructor(private readonly opts: GateOptions) {
		this.addresses = new AddressCounter(opts.limits.maxConnectionsPerIp);
		// ws closes a connection whose frame is over maxPayload with 1009 and emits an error (R64).
		this.wss = new WebSocketServer({ noServer: true, maxPayload: opts.limits.maxMessageBytes });
	}

	/** See {@link SyncServer.handleUpgrade}. */
	handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): boolean {
		const path = (req.url ?? '').split('?')[0] ?? '';
		if (!path.startsWith(SYNC_PATH)) return false;
		const roomId = path.slice(SYNC_PATH.length);
		// A client that vanishes mid-handshake must not crash the process with an unhandled 'error'.
		socket.on('error', () => {});
		if (this.opts.closing()) {
			refuse(socket, 503);
		} else if (!isId(roomId)) {
			this.opts.log('refused upgrade: invalid room id');
			refuse(socket, 400);
		} else if (this.takeAddressSlot(req, socket)) {
			void this.admit(roomId, req, socket, head);
		}
		return true;
	}

	/** Makes upgrades of this room that are being authorized right now check again. */
	revoke(roomId: string): void {
		this.epochs.set(roomId, (this.epochs.get(roomId) ?? 0) + 1);
	}

	/** Open or pending sync sockets from one client address. */
	connectionsFrom(address: string): number {
		return this.addresses.count(address);
	}

	close(): void {
		this.wss.close();
	}

	/**
	 * Counts the upgrade against its address until its TCP socket closes (whether it is refused,
	 * vanishes or becomes a websocket), or refuses it with 429 when the address is at its limit.
	 */
	private takeAddressSlot(req: http.IncomingMessage, socket: Duplex): boolean {
		const address = req.socket.remoteAddress ?? 'unknown';
		if (socket.destroyed) return false;
		if (!this.addresses.tryAcquire(address)) {
			this.opts.log(
				`refused upgrade: over ${this.opts.limits.maxConnectionsPerIp} connections from one address`
			);
			refuse(socket, 429);
			return false;
		}
		socket.once('close', () => this.addresses.release(address));
		return true;
	}

	private async admit(
		roomId: string,
		req: http.IncomingMessage,
		socket: Duplex,
		head: Buffer
	): Promise<void> {
		const log = this.opts.log;
		let verdict: Verdict;
		for (;;) {
			const epoch = this.epochs.get(roomId) ?? 0;
			try {
				verdict = await this.opts.authorize(roomId, req);
			} catch (error) {
				log(`room ${roomId}: authorize failed (${error instanceof Error ? error.name : 'error'})`);
				refuse(socket, 500);
				return;
			}
			// Links replaced or the map deleted while this request was checked: its answer may be stale.
			if ((this.epochs.get(roomId) ?? 0) === epoch) break;
		}
		if (!verdict.ok) {
			log(`room ${roomId}: refused ${verdict.status} (${verdict.reason})`);
			refuse(socket, verdict.status);
		} else if (this.opts.closing()) {
			refuse(socket, 503);
		} else if (socket.destroyed) {
			log(`room ${roomId}: client left during authorization`);
		} else {
			const { access, credential } = verdict;
			this.wss.handleUpgrade(req, socket, head, (ws) => this.opts.admitted(ws, roomId, access, credential));
		}
	}
}

/**
 * The cluster bus on Redis pub/sub: one channel per room, binary messages. A message is
 * `kind (1 byte) | sender (8 bytes) | seq (float64, updates only) | payload`; the sender id lets a
 * process ignore its own messages.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { BusMessage, RoomBus } from './sync-cluster';

const KINDS = ['update', 'awareness', 'query-awareness'] as const;
const CHANNEL_PREFIX = 'argmap:room:';
/** Every process listens here: the ids of rooms whose links were replaced or which were deleted. */
const REVOKE_CHANNEL = 'argmap:revoke';
const SENDER_BYTES = 8;

/** Encodes a message for the wire (exported for tests). */
export function encodeBusMessage(sender: Uint8Array, message: BusMessage): Buffer {
	const head = Buffer.alloc(1 + SENDER_BYTES + (message.kind === 'update' ? 8 : 0));
	head[0] = KINDS.indexOf(message.kind);
	head.set(sender, 1);
	if (message.kind === 'update') head.writeDoubleBE(message.seq, 1 + SENDER_BYTES);
	return message.kind === 'query-awareness' ? head : Buffer.concat([head, message.update]);
}

/** Decodes a message; null for anything malformed (never trusted further than that). */
export function decodeBusMessage(data: Buffer): { sender: Buffer; message: BusMessage } | null {
	if (data.length < 1 + SENDER_BYTES) return null;
	const kind = KINDS[data[0]!];
	const sender = data.subarray(1, 1 + SENDER_BYTES);
	const rest = data.subarray(1 + SENDER_BYTES);
	switch (kind) {
		case 'update': {
			if (rest.length < 8) return null;
			const seq = rest.readDoubleBE(0);
			if (!Number.isSafeInteger(seq) || seq < 1) return null;
			return { sender, message: { kind, seq, update: new Uint8Array(rest.subarray(8)) } };
		}
		case 'awareness':
			return { sender, message: { kind, update: new Uint8Array(rest) } };
		case 'query-awareness':
			return { sender, message: { kind } };
		default:
			return null;
	}
}

/** Pub/sub over two Redis connections (a subscribed connection can do nothing else). */
export class RedisBus implements RoomBus {
	private readonly pub: Redis;
	private readonly sub: Redis;
	private readonly sender = randomBytes(SENDER_BYTES);
	private readonly receivers = new Map<string, (message: BusMessage) => void>();
	private readonly reconnectListeners: (() => void)[] = [];
	private readonly revokeListeners: ((room: string) => void)[] = [];

	constructor(url: string, log: (msg: string) => void) {
		// Publishing while Redis is away fails at once instead of queueing: the store is the truth.
		// Loaded here, not at import: a one-process server never pays for the client library.
		const { Redis } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
		this.pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
		this.sub = new Redis(url);
		let connectedBefore = false;
		this.sub.on('ready', () => {
			// ioredis subscribes again by itself; what was published in between is caught up from the store.
			if (connectedBefore) for (const listener of this.reconnectListeners) listener();
			connectedBefore = true;
		});
		let lastError = '';
		const report = (which: string) => (error: Error) => {
			if (error.message === lastError) return;
			lastError = error.message;
			log(`Redis ${which} connection: ${error.message}`);
		};
		this.pub.on('error', report('publish'));
		this.sub.on('error', report('subscribe'));
		this.sub.subscribe(REVOKE_CHANNEL).catch(() => {});
		this.sub.on('messageBuffer', (channel: Buffer, data: Buffer) => {
			if (channel.toString() === REVOKE_CHANNEL) {
				const room = data.toString();
				for (const listener of this.revokeListeners) listener(room);
				return;
			}
			const receive = this.receivers.get(channel.toString().slice(CHANNEL_PREFIX.length));
			const decoded = receive ? decodeBusMessage(data) : null;
			if (decoded && !decoded.sender.equals(this.sender)) receive!(decoded.message);
		});
	}

	subscribe(room: string, receive: (message: BusMessage) => void) {
		this.receivers.set(room, receive);
		// Retried by ioredis on reconnect; the poll catches up on what is missed meanwhile.
		const subscribed = this.sub.subscribe(CHANNEL_PREFIX + room).then(() => undefined);
		const unsubscribe = () => {
			if (this.receivers.get(room) !== receive) return;
			this.receivers.delete(room);
			this.sub.unsubscribe(CHANNEL_PREFIX + room).catch(() => {});
		};
		return { subscribed, unsubscribe };
	}

	publish(room: string, message: BusMessage): void {
		this.pub.publish(CHANNEL_PREFIX + room, encodeBusMessage(this.sender, message)).catch(() => {
			// Best effort: other processes find the stored update by its seq.
		});
	}

	onReconnect(listener: () => void): void {
		this.reconnectListeners.push(listener);
	}

	publishRevoke(room: string): void {
		this.pub.publish(REVOKE_CHANNEL, room).catch(() => {});
	}

	onRevoke(listener: (room: string) => void): void {
		this.revokeListeners.push(listener);
	}

	/** Resolves once both connections are open (or rejects after `timeoutMs`). */
	async ready(timeoutMs = 10_000): Promise<void> {
		const open = (r: Redis) =>
			r.status === 'ready'
				? Promise.resolve()
				: new Promise<void>((resolve) => r.once('ready', () => resolve()));
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
		});
		try {
			await Promise.race([Promise.all([open(this.pub), open(this.sub)]), timeout]);
		} finally {
			clearTimeout(timer);
		}
	}

	async close(): Promise<void> {
		this.receivers.clear();
		this.pub.disconnect();
		this.sub.disconnect();
	}

	/** Throws unless both connections to Redis are up (for GET /healthz). */
	check(): void {
		if (this.pub.status !== 'ready' || this.sub.status !== 'ready') {
			throw new Error(`Redis is not connected (${this.pub.status}, ${this.sub.status})`);
		}
	}
}

/**
 * A lean y-websocket client for the sync benchmark: the sync protocol of y-protocols over `ws` (the
 * same bytes WebsocketProvider sends), without awareness or reconnects, so a thousand of them fit in
 * the benchmark process and the figures are about the servers, not the clients.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
/** How long one client may take to connect and finish its first sync on a loaded machine. */
const CONNECT_TIMEOUT_MS = 30_000;

export class BenchClient {
	readonly doc = new Y.Doc();
	readonly ws: WebSocket;
	/** The server's answer to our sync step 1 has arrived: the client holds the room's state. */
	synced = false;
	readonly ready: Promise<void>;

	/** Connects to `url`; `onKey` is called with every key of the map `bench` a remote update sets. */
	constructor(url: string, onKey: (key: string) => void) {
		this.ws = new WebSocket(url, { perMessageDeflate: false });
		this.ready = new Promise((resolve, reject) => {
			const fail = (error: Error) => {
				clearTimeout(timer);
				reject(error);
			};
			const timer = setTimeout(
				() => fail(new Error(`no sync within ${CONNECT_TIMEOUT_MS} ms`)),
				CONNECT_TIMEOUT_MS
			);
			// A refused upgrade is an error too: "Unexpected server response: 429".
			this.ws.once('error', fail);
			this.ws.once('close', (code) => fail(new Error(`closed with ${code} before sync`)));
			this.ws.on('message', (data: Buffer) => {
				const wasSynced = this.synced;
				this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
				if (this.synced && !wasSynced) {
					clearTimeout(timer);
					resolve();
				}
			});
		});
		// Rejections after sync (a close at the end of a run) are expected: only the first outcome counts.
		this.ready.catch(() => {});
		this.ws.on('error', () => {});
		this.ws.on('open', () => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			syncProtocol.writeSyncStep1(encoder, this.doc);
			this.ws.send(encoding.toUint8Array(encoder));
		});
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === this || this.ws.readyState !== WebSocket.OPEN) return;
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			syncProtocol.writeUpdate(encoder, update);
			this.ws.send(encoding.toUint8Array(encoder));
		});
		this.doc.getMap('bench').observe((event) => {
			if (!event.transaction.local) for (const key of event.keysChanged) onKey(key);
		});
	}

	/** Sets `key` in the shared map: one document update, sent at once. */
	write(key: string): void {
		this.doc.getMap('bench').set(key, 1);
	}

	private receive(data: Uint8Array): void {
		const decoder = decoding.createDecoder(data);
		// Awareness (1) and anything else is not this benchmark's business.
		if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		const step = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
		if (step === syncProtocol.messageYjsSyncStep2) this.synced = true;
		if (encoding.length(encoder) > 1) this.ws.send(encoding.toUint8Array(encoder));
	}

	/** Closes the socket; resolves once it is closed (cut after a second if the server does not answer). */
	close(): Promise<void> {
		this.doc.destroy();
		if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => this.ws.terminate(), 1000);
			this.ws.once('close', () => {
				clearTimeout(timer);
				resolve();
			});
			this.ws.close();
		});
	}
}

/** Connects one client per URL, `concurrency` handshakes at a time, and waits until all are synced. */
export async function connectAll(
	urls: string[],
	onKey: (key: string) => void,
	concurrency = 50
): Promise<BenchClient[]> {
	const clients: BenchClient[] = [];
	for (let i = 0; i < urls.length; i += concurrency) {
		const batch = urls.slice(i, i + concurrency).map((url) => new BenchClient(url, onKey));
		clients.push(...batch);
		try {
			await Promise.all(batch.map((client) => client.ready));
		} catch (error) {
			await closeAll(clients);
			throw error;
		}
	}
	return clients;
}

export function closeAll(clients: BenchClient[]): Promise<void> {
	return Promise.all(clients.map((client) => client.close())).then(() => {});
}

import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface ConnectionState {
	status: ConnectionStatus;
	/** Local changes made since the last completed sync with the server: they wait to be sent. */
	pending: number;
	/** The local copy (IndexedDB) has been loaded: the map can be shown and edited without the server. */
	localLoaded: boolean;
	/** Why the server ended the connection for good (link replaced, map deleted, map full), if it did. */
	closedReason?: string;
}

/**
 * Closes after which reconnecting cannot help: the 44xx range (4410 map deleted, 4413 map full) and a
 * policy close (1008) for a replaced link. A policy close for going over the message rate is not final:
 * the client comes back after its backoff.
 */
export const isTerminalClose = (code: number, reason = '') =>
	(code >= 4400 && code < 4500) || (code === 1008 && !/rate/i.test(reason));

/** Longest wait between reconnect attempts, in ms: a restarted server sees clients back within it. */
const MAX_BACKOFF_MS = 10_000;
/** First reconnect delay, doubled per failed attempt. */
const BASE_BACKOFF_MS = 200;

/**
 * The delay before reconnect attempt `attempt` (1, 2, ...): exponential with "equal jitter", half fixed and
 * half random, so a server restart does not bring every client back in the same instant.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * A connection attempt the server has not answered for this long is dropped and tried again (R59); the
 * wait grows by as much with each failed attempt, up to 30 s, so a slow server is not hammered.
 */
export const STALL_MS = 10_000;

/** What the stall check reads of a y-websocket provider. */
export interface SocketProgress {
	shouldConnect: boolean;
	ws: unknown;
	wsconnected: boolean;
	synced: boolean;
	/** When the last message arrived (or the socket opened), in ms since the epoch. */
	wsLastMessageReceived: number;
	/** Failed attempts since the last sync. */
	wsUnsuccessfulReconnects: number;
}

/**
 * True when the current attempt is stuck (R59): its socket has not opened `STALL_MS` after it was
 * made, or it opened but the server has sent nothing for as long before the first sync completed.
 * y-websocket waits forever in the first case and 30 s in the second.
 */
export function stalled(p: SocketProgress, attemptStarted: number, now: number): boolean {
	if (!p.shouldConnect || !p.ws || p.synced) return false;
	const since = p.wsconnected ? p.wsLastMessageReceived : attemptStarted;
	return now - since >= Math.min(30_000, STALL_MS * (1 + p.wsUnsuccessfulReconnects));
}

export interface Connection {
	readonly provider: WebsocketProvider;
	onState(listener: (state: ConnectionState) => void): () => void;
	destroy(): void;
}

/** The sync endpoint of the page's own server (CONTRACT.md: /yjs/<id>). */
export function syncUrl(location: Pick<Location, 'protocol' | 'host'>): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
}

/**
 * Connects a document to its room with the standard y-websocket provider, and keeps a local copy in
 * IndexedDB so the map opens and stays editable while the server is unreachable; everything merges on
 * reconnect. The token travels as a query parameter of the websocket URL only.
 */
export function connect(
	doc: Y.Doc,
	options: { url: string; room: string; token?: string; offline?: boolean; random?: () => number }
): Connection {
	const local =
		options.offline === false ? undefined : new IndexeddbPersistence(`argmap:${options.room}`, doc);
	const provider = new WebsocketProvider(options.url, options.room, doc, {
		params: options.token ? { token: options.token } : {},
		maxBackoffTime: MAX_BACKOFF_MS,
		shouldReconnect: (event: CloseEvent) => !isTerminalClose(event.code, event.reason)
	});
	const listeners = new Set<(s: ConnectionState) => void>();
	const state: ConnectionState = { status: 'connecting', pending: 0, localLoaded: !local };
	const emit = (change: Partial<ConnectionState>) => {
		Object.assign(state, change);
		for (const l of listeners) l({ ...state });
	};
	const onUpdate = (_update: Uint8Array, origin: unknown) => {
		// Changes that did not come from the server or the local copy wait until the next sync.
		if (origin !== provider && origin !== local && !(provider.wsconnected && provider.synced)) {
			emit({ pending: state.pending + 1 });
		}
	};
	doc.on('update', onUpdate);
	provider.on('status', ({ status }: { status: string }) =>
		emit({
			status:
				status === 'connected'
					? provider.synced
						? 'online'
						: 'connecting'
					: status === 'connecting'
						? 'connecting'
						: 'offline'
		})
	);
	provider.on('sync', (synced: boolean) => {
		const online = synced && provider.wsconnected;
		emit({ status: online ? 'online' : 'connecting', ...(online && { pending: 0 }) });
	});
	provider.on('connection-close', () => {
		// Read by y-websocket right after this event to schedule the next attempt: jitter it.
		provider.maxBackoffTime = reconnectDelay(provider.wsUnsuccessfulReconnects + 1, options.random);
		emit({ status: 'offline' });
	});
	provider.on('connection-error', () => emit({ status: 'offline' }));
	provider.on('closed', ({ reason }: { code: number; reason: string }) =>
		emit({ status: 'offline', closedReason: reason || 'the server ended the connection' })
	);
	local?.whenSynced.then(() => emit({ localLoaded: true }));
	// Restart an attempt the server never answers (R59): drop the socket and open a new one at once.
	let attempt: unknown = null;
	let attemptStarted = Date.now();
	const watchdog = setInterval(() => {
		const now = Date.now();
		if (provider.ws !== attempt) [attempt, attemptStarted] = [provider.ws, now];
		else if (stalled(provider, attemptStarted, now)) {
			provider.disconnect();
			provider.connect();
		}
	}, 1_000);
	// The browser knows before the socket does: drop at once when the network goes, retry when it is back.
	const offline = () => {
		provider.disconnect();
		emit({ status: 'offline' });
	};
	const online = () => provider.connect();
	globalThis.addEventListener?.('offline', offline);
	globalThis.addEventListener?.('online', online);
	return {
		provider,
		onState(listener) {
			listeners.add(listener);
			listener({ ...state });
			return () => listeners.delete(listener);
		},
		destroy() {
			globalThis.removeEventListener?.('offline', offline);
			globalThis.removeEventListener?.('online', online);
			clearInterval(watchdog);
			listeners.clear();
			doc.off('update', onUpdate);
			provider.destroy();
			void local?.destroy();
		}
	};
}

import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

/** Longest wait between reconnect attempts, in ms: a restarted server sees clients come back within it. */
const MAX_BACKOFF_MS = 10_000;

export interface Connection {
	readonly provider: WebsocketProvider;
	onStatus(listener: (status: ConnectionStatus) => void): () => void;
	destroy(): void;
}

/** The sync endpoint of the page's own server (CONTRACT.md: /yjs/<id>). */
export function syncUrl(location: Pick<Location, 'protocol' | 'host'>): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
}

/**
 * Connects a document to its room with the standard y-websocket provider; the token travels as a
 * query parameter of the websocket URL only (never in the page URL's path or query).
 */
export function connect(doc: Y.Doc, options: { url: string; room: string; token?: string }): Connection {
	const provider = new WebsocketProvider(options.url, options.room, doc, {
		params: options.token ? { token: options.token } : {},
		maxBackoffTime: MAX_BACKOFF_MS
	});
	const listeners = new Set<(s: ConnectionStatus) => void>();
	let status: ConnectionStatus = 'connecting';
	const emit = (next: ConnectionStatus) => {
		status = next;
		for (const l of listeners) l(next);
	};
	provider.on('status', ({ status: s }: { status: string }) =>
		emit(
			s === 'connected'
				? provider.synced
					? 'online'
					: 'connecting'
				: s === 'connecting'
					? 'connecting'
					: 'offline'
		)
	);
	provider.on('sync', (synced: boolean) => emit(synced && provider.wsconnected ? 'online' : 'connecting'));
	provider.on('connection-close', () => emit('offline'));
	provider.on('connection-error', () => emit('offline'));
	return {
		provider,
		onStatus(listener) {
			listeners.add(listener);
			listener(status);
			return () => listeners.delete(listener);
		},
		destroy() {
			listeners.clear();
			provider.destroy();
		}
	};
}

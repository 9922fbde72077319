import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { handleApi, requireAccess, type ApiContext } from './api';
import type { Config } from './config';
import { createMap, type CreatedMap } from './maps';
import { RoomStore } from './persistence';
import { SyncServer } from './sync-server';
import { HttpError } from './http';

export interface App {
	/** Serves the API; calls `next` for everything else (the SvelteKit app). */
	handle(req: IncomingMessage, res: ServerResponse, next: () => void): void;
	/** Takes websocket upgrades on /yjs/<id>; returns false for other paths (e.g. Vite's HMR). */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** On first start with an empty data folder, creates the article map and returns its links. */
	createFirstMap(): CreatedMap | undefined;
	readonly store: RoomStore;
	readonly sync: SyncServer;
	close(): Promise<void>;
}

/** Everything the server does besides serving pages: persistence, the sync endpoint, the HTTP API. */
export function createApp(config: Pick<Config, 'dataDir' | 'publicUrl'>, log = console.log): App {
	const store = new RoomStore(config.dataDir);
	const ctx: ApiContext = {
		store,
		publicUrl: config.publicUrl,
		sync: new SyncServer({
			store,
			log,
			authorize: async (room, req) => {
				try {
					const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
					return { ok: true, access: requireAccess(ctx, room, token, 'view') };
				} catch (e) {
					return e instanceof HttpError
						? { ok: false, status: e.status, reason: e.message }
						: Promise.reject(e);
				}
			}
		})
	};
	return {
		store,
		sync: ctx.sync,
		handle(req, res, next) {
			handleApi(ctx, req, res).then(
				(handled) => handled || next(),
				(error) => {
					console.error('Request failed:', error);
					if (!res.headersSent) res.writeHead(500);
					res.end();
				}
			);
		},
		handleUpgrade: (req, socket, head) => ctx.sync.handleUpgrade(req, socket, head),
		createFirstMap: () =>
			store.listMaps().length === 0 ? createMap(store, config.publicUrl, 'russia-china') : undefined,
		async close() {
			await ctx.sync.close();
			store.close();
		}
	};
}

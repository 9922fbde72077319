import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { DELETED_RETENTION_MS, requireAccess } from './access';
import { handleApi, type ApiContext } from './api';
import type { Config } from './config';
import { HttpError, setSecurityHeaders } from './http';
import type { Limits } from './limits';
import { createMap, purgeExpired, type CreatedMap } from './maps';
import { originAllowed } from './origin';
import { openBackend } from './backend';
import type { RoomStore } from './persistence';
import { SyncServer } from './sync-server';
import { HistoryRecorder, type HistoryTiming } from './history';

export interface App {
	/** Serves the API; calls `next` for everything else (the SvelteKit app). Every answer gets the security headers. */
	handle(req: IncomingMessage, res: ServerResponse, next: () => void): void;
	/** Takes websocket upgrades on /yjs/<id>; returns false for other paths (e.g. Vite's HMR). */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** On first start with an empty data folder, creates the article map and returns its links. */
	createFirstMap(): CreatedMap | undefined;
	/** Purges maps deleted longer ago than the restore window (also run hourly); returns their ids. */
	purgeDeleted(): string[];
	readonly store: RoomStore;
	readonly sync: SyncServer;
	close(): Promise<void>;
}

/** What createApp needs: where data lives and the links' base; the rest defaults as in README. */
export type AppConfig = Pick<Config, 'dataDir' | 'publicUrl'> &
	Partial<Pick<Config, 'allowedOrigins' | 'createToken' | 'cluster'>> & { limits?: Partial<Limits> };

export interface AppOptions {
	/** The clock (ms since the epoch), for tests that let a week pass. */
	now?: () => number;
	/** Ping interval and unload grace of the sync server (ms); tests shorten them. */
	pingIntervalMs?: number;
	unloadGraceMs?: number;
	/** When automatic versions and activity entries are written (the map's history); tests shorten it. */
	history?: Partial<HistoryTiming>;
}

/** How often maps past their restore window are purged: hourly is plenty for a seven-day window. */
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/** Everything the server does besides serving pages: persistence, the sync endpoint, the HTTP API. */
export function createApp(config: AppConfig, log = console.log, options: AppOptions = {}): App {
	const backend = openBackend(config, log);
	const store = backend.store;
	const now = options.now ?? Date.now;
	const allowedOrigins = config.allowedOrigins ?? [];
	const versions = backend.versions;
	const recorder = new HistoryRecorder({
		store: versions,
		withDoc: (room, fn) => ctx.sync.withRoom(room, fn),
		now,
		log,
		timing: options.history
	});
	const ctx: ApiContext = {
		store,
		publicUrl: config.publicUrl,
		createToken: config.createToken,
		allowedOrigins,
		now,
		history: { recorder, store: versions },
		sync: new SyncServer({
			store: backend.syncStore,
			cluster: backend.cluster,
			log,
			history: recorder,
			limits: config.limits,
			pingIntervalMs: options.pingIntervalMs,
			unloadGraceMs: options.unloadGraceMs,
			authorize: async (room, req) => {
				if (!originAllowed(req, config.publicUrl, allowedOrigins)) {
					return { ok: false, status: 403, reason: 'origin not allowed' };
				}
				try {
					const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
					const { access, credential } = requireAccess(store, room, token, 'view', { now: now() });
					return { ok: true, access, credential };
				} catch (e) {
					return e instanceof HttpError
						? { ok: false, status: e.status, reason: e.message }
						: Promise.reject(e);
				}
			}
		})
	};
	const purgeDeleted = () => {
		const purged = purgeExpired(ctx, now(), DELETED_RETENTION_MS);
		for (const id of purged) {
			recorder.forget(id);
			versions.removeMap(id);
		}
		if (purged.length > 0) log(`purged ${purged.length} map(s) deleted over a week ago`);
		return purged;
	};
	purgeDeleted();
	const purger = setInterval(purgeDeleted, PURGE_INTERVAL_MS);
	purger.unref();
	return {
		store,
		sync: ctx.sync,
		handle(req, res, next) {
			setSecurityHeaders(res);
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
			// With several processes, each would create one: maps are created through the page or the API.
			!backend.cluster && store.listMaps().length === 0
				? createMap(store, config.publicUrl, 'russia-china')
				: undefined,
		purgeDeleted,
		async close() {
			clearInterval(purger);
			await recorder.flush();
			recorder.close();
			await ctx.sync.close();
			await backend.close();
		}
	};
}

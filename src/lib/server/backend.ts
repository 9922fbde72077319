/**
 * Where the server keeps its data: SQLite in DATA_DIR (one process, the default), or PostgreSQL plus
 * Redis when REDIS_URL and DATABASE_URL are set (several processes sharing the rooms, R190).
 */
import { AppendBatcher } from './append-batch';
import type { Config } from './config';
import { SqliteRoomStore, type RoomStore } from './persistence';
import { PgRoomStore } from './persistence-pg';
import { ClusterHub } from './sync-cluster';
import { RedisBus } from './sync-cluster-redis';
import type { SyncStore } from './sync-log';
import { SqliteVersionStore, type VersionStore } from './versions';
import { PgVersionStore } from './versions-pg';

export interface Backend {
	/** Maps, tokens and documents, synchronously (the HTTP API, authorization). */
	readonly store: RoomStore;
	/** What the sync server's rooms store through. */
	readonly syncStore: SyncStore;
	/** Set with several processes: the bus and the rooms' links to the other processes. */
	readonly cluster?: ClusterHub;
	/** Versions and activity: in the SQLite file, or in PostgreSQL shared by every process (R200). */
	readonly versions: VersionStore;
	/** Closes the connections (after the sync server is closed). */
	close(): Promise<void>;
}

export function openBackend(
	config: Pick<Config, 'dataDir' | 'cluster'>,
	log: (msg: string) => void
): Backend {
	if (!config.cluster) {
		const store = new SqliteRoomStore(config.dataDir);
		const versions = new SqliteVersionStore(config.dataDir);
		const syncStore = new AppendBatcher(store);
		return {
			store,
			syncStore,
			versions,
			async close() {
				syncStore.flush();
				versions.close();
				store.close();
			}
		};
	}
	const bus = new RedisBus(config.cluster.redisUrl, log);
	let store: PgRoomStore;
	let versions: PgVersionStore;
	try {
		store = new PgRoomStore(config.cluster.databaseUrl, log, () => bus.check());
		try {
			versions = new PgVersionStore(config.cluster.databaseUrl);
		} catch (error) {
			void store.close();
			throw error;
		}
	} catch (error) {
		void bus.close();
		throw new Error(
			`DATABASE_URL: cannot use the database (${error instanceof Error ? error.message : String(error)})`,
			{ cause: error }
		);
	}
	const cluster = new ClusterHub(store.shared, bus, log, (id) => store.getMap(id));
	return {
		store,
		syncStore: store.shared,
		cluster,
		versions,
		async close() {
			cluster.close();
			await bus.close();
			await versions.close();
			await store.close();
		}
	};
}

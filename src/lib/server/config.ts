import path from 'node:path';
import { DEFAULT_LIMITS, type Limits } from './limits';

export interface Config {
	port: number;
	host: string;
	dataDir: string;
	publicUrl: string;
	/** Origins besides the server's own whose pages may open the websocket and change maps (R67). */
	allowedOrigins: string[];
	/** When set, creating a map needs it as a bearer token (R60); unset, anyone can create. */
	createToken: string | undefined;
	limits: Limits;
	/** Set when REDIS_URL and DATABASE_URL are: several processes share the rooms (R190). */
	cluster?: ClusterConfig;
}

export interface ClusterConfig {
	/** redis:// or rediss:// URL of the Redis that carries updates and presence between processes. */
	redisUrl: string;
	/** postgres:// or postgresql:// URL of the PostgreSQL that stores maps, tokens and documents. */
	databaseUrl: string;
}

/** A URL with one of `protocols`, or an error naming the variable. */
function serviceUrl(env: NodeJS.ProcessEnv, name: string, protocols: string[], example: string): string {
	const raw = env[name]!;
	let url: URL | undefined;
	try {
		url = new URL(raw);
	} catch {
		url = undefined;
	}
	if (!url || !protocols.includes(url.protocol) || url.hostname === '') {
		// Never echo the value: it may carry a password.
		throw new Error(`${name} must be a URL such as ${example}`);
	}
	return raw;
}

/** REDIS_URL and DATABASE_URL: both (several processes) or neither (one process, SQLite). */
function readCluster(env: NodeJS.ProcessEnv): ClusterConfig | undefined {
	const redis = env.REDIS_URL || undefined;
	const database = env.DATABASE_URL || undefined;
	if (!redis && !database) return undefined;
	if (!redis || !database) {
		throw new Error(
			`${redis ? 'DATABASE_URL' : 'REDIS_URL'} must be set too: REDIS_URL and DATABASE_URL go together (several processes), or neither is set (one process)`
		);
	}
	return {
		redisUrl: serviceUrl(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
		databaseUrl: serviceUrl(
			env,
			'DATABASE_URL',
			['postgres:', 'postgresql:'],
			'postgres://user:password@127.0.0.1:5432/argmap'
		)
	};
}

/** Shortest CREATE_TOKEN accepted: 128 bits of base64 (22 characters), past guessing. */
const MIN_CREATE_TOKEN_LENGTH = 22;

/** The environment variable of each limit (README: Configuration). */
const LIMIT_VARS: Record<keyof Limits, string> = {
	maxMessageBytes: 'MAX_MESSAGE_BYTES',
	ratePerSecond: 'RATE_LIMIT_PER_SECOND',
	rateBurst: 'RATE_LIMIT_BURST',
	maxConnectionsPerIp: 'MAX_CONNECTIONS_PER_IP',
	idleTimeoutMs: 'IDLE_TIMEOUT_MS',
	maxDocBytes: 'MAX_DOC_BYTES'
};

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isSafeInteger(value) || value < 1) {
		throw new Error(`${name} must be a whole number of at least 1, got "${raw}"`);
	}
	return value;
}

/** ALLOWED_ORIGINS: comma-separated origins such as https://maps.example.org; each is checked. */
function readOrigins(raw: string | undefined): string[] {
	const origins: string[] = [];
	for (const entry of (raw ?? '').split(',').map((s) => s.trim())) {
		if (entry === '') continue;
		let url: URL | undefined;
		try {
			url = new URL(entry);
		} catch {
			url = undefined;
		}
		if (!url || !/^https?:$/.test(url.protocol)) {
			throw new Error(`ALLOWED_ORIGINS must list origins such as https://maps.example.org, got "${entry}"`);
		}
		origins.push(url.origin);
	}
	return origins;
}

/** Reads the environment (CONTRACT.md); a bad value stops the start with a message naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
	const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`PORT must be a whole number from 0 to 65535, got "${env.PORT}"`);
	}
	const host = env.HOST || '127.0.0.1';
	const dataDir = path.resolve(cwd, env.DATA_DIR || './data');
	const publicUrl = (env.PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(
		/\/+$/,
		''
	);
	try {
		new URL(publicUrl);
	} catch {
		throw new Error(`PUBLIC_URL must be an absolute URL such as http://example.org, got "${env.PUBLIC_URL}"`);
	}
	const createToken = env.CREATE_TOKEN || undefined;
	if (createToken !== undefined && createToken.length < MIN_CREATE_TOKEN_LENGTH) {
		throw new Error(`CREATE_TOKEN must be at least ${MIN_CREATE_TOKEN_LENGTH} characters long`);
	}
	const limits = { ...DEFAULT_LIMITS };
	for (const key of Object.keys(LIMIT_VARS) as (keyof Limits)[]) {
		limits[key] = positiveInteger(env, LIMIT_VARS[key], DEFAULT_LIMITS[key]);
	}
	return {
		port,
		host,
		dataDir,
		publicUrl,
		allowedOrigins: readOrigins(env.ALLOWED_ORIGINS),
		createToken,
		limits,
		cluster: readCluster(env)
	};
}

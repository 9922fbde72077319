/**
 * The whole server minus SvelteKit for tests: createApp() on a plain http server on a free port
 * (pages answer 404), with helpers to call the API and to snapshot a room's stored bytes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppConfig, type AppOptions } from './app';
import type { CreatedMap } from './maps';
import { onCleanup, tempDir } from './sync-test-helpers';

export interface TestApp {
	app: App;
	/** `http://127.0.0.1:<port>` */
	base: string;
	/** `ws://127.0.0.1:<port>/yjs`, the WebsocketProvider's server URL. */
	wsBase: string;
	port: number;
	dataDir: string;
	/** Every line the app logged. */
	logs: string[];
	/** Stops the http server and the app (also done by cleanupAll). Idempotent. */
	stop(): Promise<void>;
}

/** Starts the app on 127.0.0.1:0 with its own data folder; `config` overrides the defaults. */
export async function startApp(config: Partial<AppConfig> = {}, options: AppOptions = {}): Promise<TestApp> {
	const dataDir = config.dataDir ?? tempDir();
	const logs: string[] = [];
	const app = createApp(
		{ publicUrl: 'http://maps.test', ...config, dataDir },
		(msg) => logs.push(msg),
		options
	);
	const server = http.createServer((req, res) => app.handle(req, res, () => res.writeHead(404).end()));
	server.on('upgrade', (req, socket, head) => app.handleUpgrade(req, socket, head) || socket.destroy());
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	let stopped: Promise<void> | undefined;
	const stop = () =>
		(stopped ??= (async () => {
			await app.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		})());
	onCleanup(stop);
	const base = `http://127.0.0.1:${port}`;
	return { app, base, wsBase: `ws://127.0.0.1:${port}/yjs`, port, dataDir, logs, stop };
}

export interface CallOptions {
	token?: string;
	body?: unknown;
	headers?: Record<string, string>;
}

/** Calls the API; resolves with the status and the parsed JSON body (or the text, or null). */
export async function call(
	base: string,
	method: string,
	path: string,
	options: CallOptions = {}
): Promise<{ status: number; body: Record<string, unknown> & { error?: string }; headers: Headers }> {
	const res = await fetch(base + path, {
		method,
		headers: {
			...(options.body !== undefined && { 'content-type': 'application/json' }),
			...(options.token !== undefined && { authorization: `Bearer ${options.token}` }),
			...options.headers
		},
		body: options.body === undefined ? undefined : JSON.stringify(options.body)
	});
	const text = await res.text();
	let body: unknown;
	try {
		body = text === '' ? null : JSON.parse(text);
	} catch {
		body = { text };
	}
	return { status: res.status, body: body as Record<string, unknown>, headers: res.headers };
}

/** Creates a map through the API (201 expected). */
export async function newMap(
	base: string,
	body: unknown = { template: 'russia-china' },
	token?: string
): Promise<CreatedMap> {
	const res = await call(base, 'POST', '/api/maps', { body, token });
	if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body as unknown as CreatedMap;
}

/** The room's stored state as the store would load it: byte-for-byte comparable before and after. */
export function storedBytes(app: App, id: string): Buffer {
	return Buffer.from(app.store.loadRoom(id).update ?? new Uint8Array());
}

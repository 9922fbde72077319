import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { parseJson } from '../formats/json';
import { readMap } from '../sync/read';
import { createApp, type App } from './app';
import { cleanupAll, tempDir, waitFor } from './sync-test-helpers';

let app: App | undefined;
let server: http.Server | undefined;

afterEach(async () => {
	await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
	await app?.close();
	app = undefined;
	server = undefined;
	await cleanupAll();
});

async function start(dataDir = tempDir()) {
	app = createApp({ dataDir, publicUrl: 'http://maps.test' }, () => {});
	const a = app;
	server = http.createServer((req, res) => a.handle(req, res, () => res.writeHead(404).end()));
	server.on('upgrade', (req, socket, head) => a.handleUpgrade(req, socket, head) || socket.destroy());
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const create = (base: string, body: unknown) =>
	fetch(`${base}/api/maps`, {
		method: 'POST',
		body: JSON.stringify(body),
		headers: { 'content-type': 'application/json' }
	});

describe('HTTP API', () => {
	it('R51: /healthz answers when the server can serve and persist', async () => {
		const base = await start();
		const res = await fetch(`${base}/healthz`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true });
	});

	it('R52: POST /api/maps creates a map from the article or blank, with edit and view links', async () => {
		const base = await start();
		const res = await create(base, { template: 'russia-china' });
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body.editUrl).toBe(`http://maps.test/m/${body.id}#edit=${body.editToken}`);
		expect(body.viewUrl).toBe(`http://maps.test/m/${body.id}#view=${body.viewToken}`);
		// At least 128 random bits each, and different.
		expect(body.editToken.length).toBeGreaterThanOrEqual(22);
		expect(body.editToken).not.toBe(body.viewToken);
		const blank = await (await create(base, { template: 'blank', title: 'Seminar 3' })).json();
		const exported = await fetch(`${base}/api/maps/${blank.id}/export?format=json`, {
			headers: { authorization: `Bearer ${blank.viewToken}` }
		});
		expect(JSON.parse(await exported.text())).toMatchObject({
			title: 'Seminar 3',
			claims: [],
			relations: []
		});
	});

	it('R52: a bad create request is refused, naming what is wrong', async () => {
		const base = await start();
		const wrong = await create(base, { template: 'nope' });
		expect(wrong.status).toBe(400);
		expect((await wrong.json()).error).toMatch(/^template: expected one of russia-china, blank/);
		const broken = await fetch(`${base}/api/maps`, { method: 'POST', body: '{oops' });
		expect(broken.status).toBe(400);
		expect((await broken.json()).error).toMatch(/not valid JSON/);
	});

	it('R53: export gives the native JSON with the map token; none or a wrong one is refused', async () => {
		const base = await start();
		const map = await (await create(base, { template: 'russia-china' })).json();
		const url = `${base}/api/maps/${map.id}/export?format=json`;
		const res = await fetch(url, { headers: { authorization: `Bearer ${map.viewToken}` } });
		expect(res.status).toBe(200);
		const parsed = parseJson(await res.text());
		expect(parsed.ok && parsed.value.claims.length).toBeGreaterThanOrEqual(35);
		expect(parsed.ok && parsed.value.source?.doi).toBe('10.3929/ethz-b-000476768');
		expect((await fetch(url)).status).toBe(401);
		expect((await fetch(url, { headers: { authorization: 'Bearer nope' } })).status).toBe(403);
		expect(
			(await fetch(`${base}/api/maps/zzzzzz/export`, { headers: { authorization: 'Bearer x' } })).status
		).toBe(404);
		const format = await fetch(`${url.replace('json', 'pdf')}`, {
			headers: { authorization: `Bearer ${map.viewToken}` }
		});
		expect(format.status).toBe(400);
	});

	it('R53: the websocket needs the map’s token; a script joins with the standard provider', async () => {
		const base = await start();
		const map = await (await create(base, { template: 'russia-china' })).json();
		const refused = await new Promise<number>((resolve) => {
			const ws = new WebSocket(`${base.replace('http', 'ws')}/yjs/${map.id}?token=wrong`);
			ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
			ws.on('open', () => resolve(101));
		});
		expect(refused).toBe(403);
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(`${base.replace('http', 'ws')}/yjs`, map.id, doc, {
			params: { token: map.editToken },
			WebSocketPolyfill: WebSocket as never
		});
		await waitFor(() => provider.synced, 5000, 'sync');
		expect(readMap(doc).map.claims.length).toBeGreaterThanOrEqual(35);
		provider.destroy();
	});

	it('R54: the first start creates the article map once; later starts keep the data', async () => {
		const dataDir = tempDir();
		await start(dataDir);
		expect(app!.createFirstMap()).toBeDefined();
		expect(app!.createFirstMap()).toBeUndefined();
		await app!.close();
		app = createApp({ dataDir, publicUrl: 'http://maps.test' }, () => {});
		expect(app.createFirstMap()).toBeUndefined();
		expect(app.store.listMaps()).toHaveLength(1);
	});
});

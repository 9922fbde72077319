/**
 * Attacks with what is sent: oversized messages and bodies, seeded fuzzing of the message decoder,
 * message floods, connection floods, a document grown past its cap, and a socket left idle.
 */
import http from 'node:http';
import WebSocket from 'ws';
import { call, newMap, storedBytes, type TestApp } from '../../src/lib/server/app-test-helpers';
import { DEFAULT_LIMITS } from '../../src/lib/server/limits';
import { CLOSE, MESSAGE_QUERY_AWARENESS } from '../../src/lib/server/sync-protocol';
import {
	message,
	rawClient,
	textUpdate,
	waitFor,
	type RawClient
} from '../../src/lib/server/sync-test-helpers';
import type { Outcome, Target } from './attacks-access';
import { fuzzMessages } from './fuzz';

/** One byte over the default message limit, from an edit and from a view connection. */
export async function oversizedMessages({ t, map }: Target): Promise<Outcome> {
	let refused = 0;
	for (const token of [map.editToken, map.viewToken]) {
		const client = await rawClient(`${t.wsBase}/${map.id}?token=${token}`);
		client.ws.send(message(0, 2, new Uint8Array(DEFAULT_LIMITS.maxMessageBytes)));
		await waitFor(() => client.closed !== null, 10_000, 'oversized message refused');
		if (client.closed?.code === CLOSE.TOO_BIG) refused++;
	}
	return { tries: 2, refused };
}

/** Parallel connections the fuzzer sends over: the order of messages does not matter to the room. */
const FUZZ_LANES = 4;

/**
 * `count` seeded random and truncated messages over edit connections, in a few lanes at once; each
 * malformed message must close its socket with 1003.
 */
export async function fuzz(
	{ t, map }: Target,
	seed: number,
	count: number
): Promise<Outcome & { malformed: number }> {
	const url = `${t.wsBase}/${map.id}?token=${map.editToken}`;
	const messages = fuzzMessages(seed, count);
	let refused = 0;
	const lane = async (start: number) => {
		let client: RawClient | undefined;
		for (let i = start; i < messages.length; i += FUZZ_LANES) {
			const { data, malformed } = messages[i]!;
			if (!client || client.closed || client.ws.readyState !== WebSocket.OPEN) client = await rawClient(url);
			client.ws.send(data);
			if (!malformed) continue;
			const c = client;
			await waitFor(
				() => c.closed !== null,
				5000,
				`close after message ${i}: [${Array.from(data).join(',')}]`
			);
			if (c.closed?.code === CLOSE.UNSUPPORTED) refused++;
		}
		client?.ws.close();
	};
	await Promise.all(Array.from({ length: FUZZ_LANES }, (_, start) => lane(start)));
	return { tries: count, refused, malformed: messages.filter((m) => m.malformed).length };
}

/** 1,000 messages as fast as the socket takes them: the connection is cut off once past the burst. */
export async function messageFlood({ t, map }: Target): Promise<Outcome> {
	const client = await rawClient(`${t.wsBase}/${map.id}?token=${map.editToken}`);
	for (let i = 0; i < 1000; i++) client.ws.send(message(MESSAGE_QUERY_AWARENESS));
	await waitFor(() => client.closed !== null, 5000, 'flood cut off');
	return { tries: 1, refused: client.closed?.code === CLOSE.POLICY ? 1 : 0 };
}

/** Opens a websocket; resolves with it once open, or with the HTTP status of the refusal. */
function open(url: string): Promise<WebSocket | number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url);
		ws.on('error', () => {});
		ws.once('open', () => resolve(ws));
		ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
	});
}

/** `extra` connections beyond MAX_CONNECTIONS_PER_IP at once from one address; returns how many got in too. */
export async function connectionFlood(
	{ t, map }: Target,
	extra: number
): Promise<Outcome & { accepted: number }> {
	await waitFor(() => t.app.sync.connectionsFrom('127.0.0.1') === 0, 5000, 'earlier sockets gone');
	const tries = DEFAULT_LIMITS.maxConnectionsPerIp + extra;
	const url = `${t.wsBase}/${map.id}?token=${map.viewToken}`;
	const results = await Promise.all(Array.from({ length: tries }, () => open(url)));
	const sockets = results.filter((r): r is WebSocket => typeof r !== 'number');
	const refused = results.filter((r) => r === 429).length;
	for (const ws of sockets) ws.close();
	await waitFor(() => t.app.sync.connectionsFrom('127.0.0.1') === 0, 5000, 'flood sockets released');
	return { tries, refused, accepted: sockets.length };
}

/**
 * Fills a blank map to just under MAX_DOC_BYTES with four 1.9 MB edits, then sends a fifth: it
 * must be refused with 4413 and leave the stored bytes as they were. Returns the full map.
 */
export async function overfullDocument(
	t: TestApp
): Promise<Outcome & { id: string; viewToken: string; before: Buffer }> {
	const map = await newMap(t.base, { template: 'blank', title: 'Filled up' });
	const url = `${t.wsBase}/${map.id}?token=${map.editToken}`;
	const filler = await rawClient(url);
	const chunk = 1_900_000;
	for (let i = 1; i <= 4; i++) {
		filler.ws.send(message(0, 2, textUpdate('f'.repeat(chunk))));
		await waitFor(() => t.app.store.logLength(map.id) === 1 + i, 10_000, `chunk ${i} stored`);
	}
	const before = storedBytes(t.app, map.id);
	const attacker = await rawClient(url);
	attacker.ws.send(message(0, 2, textUpdate('g'.repeat(chunk))));
	await waitFor(() => attacker.closed !== null, 10_000, 'over-size update refused');
	const refused =
		attacker.closed?.code === CLOSE.MAP_FULL && attacker.closed.reason === 'map is full' ? 1 : 0;
	filler.ws.close();
	return { tries: 1, refused, id: map.id, viewToken: map.viewToken, before };
}

/** A socket that opens and then says nothing is closed after IDLE_TIMEOUT_MS. */
export async function idleSocket({ t, map }: Target): Promise<Outcome> {
	const client = await rawClient(`${t.wsBase}/${map.id}?token=${map.viewToken}`);
	await waitFor(() => client.closed !== null, 5000, 'idle socket closed');
	return { tries: 1, refused: client.closed?.code === CLOSE.IDLE ? 1 : 0 };
}

/** Sends a request that declares a huge body and only starts it; resolves with the status. */
function declaredHugeBody(port: number, path: string): Promise<number> {
	return new Promise((resolve) => {
		const req = http.request({
			host: '127.0.0.1',
			port,
			path,
			method: 'POST',
			headers: { 'content-type': 'application/json', 'content-length': String(1e12) }
		});
		req.on('response', (res) => {
			resolve(res.statusCode ?? 0);
			req.destroy();
		});
		req.on('error', () => resolve(0));
		req.write('{"title":"');
	});
}

/** API bodies over their limit, sent whole and announced by Content-Length. */
export async function oversizedBodies({ t, map }: Target): Promise<Outcome> {
	const big = 'x'.repeat(1024 * 1024);
	const statuses = [
		(await call(t.base, 'POST', '/api/maps', { body: { template: 'blank', title: big } })).status,
		(await call(t.base, 'PATCH', `/api/maps/${map.id}`, { token: map.editToken, body: { title: big } }))
			.status,
		await declaredHugeBody(t.port, '/api/maps')
	];
	return { tries: statuses.length, refused: statuses.filter((s) => s === 413).length };
}

/**
 * Attacks on who gets in: no token, wrong tokens, a view link trying to write, path tricks in
 * room ids, a foreign Origin, and links that were replaced or belong to a deleted map. Each
 * returns how many tries it made and how many the server refused.
 */
import * as Y from 'yjs';
import { call, storedBytes, type TestApp } from '../../src/lib/server/app-test-helpers';
import type { CreatedMap } from '../../src/lib/server/maps';
import { hashToken, newToken } from '../../src/lib/server/tokens';
import { message, rawClient, readSync, sleep, waitFor } from '../../src/lib/server/sync-test-helpers';
import { writeMap } from '../../src/lib/sync/apply';
import { parts } from '../../src/lib/sync/schema';
import { rawGet, upgrade } from './harness';

export interface Target {
	t: TestApp;
	map: CreatedMap;
}

export interface Outcome {
	tries: number;
	refused: number;
	/** Tries that were well-formed and harmless, so served rather than refused (the fuzzer's). */
	harmless?: number;
}

/** Every API call on one map, as [method, path]. */
export function mapEndpoints(id: string): [string, string][] {
	const base = `/api/maps/${id}`;
	return [
		['GET', `${base}/export?format=json`],
		['GET', base],
		['PATCH', base],
		['DELETE', base],
		['POST', `${base}/tokens`],
		['POST', `${base}/duplicate`],
		['POST', `${base}/restore`]
	];
}

/** The websocket and every API call with `token` (or none); counts answers with `status`. */
export async function everyDoor(target: Target, token: string | undefined, status: number): Promise<Outcome> {
	const { t, map } = target;
	const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
	let refused = (await upgrade(t.port, `/yjs/${map.id}${query}`)) === status ? 1 : 0;
	for (const [method, path] of mapEndpoints(map.id)) {
		const body = method === 'GET' ? undefined : { title: 'taken over' };
		const res = await call(t.base, method, path, { token, body });
		if (res.status === status) refused++;
	}
	return { tries: 1 + mapEndpoints(map.id).length, refused };
}

/** Wrong tokens: random, another map's edit token, and the stored hash itself (a leaked database row). */
export async function wrongTokens(target: Target, other: CreatedMap): Promise<Outcome> {
	const outcome = { tries: 0, refused: 0 };
	for (const token of [newToken(), other.editToken, hashToken(target.map.editToken), 'x']) {
		const o = await everyDoor(target, token, 403);
		outcome.tries += o.tries;
		outcome.refused += o.refused;
	}
	return outcome;
}

/** A view token on every call that needs the edit token. */
export async function viewOnEditCalls({ t, map }: Target): Promise<Outcome> {
	const editCalls = mapEndpoints(map.id).filter(([method]) => method !== 'GET');
	let refused = 0;
	for (const [method, path] of editCalls) {
		const res = await call(t.base, method, path, { token: map.viewToken, body: { title: 'taken over' } });
		if (res.status === 403) refused++;
	}
	return { tries: editCalls.length, refused };
}

/**
 * A raw client with the view token sends crafted sync step 2 and update messages: one deleting
 * every claim and renaming the map (made against the room's real state, so it would apply), one
 * replacing the map from a fresh document. An edit client in the room watches for relays.
 */
export async function viewWrites({ t, map }: Target): Promise<Outcome> {
	const url = `${t.wsBase}/${map.id}`;
	const watcher = await rawClient(`${url}?token=${map.editToken}`);
	await waitFor(() => watcher.received.length > 0, 5000, 'watcher served');
	const seen = watcher.received.length;
	const doc = new Y.Doc();
	Y.applyUpdate(doc, storedBytes(t.app, map.id));
	const vector = Y.encodeStateVector(doc);
	const { meta, claims } = parts(doc);
	doc.transact(() => {
		for (const id of [...claims.keys()]) claims.delete(id);
		meta.set('title', 'Hijacked');
	});
	const destructive = Y.encodeStateAsUpdate(doc, vector);
	const fresh = new Y.Doc();
	writeMap(fresh, { title: 'Replaced', claims: [], relations: [] });
	const replacement = Y.encodeStateAsUpdate(fresh);
	const attacker = await rawClient(`${url}?token=${map.viewToken}`);
	const before = storedBytes(t.app, map.id);
	let refused = 0;
	const crafted = [message(0, 1, destructive), message(0, 2, destructive), message(0, 1, replacement)];
	for (const data of [...crafted, message(0, 2, replacement)]) {
		attacker.ws.send(data);
		// Give the server time to apply and relay if it were going to.
		await sleep(100);
		const relayed = watcher.received.slice(seen).some((m) => readSync(m)?.step === 2);
		if (!relayed && storedBytes(t.app, map.id).equals(before)) refused++;
	}
	watcher.ws.close();
	attacker.ws.close();
	return { tries: crafted.length + 1, refused };
}

/** Room ids with path tricks, NUL bytes, reserved names and great length, on the websocket and the API. */
export async function badRoomIds({ t, map }: Target): Promise<Outcome> {
	const ids = [
		'../../etc/passwd',
		'..%2F..%2Fetc%2Fpasswd',
		'%2e%2e%2f%2e%2e%2fargmap.sqlite',
		'%00',
		`${map.id}%00`,
		`x/../${map.id}`,
		`${map.id}/..`,
		'.',
		'..',
		'__proto__',
		'constructor',
		'a'.repeat(65),
		'a'.repeat(8000),
		'%F0%9F%92%A5',
		'%3Cscript%3E'
	];
	let refused = 0;
	for (const id of ids) {
		const ws = await upgrade(t.port, `/yjs/${id}?token=${map.editToken}`);
		if (ws !== 101) refused++;
		const api = await rawGet(t.port, `/api/maps/${id}/export`, { authorization: `Bearer ${map.editToken}` });
		if (api === 404 || api === 400) refused++;
	}
	return { tries: ids.length * 2, refused };
}

/** Upgrades and changing API calls from pages on other origins, with valid tokens. */
export async function foreignOrigins({ t, map }: Target): Promise<Outcome> {
	const origins = [
		'https://evil.example',
		'null',
		'http://maps.test.evil.example',
		'http://127.0.0.1.nip.io'
	];
	let tries = 0;
	let refused = 0;
	for (const origin of origins) {
		tries++;
		if ((await upgrade(t.port, `/yjs/${map.id}?token=${map.editToken}`, { origin })) === 403) refused++;
		for (const [method, path] of mapEndpoints(map.id).filter(([m]) => m !== 'GET')) {
			tries++;
			const res = await call(t.base, method, path, {
				token: map.editToken,
				body: { title: 'cross-site' },
				headers: { origin }
			});
			if (res.status === 403) refused++;
		}
	}
	tries++;
	if (
		(await call(t.base, 'POST', '/api/maps', { body: {}, headers: { origin: origins[0]! } })).status === 403
	)
		refused++;
	return { tries, refused };
}

/**
 * Sessions on a map whose links are replaced are closed; the old links then fail on the websocket
 * and the API. Returns the new links too.
 */
export async function replacedLinks({ t, map }: Target): Promise<Outcome & { fresh: CreatedMap }> {
	const url = `${t.wsBase}/${map.id}`;
	const sessions = [
		await rawClient(`${url}?token=${map.editToken}`),
		await rawClient(`${url}?token=${map.viewToken}`)
	];
	const fresh = (await call(t.base, 'POST', `/api/maps/${map.id}/tokens`, { token: map.editToken }))
		.body as unknown as CreatedMap;
	await waitFor(() => sessions.every((s) => s.closed !== null), 5000, 'old sessions closed');
	let refused = sessions.filter(
		(s) => s.closed?.code === 1008 && s.closed.reason === 'link was replaced'
	).length;
	let tries = sessions.length;
	for (const old of [map.editToken, map.viewToken]) {
		tries += 2;
		if ((await upgrade(t.port, `/yjs/${map.id}?token=${old}`)) === 403) refused++;
		if ((await call(t.base, 'GET', `/api/maps/${map.id}/export`, { token: old })).status === 403) refused++;
	}
	return { tries, refused, fresh };
}

/** A deleted map closes its sessions and refuses its own valid links with 410 until restored. */
export async function deletedMap({ t, map }: Target): Promise<Outcome> {
	const session = await rawClient(`${t.wsBase}/${map.id}?token=${map.editToken}`);
	await call(t.base, 'DELETE', `/api/maps/${map.id}`, { token: map.editToken });
	await waitFor(() => session.closed !== null, 5000, 'session closed');
	let refused = session.closed?.code === 4410 ? 1 : 0;
	for (const token of [map.editToken, map.viewToken]) {
		if ((await upgrade(t.port, `/yjs/${map.id}?token=${token}`)) === 410) refused++;
		if ((await call(t.base, 'GET', `/api/maps/${map.id}/export`, { token })).status === 410) refused++;
	}
	await call(t.base, 'POST', `/api/maps/${map.id}/restore`, { token: map.editToken });
	return { tries: 5, refused };
}

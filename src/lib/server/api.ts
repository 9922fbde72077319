import type { IncomingMessage, ServerResponse } from 'node:http';
import { serializeJson } from '../formats/json';
import { isId } from '../model';
import { readMap } from '../sync/read';
import { bearerToken, HttpError, parseJsonBody, readBody, sendJson, sendText } from './http';
import { createMap, parseCreateRequest } from './maps';
import type { RoomStore } from './persistence';
import type { SyncServer } from './sync-server';
import { accessFor, type Access } from './tokens';

/** Largest body accepted by POST /api/maps (a title and a template name). */
const CREATE_BODY_LIMIT = 16 * 1024;

export interface ApiContext {
	store: RoomStore;
	sync: SyncServer;
	publicUrl: string;
}

/** The access a request's bearer token grants to a map; refuses with 404/401/403 otherwise. */
export function requireAccess(
	ctx: ApiContext,
	id: string,
	token: string | undefined | null,
	need: Access
): Access {
	const record = isId(id) ? ctx.store.getMap(id) : undefined;
	if (!record) throw new HttpError(404, `There is no map "${isId(id) ? id : '(invalid id)'}"`);
	if (!token)
		throw new HttpError(401, 'This map needs its link: send its token as "Authorization: Bearer <token>"');
	const access = accessFor(token, record);
	if (!access || (need === 'edit' && access !== 'edit')) {
		throw new HttpError(
			403,
			need === 'edit' ? 'This needs the map’s edit link' : 'This token does not open this map'
		);
	}
	return access;
}

const EXPORTS: Record<string, { type: string; extension: string; serialize: typeof serializeJson }> = {
	json: { type: 'application/json', extension: 'json', serialize: serializeJson }
};

async function exportMap(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, id: string, url: URL) {
	requireAccess(ctx, id, bearerToken(req), 'view');
	const format = url.searchParams.get('format') ?? 'json';
	const codec = EXPORTS[format];
	if (!codec) throw new HttpError(400, `format: expected one of ${Object.keys(EXPORTS).join(', ')}`);
	const map = await ctx.sync.withRoom(id, (doc) => readMap(doc).map);
	sendText(res, 200, codec.type, codec.serialize(map), `${id}.${codec.extension}`);
}

/**
 * Serves /healthz and /api/* (CONTRACT.md). Returns false for any other path, which the caller hands
 * to SvelteKit.
 */
export async function handleApi(
	ctx: ApiContext,
	req: IncomingMessage,
	res: ServerResponse
): Promise<boolean> {
	const url = new URL(req.url ?? '/', 'http://localhost');
	const path = url.pathname;
	if (path !== '/healthz' && !path.startsWith('/api/')) return false;
	try {
		if (path === '/healthz' && req.method === 'GET') {
			ctx.store.healthCheck();
			sendJson(res, 200, { ok: true });
		} else if (path === '/api/maps' && req.method === 'POST') {
			const { template, title } = parseCreateRequest(parseJsonBody(await readBody(req, CREATE_BODY_LIMIT)));
			sendJson(res, 201, createMap(ctx.store, ctx.publicUrl, template, title));
		} else {
			const match = /^\/api\/maps\/([^/]+)\/export$/.exec(path);
			if (match && req.method === 'GET') await exportMap(ctx, req, res, decodeURIComponent(match[1]!), url);
			else throw new HttpError(404, `No API at ${req.method} ${path}`);
		}
	} catch (error) {
		if (error instanceof HttpError) sendJson(res, error.status, { error: error.message });
		else {
			console.error(`API error on ${req.method} ${path}:`, error);
			sendJson(res, 500, { error: 'The server could not complete this request' });
		}
	}
	return true;
}

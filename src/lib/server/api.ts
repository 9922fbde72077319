import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireCreateToken } from './access';
import {
	deleteMapRoute,
	duplicateMapRoute,
	getMap,
	renameMapRoute,
	replaceTokensRoute,
	restoreMapRoute,
	type MapApiContext,
	type MapHandler
} from './api-maps';
import { exportMapRoute, importMapRoute } from './api-transfer';
import { routeHistory, type HistoryApi } from './api-versions';
import { bearerToken, HttpError, parseJsonBody, readBody, sendError, sendJson } from './http';
import { createMap, parseCreateRequest } from './maps';
import { originAllowed } from './origin';

/** Largest body accepted by POST /api/maps (a title and a template name). */
const CREATE_BODY_LIMIT = 16 * 1024;

export interface ApiContext extends MapApiContext {
	/** When set, POST /api/maps needs it as a bearer token (R60). */
	createToken?: string;
	/** Origins besides the server's own allowed to change maps (R67). */
	allowedOrigins: readonly string[];
	/** Versions and activity of maps (R153). */
	history?: HistoryApi;
}

/** /api/maps/:id/<action>: the handler of each method; '' is the map itself. */
const MAP_ROUTES: Record<string, Partial<Record<string, MapHandler>>> = {
	'': { GET: getMap, PATCH: renameMapRoute, DELETE: deleteMapRoute },
	export: { GET: exportMapRoute },
	import: { POST: importMapRoute },
	tokens: { POST: replaceTokensRoute },
	duplicate: { POST: duplicateMapRoute },
	restore: { POST: restoreMapRoute }
};

/** Methods that only read: every other one is refused from a foreign origin. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Decodes a path segment; a malformed escape names no map rather than failing the request. */
function segment(raw: string): string {
	try {
		return decodeURIComponent(raw);
	} catch {
		return '';
	}
}

async function route(
	ctx: ApiContext,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
	url: URL
): Promise<void> {
	const method = req.method ?? 'GET';
	if (path === '/healthz' && method === 'GET') {
		ctx.store.healthCheck();
		sendJson(res, 200, { ok: true });
		return;
	}
	if (!SAFE_METHODS.has(method) && !originAllowed(req, ctx.publicUrl, ctx.allowedOrigins)) {
		throw new HttpError(403, 'Pages from this origin may not change maps here');
	}
	if (path === '/api/maps' && method === 'POST') {
		requireCreateToken(ctx.createToken, bearerToken(req));
		const { template, title } = parseCreateRequest(parseJsonBody(await readBody(req, CREATE_BODY_LIMIT)));
		sendJson(res, 201, createMap(ctx.store, ctx.publicUrl, template, title));
		return;
	}
	if (ctx.history && (await routeHistory({ ...ctx, history: ctx.history }, req, res, path, url))) return;
	const match = /^\/api\/maps\/([^/]+)(?:\/([a-z]+))?$/.exec(path);
	const routes = match ? MAP_ROUTES[match[2] ?? ''] : undefined;
	if (!match || !routes) throw new HttpError(404, `No API at ${method} ${path}`);
	const handler = routes[method];
	if (!handler) throw new HttpError(405, `${path} answers ${Object.keys(routes).join(', ')}`);
	await handler(ctx, req, res, segment(match[1]!), url);
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
	// Routed on the path as sent: URL would resolve "x/../<id>" to "<id>", and an id is never a path.
	const path = (req.url ?? '/').split('?')[0]!;
	if (path !== '/healthz' && !path.startsWith('/api/')) return false;
	try {
		await route(ctx, req, res, path, url);
	} catch (error) {
		if (error instanceof HttpError) sendError(res, error);
		else {
			// The path names at most a map id; tokens travel in headers and are never logged.
			console.error(`API error on ${req.method} ${path}:`, error);
			sendJson(res, 500, { error: 'The server could not complete this request' });
		}
	}
	return true;
}

/** The handlers of /api/maps/:id/...: one function per route, each checking the map's token first. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireAccess, restorableUntil, type Granted } from './access';
import { bearerToken, parseJsonBody, readBody, sendJson } from './http';
import {
	deleteMap,
	duplicateMap,
	parseTitle,
	renameMap,
	replaceTokens,
	restoreMap,
	type MapsContext
} from './maps';
import type { MapRecord } from './persistence';
import type { Access } from './tokens';

export interface MapApiContext extends MapsContext {
	/** The server's clock (ms since the epoch); tests move it to expire deleted maps. */
	now: () => number;
}

/** Largest body of a rename or duplicate request (a title). */
const SMALL_BODY_LIMIT = 16 * 1024;

/** One route: the request, its map id (validated by requireAccess), and the parsed URL. */
export type MapHandler = (
	ctx: MapApiContext,
	req: IncomingMessage,
	res: ServerResponse,
	id: string,
	url: URL
) => Promise<void>;

function grant(ctx: MapApiContext, req: IncomingMessage, id: string, need: Access, allowDeleted = false) {
	return requireAccess(ctx.store, id, bearerToken(req), need, { now: ctx.now(), allowDeleted });
}

/** What GET /api/maps/:id and the lifecycle calls answer about a map: never its token hashes. */
function describe(record: MapRecord, access?: Access) {
	return {
		id: record.id,
		title: record.title,
		createdAt: record.createdAt,
		...(access && { access }),
		deletedAt: record.deletedAt,
		restorableUntil: restorableUntil(record)
	};
}

/** GET /api/maps/:id: title, dates and the access the token grants; deleted maps answer too. */
export const getMap: MapHandler = async (ctx, req, res, id) => {
	const { record, access } = grant(ctx, req, id, 'view', true);
	sendJson(res, 200, describe(record, access));
};

/** PATCH /api/maps/:id `{"title"}` (edit token). */
export const renameMapRoute: MapHandler = async (ctx, req, res, id) => {
	const { record } = grant(ctx, req, id, 'edit');
	const title = parseTitle(parseJsonBody(await readBody(req, SMALL_BODY_LIMIT)), true)!;
	await renameMap(ctx, record, title);
	sendJson(res, 200, { id, title });
};

/** POST /api/maps/:id/duplicate `{"title"?}` (edit token): a new map, new tokens, same content. */
export const duplicateMapRoute: MapHandler = async (ctx, req, res, id) => {
	const { record } = grant(ctx, req, id, 'edit');
	const title = parseTitle(parseJsonBody(await readBody(req, SMALL_BODY_LIMIT)), false);
	sendJson(res, 201, await duplicateMap(ctx, record, title));
};

/** POST /api/maps/:id/tokens (edit token): new edit and view links; the old ones stop working. */
export const replaceTokensRoute: MapHandler = async (ctx, req, res, id) => {
	const { record } = grant(ctx, req, id, 'edit');
	sendJson(res, 200, replaceTokens(ctx, record));
};

/** DELETE /api/maps/:id (edit token): soft delete, restorable for DELETED_RETENTION_MS. */
export const deleteMapRoute: MapHandler = async (ctx, req, res, id) => {
	const { record } = grant(ctx, req, id, 'edit');
	sendJson(res, 200, describe(deleteMap(ctx, record, ctx.now())));
};

/** POST /api/maps/:id/restore (edit token): undoes a delete while it is restorable; idempotent. */
export const restoreMapRoute: MapHandler = async (ctx, req, res, id) => {
	const { record }: Granted = grant(ctx, req, id, 'edit', true);
	sendJson(res, 200, describe(restoreMap(ctx, record)));
};

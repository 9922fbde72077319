/**
 * The history API (R153): /api/maps/:id/versions[/:vid] and /api/maps/:id/activity. A view token
 * reads, an edit token saves; restoring is done by the editor as an ordinary, undoable change.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { isId } from '../model';
import { JSON_FORMAT, serializeJson } from '../formats/json';
import { NAME_MAX } from '../sync/presence';
import { readMap } from '../sync/read';
import { requireAccess } from './access';
import type { MapApiContext } from './api-maps';
import { LABEL_MAX, type HistoryRecorder } from './history';
import { bearerToken, HttpError, parseJsonBody, readBody, sendJson, sendText } from './http';
import type { Access } from './tokens';
import type { Person, VersionStore } from './versions';

export interface HistoryApi {
	recorder: HistoryRecorder;
	store: VersionStore;
}

export type HistoryApiContext = MapApiContext & { history: HistoryApi };

/** Largest body of a save request (a label and a name). */
const SAVE_BODY_LIMIT = 4 * 1024;
/** Most activity entries one request returns. */
const ACTIVITY_MAX = 100;

const PATH = /^\/api\/maps\/([^/]+)\/(versions|activity)(?:\/([^/]+))?$/;

function grant(ctx: HistoryApiContext, req: IncomingMessage, id: string, need: Access) {
	return requireAccess(ctx.store, id, bearerToken(req), need, { now: ctx.now() });
}

/** Checks a save request: an optional label (trimmed, at most LABEL_MAX) and who saves it. */
export function parseSave(body: Record<string, unknown>): { label: string; by: Person | null } {
	const { label = '', by } = body;
	if (typeof label !== 'string' || label.length > LABEL_MAX) {
		throw new HttpError(400, `label: expected a text of at most ${LABEL_MAX} characters`);
	}
	let person: Person | null = null;
	if (by !== undefined && by !== null) {
		const b = by as Record<string, unknown>;
		if (typeof by !== 'object' || !isId(b.id) || typeof b.name !== 'string' || !b.name.trim()) {
			throw new HttpError(400, 'by: expected {"id": a person id, "name": a name}');
		}
		person = { id: b.id, name: b.name.trim().slice(0, NAME_MAX) };
	}
	return { label: label.trim(), by: person };
}

/** The map a stored version holds. */
function versionMap(state: Uint8Array) {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		return readMap(doc).map;
	} finally {
		doc.destroy();
	}
}

/** Answers a history request; returns false when the path is not one of the history API's. */
export async function routeHistory(
	ctx: HistoryApiContext,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
	url: URL
): Promise<boolean> {
	const match = PATH.exec(path);
	if (!match) return false;
	const method = req.method ?? 'GET';
	const id = segment(match[1]!);
	const [, , what, vid] = match;
	const { store, recorder } = ctx.history;
	if (what === 'activity' && !vid) {
		if (method !== 'GET') throw new HttpError(405, `${path} answers GET`);
		grant(ctx, req, id, 'view');
		const limit = Math.min(ACTIVITY_MAX, Math.max(1, Number(url.searchParams.get('limit')) || 30));
		sendJson(res, 200, { activity: store.activity(id, limit) });
	} else if (what === 'versions' && !vid) {
		if (method === 'GET') {
			grant(ctx, req, id, 'view');
			sendJson(res, 200, { versions: store.list(id) });
		} else if (method === 'POST') {
			grant(ctx, req, id, 'edit');
			const { label, by } = parseSave(parseJsonBody(await readBody(req, SAVE_BODY_LIMIT)));
			sendJson(res, 201, await recorder.save(id, label, by));
		} else throw new HttpError(405, `${path} answers GET, POST`);
	} else if (what === 'versions' && vid) {
		if (method !== 'GET') throw new HttpError(405, `${path} answers GET`);
		grant(ctx, req, id, 'view');
		const version = /^\d{1,15}$/.test(vid) ? store.get(id, Number(vid)) : null;
		if (!version) throw new HttpError(404, `This map has no version "${vid.slice(0, 20)}"`);
		sendText(res, 200, JSON_FORMAT.mime, serializeJson(versionMap(version.state)));
	} else return false;
	return true;
}

function segment(raw: string): string {
	try {
		return decodeURIComponent(raw);
	} catch {
		return '';
	}
}

/**
 * The browser's side of the map API (README: HTTP API): every call sends the map's token as a
 * bearer token and turns a refusal into an {@link ApiError} carrying the server's message.
 */

/** A refused or failed call: the HTTP status, the server's message and any details it sent. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly details: Record<string, unknown> = {}
	) {
		super(message);
		this.name = 'ApiError';
	}
}

/** What creating, duplicating or replacing links returns. */
export interface MapLinks {
	id: string;
	title: string;
	editUrl: string;
	viewUrl: string;
	editToken: string;
	viewToken: string;
}

/** What the lifecycle calls return about a map. */
export interface MapInfo {
	id: string;
	title: string;
	deletedAt: number | null;
	restorableUntil: number | null;
}

/** Sends an API request; a refusal or an unreachable server throws an {@link ApiError} with the reason. */
export async function send(method: string, path: string, token?: string, body?: unknown): Promise<Response> {
	let res: Response;
	try {
		res = await fetch(path, {
			method,
			headers: {
				...(body !== undefined && { 'content-type': 'application/json' }),
				...(token && { authorization: `Bearer ${token}` })
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		throw new ApiError(0, 'The server cannot be reached. Check the connection and try again.');
	}
	if (!res.ok) {
		const { error, ...details } = (await res.json().catch(() => ({}))) as Record<string, unknown>;
		throw new ApiError(
			res.status,
			typeof error === 'string' ? error : `The server answered ${res.status}`,
			details
		);
	}
	return res;
}

async function request<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
	const res = await send(method, path, token, body);
	return (await res.json().catch(() => ({}))) as T;
}

const mapPath = (id: string) => `/api/maps/${encodeURIComponent(id)}`;

/** POST /api/maps; `createToken` when the server restricts creation. */
export const createMap = (template: 'russia-china' | 'blank', title?: string, createToken?: string) =>
	request<MapLinks>('POST', '/api/maps', createToken, { template, ...(title && { title }) });

/** PATCH /api/maps/:id (edit token). */
export const renameMap = (id: string, editToken: string, title: string) =>
	request<{ id: string; title: string }>('PATCH', mapPath(id), editToken, { title });

/** POST /api/maps/:id/duplicate (edit token): a new map with new links. */
export const duplicateMap = (id: string, editToken: string) =>
	request<MapLinks>('POST', `${mapPath(id)}/duplicate`, editToken, {});

/** DELETE /api/maps/:id (edit token): restorable until `restorableUntil`. */
export const deleteMap = (id: string, editToken: string) =>
	request<MapInfo>('DELETE', mapPath(id), editToken);

/** POST /api/maps/:id/restore (edit token). */
export const restoreMap = (id: string, editToken: string) =>
	request<MapInfo>('POST', `${mapPath(id)}/restore`, editToken);

/** POST /api/maps/:id/tokens (edit token): new links; the old ones stop working at once. */
export const replaceLinks = (id: string, editToken: string) =>
	request<MapLinks>('POST', `${mapPath(id)}/tokens`, editToken);

/** A server link made relative to this page's origin (the server may know itself by another name). */
export function localLink(url: string): string {
	const u = new URL(url);
	return u.pathname + u.hash;
}

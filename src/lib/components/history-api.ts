/**
 * The browser's side of the history API (README: HTTP API): versions and activity of a map. Reading
 * needs the view or edit token, saving the edit token.
 */
import { parseJson } from '$lib/formats/json';
import type { ArgMap } from '$lib/model';
import { ApiError, send as call } from './maps-api';

import type { ActivityEntry, Person, VersionInfo } from '$lib/model/history';

export type { ActivityEntry, Person, VersionInfo };

const base = (id: string) => `/api/maps/${encodeURIComponent(id)}`;

/** GET /api/maps/:id/versions, newest first. */
export async function listVersions(id: string, token?: string): Promise<VersionInfo[]> {
	const data = (await (await call('GET', `${base(id)}/versions`, token)).json()) as {
		versions?: VersionInfo[];
	};
	return Array.isArray(data.versions) ? data.versions : [];
}

/** POST /api/maps/:id/versions (edit token): saves the map as it is now. */
export async function saveVersion(
	id: string,
	token: string,
	label: string,
	by: Person
): Promise<VersionInfo> {
	return (await (await call('POST', `${base(id)}/versions`, token, { label, by })).json()) as VersionInfo;
}

/** GET /api/maps/:id/versions/:vid: the version's map, checked like any imported file. */
export async function fetchVersion(id: string, vid: number, token?: string): Promise<ArgMap> {
	const text = await (await call('GET', `${base(id)}/versions/${vid}`, token)).text();
	const parsed = parseJson(text);
	if (!parsed.ok) throw new ApiError(500, `The saved version cannot be read: ${parsed.error.message}`);
	return parsed.value;
}

/** GET /api/maps/:id/activity, newest first. */
export async function listActivity(id: string, token?: string): Promise<ActivityEntry[]> {
	const data = (await (await call('GET', `${base(id)}/activity`, token)).json()) as {
		activity?: ActivityEntry[];
	};
	return Array.isArray(data.activity) ? data.activity : [];
}

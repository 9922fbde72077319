import { isId } from '../model';
import { HttpError } from './http';
import type { MapRecord, RoomStore } from './persistence';
import { accessFor, hashToken, tokenMatches, type Access } from './tokens';

/** How long a deleted map can be restored before it is purged for good (R62): a week of "undo". */
export const DELETED_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** A map a request may act on, the access its token grants and that token's hash. */
export interface Granted {
	record: MapRecord;
	access: Access;
	/** SHA-256 of the presented token: identifies which link a websocket was opened with. */
	credential: string;
}

/** When a deleted map stops being restorable. */
export function restorableUntil(record: MapRecord): number | null {
	return record.deletedAt === null ? null : record.deletedAt + DELETED_RETENTION_MS;
}

/**
 * Checks a request's token against a map (R53): unknown map 404, no token 401, a wrong one or a
 * view token where editing is needed 403, a deleted map 410 (after the token check, so a stranger
 * learns nothing more than "it exists") unless `allowDeleted`. A map past its restore window is
 * treated as gone for good (404).
 */
export function requireAccess(
	store: RoomStore,
	id: string,
	token: string | undefined | null,
	need: Access,
	options: { now: number; allowDeleted?: boolean }
): Granted {
	const record = isId(id) ? store.getMap(id) : null;
	const until = record ? restorableUntil(record) : null;
	if (!record || (until !== null && until <= options.now)) {
		throw new HttpError(404, `There is no map "${isId(id) ? id : '(invalid id)'}"`);
	}
	if (!token)
		throw new HttpError(401, 'This map needs its link: send its token as "Authorization: Bearer <token>"');
	const access = accessFor(token, record);
	if (!access || (need === 'edit' && access !== 'edit')) {
		throw new HttpError(
			403,
			need === 'edit' ? 'This needs the map’s edit link' : 'This token does not open this map'
		);
	}
	if (record.deletedAt !== null && !options.allowDeleted) {
		throw new HttpError(410, 'This map was deleted', {
			deletedAt: record.deletedAt,
			restorableUntil: until
		});
	}
	return { record, access, credential: hashToken(token) };
}

/** With a server-wide CREATE_TOKEN set, creating a map needs it (R60): none 401, wrong 403. */
export function requireCreateToken(createToken: string | undefined, presented: string | undefined): void {
	if (createToken === undefined) return;
	if (!presented)
		throw new HttpError(401, 'Creating maps on this server needs its creation token', {
			needsCreateToken: true
		});
	if (!tokenMatches(presented, hashToken(createToken))) {
		throw new HttpError(403, 'This creation token is not valid here', { needsCreateToken: true });
	}
}

import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { planCommand, TITLE_MAX } from '../model';
import { templateMap, templateSources, TEMPLATES, type Template } from '../seed/index';
import { applyOpsToDoc, writeMap } from '../sync/apply';
import { readMap } from '../sync/read';
import { writeSources } from '../sync/sources';
import { HttpError } from './http';
import type { MapRecord, RoomStore } from './persistence';
import { CLOSE } from './sync-protocol';
import type { SyncServer } from './sync-server';
import { hashToken, newToken } from './tokens';

export interface CreatedMap {
	id: string;
	title: string;
	editUrl: string;
	viewUrl: string;
	editToken: string;
	viewToken: string;
}

/** What the map operations need: where maps live, the live rooms, and the base of links. */
export interface MapsContext {
	store: RoomStore;
	sync: SyncServer;
	publicUrl: string;
}

/** Marks the server's own edits (a rename) in the document, apart from any client's. */
const SERVER_ORIGIN = { server: 'api' };

/** A new map's id: 72 random bits, URL-safe, matching the model's id pattern. */
export function newMapId(): string {
	return randomBytes(9).toString('base64url');
}

/** The links of a map: the token rides in the fragment, which browsers never send to a server. */
export function mapLinks(publicUrl: string, id: string, editToken: string, viewToken: string) {
	return {
		editUrl: `${publicUrl}/m/${id}#edit=${editToken}`,
		viewUrl: `${publicUrl}/m/${id}#view=${viewToken}`
	};
}

/** Checks a create request's body (CONTRACT.md: POST /api/maps). */
export function parseCreateRequest(body: Record<string, unknown>): { template: Template; title?: string } {
	const template = body.template ?? 'blank';
	if (typeof template !== 'string' || !(TEMPLATES as readonly string[]).includes(template)) {
		throw new HttpError(400, `template: expected one of ${TEMPLATES.join(', ')}`);
	}
	if (body.title !== undefined && (typeof body.title !== 'string' || body.title.length > TITLE_MAX)) {
		throw new HttpError(400, `title: expected a string of at most ${TITLE_MAX} characters`);
	}
	return { template: template as Template, ...(typeof body.title === 'string' && { title: body.title }) };
}

/** A title from a request body: required when `required`, else optional; trimmed, 1-200 characters. */
export function parseTitle(body: Record<string, unknown>, required: boolean): string | undefined {
	if (body.title === undefined && !required) return undefined;
	if (typeof body.title !== 'string' || body.title.trim() === '' || body.title.length > TITLE_MAX) {
		throw new HttpError(400, `title: expected a text of 1 to ${TITLE_MAX} characters`);
	}
	return body.title.trim();
}

/**
 * Stores a new map: the document's whole state is the room's first update, written in the same
 * transaction as its metadata, so the first client is served the complete map. Only token hashes
 * are stored; the tokens are returned once.
 */
function storeNewMap(
	store: RoomStore,
	publicUrl: string,
	doc: Y.Doc,
	title: string,
	template: string | null
): CreatedMap {
	const id = newMapId();
	const editToken = newToken();
	const viewToken = newToken();
	store.createMap(
		{ id, title, template, editHash: hashToken(editToken), viewHash: hashToken(viewToken) },
		Y.encodeStateAsUpdate(doc)
	);
	return { id, title, ...mapLinks(publicUrl, id, editToken, viewToken), editToken, viewToken };
}

/** Creates a map from a template (R52). */
export function createMap(
	store: RoomStore,
	publicUrl: string,
	template: Template,
	title?: string
): CreatedMap {
	const map = templateMap(template, title);
	const doc = new Y.Doc();
	try {
		writeMap(doc, map);
		if (template === 'russia-china') writeSources(doc, templateSources(template));
		return storeNewMap(store, publicUrl, doc, map.title, template);
	} finally {
		doc.destroy();
	}
}

/**
 * A new map with the same content as `record`'s, fresh tokens (R62) and the title given or "Copy of …":
 * everything everybody sees (claims, relations, sources and their passages, comments, votes) but not
 * its edit history, which starts afresh.
 */
export async function duplicateMap(ctx: MapsContext, record: MapRecord, title?: string): Promise<CreatedMap> {
	const state = await ctx.sync.withRoom(record.id, (room) => Y.encodeStateAsUpdate(room));
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		const map = readMap(doc).map;
		const copyTitle = title ?? `Copy of ${map.title}`.slice(0, TITLE_MAX);
		const plan = planCommand(map, { type: 'setTitle', title: copyTitle });
		if (!plan.ok) throw new HttpError(400, plan.error.message);
		applyOpsToDoc(doc, plan.value, SERVER_ORIGIN);
		return storeNewMap(ctx.store, ctx.publicUrl, doc, copyTitle, record.template);
	} finally {
		doc.destroy();
	}
}

/** Renames a map for everyone: in the shared document (open editors follow live) and in its metadata. */
export async function renameMap(ctx: MapsContext, record: MapRecord, title: string): Promise<void> {
	await ctx.sync.withRoom(record.id, (doc) => {
		const plan = planCommand(readMap(doc).map, { type: 'setTitle', title });
		if (!plan.ok) throw new HttpError(400, plan.error.message);
		applyOpsToDoc(doc, plan.value, SERVER_ORIGIN);
	});
	ctx.store.updateMap(record.id, { title });
}

/**
 * Replaces both links of a map (R61): new tokens are stored first, so the old ones fail from now
 * on, then every open session admitted with an old one is closed with 1008 "link was replaced".
 */
export function replaceTokens(ctx: MapsContext, record: MapRecord): CreatedMap {
	const editToken = newToken();
	const viewToken = newToken();
	const old = new Set([record.editHash, record.viewHash]);
	ctx.store.updateMap(record.id, { editHash: hashToken(editToken), viewHash: hashToken(viewToken) });
	ctx.sync.disconnect(
		record.id,
		(conn) => conn.credential === undefined || old.has(conn.credential),
		CLOSE.POLICY,
		'link was replaced'
	);
	const links = mapLinks(ctx.publicUrl, record.id, editToken, viewToken);
	return { id: record.id, title: record.title, ...links, editToken, viewToken };
}

/** Soft-deletes a map (R62): it refuses everyone with 410 from now on and its open sessions are closed. */
export function deleteMap(ctx: MapsContext, record: MapRecord, now: number): MapRecord {
	const deleted = ctx.store.updateMap(record.id, { deletedAt: now }) ?? record;
	ctx.sync.disconnect(record.id, () => true, CLOSE.GONE, 'map was deleted');
	return deleted;
}

/** Brings a deleted map back as it was (R62). */
export function restoreMap(ctx: MapsContext, record: MapRecord): MapRecord {
	return ctx.store.updateMap(record.id, { deletedAt: null }) ?? record;
}

/** Purges maps deleted longer than `retentionMs` ago, except rooms still loaded; returns their ids. */
export function purgeExpired(ctx: MapsContext, now: number, retentionMs: number): string[] {
	const purged: string[] = [];
	for (const id of ctx.store.deletedBefore(now - retentionMs)) {
		if (ctx.sync.isLoaded(id)) continue;
		ctx.store.purgeMap(id);
		purged.push(id);
	}
	return purged;
}

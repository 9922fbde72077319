import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { templateMap, TEMPLATES, type Template } from '../seed/index';
import { writeMap } from '../sync/apply';
import { HttpError } from './http';
import type { RoomStore } from './persistence';
import { hashToken, newToken } from './tokens';

export interface CreatedMap {
	id: string;
	editUrl: string;
	viewUrl: string;
	editToken: string;
	viewToken: string;
}

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
	if (body.title !== undefined && (typeof body.title !== 'string' || body.title.length > 200)) {
		throw new HttpError(400, 'title: expected a string of at most 200 characters');
	}
	return { template: template as Template, ...(typeof body.title === 'string' && { title: body.title }) };
}

/**
 * Creates a map from a template: its whole first state is stored as the room's first update before
 * anyone can connect, so the first client is served the complete map. Only token hashes are stored.
 */
export function createMap(
	store: RoomStore,
	publicUrl: string,
	template: Template,
	title?: string
): CreatedMap {
	const id = newMapId();
	const map = templateMap(template, title);
	const doc = new Y.Doc();
	writeMap(doc, map);
	const editToken = newToken();
	const viewToken = newToken();
	store.createMap(
		{ id, title: map.title, template, editHash: hashToken(editToken), viewHash: hashToken(viewToken) },
		Y.encodeStateAsUpdate(doc)
	);
	doc.destroy();
	return { id, ...mapLinks(publicUrl, id, editToken, viewToken), editToken, viewToken };
}

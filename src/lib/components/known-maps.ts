import { parseLinkFragment, type LinkAccess } from '$lib/sync/link';

/** The maps this browser has links to, kept locally (the server never lists maps to anyone). */
export interface KnownMap {
	id: string;
	title: string;
	/** The link as opened, with its token fragment (`/m/<id>#edit=…` or `#view=…`). */
	link: string;
	openedAt: number;
	/** The view link, when this browser learned it (it created the map, or replaced its links). */
	viewLink?: string;
	/** Set while the map is deleted: until when it can be restored (ms since the epoch). */
	restorableUntil?: number;
}

const KEY = 'argmap:maps';

function isKnownMap(m: unknown): m is KnownMap {
	const e = m as Partial<KnownMap> | null;
	return (
		typeof e?.id === 'string' &&
		typeof e.title === 'string' &&
		typeof e.link === 'string' &&
		typeof e.openedAt === 'number' &&
		(e.viewLink === undefined || typeof e.viewLink === 'string') &&
		(e.restorableUntil === undefined || typeof e.restorableUntil === 'number')
	);
}

/** The remembered maps, most recently opened first; anything unreadable is dropped. */
export function loadKnownMaps(storage: Storage = localStorage): KnownMap[] {
	try {
		const value: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
		return Array.isArray(value) ? value.filter(isKnownMap) : [];
	} catch {
		return [];
	}
}

function save(maps: KnownMap[], storage: Storage) {
	storage.setItem(KEY, JSON.stringify(maps));
}

/**
 * Remembers a map as opened now; the edit link wins over a view link for the same map, and what
 * else is known about it (its view link) is kept.
 */
export function rememberMap(entry: KnownMap, storage: Storage = localStorage) {
	const maps = loadKnownMaps(storage);
	const previous = maps.find((m) => m.id === entry.id);
	const link =
		previous?.link.includes('#edit=') && !entry.link.includes('#edit=') ? previous.link : entry.link;
	const viewLink = entry.viewLink ?? previous?.viewLink ?? (link.includes('#view=') ? link : undefined);
	const next: KnownMap = { ...previous, ...entry, link, ...(viewLink && { viewLink }) };
	save([next, ...maps.filter((m) => m.id !== entry.id)], storage);
}

/** Changes what is remembered about one map, keeping its place in the list. */
export function updateKnownMap(
	id: string,
	patch: Partial<Omit<KnownMap, 'id'>>,
	storage: Storage = localStorage
) {
	save(
		loadKnownMaps(storage).map((m) => (m.id === id ? { ...m, ...patch } : m)),
		storage
	);
}

/** Forgets a map in this browser only (the map itself is untouched). */
export function forgetMap(id: string, storage: Storage = localStorage) {
	save(
		loadKnownMaps(storage).filter((m) => m.id !== id),
		storage
	);
}

/** The token a remembered link carries, and what it grants. */
export function linkAccess(link: string): LinkAccess | undefined {
	const hash = link.indexOf('#');
	return hash < 0 ? undefined : parseLinkFragment(link.slice(hash));
}

/**
 * The links to show in the share dialog for a map open at `location`: the edit link when the page
 * holds one, and the view link this browser knows (or the page's own, when it is a view link).
 */
export function shareLinks(
	id: string,
	location: Pick<Location, 'origin' | 'pathname' | 'hash'>,
	storage: Storage = localStorage
): { editLink?: string; viewLink?: string } {
	const here = location.origin + location.pathname + location.hash;
	const access = linkAccess(location.hash)?.access;
	const known = loadKnownMaps(storage).find((m) => m.id === id);
	const absolute = (link: string | undefined) => (link ? new URL(link, location.origin).href : undefined);
	return {
		editLink: access === 'edit' ? here : undefined,
		viewLink: access === 'view' ? here : absolute(known?.viewLink)
	};
}

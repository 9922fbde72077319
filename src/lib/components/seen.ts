/** Where this browser keeps, per map, the ids of the comments this person has seen (R137). */
const SEEN_KEY = (mapId: string) => `argmap:seen:${mapId}`;
/** Seen ids kept per map: the newest ones; older comments are long read. */
const SEEN_MAX = 5000;

/** The comment ids this person has seen on a map, as kept in this browser (bad entries ignored). */
export function loadSeen(mapId: string): ReadonlySet<string> {
	try {
		const stored: unknown = JSON.parse(localStorage.getItem(SEEN_KEY(mapId)) ?? '[]');
		return new Set(Array.isArray(stored) ? stored.filter((x) => typeof x === 'string') : []);
	} catch {
		return new Set();
	}
}

/** Adds ids to the seen ones and keeps them; returns the new set. */
export function saveSeen(
	mapId: string,
	seen: ReadonlySet<string>,
	ids: readonly string[]
): ReadonlySet<string> {
	const next = [...seen, ...ids].slice(-SEEN_MAX);
	try {
		localStorage.setItem(SEEN_KEY(mapId), JSON.stringify(next));
	} catch {
		// Storage full or disabled: the marker is only kept for this visit.
	}
	return new Set(next);
}

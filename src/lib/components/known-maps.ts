/** The maps this browser has links to, kept locally (the server never lists maps to anyone). */
export interface KnownMap {
	id: string;
	title: string;
	/** The link as opened, with its token fragment. */
	link: string;
	openedAt: number;
}

const KEY = 'argmap:maps';

export function loadKnownMaps(storage: Storage = localStorage): KnownMap[] {
	try {
		const value: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
		if (!Array.isArray(value)) return [];
		return value.filter(
			(m): m is KnownMap =>
				typeof m?.id === 'string' &&
				typeof m.title === 'string' &&
				typeof m.link === 'string' &&
				typeof m.openedAt === 'number'
		);
	} catch {
		return [];
	}
}

/** Remembers a map; the edit link wins over a view link for the same map. */
export function rememberMap(entry: KnownMap, storage: Storage = localStorage) {
	const maps = loadKnownMaps(storage);
	const previous = maps.find((m) => m.id === entry.id);
	const link =
		previous?.link.includes('#edit=') && !entry.link.includes('#edit=') ? previous.link : entry.link;
	const next = [{ ...entry, link }, ...maps.filter((m) => m.id !== entry.id)];
	storage.setItem(KEY, JSON.stringify(next));
}

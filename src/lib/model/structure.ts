import type { ArgMap } from './map';

/**
 * Whether two snapshots have the same structure: the same claims (ids and kinds, in order) and the same
 * relations (ids, kinds and ends, in order). Texts, places and anything else on a claim may differ. Sides
 * (R8) and the evaluation (R100-R106) read nothing else, so a keystroke or a drag leaves them as they were.
 */
export function sameStructure(a: ArgMap, b: ArgMap): boolean {
	if (a === b) return true;
	if (a.claims.length !== b.claims.length || a.relations.length !== b.relations.length) return false;
	for (let i = 0; i < a.claims.length; i++) {
		const c = a.claims[i]!;
		const d = b.claims[i]!;
		if (c !== d && (c.id !== d.id || c.kind !== d.kind)) return false;
	}
	for (let i = 0; i < a.relations.length; i++) {
		const r = a.relations[i]!;
		const s = b.relations[i]!;
		if (r !== s && (r.id !== s.id || r.kind !== s.kind || r.from !== s.from || r.to !== s.to)) return false;
	}
	return true;
}

/** `derive`, answering its last result (the same object) while the map's structure stays the same. */
export function byStructure<T>(derive: (map: ArgMap) => T): (map: ArgMap) => T {
	let last: { map: ArgMap; value: T } | undefined;
	return (map) => {
		if (!last || !sameStructure(last.map, map)) last = { map, value: derive(map) };
		else last.map = map;
		return last.value;
	};
}

import type { Claim } from './claim';
import { fail, ok, type Result } from './errors';
import { newId, type ClaimId, type RelationId } from './ids';
import { layeredLayout, NODE_SEP } from './layout';
import type { ArgMap } from './map';
import { claimBox } from './metrics';
import { normalize } from './normalize';
import { MAX_CLAIMS, MAX_RELATIONS } from './parse-map';
import type { Relation } from './relation';

/** Space left between the existing map and the claims merged in beside it. */
export const MERGE_GAP = 4 * NODE_SEP;

/** What an import added, for the person's message and the API's answer. */
export interface MergeSummary {
	/** Claims and relations the import brought in. */
	claims: number;
	relations: number;
	/** How many of them got a fresh id because theirs was taken in the map. */
	renamed: number;
}

export interface Merged {
	map: ArgMap;
	summary: MergeSummary;
}

/**
 * Gives every claim a position (R91): a file's own arrangement when it has one for every claim, else
 * the automatic layout for all of them (half a file's positions next to a layout would overlap).
 */
export function laidOut(map: ArgMap): ArgMap {
	if (map.claims.every((c) => c.x !== undefined && c.y !== undefined)) return map;
	const positions = layeredLayout(map);
	return {
		...map,
		claims: map.claims.map((c) => {
			const { x: _x, y: _y, ...rest } = c;
			const p = positions.get(c.id);
			return p ? { ...rest, x: p.x, y: p.y } : rest;
		})
	};
}

/** The smallest box around the claims' boxes, or undefined for a map without positioned claims. */
function bounds(claims: readonly Claim[]) {
	let out: { left: number; top: number; right: number; bottom: number } | undefined;
	for (const c of claims) {
		if (c.x === undefined || c.y === undefined) continue;
		const box = claimBox(c);
		const [left, top] = [c.x - box.width / 2, c.y - box.height / 2];
		const [right, bottom] = [left + box.width, top + box.height];
		out = out
			? {
					left: Math.min(out.left, left),
					top: Math.min(out.top, top),
					right: Math.max(out.right, right),
					bottom: Math.max(out.bottom, bottom)
				}
			: { left, top, right, bottom };
	}
	return out;
}

/**
 * Merges an imported map into the current one (R92), a pure function: the current map is kept as
 * it is; the imported claims and relations are added beside it (laid out, then shifted right of the
 * existing drawing, tops aligned), each with a fresh id where its own is already used in the
 * current map. Undercuts follow their relation's new id. The imported title and source are
 * ignored. Refused, changing nothing, when the result would exceed the map size limits.
 */
export function mergeMaps(
	current: ArgMap,
	incoming: ArgMap,
	random: () => number = Math.random
): Result<Merged> {
	if (current.claims.length + incoming.claims.length > MAX_CLAIMS) {
		return fail('BAD_FORMAT', 'claims', `a map holds at most ${MAX_CLAIMS} claims`);
	}
	if (current.relations.length + incoming.relations.length > MAX_RELATIONS) {
		return fail('BAD_FORMAT', 'relations', `a map holds at most ${MAX_RELATIONS} relations`);
	}
	const taken = new Set<string>([...current.claims.map((c) => c.id), ...current.relations.map((r) => r.id)]);
	for (const c of incoming.claims) taken.add(c.id);
	for (const r of incoming.relations) taken.add(r.id);
	const renames = new Map<string, string>();
	const fresh = (id: string, prefix: 'c' | 'r') => {
		let next = newId(prefix, random);
		while (taken.has(next)) next = newId(prefix, random);
		taken.add(next);
		renames.set(id, next);
		return next;
	};
	const existing = new Set<string>([
		...current.claims.map((c) => c.id),
		...current.relations.map((r) => r.id)
	]);
	const idOf = (id: string, prefix: 'c' | 'r') => (existing.has(id) ? fresh(id, prefix) : id);

	const placed = laidOut(incoming);
	const here = bounds(current.claims);
	const there = bounds(placed.claims);
	const dx = here && there ? Math.round(here.right + MERGE_GAP - there.left) : 0;
	const dy = here && there ? Math.round(here.top - there.top) : 0;
	const claims: Claim[] = placed.claims.map((c) => ({
		...c,
		id: idOf(c.id, 'c') as ClaimId,
		...(c.x !== undefined && c.y !== undefined && { x: c.x + dx, y: c.y + dy })
	}));
	for (const r of placed.relations) idOf(r.id, 'r');
	const renamed = (id: string) => renames.get(id) ?? id;
	const relations: Relation[] = placed.relations.map((r) => ({
		...r,
		id: renamed(r.id) as RelationId,
		from: renamed(r.from) as ClaimId,
		to: renamed(r.to) as ClaimId | RelationId
	}));
	const map = normalize({
		title: current.title,
		...(current.source && { source: current.source }),
		claims: [...current.claims, ...claims],
		relations: [...current.relations, ...relations]
	});
	return ok({
		map,
		summary: { claims: claims.length, relations: relations.length, renamed: renames.size }
	});
}

import type { ClaimId } from './ids';
import { indexOf, type ArgMap } from './map';

/** `pro` argues for the main thesis, `con` against it. */
export type Side = 'pro' | 'con';

const flip = (s: Side): Side => (s === 'pro' ? 'con' : 'pro');

/**
 * The main thesis (R8): the thesis that answers a question, else any thesis; the smallest id wins a tie.
 */
export function mainThesis(map: ArgMap): ClaimId | undefined {
	const theses = map.claims.filter((c) => c.kind === 'thesis');
	const answering = theses.find((t) =>
		(indexOf(map).outgoing.get(t.id) ?? []).some((r) => r.kind === 'answers')
	);
	return (answering ?? theses[0])?.id;
}

/**
 * Each claim's side, derived from the relations, never stored (R8). The main thesis is `pro`; a claim
 * supporting a claim shares its side, one attacking it takes the other side; a claim undercutting a
 * relation opposes the side of that relation's reason. Claims reached by several paths take the side of the
 * shortest path (breadth first, ties by id). Claims not connected to the main thesis have no side.
 */
export function deriveSides(map: ArgMap): ReadonlyMap<ClaimId, Side> {
	const sides = new Map<ClaimId, Side>();
	const root = mainThesis(map);
	if (!root) return sides;
	const index = indexOf(map);
	sides.set(root, 'pro');
	let frontier: ClaimId[] = [root];
	while (frontier.length > 0) {
		const next: ClaimId[] = [];
		const assign = (id: ClaimId, side: Side) => {
			if (sides.has(id) || index.claims.get(id)?.kind === 'question') return;
			sides.set(id, side);
			next.push(id);
		};
		for (const id of frontier) {
			const side = sides.get(id)!;
			for (const r of index.incoming.get(id) ?? []) {
				if (r.kind === 'supports') assign(r.from, side);
				else if (r.kind === 'attacks') assign(r.from, flip(side));
			}
			for (const r of index.outgoing.get(id) ?? []) {
				if (r.kind !== 'supports' && r.kind !== 'attacks') continue;
				for (const u of index.incoming.get(r.id) ?? [])
					if (u.kind === 'undercuts') assign(u.from, flip(side));
			}
		}
		frontier = next.sort();
	}
	return sides;
}

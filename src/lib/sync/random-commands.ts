import { CLAIM_KINDS, newId, pick, RELATION_KINDS, type ArgMap, type Command } from '../model';

const WORDS = [
	'energy',
	'trade',
	'arms',
	'pipeline',
	'alliance',
	'sanctions',
	'rivalry',
	'summit',
	'asymmetry'
];

/**
 * A random command against a map, as a person might issue it (used by convergence tests and benchmarks).
 * Some commands are refused by the model (a duplicate, a self-relation): that is part of the test.
 */
export function randomCommand(map: ArgMap, random: () => number): Command {
	const claim = pick(random, map.claims);
	const other = pick(random, map.claims);
	const relation = pick(random, map.relations);
	const roll = random();
	if (!claim || roll < 0.28) {
		return {
			type: 'addClaim',
			claim: {
				id: newId('c', random),
				kind: pick(random, CLAIM_KINDS)!,
				text: pick(random, WORDS)!,
				x: 0,
				y: 0
			},
			...(claim &&
				random() < 0.7 && {
					link: { id: newId('r', random), kind: random() < 0.5 ? 'supports' : 'attacks', to: claim.id }
				})
		};
	}
	if (roll < 0.48) {
		const at = Math.floor(random() * (claim.text.length + 1));
		const cut = random() < 0.3 ? 1 : 0;
		const text =
			claim.text.slice(0, at) + (cut ? '' : pick(random, WORDS)!.slice(0, 3)) + claim.text.slice(at + cut);
		return { type: 'editText', id: claim.id, text: text.trim() ? text : 'x' };
	}
	if (roll < 0.65 && other) {
		const kind = pick(random, RELATION_KINDS)!;
		const to = kind === 'undercuts' ? (relation?.id ?? other.id) : other.id;
		return { type: 'connect', id: newId('r', random), kind, from: claim.id, to };
	}
	if (roll < 0.72) return { type: 'changeKind', id: claim.id, kind: pick(random, CLAIM_KINDS)! };
	if (roll < 0.78) return { type: 'deleteClaims', ids: [claim.id] };
	if (roll < 0.83 && relation) return { type: 'deleteRelations', ids: [relation.id] };
	if (roll < 0.9) return { type: 'editDetails', id: claim.id, quote: pick(random, WORDS)!, section: 'S' };
	return {
		type: 'move',
		positions: [{ id: claim.id, x: Math.round(random() * 1000), y: Math.round(random() * 1000) }]
	};
}

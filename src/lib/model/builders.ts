import type { ClaimKind } from './claim';
import type { Command } from './commands';
import { newId, type ClaimId } from './ids';
import { placeChild } from './layout';
import type { ArgMap } from './map';

/** The default text of a new claim, selected in the editor so typing replaces it. */
export const NEW_CLAIM_TEXT: Record<'supports' | 'attacks', string> = {
	supports: 'New reason',
	attacks: 'New objection'
};

/** The command that adds a claim supporting or attacking `parentId`, placed under it (R11). */
export function addUnder(
	map: ArgMap,
	parentId: string,
	relation: 'supports' | 'attacks',
	kind: ClaimKind = 'claim',
	random: () => number = Math.random
): Command {
	const at = placeChild(map, parentId as ClaimId);
	return {
		type: 'addClaim',
		claim: {
			id: newId('c', random),
			kind,
			text: kind === 'evidence' ? 'New evidence' : NEW_CLAIM_TEXT[relation],
			...at
		},
		link: { id: newId('r', random), kind: relation, to: parentId }
	};
}

import { checkText, isClaimKind, isCoord, QUOTE_MAX, SECTION_MAX, type Claim, type ClaimKind } from './claim';
import { fail, ok, type Result } from './errors';
import { isId, type ClaimId, type RelationId } from './ids';
import { indexOf, type ArgMap } from './map';
import { planRestore } from './diff';
import { checkInvariants, endsAllowed } from './normalize';
import type { ClaimFields, Op } from './ops';
import type { Relation, RelationKind } from './relation';
import { optionalString } from './validate';

/** Longest map title accepted. */
export const TITLE_MAX = 200;

export interface NewClaim {
	id: string;
	kind: ClaimKind;
	text: string;
	quote?: string;
	section?: string;
	x?: number;
	y?: number;
}

/** Everything a person can do to a map. Each command is planned into ops atomically, or refused. */
export type Command =
	| { type: 'addClaim'; claim: NewClaim; link?: { id: string; kind: RelationKind; to: string } }
	| { type: 'editText'; id: string; text: string }
	| { type: 'editDetails'; id: string; quote?: string; section?: string }
	| { type: 'changeKind'; id: string; kind: ClaimKind }
	| { type: 'connect'; id: string; kind: RelationKind; from: string; to: string }
	| { type: 'changeRelation'; id: string; kind?: RelationKind; reverse?: boolean }
	| { type: 'deleteClaims'; ids: readonly string[] }
	| { type: 'deleteRelations'; ids: readonly string[] }
	| { type: 'move'; positions: readonly { id: string; x: number; y: number }[] }
	| { type: 'setTitle'; title: string }
	/** Makes the map equal to `map` (restoring a saved version, R150): one step, undone as one. */
	| { type: 'replaceMap'; map: ArgMap };

function freshId(map: ArgMap, id: string, where: string): Result<string> {
	if (!isId(id)) return fail('BAD_ID', where);
	const index = indexOf(map);
	if (index.claims.has(id as ClaimId) || index.relations.has(id as RelationId))
		return fail('ID_TAKEN', where, id);
	return ok(id);
}

function claimAt(map: ArgMap, id: string, where: string): Result<Claim> {
	const claim = indexOf(map).claims.get(id as ClaimId);
	return claim ? ok(claim) : fail('UNKNOWN_CLAIM', where, id);
}

/** Checks a new relation against the map (R3-R6) and returns it. `extra` is a claim being added with it. */
function planRelation(
	map: ArgMap,
	spec: { id: string; kind: RelationKind; from: string; to: string },
	extra?: Claim
): Result<Relation> {
	const id = freshId(map, spec.id, 'relation id');
	if (!id.ok) return id;
	const index = indexOf(map);
	const lookup = (cid: string) => (extra?.id === cid ? extra : index.claims.get(cid as ClaimId));
	const from = lookup(spec.from);
	if (!from) return fail('UNKNOWN_CLAIM', 'from', spec.from);
	if (spec.kind === 'undercuts') {
		const target = index.relations.get(spec.to as RelationId);
		if (!target) return fail('UNKNOWN_RELATION', 'to', spec.to);
		if (target.kind !== 'supports' && target.kind !== 'attacks') return fail('BAD_UNDERCUT_TARGET', 'to');
	} else {
		const to = lookup(spec.to);
		if (!to) return fail('UNKNOWN_CLAIM', 'to', spec.to);
		if (from.id === to.id) return fail('SELF_RELATION');
		if (!endsAllowed(spec.kind, from, to)) return fail('BAD_ANSWER');
	}
	const duplicate = (index.outgoing.get(spec.from) ?? []).some(
		(r) => r.kind === spec.kind && r.to === spec.to
	);
	if (duplicate) return fail('DUPLICATE_RELATION');
	return ok({ id: spec.id as RelationId, kind: spec.kind, from: from.id, to: spec.to as ClaimId });
}

/** The relations that go when these relations go: undercuts pointing at them (R2). */
function withUndercuts(map: ArgMap, relationIds: Iterable<string>): Set<string> {
	const gone = new Set(relationIds);
	const index = indexOf(map);
	for (const id of [...gone]) {
		for (const r of index.incoming.get(id) ?? []) if (r.kind === 'undercuts') gone.add(r.id);
	}
	return gone;
}

const deleteRelationOps = (ids: Iterable<string>): Op[] =>
	[...ids].sort().map((id) => ({ op: 'deleteRelation', id: id as RelationId }));

function planAddClaim(map: ArgMap, cmd: Extract<Command, { type: 'addClaim' }>): Result<Op[]> {
	const { claim: spec, link } = cmd;
	const id = freshId(map, spec.id, 'claim id');
	if (!id.ok) return id;
	if (!isClaimKind(spec.kind)) return fail('BAD_KIND', 'kind');
	const text = checkText(spec.text);
	if (!text.ok) return text;
	const quote = optionalString(spec.quote, QUOTE_MAX, 'quote');
	if (!quote.ok) return quote;
	const section = optionalString(spec.section, SECTION_MAX, 'section');
	if (!section.ok) return section;
	const hasPos = spec.x !== undefined || spec.y !== undefined;
	if (hasPos && !(isCoord(spec.x) && isCoord(spec.y))) return fail('BAD_POSITION');
	const claim: Claim = {
		id: spec.id as ClaimId,
		kind: spec.kind,
		text: text.value,
		...(quote.value && { quote: quote.value }),
		...(section.value && { section: section.value }),
		...(hasPos && { x: spec.x, y: spec.y })
	};
	const ops: Op[] = [{ op: 'putClaim', claim }];
	if (link) {
		if (link.id === spec.id) return fail('ID_TAKEN', 'relation id', link.id);
		const relation = planRelation(map, { ...link, from: claim.id }, claim);
		if (!relation.ok) return relation;
		ops.push({ op: 'putRelation', relation: relation.value });
	}
	return ok(ops);
}

/** Changes a relation's kind or turns it around, keeping R3-R6; undercuts go if it stops being an inference. */
function planChangeRelation(map: ArgMap, cmd: Extract<Command, { type: 'changeRelation' }>): Result<Op[]> {
	const current = indexOf(map).relations.get(cmd.id as RelationId);
	if (!current) return fail('UNKNOWN_RELATION', 'id', cmd.id);
	const kind = cmd.kind ?? current.kind;
	if (current.kind === 'undercuts' || kind === 'undercuts') {
		return kind === current.kind && !cmd.reverse ? ok([]) : fail('UNDERCUT_FIXED');
	}
	const spec = cmd.reverse
		? { id: current.id, kind, from: current.to, to: current.from }
		: { id: current.id, kind, from: current.from, to: current.to };
	const without = { ...map, relations: map.relations.filter((r) => r.id !== current.id) };
	const relation = planRelation(without, spec);
	if (!relation.ok) return relation;
	const stillInference = kind === 'supports' || kind === 'attacks';
	const undercuts = stillInference
		? []
		: [...withUndercuts(map, [current.id])].filter((id) => id !== current.id);
	return ok([{ op: 'putRelation', relation: relation.value }, ...deleteRelationOps(undercuts)]);
}

/**
 * Plans a command against the current map: the ops that carry it out, or the reason it is refused.
 * A refused command changes nothing (R10).
 */
export function planCommand(map: ArgMap, cmd: Command): Result<Op[]> {
	const index = indexOf(map);
	switch (cmd.type) {
		case 'addClaim':
			return planAddClaim(map, cmd);
		case 'editText': {
			const claim = claimAt(map, cmd.id, 'id');
			if (!claim.ok) return claim;
			const text = checkText(cmd.text);
			if (!text.ok) return text;
			return ok(
				text.value === claim.value.text ? [] : [{ op: 'setText', id: claim.value.id, text: text.value }]
			);
		}
		case 'editDetails': {
			const claim = claimAt(map, cmd.id, 'id');
			if (!claim.ok) return claim;
			const fields: ClaimFields = {};
			for (const [key, max] of [
				['quote', QUOTE_MAX],
				['section', SECTION_MAX]
			] as const) {
				if (cmd[key] === undefined) continue;
				const value = optionalString(cmd[key], max, key);
				if (!value.ok) return value;
				fields[key] = value.value ?? null;
			}
			return ok([{ op: 'setFields', id: claim.value.id, fields }]);
		}
		case 'changeKind': {
			const claim = claimAt(map, cmd.id, 'id');
			if (!claim.ok) return claim;
			if (!isClaimKind(cmd.kind)) return fail('BAD_KIND', 'kind');
			const changed = { ...claim.value, kind: cmd.kind };
			const lookup = (id: string) => (id === changed.id ? changed : index.claims.get(id as ClaimId));
			// Relations that the new kind no longer allows (an answer from a former thesis) go with it.
			const broken = [...(index.outgoing.get(cmd.id) ?? []), ...(index.incoming.get(cmd.id) ?? [])].filter(
				(r) => {
					if (r.kind === 'undercuts') return false;
					const from = lookup(r.from);
					const to = lookup(r.to);
					return !from || !to || !endsAllowed(r.kind, from, to);
				}
			);
			return ok([
				{ op: 'setFields', id: changed.id, fields: { kind: cmd.kind } },
				...deleteRelationOps(
					withUndercuts(
						map,
						broken.map((r) => r.id)
					)
				)
			]);
		}
		case 'connect': {
			const relation = planRelation(map, cmd);
			return relation.ok ? ok([{ op: 'putRelation', relation: relation.value }]) : relation;
		}
		case 'changeRelation':
			return planChangeRelation(map, cmd);
		case 'deleteClaims': {
			const ids = new Set<string>();
			for (const id of cmd.ids) {
				const claim = claimAt(map, id, 'id');
				if (!claim.ok) return claim;
				ids.add(id);
			}
			const touching = map.relations.filter((r) => ids.has(r.from) || ids.has(r.to)).map((r) => r.id);
			return ok([
				...deleteRelationOps(withUndercuts(map, touching)),
				...[...ids].sort().map((id): Op => ({ op: 'deleteClaim', id: id as ClaimId }))
			]);
		}
		case 'deleteRelations': {
			for (const id of cmd.ids) {
				if (!index.relations.has(id as RelationId)) return fail('UNKNOWN_RELATION', 'id', id);
			}
			return ok(deleteRelationOps(withUndercuts(map, cmd.ids)));
		}
		case 'move': {
			const ops: Op[] = [];
			for (const p of cmd.positions) {
				const claim = claimAt(map, p.id, 'id');
				if (!claim.ok) return claim;
				if (!isCoord(p.x) || !isCoord(p.y)) return fail('BAD_POSITION', p.id);
				ops.push({ op: 'setPosition', id: claim.value.id, x: p.x, y: p.y });
			}
			return ok(ops);
		}
		case 'replaceMap': {
			const problems = checkInvariants(cmd.map);
			return problems.length ? fail('BAD_FORMAT', 'map', problems[0]) : ok(planRestore(map, cmd.map));
		}
		case 'setTitle': {
			const title = checkText(cmd.title, 'title');
			if (!title.ok) return title;
			if (title.value.length > TITLE_MAX)
				return fail('TEXT_TOO_LONG', 'title', `at most ${TITLE_MAX} characters`);
			return ok([{ op: 'setTitle', title: title.value.trim() }]);
		}
	}
}

import type { Claim } from './claim';
import { indexOf, type ArgMap } from './map';
import type { ClaimFields, Op } from './ops';
import type { Relation } from './relation';

/** A claim whose content differs between two maps, with the names of the fields that differ. */
export interface ClaimChange {
	readonly before: Claim;
	readonly after: Claim;
	/** 'text', 'kind', 'quote', 'section', 'position' or any other field a claim carries. */
	readonly fields: readonly string[];
}

/** A relation (same id) whose kind or ends differ. */
export interface RelationChange {
	readonly before: Relation;
	readonly after: Relation;
}

/** What turns map `a` into map `b` (R147): claims and relations added, removed and changed. */
export interface MapDiff {
	readonly title?: { readonly before: string; readonly after: string };
	readonly claims: {
		readonly added: readonly Claim[];
		readonly removed: readonly Claim[];
		readonly changed: readonly ClaimChange[];
	};
	readonly relations: {
		readonly added: readonly Relation[];
		readonly removed: readonly Relation[];
		readonly changed: readonly RelationChange[];
	};
}

export interface DiffOptions {
	/** Count moved claims as changed ('position'); off by default: a layout is not a change of argument. */
	positions?: boolean;
}

/** Field names of a claim besides its id and position, in the order a diff lists them. */
function contentKeys(a: Claim, b: Claim): string[] {
	const keys = new Set<string>(['text', 'kind']);
	for (const k of [...Object.keys(a), ...Object.keys(b)])
		if (k !== 'id' && k !== 'x' && k !== 'y') keys.add(k);
	return [...keys];
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The fields in which two versions of a claim differ (position only when asked). */
export function claimDifferences(a: Claim, b: Claim, options: DiffOptions = {}): string[] {
	const fields = contentKeys(a, b).filter(
		(k) => !same((a as unknown as Record<string, unknown>)[k], (b as unknown as Record<string, unknown>)[k])
	);
	if (options.positions && (a.x !== b.x || a.y !== b.y)) fields.push('position');
	return fields;
}

const relationDiffers = (a: Relation, b: Relation) => a.kind !== b.kind || a.from !== b.from || a.to !== b.to;

/** Compares two maps by id (R147). Pure; both maps stay as they are. */
export function diffMaps(a: ArgMap, b: ArgMap, options: DiffOptions = {}): MapDiff {
	const ia = indexOf(a);
	const ib = indexOf(b);
	const changed: ClaimChange[] = [];
	for (const after of b.claims) {
		const before = ia.claims.get(after.id);
		if (!before) continue;
		const fields = claimDifferences(before, after, options);
		if (fields.length > 0) changed.push({ before, after, fields });
	}
	const relationsChanged: RelationChange[] = [];
	for (const after of b.relations) {
		const before = ia.relations.get(after.id);
		if (before && relationDiffers(before, after)) relationsChanged.push({ before, after });
	}
	return {
		...(a.title !== b.title && { title: { before: a.title, after: b.title } }),
		claims: {
			added: b.claims.filter((c) => !ia.claims.has(c.id)),
			removed: a.claims.filter((c) => !ib.claims.has(c.id)),
			changed
		},
		relations: {
			added: b.relations.filter((r) => !ia.relations.has(r.id)),
			removed: a.relations.filter((r) => !ib.relations.has(r.id)),
			changed: relationsChanged
		}
	};
}

/** Whether a diff has nothing in it. */
export function isEmptyDiff(diff: MapDiff): boolean {
	const { claims: c, relations: r } = diff;
	return (
		!diff.title &&
		c.added.length +
			c.removed.length +
			c.changed.length +
			r.added.length +
			r.removed.length +
			r.changed.length ===
			0
	);
}

/** Fields {@link Op} 'setFields' can set or remove; any other difference rewrites the whole claim. */
const SETTABLE = new Set(['kind', 'quote', 'section']);

/** The ops that turn one claim into another with the same id, keeping its text's identity when it can. */
function claimOps(before: Claim, after: Claim): Op[] {
	const fields = claimDifferences(before, after, { positions: true });
	const lostPosition = before.x !== undefined && after.x === undefined;
	if (lostPosition || fields.some((f) => f !== 'text' && f !== 'position' && !SETTABLE.has(f))) {
		return [{ op: 'putClaim', claim: after }];
	}
	const ops: Op[] = [];
	if (fields.includes('text')) ops.push({ op: 'setText', id: after.id, text: after.text });
	const set: ClaimFields = {};
	for (const f of fields) {
		if (!SETTABLE.has(f)) continue;
		const value = (after as unknown as Record<string, string | undefined>)[f];
		(set as Record<string, string | null>)[f] = value ?? null;
	}
	if (Object.keys(set).length > 0) ops.push({ op: 'setFields', id: after.id, fields: set });
	if (fields.includes('position') && after.x !== undefined && after.y !== undefined) {
		ops.push({ op: 'setPosition', id: after.id, x: after.x, y: after.y });
	}
	return ops;
}

/**
 * The ops that turn `current` into `target` (R150): the title, claims and relations as in `target`,
 * positions included. Texts of claims kept are edited minimally (a colleague's typing elsewhere in the
 * text survives). Relations go first and come last, so every step is a sound map. Applying the plan to
 * `current` gives a map whose diff with `target` is empty. The map's source is not touched.
 */
export function planRestore(current: ArgMap, target: ArgMap): Op[] {
	const diff = diffMaps(current, target, { positions: true });
	const ops: Op[] = [];
	if (diff.title) ops.push({ op: 'setTitle', title: target.title });
	for (const r of [...diff.relations.removed, ...diff.relations.changed.map((c) => c.before)]) {
		ops.push({ op: 'deleteRelation', id: r.id });
	}
	for (const c of diff.claims.removed) ops.push({ op: 'deleteClaim', id: c.id });
	for (const c of diff.claims.added) ops.push({ op: 'putClaim', claim: c });
	for (const change of diff.claims.changed) ops.push(...claimOps(change.before, change.after));
	for (const r of [...diff.relations.added, ...diff.relations.changed.map((c) => c.after)]) {
		ops.push({ op: 'putRelation', relation: r });
	}
	return ops;
}

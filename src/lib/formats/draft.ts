import {
	checkInvariants,
	fail,
	isId,
	isRecord,
	MAX_CLAIMS,
	MAX_RELATIONS,
	normalize,
	ok,
	parseClaim,
	TEXT_MAX,
	TITLE_MAX,
	type ArgMap,
	type Claim,
	type ClaimId,
	type ClaimKind,
	type Relation,
	type RelationId,
	type RelationKind,
	type Result,
	type Source
} from '../model';
import { withLayout } from '../model/layout';
import type { Imported, ReadOptions } from './index';
import { MAX_IMPORT_BYTES } from './limits';

export interface DraftClaim {
	kind: ClaimKind;
	text: string;
	quote?: string;
	section?: string;
	x?: number;
	y?: number;
}

/** Turns a label from a file ("Argument from addiction", "Fleisch gesünder") into an id-safe slug. */
export function slug(label: string): string {
	const plain = label
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9_-]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 56);
	return plain || 'c';
}

/**
 * A map being read from a file: claims and relations collected with their place in the file, then
 * checked and normalized into a valid {@link ArgMap} (R81). Ids from the file are kept when they
 * are valid and free; others get a slug of the label. Relations the model cannot hold (a claim
 * relating to itself, a duplicate, an undercut of nothing) are dropped and listed as warnings.
 */
export class Draft {
	private readonly claims = new Map<string, Claim>();
	private readonly relations: Relation[] = [];
	private readonly taken = new Set<string>();
	private readonly keys = new Map<string, RelationId>();
	private readonly next = new Map<string, number>();
	private readonly outgoing = new Map<string, Relation[]>();
	/** More relations than a map may hold were offered; the import is refused. */
	private overflow = false;
	readonly warnings: string[] = [];

	constructor(private readonly format: string) {}

	/** A free id: `wanted` when it is a valid id and unused, else a slug of it with a number. */
	freshId(wanted: string, fallback = 'c'): string {
		if (isId(wanted) && !this.taken.has(wanted)) {
			this.taken.add(wanted);
			return wanted;
		}
		const base = isId(slug(wanted)) ? slug(wanted) : fallback;
		// Numbering resumes where it stopped for this base, so n fresh ids cost O(n), not O(n²).
		let n = this.next.get(base) ?? 1;
		let id = n === 1 ? base : `${base}-${n}`;
		while (this.taken.has(id) || !isId(id)) id = `${base}-${++n}`;
		this.next.set(base, n + 1);
		this.taken.add(id);
		return id;
	}

	/** Adds a claim under an id from {@link freshId}; `where` names its place in the file. */
	addClaim(id: string, claim: DraftClaim, where: string): Result<ClaimId> {
		if (claim.text.trim() === '') return fail('EMPTY_TEXT', `${this.format} ${where}`);
		if (this.claims.size >= MAX_CLAIMS)
			return fail('BAD_FORMAT', `${this.format} ${where}`, `at most ${MAX_CLAIMS} claims`);
		let text = claim.text;
		if (text.length > TEXT_MAX) {
			text = text.slice(0, TEXT_MAX - 1) + '…';
			this.warnings.push(`${where}: text shortened to ${TEXT_MAX} characters`);
		}
		const parsed = parseClaim({ ...claim, id, text }, `${this.format} ${where}`);
		if (!parsed.ok) return parsed;
		this.claims.set(id, parsed.value);
		return ok(parsed.value.id);
	}

	hasClaim(id: string): boolean {
		return this.claims.has(id);
	}

	kindOf(id: string): ClaimKind | undefined {
		return this.claims.get(id)?.kind;
	}

	/**
	 * Adds a relation (its id from `wanted` when free); returns its id, the existing one when the same
	 * relation was added before, or undefined when dropped.
	 */
	relate(kind: RelationKind, from: string, to: string, where: string, wanted = 'r'): RelationId | undefined {
		if (kind !== 'undercuts' && from === to) {
			this.warnings.push(`${where}: a claim relating to itself was left out`);
			return undefined;
		}
		const key = `${kind}|${from}|${to}`;
		const existing = this.keys.get(key);
		if (existing) return existing;
		if (this.relations.length >= MAX_RELATIONS) {
			this.overflow = true;
			return undefined;
		}
		const id = this.freshId(wanted, 'r') as RelationId;
		this.keys.set(key, id);
		const relation: Relation = { id, kind, from: from as ClaimId, to: to as ClaimId | RelationId };
		this.relations.push(relation);
		const out = this.outgoing.get(from);
		if (out) out.push(relation);
		else this.outgoing.set(from, [relation]);
		return id;
	}

	/** A support, read as an answer when it goes from a thesis to a question (formats without answers). */
	support(from: string, to: string, where: string, wanted?: string): RelationId | undefined {
		const answers = this.kindOf(from) === 'thesis' && this.kindOf(to) === 'question';
		return this.relate(answers ? 'answers' : 'supports', from, to, where, wanted);
	}

	/** The relations added so far that start at a claim. */
	relationsFrom(id: string): readonly Relation[] {
		return this.outgoing.get(id) ?? [];
	}

	/** The finished map: normalized (dropped relations reported), laid out where positions are missing. */
	finish(title: string, source?: Source): Result<Imported> {
		if (this.overflow) return fail('BAD_FORMAT', this.format, `at most ${MAX_RELATIONS} relations`);
		if (this.claims.size === 0 && this.relations.length === 0) {
			this.warnings.push('the file holds no claims');
		}
		const cleanTitle = title.replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX) || 'Imported map';
		const map: ArgMap = normalize({
			title: cleanTitle,
			...(source && { source }),
			claims: this.claims.values(),
			relations: this.relations
		});
		const dropped = this.relations.length - map.relations.length;
		if (dropped > 0) {
			this.warnings.push(
				`${dropped} relation${dropped === 1 ? '' : 's'} left out (duplicates or kinds the map does not allow)`
			);
		}
		const problems = checkInvariants(map);
		if (problems.length) return fail('BAD_FORMAT', this.format, problems[0]);
		const laidOut = map.claims.some((c) => c.x === undefined) ? withLayout(map) : map;
		return ok({ map: laidOut, warnings: this.warnings });
	}
}

/** Refuses a text whose UTF-8 form is over {@link MAX_IMPORT_BYTES} (R80), before any parsing. */
export function sizeCheck(text: string, format: string): Result<true> {
	// Each UTF-16 unit is at least one UTF-8 byte and at most three: count exactly only near the limit.
	const big =
		text.length > MAX_IMPORT_BYTES ||
		(text.length * 3 > MAX_IMPORT_BYTES && new TextEncoder().encode(text).length > MAX_IMPORT_BYTES);
	return big
		? fail('BAD_FORMAT', format, `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`)
		: ok(true);
}

/** A codec's `read` behind the size check, and `parse`: the same without the warnings. */
export function reader(format: string, read: (text: string, options?: ReadOptions) => Result<Imported>) {
	const checked = (text: string, options?: ReadOptions): Result<Imported> => {
		const size = sizeCheck(text, format);
		return size.ok ? read(text, options) : size;
	};
	const parse = (text: string): Result<ArgMap> => {
		const result = checked(text);
		return result.ok ? ok(result.value.map) : result;
	};
	return { read: checked, parse };
}

/** The citation fields of a file's `source`, each checked; anything else is left out. */
export function cleanSource(raw: unknown): Source | undefined {
	if (!isRecord(raw)) return undefined;
	const out: Record<string, string | number> = {};
	for (const key of ['author', 'title', 'doi', 'publication'] as const) {
		const value = raw[key];
		if (typeof value === 'string' && value.trim() && value.length <= 500) out[key] = value;
	}
	if (Number.isInteger(raw.year)) out.year = raw.year as number;
	return Object.keys(out).length ? (out as Source) : undefined;
}

/** Parses JSON; a syntax error names the format and, when the engine tells the offset, line and column. */
export function parseJsonText(text: string, format: string): Result<unknown> {
	try {
		return ok(JSON.parse(text));
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		const at = /position (\d+)/.exec(message);
		if (!at) return fail('BAD_FORMAT', format, message);
		const before = text.slice(0, Number(at[1])).split('\n');
		return fail(
			'BAD_FORMAT',
			`${format} line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`,
			message
		);
	}
}

/** Keeps text inside the model's limit for a one-line field (titles, sections). */
export const oneLine = (text: string, max: number) => text.replace(/\s+/g, ' ').trim().slice(0, max);

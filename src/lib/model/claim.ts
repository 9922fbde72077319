import { fail, ok, type Result } from './errors';
import { isId, type ClaimId } from './ids';
import { isRecord, optionalString } from './validate';

export const CLAIM_KINDS = ['question', 'thesis', 'claim', 'evidence'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** Longest claim text accepted: a long paragraph, far above the ~25 words a good claim has. */
export const TEXT_MAX = 2000;
/** Longest source quote accepted. */
export const QUOTE_MAX = 4000;
/** Longest section name accepted. */
export const SECTION_MAX = 200;
/** Positions beyond this are treated as corrupt (a layout never gets there). */
export const COORD_MAX = 1e7;

export interface Claim {
	readonly id: ClaimId;
	readonly kind: ClaimKind;
	readonly text: string;
	readonly quote?: string;
	readonly section?: string;
	readonly x?: number;
	readonly y?: number;
}

export function isClaimKind(value: unknown): value is ClaimKind {
	return typeof value === 'string' && (CLAIM_KINDS as readonly string[]).includes(value);
}

export function isCoord(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= COORD_MAX;
}

/** Checks a claim's text as a person typed it; returns the text to store. */
export function checkText(text: unknown, where = 'text'): Result<string> {
	if (typeof text !== 'string') return fail('BAD_FORMAT', where, 'expected a string');
	if (text.trim() === '') return fail('EMPTY_TEXT', where);
	if (text.length > TEXT_MAX) return fail('TEXT_TOO_LONG', where, `at most ${TEXT_MAX} characters`);
	return ok(text);
}

/** Validates untrusted data (a file, the shared document) into a {@link Claim}. */
export function parseClaim(raw: unknown, where: string): Result<Claim> {
	if (!isRecord(raw)) return fail('BAD_FORMAT', where, 'expected an object');
	if (!isId(raw.id)) return fail('BAD_ID', `${where}.id`);
	if (!isClaimKind(raw.kind)) return fail('BAD_KIND', `${where}.kind`, `got ${JSON.stringify(raw.kind)}`);
	const text = checkText(raw.text, `${where}.text`);
	if (!text.ok) return text;
	const quote = optionalString(raw.quote, QUOTE_MAX, `${where}.quote`);
	if (!quote.ok) return quote;
	const section = optionalString(raw.section, SECTION_MAX, `${where}.section`);
	if (!section.ok) return section;
	const hasX = raw.x !== undefined;
	const hasY = raw.y !== undefined;
	if (hasX !== hasY || (hasX && (!isCoord(raw.x) || !isCoord(raw.y)))) {
		return fail('BAD_POSITION', `${where}.x/y`);
	}
	const claim: Claim = {
		id: raw.id as ClaimId,
		kind: raw.kind,
		text: text.value,
		...(quote.value !== undefined && { quote: quote.value }),
		...(section.value !== undefined && { section: section.value }),
		...(hasX && { x: raw.x as number, y: raw.y as number })
	};
	return ok(claim);
}

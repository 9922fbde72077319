import { fail, ok, type Result } from './errors';
import { isId } from './ids';
import { isRecord, optionalString } from './validate';

/**
 * A source document a map's claims are drawn from (R130): its citation and its plain text. The text is
 * one string, not a collaborative text: sources are read, rarely edited, and then replaced whole
 * (a corrected version pasted or uploaded again), which anchors survive (R131).
 */
export interface SourceDoc {
	readonly id: string;
	readonly title: string;
	readonly author?: string;
	readonly year?: number;
	readonly publication?: string;
	readonly doi?: string;
	readonly url?: string;
	readonly text: string;
	/** The person who added it (their stable id), their name then, and when (ms since 1970). */
	readonly addedBy?: string;
	readonly addedByName?: string;
	readonly addedAt?: number;
}

/** Longest source text: a long article (about 30,000 words), far below the document cap (R69). */
export const SOURCE_TEXT_MAX = 200_000;
/** Longest file accepted for upload, in bytes (UTF-8 text of at most SOURCE_TEXT_MAX characters). */
export const SOURCE_FILE_MAX = 400_000;
/** Most sources a map carries. */
export const SOURCES_MAX = 20;
/** Longest title, author, publication, DOI. */
export const CITATION_MAX = 300;
/** Longest URL. */
const URL_MAX = 1000;
/** Longest display name stored with an entry (names are cut to 40 characters when chosen). */
export const NAME_MAX = 40;

/** Checks a citation field a person typed, and the text, as they will be read back (R130). */
export function parseSourceDoc(raw: unknown, where: string): Result<SourceDoc> {
	if (!isRecord(raw)) return fail('BAD_FORMAT', where, 'expected an object');
	if (!isId(raw.id)) return fail('BAD_ID', `${where}.id`);
	if (typeof raw.title !== 'string' || !raw.title.trim() || raw.title.length > CITATION_MAX)
		return fail('BAD_FORMAT', `${where}.title`, `expected 1 to ${CITATION_MAX} characters`);
	if (typeof raw.text !== 'string' || !raw.text.trim())
		return fail('BAD_FORMAT', `${where}.text`, 'expected some text');
	if (raw.text.length > SOURCE_TEXT_MAX)
		return fail('TEXT_TOO_LONG', `${where}.text`, `at most ${SOURCE_TEXT_MAX} characters`);
	const source: Record<string, unknown> = { id: raw.id, title: raw.title, text: raw.text };
	for (const key of ['author', 'publication', 'doi', 'url', 'addedByName'] as const) {
		const max = key === 'url' ? URL_MAX : key === 'addedByName' ? NAME_MAX : CITATION_MAX;
		const value = optionalString(raw[key], max, `${where}.${key}`);
		if (!value.ok) return value;
		if (value.value !== undefined) source[key] = value.value;
	}
	if (typeof source.url === 'string' && !/^https?:\/\//i.test(source.url))
		return fail('BAD_FORMAT', `${where}.url`, 'expected an http(s) address');
	if (raw.year !== undefined && raw.year !== null) {
		if (!Number.isInteger(raw.year) || (raw.year as number) < 0 || (raw.year as number) > 9999)
			return fail('BAD_FORMAT', `${where}.year`, 'expected a year');
		source.year = raw.year;
	}
	if (raw.addedBy !== undefined) {
		if (!isId(raw.addedBy)) return fail('BAD_ID', `${where}.addedBy`);
		source.addedBy = raw.addedBy;
	}
	if (raw.addedAt !== undefined) {
		if (typeof raw.addedAt !== 'number' || !Number.isFinite(raw.addedAt))
			return fail('BAD_FORMAT', `${where}.addedAt`, 'expected a time');
		source.addedAt = raw.addedAt;
	}
	return ok(source as unknown as SourceDoc);
}

/** A short citation: "Kaczmarski (2021), Title". */
export function citation(s: SourceDoc): string {
	const who = s.author ? `${s.author}${s.year !== undefined ? ` (${s.year})` : ''}, ` : '';
	return `${who}${s.title}`;
}

/** Text from an uploaded file: line endings made plain, a byte-order mark dropped. */
export function sourceTextOf(fileText: string): string {
	return fileText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

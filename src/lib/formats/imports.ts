import { fail, ok, type Result } from '../model';
import {
	isTextFormat,
	loadCodec,
	MAX_IMPORT_BYTES,
	TEXT_FORMATS,
	type Codec,
	type Imported,
	type ReadOptions
} from './index';

/** Largest file accepted for import (R95), in the editor and by POST /api/maps/:id/import (limits.ts). */
export const IMPORT_LIMIT_BYTES = MAX_IMPORT_BYTES;

/** The import modes: add the file's claims beside the map's, or make the map the file's. */
export const IMPORT_MODES = ['merge', 'replace'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * Parses a file in a format (R95): the codec's error, prefixed with the format's name, names the
 * line or field at fault; an oversized file or a format that cannot be read is refused the same way.
 * `options.lenient` reaches the codecs that read leniently (Argdown, R89); the others ignore it.
 */
export async function parseImport(
	text: string,
	format: string,
	options?: ReadOptions
): Promise<Result<Imported>> {
	if (!isTextFormat(format)) {
		return fail('BAD_FORMAT', 'format', `expected one of ${TEXT_FORMATS.join(', ')}`);
	}
	if (new TextEncoder().encode(text).length > IMPORT_LIMIT_BYTES) {
		return fail('BAD_FORMAT', 'file', `larger than the ${IMPORT_LIMIT_BYTES / 1024 / 1024} MiB import limit`);
	}
	let codec;
	try {
		codec = await loadCodec(format);
	} catch {
		return fail('BAD_FORMAT', format, 'this format cannot be read yet');
	}
	const read = codec.read ?? (codec.parse && ((t: string) => mapOnly(codec.parse!(t))));
	if (!read) return fail('BAD_FORMAT', codec.label, 'this format is for export only');
	const parsed = read(text, options);
	if (parsed.ok || parsed.error.message.startsWith(codec.label)) return parsed;
	return fail(
		parsed.error.code,
		`${codec.label}: ${parsed.error.where ?? 'file'}`,
		detailOf(parsed.error.message, parsed.error.where)
	);
}

/** A codec's plain parse result as an import without warnings. */
function mapOnly(parsed: ReturnType<NonNullable<Codec['parse']>>): Result<Imported> {
	return parsed.ok ? ok({ map: parsed.value, warnings: [] }) : parsed;
}

/** The detail in parentheses of an ArgMapError's message, if any. */
function detailOf(message: string, where?: string): string | undefined {
	const rest = where && message.startsWith(`${where}: `) ? message.slice(where.length + 2) : message;
	const m = /\((.*)\)$/.exec(rest);
	return m?.[1];
}

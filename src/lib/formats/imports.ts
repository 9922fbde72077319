import type { ArgMap, Result } from '../model';
import { fail } from '../model';
import { isTextFormat, loadCodec, TEXT_FORMATS, type TextFormat } from './index';

/**
 * Largest file accepted for import (R95), in the editor and by POST /api/maps/:id/import: far above
 * a seminar's map (the 44-claim article is 30 KB as JSON), low enough that parsing never stalls a
 * browser or the server and the imported document stays well under the room's size cap.
 */
export const IMPORT_LIMIT_BYTES = 4 * 1024 * 1024;

/** The import modes: add the file's claims beside the map's, or make the map the file's. */
export const IMPORT_MODES = ['merge', 'replace'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * A first guess at a file's format from its name and first characters (R95); the person can
 * always pick another in the dialog.
 */
export function guessFormat(text: string, filename = ''): TextFormat {
	const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
	const head = text
		.replace(/^\ufeff/, '')
		.trimStart()
		.slice(0, 4000);
	if (ext === 'argdown' || ext === 'ad') return 'argdown';
	if (ext === 'graphml' || head.startsWith('<')) return 'graphml';
	if (head.startsWith('{') || head.startsWith('[') || ext === 'json') {
		return /"format"\s*:\s*"argmap"/.test(head)
			? 'json'
			: /"(nodes|AIF|edges)"\s*:/.test(head)
				? 'aif'
				: 'json';
	}
	if (/^\s*Discussion Title:/im.test(head) || /^\s*1\.\s*\d*\.?\s*(Pro|Con):/m.test(head)) return 'kialo';
	if (ext === 'md' || ext === 'markdown') return 'markdown';
	return 'argdown';
}

/**
 * Parses a file in a format (R95): the codec's error, prefixed with the format's name, names the
 * line or field at fault; an oversized file or a format that cannot be read is refused the same way.
 */
export async function parseImport(text: string, format: string): Promise<Result<ArgMap>> {
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
	if (!codec.parse) return fail('BAD_FORMAT', codec.label, 'this format is for export only');
	const parsed = codec.parse(text);
	if (parsed.ok || parsed.error.message.startsWith(codec.label)) return parsed;
	return fail(
		parsed.error.code,
		`${codec.label}: ${parsed.error.where ?? 'file'}`,
		detailOf(parsed.error.message, parsed.error.where)
	);
}

/** The detail in parentheses of an ArgMapError's message, if any. */
function detailOf(message: string, where?: string): string | undefined {
	const rest = where && message.startsWith(`${where}: `) ? message.slice(where.length + 2) : message;
	const m = /\((.*)\)$/.exec(rest);
	return m?.[1];
}

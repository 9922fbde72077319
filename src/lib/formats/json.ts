import { fail, parseArgMap, type ArgMap, type Result } from '../model';
import type { Codec } from './index';

/** The native format's media type and file extension. */
export const JSON_FORMAT = { mime: 'application/json', extension: 'json' } as const;

/** Where in the text a JSON syntax error is, as "line L, column C" when the engine tells the offset. */
function locate(text: string, message: string): string {
	const at = /position (\d+)/.exec(message);
	if (!at) return 'JSON';
	const before = text.slice(0, Number(at[1])).split('\n');
	return `JSON line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Parses the native JSON format (CONTRACT.md); errors say what is wrong and where. */
export function parseJson(text: string): Result<ArgMap> {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		return fail('BAD_FORMAT', locate(text, message), message);
	}
	return parseArgMap(raw);
}

/** Serializes a map to the native JSON format: stable key order, claims and relations sorted by id. */
export function serializeJson(map: ArgMap): string {
	const doc = {
		format: 'argmap',
		version: 1,
		title: map.title,
		...(map.source && { source: map.source }),
		claims: map.claims.map((c) => ({
			id: c.id,
			kind: c.kind,
			text: c.text,
			...(c.quote !== undefined && { quote: c.quote }),
			...(c.section !== undefined && { section: c.section }),
			...(c.x !== undefined && { x: c.x, y: c.y })
		})),
		relations: map.relations.map((r) => ({ id: r.id, kind: r.kind, from: r.from, to: r.to }))
	};
	return JSON.stringify(doc, null, 2) + '\n';
}

export const JSON_CODEC = {
	id: 'json',
	label: 'JSON (native)',
	extension: JSON_FORMAT.extension,
	mime: JSON_FORMAT.mime,
	parse: parseJson,
	serialize: serializeJson
} as const satisfies Codec;

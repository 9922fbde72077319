import { indexOf, type ArgMap, type Claim, type Relation } from '../model';
import { readArgdown } from './argdown-read';
import { reader } from './draft';
import type { Codec } from './index';

/**
 * Argdown (R83). Each claim is a statement `[id]: text`, or an argument `<id>: text` when a relation
 * starting at it is undercut (Argdown undercuts attack an argument's inference). Kinds other than
 * claim are tags (`#question`, `#thesis`, `#evidence`), sections are headings, quote and position are
 * the element's data (`{"quote": …, "x": …, "y": …}`); text with line breaks or extra spaces, which
 * Argdown would fold, rides in the data as well. Relations hang under the claim they start from:
 * `+>` supports (and answers), `->` attacks, `_>` undercuts.
 */

/** ASCII punctuation, every mark of which Argdown reads literally after a backslash. */
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

const escapeArgdown = (text: string) =>
	text
		.replace(/\s+/g, ' ')
		.trim()
		.replace(PUNCTUATION, (c) => `\\${c}`);

const TAG: Record<Claim['kind'], string> = {
	question: ' #question',
	thesis: ' #thesis',
	claim: '',
	evidence: ' #evidence'
};

function dataOf(c: Claim): string {
	const folded = c.text.replace(/\s+/g, ' ').trim();
	const data = {
		...(folded !== c.text && { text: c.text }),
		...(c.quote !== undefined && { quote: c.quote }),
		...(c.x !== undefined && { x: c.x, y: c.y })
	};
	return Object.keys(data).length ? ` ${yaml(data)}` : '';
}

/**
 * JSON, which is YAML's flow syntax and so Argdown's data, with the characters that end Argdown's
 * data or front matter early (`{`, `}`, `=`, and line separators its lexer's `.` does not match)
 * written as \u escapes inside strings.
 */
function yaml(value: unknown): string {
	const safe = (json: string) =>
		json.replace(/[{}=\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
	if (typeof value === 'string') return safe(JSON.stringify(value));
	if (typeof value !== 'object' || value === null) return JSON.stringify(value);
	const entries = Object.entries(value).map(([k, v]) => `${safe(JSON.stringify(k))}: ${yaml(v)}`);
	return `{${entries.join(', ')}}`;
}

/** Serializes a map as Argdown that @argdown/core 1.7.5 parses without errors into the same claims and relations. */
export function serializeArgdown(map: ArgMap): string {
	const index = indexOf(map);
	const undercutReasons = new Set(
		map.relations
			.filter((r) => r.kind === 'undercuts')
			.map((r) => index.relations.get(r.to as Relation['id'])!.from)
	);
	const ref = (id: string) => (undercutReasons.has(id as Claim['id']) ? `<${id}>` : `[${id}]`);
	const relationLine = (r: Relation) => {
		if (r.kind === 'undercuts') return `    _> ${ref(index.relations.get(r.to as Relation['id'])!.from)}`;
		return `    ${r.kind === 'attacks' ? '->' : '+>'} ${ref(r.to)}`;
	};
	const front = ['===', `title: ${yaml(map.title)}`];
	if (map.source) front.push(`source: ${yaml(map.source)}`);
	const out = [...front, '===', ''];
	const sections = new Map<string, Claim[]>();
	for (const c of map.claims) {
		const key = c.section ?? '';
		sections.set(key, [...(sections.get(key) ?? []), c]);
	}
	const ordered = [...sections].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : 0));
	for (const [section, claims] of ordered) {
		if (section) out.push(`# ${escapeArgdown(section)}`, '');
		for (const c of claims) {
			out.push(`${ref(c.id)}: ${escapeArgdown(c.text)}${TAG[c.kind]}${dataOf(c)}`);
			for (const r of index.outgoing.get(c.id) ?? []) out.push(relationLine(r));
			out.push('');
		}
	}
	// Argdown refuses front matter followed by nothing: an empty map gets its title as a heading.
	if (!map.claims.length) out.push(`# ${escapeArgdown(map.title)}`, '');
	return out.join('\n');
}

export const ARGDOWN_CODEC = {
	id: 'argdown',
	label: 'Argdown',
	extension: 'argdown',
	mime: 'text/plain',
	...reader('Argdown', readArgdown),
	serialize: serializeArgdown
} as const satisfies Codec;

import {
	outlineOf,
	type ArgMap,
	type Claim,
	type OutlineNode,
	type RelationKind,
	type Source
} from '../model';
import type { Codec } from './index';

/**
 * The Markdown outline (R86), for handouts: the map as a nested list in the order of the outline
 * view, each claim with how it bears on its parent, its quote as a block quote and its section.
 * Export only. User text is escaped, so it never turns into markup, links or HTML.
 */

const ROLE: Record<RelationKind, string> = {
	answers: 'Answer',
	supports: 'Reason',
	attacks: 'Objection',
	undercuts: 'Undercut (the step from the reason above does not follow)'
};

const KIND: Record<Claim['kind'], string> = {
	question: 'Question',
	thesis: 'Thesis',
	claim: 'Claim',
	evidence: 'Evidence'
};

/**
 * Backslash-escapes what CommonMark could read as markup: emphasis, code, links, HTML, entities,
 * headings, tables, and list or quote markers at the start of a line.
 */
const escape = (text: string) =>
	text
		.replace(/[\\`*_[\]<>#|~&]/g, (c) => `\\${c}`)
		.replace(/^(\s*)([-+=]|\d+[.)])/gm, (_, space: string, mark: string) =>
			mark.length === 1 ? `${space}\\${mark}` : `${space}${mark.slice(0, -1)}\\${mark.at(-1)}`
		);

/** Escaped text whose later lines carry the list item's indentation. */
const block = (text: string, indent: string) =>
	escape(text)
		.split('\n')
		.map((line, i) => (i === 0 || line === '' ? line : indent + line))
		.join('\n');

function sourceLine(source: Source): string {
	const parts = [
		[source.author && escape(source.author), source.year !== undefined && `(${source.year})`]
			.filter(Boolean)
			.join(' '),
		source.title && `*${escape(source.title)}*`,
		source.publication && escape(source.publication),
		source.doi &&
			`DOI [${escape(source.doi)}](https://doi.org/${encodeURI(source.doi).replace(/[()]/g, encodeURIComponent)})`
	].filter(Boolean);
	return `Source: ${parts.join(', ')}`;
}

function item(node: OutlineNode, depth: number, out: string[]) {
	const pad = '  '.repeat(depth);
	const inner = `${pad}  `;
	const { claim } = node;
	const role = node.relation ? ROLE[node.relation] : KIND[claim.kind];
	const kind = node.relation && claim.kind !== 'claim' ? ` · ${KIND[claim.kind].toLowerCase()}` : '';
	const repeat = node.repeated ? ' (again, see above)' : '';
	out.push(`${pad}- **${role}${kind}:**${repeat} ${block(claim.text, inner)}`);
	if (node.repeated) return;
	if (claim.quote) out.push('', ...claim.quote.split('\n').map((l) => `${inner}> ${escape(l)}`.trimEnd()));
	if (claim.section)
		out.push(
			...(claim.quote ? [`${inner}>`] : ['']),
			`${inner}${claim.quote ? '> ' : ''}— *${escape(claim.section)}*`
		);
	if (claim.quote || claim.section) out.push('');
	for (const child of node.children) item(child, depth + 1, out);
}

/** Serializes a map as a Markdown outline: title, source, then the argument as a nested list. */
export function serializeMarkdown(map: ArgMap): string {
	const out = [`# ${escape(map.title)}`, ''];
	if (map.source) out.push(sourceLine(map.source), '');
	for (const root of outlineOf(map)) item(root, 0, out);
	return (
		out
			.join('\n')
			.replace(/\n{3,}/g, '\n\n')
			.trimEnd() + '\n'
	);
}

export const MARKDOWN_CODEC = {
	id: 'markdown',
	label: 'Markdown outline',
	extension: 'md',
	mime: 'text/markdown',
	serialize: serializeMarkdown
} as const satisfies Codec;

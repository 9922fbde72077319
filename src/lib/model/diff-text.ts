import type { Claim } from './claim';
import type { MapDiff } from './diff';
import { indexOf, type ArgMap } from './map';
import type { Relation } from './relation';

/** Longest piece of a claim's text quoted in a sentence about it. */
const QUOTE_CHARS = 60;

/** A claim's text as quoted in a sentence: one line, shortened with an ellipsis. */
export function quoteText(text: string, max = QUOTE_CHARS): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return `“${line.length > max ? line.slice(0, max - 1).trimEnd() + '…' : line}”`;
}

const KIND_WORD: Record<Claim['kind'], string> = {
	question: 'question',
	thesis: 'thesis',
	claim: 'claim',
	evidence: 'evidence'
};

const FIELD_WORD: Record<string, string> = {
	text: 'text',
	kind: 'kind',
	quote: 'source quote',
	section: 'section',
	position: 'position'
};

/** One line of a diff in words, and whether it adds, removes or changes something. */
export interface DiffLine {
	readonly change: 'added' | 'removed' | 'changed';
	readonly text: string;
}

/**
 * A diff in words (R148), claims first, then relations, e.g. "Added claim “Tea is warm”",
 * "Removed relation: “A” supports “B”". Claims are named by their text in whichever map has them.
 */
export function describeDiff(diff: MapDiff, before: ArgMap, after: ArgMap): DiffLine[] {
	const ia = indexOf(before);
	const ib = indexOf(after);
	const name = (id: string): string => {
		const claim = ib.claims.get(id as Claim['id']) ?? ia.claims.get(id as Claim['id']);
		if (claim) return quoteText(claim.text, 40);
		const relation = ib.relations.get(id as Relation['id']) ?? ia.relations.get(id as Relation['id']);
		return relation ? `the inference from ${name(relation.from)}` : id;
	};
	const relationText = (r: Relation) => `${name(r.from)} ${r.kind} ${name(r.to)}`;
	const lines: DiffLine[] = [];
	if (diff.title) {
		lines.push({
			change: 'changed',
			text: `Renamed the map from ${quoteText(diff.title.before)} to ${quoteText(diff.title.after)}`
		});
	}
	for (const c of diff.claims.added)
		lines.push({ change: 'added', text: `Added ${KIND_WORD[c.kind]} ${quoteText(c.text)}` });
	for (const c of diff.claims.removed)
		lines.push({ change: 'removed', text: `Removed ${KIND_WORD[c.kind]} ${quoteText(c.text)}` });
	for (const { before: b, after: a, fields } of diff.claims.changed) {
		const parts = fields.map((f) => FIELD_WORD[f] ?? f).join(', ');
		const onlyText = fields.length === 1 && fields[0] === 'text';
		const onlyKind = fields.length === 1 && fields[0] === 'kind';
		const text = onlyText
			? `Changed the text of ${KIND_WORD[a.kind]} ${quoteText(b.text)} to ${quoteText(a.text)}`
			: onlyKind
				? `Changed ${quoteText(a.text)} from ${KIND_WORD[b.kind]} to ${KIND_WORD[a.kind]}`
				: `Changed the ${parts} of ${KIND_WORD[a.kind]} ${quoteText(b.text)}`;
		lines.push({ change: 'changed', text });
	}
	for (const r of diff.relations.added)
		lines.push({ change: 'added', text: `Added relation: ${relationText(r)}` });
	for (const r of diff.relations.removed)
		lines.push({ change: 'removed', text: `Removed relation: ${relationText(r)}` });
	for (const { before: b, after: a } of diff.relations.changed) {
		lines.push({ change: 'changed', text: `Changed relation: ${relationText(b)} → ${relationText(a)}` });
	}
	return lines;
}

/** Counts of a diff in a few words, e.g. "2 claims added, 1 relation removed"; '' when empty. */
export function summarizeDiff(diff: MapDiff): string {
	const count = (n: number, what: string, how: string) =>
		n ? `${n} ${what}${n === 1 ? '' : 's'} ${how}` : '';
	return [
		diff.title ? 'title changed' : '',
		count(diff.claims.added.length, 'claim', 'added'),
		count(diff.claims.removed.length, 'claim', 'removed'),
		count(diff.claims.changed.length, 'claim', 'changed'),
		count(diff.relations.added.length, 'relation', 'added'),
		count(diff.relations.removed.length, 'relation', 'removed'),
		count(diff.relations.changed.length, 'relation', 'changed')
	]
		.filter(Boolean)
		.join(', ');
}

import { fail, indexOf, ok, type ArgMap, type Claim, type Relation, type Result } from '../model';
import { Draft, reader } from './draft';
import type { Codec, Imported } from './index';

/**
 * Kialo's discussion export (R84): `Discussion Title: …`, then one numbered line per claim
 * (`1.` the thesis or question, `1.1. Pro: …` / `1.1. Con: …` under it) and `-> See 1.2.` where a
 * claim is reached a second time. Kialo has no kinds, quotes, sections, positions or undercuts.
 */

/** Markdown characters Kialo escapes with a backslash. */
const ESCAPED = /[\\`*_[\]#<>~]/g;

function escapeText(text: string): string {
	return text
		.split('\n')
		.map((line, i) => {
			let out = line.replace(ESCAPED, (c) => `\\${c}`);
			// A line that would read as numbering, a label or a link is escaped at its first mark.
			out = out.replace(/^(\s*\d+(?:\.\d+)*)\./, '$1\\.');
			if (i === 0) out = out.replace(/^(Pro|Con):/, '$1\\:').replace(/^->/, '\\->');
			return out;
		})
		.join('\n');
}

const unescapeText = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');

const LABEL: Record<Relation['kind'], string> = {
	answers: '',
	supports: 'Pro: ',
	attacks: 'Con: ',
	undercuts: 'Con: '
};

/** Serializes a map as a Kialo discussion; undercuts become objections (Con) under the reason they concern. */
export function serializeKialo(map: ArgMap): string {
	const index = indexOf(map);
	const title = map.title.replace(/\s+/g, ' ').replace(ESCAPED, (c) => `\\${c}`);
	const lines = [`Discussion Title: ${title}`, ''];
	const placed = new Map<string, string>();
	const order = { answers: 0, supports: 1, attacks: 2, undercuts: 3 } as const;
	const childrenOf = (c: Claim) => {
		const incoming = [...(index.incoming.get(c.id) ?? [])].filter((r) => r.kind !== 'undercuts');
		// Objections to the inference of this claim's own reasons sit under it, as Kialo's relevance cons.
		const undercuts = (index.outgoing.get(c.id) ?? []).flatMap((r) => index.incoming.get(r.id) ?? []);
		return [...incoming, ...undercuts].sort(
			(a, b) => order[a.kind] - order[b.kind] || (a.id < b.id ? -1 : 1)
		);
	};
	const visit = (c: Claim, number: string, label: string) => {
		const seen = placed.get(c.id);
		if (seen) {
			lines.push(`${number} ${label}-> See ${seen}`);
			return;
		}
		placed.set(c.id, number);
		lines.push(`${number} ${label}${escapeText(c.text)}`);
		childrenOf(c).forEach((r, i) => visit(index.claims.get(r.from)!, `${number}${i + 1}.`, LABEL[r.kind]));
	};
	const rank = { question: 0, thesis: 1, claim: 2, evidence: 3 } as const;
	const roots = map.claims
		.filter((c) => (index.outgoing.get(c.id) ?? []).length === 0)
		.sort((a, b) => rank[a.kind] - rank[b.kind]);
	let n = 0;
	for (const c of roots) visit(c, `${++n}.`, '');
	for (const c of map.claims) if (!placed.has(c.id)) visit(c, `${++n}.`, '');
	return lines.join('\n') + '\n';
}

interface Entry {
	number: string;
	line: number;
	label: 'Pro' | 'Con' | undefined;
	text: string;
	/** The number a `-> See` line points at. */
	see?: string;
	id?: string;
}

const NUMBERED = /^(\d+(?:\.\d+)*)\.\s+([\s\S]*)$/;

function readEntries(text: string): Result<{ title: string; entries: Entry[] }> {
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	let title = '';
	const entries: Entry[] = [];
	for (const [i, raw] of lines.entries()) {
		const line = raw.replace(/\s+$/, '');
		const m = NUMBERED.exec(line);
		if (!m) {
			const heading = /^Discussion Title:\s*([\s\S]*)$/.exec(line);
			if (heading && entries.length === 0 && !title) title = unescapeText(heading[1]!);
			else if (entries.length) entries.at(-1)!.text += '\n' + line;
			else if (line.trim() !== '') {
				return fail(
					'BAD_FORMAT',
					`Kialo line ${i + 1}`,
					'expected "Discussion Title:" or a numbered claim like "1. …"'
				);
			}
			continue;
		}
		let body = m[2]!;
		const label = /^(Pro|Con):\s*/.exec(body);
		if (label) body = body.slice(label[0].length);
		const see = /^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$/.exec(body);
		entries.push({
			number: m[1]!,
			line: i + 1,
			label: label?.[1] as Entry['label'],
			text: see ? '' : body,
			...(see && { see: see[1] })
		});
	}
	return ok({ title, entries });
}

/** Reads a Kialo discussion export (nested numbering, optional Pro/Con, `-> See` links, CRLF). */
export function readKialo(text: string): Result<Imported> {
	const read = readEntries(text);
	if (!read.ok) return read;
	const { title, entries } = read.value;
	const draft = new Draft('Kialo');
	const byNumber = new Map<string, Entry>();
	const parentOf = (e: Entry) => e.number.split('.').slice(0, -1).join('.');
	/** Numbers of the entries that have a child without Pro or Con. */
	const unlabelled = new Set<string>();
	for (const e of entries) {
		if (byNumber.has(e.number))
			return fail('BAD_FORMAT', `Kialo line ${e.line}`, `${e.number}. appears twice`);
		const parent = parentOf(e);
		if (parent && !byNumber.has(parent)) {
			return fail('BAD_FORMAT', `Kialo line ${e.line}`, `${e.number}. comes before its parent ${parent}.`);
		}
		byNumber.set(e.number, e);
		if (parent && !e.label) unlabelled.add(parent);
	}
	const hasUnlabelled = (e: Entry) => unlabelled.has(e.number);
	for (const e of entries) {
		if (e.see !== undefined) continue;
		const parent = byNumber.get(parentOf(e));
		// A root with unlabelled children is a question, and those children are its theses.
		const kind = !parent
			? hasUnlabelled(e)
				? 'question'
				: 'thesis'
			: !e.label && !parentOf(parent) && hasUnlabelled(parent)
				? 'thesis'
				: 'claim';
		e.id = draft.freshId(`k${e.number.replace(/\./g, '-')}`);
		const added = draft.addClaim(e.id, { kind, text: unescapeText(e.text.trim()) }, `line ${e.line}`);
		if (!added.ok) return added;
	}
	for (const e of entries) {
		const parent = byNumber.get(parentOf(e));
		if (!parent) continue;
		const from = e.see !== undefined ? byNumber.get(e.see) : e;
		if (!from || from.see !== undefined) {
			return fail('BAD_FORMAT', `Kialo line ${e.line}`, `-> See ${e.see}. points at no claim`);
		}
		const answers =
			!e.label && draft.kindOf(parent.id!) === 'question' && draft.kindOf(from.id!) === 'thesis';
		const kind = e.label === 'Con' ? 'attacks' : answers ? 'answers' : 'supports';
		draft.relate(kind, from.id!, parent.id!, `Kialo line ${e.line}`);
	}
	return draft.finish(title || entries[0]?.text.split('\n')[0] || 'Kialo discussion');
}

export const KIALO_CODEC = {
	id: 'kialo',
	label: 'Kialo discussion',
	extension: 'txt',
	mime: 'text/plain',
	...reader('Kialo', readKialo),
	serialize: serializeKialo
} as const satisfies Codec;

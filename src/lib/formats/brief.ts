import type { ArgMap, Claim, ClaimId, Side } from '../model';
import { indexOf, mainThesis } from '../model';
import {
	attacksOn,
	byStrength,
	linesOf,
	reasonsUnder,
	SIDE_TITLE,
	type Acceptance,
	type Judgement
} from '../model/debate';

/**
 * The debate brief (R120-R123): for each side its lines of argument, strongest first, each with its reasons,
 * its evidence quotes and the rebuttals to expect. Built once as a plain structure, then written as Markdown
 * here or laid out as a PDF (brief-pdf.ts).
 */

/** A claim as the brief shows it. */
export interface BriefClaim {
	readonly id: string;
	readonly kind: Claim['kind'];
	readonly text: string;
	readonly quote?: string;
	readonly section?: string;
	/** Strength in [0, 1] from the evaluation, when there is one. */
	readonly strength?: number;
	readonly label?: Acceptance;
}

/** A rebuttal to expect: a claim of the other side attacking the line or one of its reasons. */
export interface BriefRebuttal {
	readonly claim: BriefClaim;
	/** What it attacks: the line, one of its reasons or evidence. */
	readonly target: BriefClaim;
	/** `attacks` the claim itself, or `undercuts` the inference from it. */
	readonly how: 'attacks' | 'undercuts';
	/** The claims that already answer it (attack it or undercut its attack). */
	readonly answers: readonly BriefClaim[];
}

export interface BriefLine {
	readonly claim: BriefClaim;
	/** The reasons under the line (not evidence), depth first, with their depth below the line (1 = direct). */
	readonly reasons: readonly { readonly claim: BriefClaim; readonly depth: number }[];
	/** The evidence under the line, at any depth. */
	readonly evidence: readonly BriefClaim[];
	/** Strongest first. */
	readonly rebuttals: readonly BriefRebuttal[];
}

export interface BriefSide {
	readonly side: Side;
	readonly title: string;
	/** Strongest first. */
	readonly lines: readonly BriefLine[];
}

export interface Brief {
	readonly title: string;
	readonly question?: BriefClaim;
	readonly thesis?: BriefClaim;
	/** The citation of the source text, when the map names one. */
	readonly source?: string;
	/** How the lines are ordered, in words: by strength from how many votes, or in map order. */
	readonly order: string;
	readonly sides: readonly BriefSide[];
}

/** A map's source as one line: author, title, year, DOI. */
export function citation(map: ArgMap): string | undefined {
	const s = map.source;
	if (!s) return undefined;
	const line =
		[s.author, s.title && `“${s.title}”`, s.publication].filter(Boolean).join(', ') +
		(s.year ? ` (${s.year})` : '') +
		(s.doi ? `, DOI ${s.doi}` : '');
	return line.replace(/^, /, '') || undefined;
}

/** How the brief's lines are ordered, in words (R120). */
function orderNote(evaluated: boolean, votes: number): string {
	if (!evaluated) return 'No evaluation: lines of argument are in map order.';
	if (votes === 0)
		return 'Nobody has voted yet: lines of argument are ordered by strength from the structure alone (every claim starts at 0.5).';
	return `Lines of argument are ordered by strength, from ${votes} ${votes === 1 ? 'vote' : 'votes'} of the group.`;
}

/** Builds the brief of both sides (or the given ones) of a map. */
export function buildBrief(
	map: ArgMap,
	sides: ReadonlyMap<string, Side>,
	judgement?: Judgement,
	options: { only?: readonly Side[]; votes?: number } = {}
): Brief {
	const index = indexOf(map);
	const item = (id: string): BriefClaim => {
		const c = index.claims.get(id as ClaimId)!;
		const strength = judgement?.strength?.get(id);
		const label = judgement?.label?.get(id);
		return {
			id,
			kind: c.kind,
			text: c.text,
			...(c.quote && { quote: c.quote }),
			...(c.section && { section: c.section }),
			...(strength !== undefined && { strength }),
			...(label && { label })
		};
	};
	const rank = byStrength(judgement);
	const lineOf = (id: ClaimId): BriefLine => {
		const under = reasonsUnder(map, id, judgement);
		const depth = new Map<string, number>([[id, 0]]);
		for (const r of under) {
			const parents = (index.outgoing.get(r) ?? []).filter((x) => x.kind === 'supports' && depth.has(x.to));
			depth.set(r, Math.min(...parents.map((p) => depth.get(p.to)! + 1)));
		}
		const rebuttals: { attacker: string; rebuttal: BriefRebuttal }[] = [];
		for (const target of [id, ...under]) {
			for (const a of attacksOn(map, target)) {
				const answers = [
					...(index.incoming.get(a.attacker) ?? []).filter((r) => r.kind === 'attacks'),
					...(index.incoming.get(a.relation.id) ?? []).filter((r) => r.kind === 'undercuts')
				].map((r) => r.from);
				rebuttals.push({
					attacker: a.attacker,
					rebuttal: {
						claim: item(a.attacker),
						target: item(target),
						how: a.inference ? 'undercuts' : 'attacks',
						answers: [...new Set(answers)].sort(rank).map(item)
					}
				});
			}
		}
		rebuttals.sort((a, b) => rank(a.attacker, b.attacker));
		return {
			claim: item(id),
			reasons: under
				.filter((r) => index.claims.get(r)?.kind !== 'evidence')
				.map((r) => ({ claim: item(r), depth: depth.get(r)! })),
			evidence: under.filter((r) => index.claims.get(r)?.kind === 'evidence').map(item),
			rebuttals: rebuttals.map((r) => r.rebuttal)
		};
	};
	const thesis = mainThesis(map);
	const question = thesis
		? (index.outgoing.get(thesis) ?? []).find((r) => r.kind === 'answers')?.to
		: undefined;
	const source = citation(map);
	return {
		title: map.title,
		...(question && { question: item(question) }),
		...(thesis && { thesis: item(thesis) }),
		...(source && { source }),
		order: orderNote(!!judgement?.strength, options.votes ?? 0),
		sides: (options.only ?? ['pro', 'con']).map((side) => ({
			side,
			title: SIDE_TITLE[side],
			lines: linesOf(map, sides, side, judgement).map(lineOf)
		}))
	};
}

const LABEL_TEXT: Record<Acceptance, string> = {
	IN: 'accepted (IN)',
	OUT: 'rejected (OUT)',
	UNDEC: 'undecided (UNDEC)'
};

/** "strength 72%, accepted (IN)": what the evaluation says of a claim, empty when it says nothing. */
export function standing(c: BriefClaim): string {
	const parts = [];
	if (c.strength !== undefined) parts.push(`strength ${Math.round(c.strength * 100)}%`);
	if (c.label) parts.push(LABEL_TEXT[c.label]);
	return parts.join(', ');
}

/** Where a quote is from: " (section)" or nothing. */
const from = (c: BriefClaim) => (c.section ? ` (${mdText(c.section)})` : '');

/** User text as one line of Markdown text: no line breaks, Markdown's special characters escaped. */
export function mdText(text: string): string {
	return text
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`)
		.replace(/^([-+]|\d+\.)(\s)/, '\\$1$2');
}

const withStanding = (c: BriefClaim) => {
	const s = standing(c);
	return s ? `${mdText(c.text)} _(${s})_` : mdText(c.text);
};

/** The brief as Markdown, ready to print or paste (R122). */
export function briefMarkdown(brief: Brief): string {
	const out: string[] = [`# Debate brief: ${mdText(brief.title)}`, ''];
	if (brief.question) out.push(`**Question:** ${mdText(brief.question.text)}  `);
	if (brief.thesis) out.push(`**Thesis:** ${withStanding(brief.thesis)}  `);
	if (brief.source) out.push(`**Source:** ${mdText(brief.source)}  `);
	out.push(brief.order, '');
	for (const side of brief.sides) {
		out.push(`## ${side.title}`, '');
		if (side.lines.length === 0) out.push('_No lines of argument on this side yet._', '');
		side.lines.forEach((line, i) => {
			out.push(`### ${i + 1}. ${mdText(line.claim.text)}`, '');
			const s = standing(line.claim);
			if (s) out.push(`_${s[0]!.toUpperCase()}${s.slice(1)}_`, '');
			if (line.claim.quote) out.push(`> “${mdText(line.claim.quote)}”${from(line.claim)}`, '');
			if (line.reasons.length > 0) {
				out.push('**Reasons**', '');
				for (const r of line.reasons) out.push(`${'  '.repeat(r.depth - 1)}- ${withStanding(r.claim)}`);
				out.push('');
			}
			out.push('**Evidence**', '');
			if (line.evidence.length === 0) out.push('- _None yet: find some before the debate._');
			for (const e of line.evidence)
				out.push(`- ${mdText(e.text)}${e.quote ? ` — “${mdText(e.quote)}”` : ''}${from(e)}`);
			out.push('', '**Rebuttals to expect**', '');
			if (line.rebuttals.length === 0) out.push('- _None in the map._');
			for (const r of line.rebuttals) {
				const on =
					r.target.id === line.claim.id ? `${r.how} this line` : `${r.how} “${mdText(r.target.text)}”`;
				const answer = r.answers.length
					? `Answer: ${r.answers.map((a) => `“${mdText(a.text)}”`).join('; ')}`
					: '**No answer yet.**';
				out.push(`- ${withStanding(r.claim)} — ${on} — ${answer}`);
			}
			out.push('');
		});
	}
	return `${out
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trimEnd()}\n`;
}

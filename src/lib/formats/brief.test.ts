import { describe, expect, it } from 'vitest';
import { deriveSides } from '../model';
import { mapOf } from '../model/test-helpers';
import { articleMap } from '../seed';
import { briefMarkdown, buildBrief, mdText } from './brief';

const article = articleMap();
const sides = deriveSides(article);
const judgement = {
	strength: new Map([
		['pandemic', 0.9],
		['obstacles', 0.4],
		['no-breakthrough', 0.6],
		['moscow-reluctant', 0.2],
		['cooperation', 0.3],
		['us-pressure', 0.7],
		['biden-united-front', 0.5]
	]),
	label: new Map([['pandemic', 'IN' as const]])
};

describe('debate brief', () => {
	it('R120: each side lists its lines of argument strongest first', () => {
		const brief = buildBrief(article, sides, judgement);
		expect(brief.sides.map((s) => s.title)).toEqual(['For the thesis', 'Against the thesis']);
		expect(brief.sides[0]!.lines.map((l) => l.claim.id)).toEqual([
			'pandemic',
			'no-breakthrough',
			'obstacles',
			'moscow-reluctant'
		]);
		expect(brief.sides[1]!.lines.map((l) => l.claim.id)).toEqual([
			'us-pressure',
			'biden-united-front',
			'cooperation'
		]);
		// The Markdown keeps that order.
		const md = briefMarkdown(brief);
		const at = (id: string) => md.indexOf(`. ${mdText(article.claims.find((c) => c.id === id)!.text)}`);
		expect(at('pandemic')).toBeGreaterThan(0);
		expect(at('pandemic')).toBeLessThan(at('no-breakthrough'));
		expect(at('no-breakthrough')).toBeLessThan(at('obstacles'));
		expect(md).toContain('### 1. The Covid-19 pandemic slowed the relationship down');
		expect(md).toContain('_Strength 90%, accepted (IN)_');
	});

	it('R121: each line carries the verbatim quotes of its evidence, at any depth, with their sections', () => {
		const brief = buildBrief(article, sides, judgement);
		const obstacles = brief.sides[0]!.lines.find((l) => l.claim.id === 'obstacles')!;
		expect(obstacles.evidence.map((e) => e.id).sort()).toEqual([
			'capital-markets',
			'crimea',
			'semiconductors'
		]);
		expect(obstacles.reasons.map((r) => [r.claim.id, r.depth])).toContainEqual(['india', 2]);
		const md = briefMarkdown(brief);
		for (const e of obstacles.evidence) {
			expect(e.quote).toBeTruthy();
			expect(md).toContain(`“${mdText(e.quote!)}”`);
		}
		expect(md).toContain(`(${mdText(obstacles.evidence[0]!.section!)})`);
	});

	it('R122: each line lists the rebuttals to expect and whether the map already answers them', () => {
		const brief = buildBrief(article, sides, judgement);
		const pandemic = brief.sides[0]!.lines[0]!;
		// The pandemic line: its reason "estrangement" is attacked by "frictions buried", which nobody answers.
		expect(pandemic.rebuttals.map((r) => [r.claim.id, r.target.id, r.answers.length])).toEqual([
			['pandemic-frictions-buried', 'pandemic-estrangement', 0]
		]);
		const biden = brief.sides[1]!.lines.find((l) => l.claim.id === 'biden-united-front')!;
		expect(biden.rebuttals.map((r) => [r.claim.id, r.how])).toEqual([['moscow-reluctant', 'undercuts']]);
		const cooperation = brief.sides[1]!.lines.find((l) => l.claim.id === 'cooperation')!;
		// Its reasons' attackers are rebuttals too: the pipeline doubts on energy, the arms trade on security.
		expect(cooperation.rebuttals.map((r) => r.claim.id)).toEqual(
			expect.arrayContaining(['pandemic', 'energy-mongolia-pipeline', 'arms-trade-waning', 's400-rumours'])
		);
		const s400 = cooperation.rebuttals.find((r) => r.claim.id === 's400-rumours')!;
		expect(s400.answers.map((a) => a.id)).toEqual(['s400-rumours-false']);
		const md = briefMarkdown(brief);
		expect(md).toContain('**Rebuttals to expect**');
		expect(md).toMatch(
			/Unconfirmed rumours said Moscow halted S-400 deliveries .* — attacks “.*” — Answer: “The rumours/
		);
		expect(md).toContain('**No answer yet.**');
	});

	it('R122: without votes the brief says so; user text cannot inject Markdown structure', () => {
		const map = mapOf(
			['t:thesis:# Tea *is* good', 'a:claim:- [x](javascript:alert) <b>'],
			['r:a>supports>t']
		);
		const md = briefMarkdown(buildBrief(map, deriveSides(map)));
		expect(md).toContain('No evaluation: lines of argument are in map order.');
		expect(buildBrief(map, deriveSides(map), { strength: new Map() }).order).toContain(
			'Nobody has voted yet'
		);
		expect(buildBrief(map, deriveSides(map), { strength: new Map() }, { votes: 3 }).order).toBe(
			'Lines of argument are ordered by strength, from 3 votes of the group.'
		);
		expect(md).toContain('**Thesis:** \\# Tea \\*is\\* good');
		expect(md).toContain('### 1. \\- \\[x\\](javascript:alert) \\<b\\>');
		expect(md).toContain('## Against the thesis\n\n_No lines of argument on this side yet._');
	});
});

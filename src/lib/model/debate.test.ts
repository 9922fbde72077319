import { describe, expect, it } from 'vitest';
import { articleMap } from '../seed';
import {
	attacksOn,
	caseOf,
	evidenceFor,
	isStance,
	isUnanswered,
	linesOf,
	presentationSteps,
	reasonsUnder,
	restrictTo,
	weakSpots,
	withoutEvidence,
	type Acceptance
} from './debate';
import { deriveSides } from './side';
import { mapOf } from './test-helpers';

/*
 * q <- t (thesis, pro). a supports t (pro), e1 evidence for a. b attacks t (con), e2 evidence for b.
 * c attacks b (pro, a rebuttal of con's line). d attacks a (con), unanswered. f supports b (con, no evidence).
 * u undercuts the inference b -> t (pro). g attacks c (con).
 */
const map = mapOf(
	[
		'q:question',
		't:thesis',
		'a:claim',
		'e1:evidence',
		'b:claim',
		'e2:evidence',
		'c:claim',
		'd:claim',
		'f:claim',
		'u:claim',
		'g:claim',
		'lone:claim'
	],
	[
		'ans:t>answers>q',
		'r-a:a>supports>t',
		'r-e1:e1>supports>a',
		'r-b:b>attacks>t',
		'r-e2:e2>supports>b',
		'r-c:c>attacks>b',
		'r-d:d>attacks>a',
		'r-f:f>supports>b',
		'r-u:u>undercuts>r-b',
		'r-g:g>attacks>c'
	]
);
const sides = deriveSides(map);
const strength = (entries: Record<string, number>) => ({ strength: new Map(Object.entries(entries)) });

describe('debate preparation', () => {
	it('R115: a stance is for, against or moderator; anything else is refused', () => {
		expect(['pro', 'con', 'moderator'].every(isStance)).toBe(true);
		expect([undefined, 'PRO', '', 3, { side: 'pro' }].some(isStance)).toBe(false);
	});

	it("R116: a side's case is its claims, the attacks on them and what its rebuttals answer", () => {
		expect([...caseOf(map, sides, 'pro')].sort()).toEqual(['a', 'b', 'c', 'd', 'e1', 'g', 'q', 't', 'u']);
		// Con: its claims, the thesis it opposes, and the pro claims attacking or undercutting it.
		expect([...caseOf(map, sides, 'con')].sort()).toEqual([
			'a',
			'b',
			'c',
			'd',
			'e2',
			'f',
			'g',
			'q',
			't',
			'u'
		]);
		// Claims of no side are in nobody's case.
		expect(caseOf(map, sides, 'pro').has('lone')).toBe(false);
	});

	it('R117: an attack is unanswered unless its attacker is attacked or the attack is undercut', () => {
		const onT = attacksOn(map, 't');
		expect(onT.map((a) => [a.attacker, a.countered, a.undercut])).toEqual([['b', true, true]]);
		expect(isUnanswered(onT[0]!)).toBe(false);
		const onA = attacksOn(map, 'a');
		expect(onA.map((a) => a.attacker)).toEqual(['d']);
		expect(isUnanswered(onA[0]!)).toBe(true);
		// b's own inference into t is undercut by u: an attack on b, unanswered.
		const onB = attacksOn(map, 'b');
		expect(onB.map((a) => [a.attacker, a.relation.kind, a.inference?.id])).toEqual([
			['c', 'attacks', undefined],
			['u', 'undercuts', 'r-b']
		]);
	});

	it('R117: a countered attacker that the grounded labelling still accepts (IN) leaves the attack open', () => {
		const onB = attacksOn(map, 'b');
		const c = onB.find((a) => a.attacker === 'c')!;
		expect(c.countered).toBe(true);
		expect(isUnanswered(c)).toBe(false);
		const label = new Map<string, Acceptance>([['c', 'IN']]);
		expect(isUnanswered(c, { label })).toBe(true);
	});

	it('R117-R119: weak spots list attacked claims, claims without evidence and disputed claims', () => {
		const pro = weakSpots(map, sides, 'pro');
		expect(pro.attacked.map((s) => s.id)).toEqual(['a', 'c']);
		expect(pro.attacked[0]!.reason).toBe('attacked by “d” (unanswered)');
		expect(pro.unsupported.map((s) => s.id).sort()).toEqual(['c', 'u']);
		expect(pro.disputed).toEqual([]);
		const con = weakSpots(map, sides, 'con');
		expect(con.attacked.map((s) => s.id)).toEqual(['b']);
		expect(con.attacked[0]!.reason).toContain('its inference undercut by “u” (unanswered)');
		expect(con.unsupported.map((s) => s.id).sort()).toEqual(['d', 'f', 'g']);
	});

	it('R119: the claims with the largest vote spread come first; few votes or agreement are left out', () => {
		const stats: Record<string, { count: number; spread: number }> = {
			a: { count: 3, spread: 0.3 },
			c: { count: 4, spread: 0.45 },
			u: { count: 1, spread: 0.5 },
			t: { count: 5, spread: 0.1 }
		};
		const spots = weakSpots(map, sides, 'pro', undefined, (id) => stats[id]);
		expect(spots.disputed.map((s) => s.id)).toEqual(['c', 'a']);
		expect(spots.disputed[0]!.reason).toBe('votes spread ±45 points over 4 votes');
	});

	it('R118: a claim is backed when evidence supports it or one of its reasons, at any depth; cycles back nothing', () => {
		const chain = mapOf(
			['t:thesis', 'x:claim', 'y:claim', 'e:evidence', 'p:claim', 'q2:claim'],
			['r1:x>supports>t', 'r2:y>supports>x', 'r3:e>supports>y', 'r4:p>supports>q2', 'r5:q2>supports>p']
		);
		expect(withoutEvidence(chain, ['t', 'x', 'y', 'e', 'p', 'q2'])).toEqual(['p', 'q2']);
	});

	it("R120: a side's lines are its claims on the thesis and its answers to the other side's lines, strongest first", () => {
		expect(linesOf(map, sides, 'pro')).toEqual(['a', 'c', 'u']);
		expect(linesOf(map, sides, 'pro', strength({ a: 0.2, c: 0.9, u: 0.5 }))).toEqual(['c', 'u', 'a']);
		expect(linesOf(map, sides, 'con')).toEqual(['b', 'd']);
	});

	it('R121: reasons under a line come depth first, strongest first at each level', () => {
		const tree = mapOf(
			['t:thesis', 'a:claim', 'b:claim', 'c:claim', 'e:evidence'],
			['r1:a>supports>t', 'r2:b>supports>a', 'r3:c>supports>a', 'r4:e>supports>b']
		);
		expect(reasonsUnder(tree, 'a')).toEqual(['b', 'e', 'c']);
		expect(reasonsUnder(tree, 'a', strength({ b: 0.1, c: 0.8 }))).toEqual(['c', 'b', 'e']);
	});

	it('R124: a presentation steps from the thesis through each line and its reasons; evidence goes with its claim', () => {
		expect(presentationSteps(map, sides, 'pro')).toEqual(['t', 'a', 'c', 'u']);
		expect(presentationSteps(map, sides, 'con', strength({ b: 0.3, d: 0.8 }))).toEqual(['t', 'd', 'b', 'f']);
		expect(evidenceFor(map, 'b').map((c) => c.id)).toEqual(['e2']);
	});

	it("R116-R120: on the article map, the pro case leaves out the con side's unattacked reasons", () => {
		const article = articleMap();
		const articleSides = deriveSides(article);
		const pro = caseOf(article, articleSides, 'pro');
		expect(pro.has('obstacles') && pro.has('cooperation') && pro.has('pandemic')).toBe(true);
		expect(pro.has('normative') || pro.has('valdai')).toBe(false);
		expect(linesOf(article, articleSides, 'pro').sort()).toEqual(
			['moscow-reluctant', 'no-breakthrough', 'obstacles', 'pandemic'].sort()
		);
		expect(linesOf(article, articleSides, 'con').sort()).toEqual(
			['biden-united-front', 'cooperation', 'us-pressure'].sort()
		);
		const spots = weakSpots(article, articleSides, 'pro');
		expect(spots.attacked.map((s) => s.id).sort()).toEqual(['pandemic-estrangement', 's400-rumours']);
	});

	it('R116: the filtered map keeps only the relations and undercuts among the kept claims', () => {
		const part = restrictTo(map, new Set(['t', 'b', 'u', 'e2']));
		expect(part.claims.map((c) => c.id)).toEqual(['b', 'e2', 't', 'u']);
		expect(part.relations.map((r) => r.id)).toEqual(['r-b', 'r-e2', 'r-u']);
		expect(restrictTo(map, new Set(['t', 'u'])).relations).toEqual([]);
	});
});

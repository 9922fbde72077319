import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface SeedClaim {
	id: string;
	kind: 'question' | 'thesis' | 'claim' | 'evidence';
	text: string;
	quote?: string;
	section?: string;
}

interface SeedRelation {
	id: string;
	kind: 'supports' | 'attacks' | 'undercuts' | 'answers';
	from: string;
	to: string;
}

interface SeedMap {
	format: string;
	version: number;
	title: string;
	source: { author: string; title: string; doi: string; year: number; publication?: string };
	claims: SeedClaim[];
	relations: SeedRelation[];
}

const here = fileURLToPath(new URL('.', import.meta.url));
const map = JSON.parse(readFileSync(join(here, 'russia-china.json'), 'utf8')) as SeedMap;
const article = readFileSync(
	join(here, '../../../../shared/article/kaczmarski-2021-russia-china.txt'),
	'utf8'
);

/** The article's section headings, each a line on its own (checked against the article text). */
const HEADINGS = [
	'Abstract',
	'Introduction',
	'The Pillars of Cooperation',
	'The Pandemic-Induced Slowdown',
	'The Persistent Obstacles to an Alliance',
	'The Biden Presidency'
] as const;

/** Delete every whitespace character and every hyphen (incl. soft and Unicode hyphens). */
const canonical = (s: string): string => s.replace(/[\s\u002D\u00AD\u2010\u2011]/g, '');

const words = (s: string): number => s.split(/\s+/).filter((w) => w.length > 0).length;

const claimsButQuestion = map.claims.filter((c) => c.kind !== 'question');

describe('preloaded map: Kaczmarski, Russia–China (2021)', () => {
	it('R30: every quote appears verbatim in the article', () => {
		const text = canonical(article);
		for (const c of claimsButQuestion) {
			expect(c.quote, `claim ${c.id} has no quote`).toBeTypeOf('string');
			const quote = c.quote ?? '';
			expect(quote.trim().length, `claim ${c.id} has an empty quote`).toBeGreaterThan(0);
			expect(quote.includes('...') || quote.includes('…'), `claim ${c.id} splices with an ellipsis`).toBe(
				false
			);
			expect(
				text.includes(canonical(quote)),
				`claim ${c.id}: quote not found in the article: "${quote}"`
			).toBe(true);
		}
	});

	it('R31: quotes at most 40 words, texts at most 25 words, sections are article headings', () => {
		// The article sets some spaces as no-break spaces (U+00A0), e.g. in "to an Alliance": compare with
		// every run of whitespace collapsed to one ordinary space.
		const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
		const lines = article.split(/\r?\n/).map(collapse);
		for (const h of HEADINGS) {
			expect(collapse(article).includes(h), `heading "${h}" not in the article`).toBe(true);
			expect(lines.includes(h), `heading "${h}" is not a line on its own`).toBe(true);
		}
		const headings: readonly string[] = HEADINGS;
		for (const c of map.claims) {
			expect(c.text.trim().length, `claim ${c.id} has an empty text`).toBeGreaterThan(0);
			expect(words(c.text), `claim ${c.id}: text longer than 25 words: "${c.text}"`).toBeLessThanOrEqual(25);
		}
		for (const c of claimsButQuestion) {
			expect(words(c.quote ?? ''), `claim ${c.id}: quote longer than 40 words`).toBeLessThanOrEqual(40);
			const section = c.section ?? '';
			expect(section.length, `claim ${c.id} has no section`).toBeGreaterThan(0);
			expect(headings.includes(section), `claim ${c.id}: "${section}" is not an article heading`).toBe(true);
		}
	});

	it('R32: the map is a well-formed, connected argument graph', () => {
		expect(map.format).toBe('argmap');
		expect(map.version).toBe(1);
		expect(map.claims.length).toBeGreaterThanOrEqual(35);
		expect(map.relations.length).toBeGreaterThanOrEqual(40);

		const ids = [...map.claims, ...map.relations].map((x) => x.id);
		expect(new Set(ids).size, 'ids are unique across claims and relations').toBe(ids.length);
		for (const id of ids) expect(id, `id ${id} is not a slug`).toMatch(/^[a-z0-9-]{1,40}$/);

		const claims = new Map(map.claims.map((c) => [c.id, c]));
		const relations = new Map(map.relations.map((r) => [r.id, r]));

		const questions = map.claims.filter((c) => c.kind === 'question');
		const theses = map.claims.filter((c) => c.kind === 'thesis');
		expect(questions.map((c) => c.id)).toEqual(['question']);
		expect(theses.map((c) => c.id)).toEqual(['thesis']);
		expect(
			map.relations.some((r) => r.kind === 'answers' && r.from === 'thesis' && r.to === 'question'),
			'the thesis answers the question'
		).toBe(true);

		const seen = new Set<string>();
		for (const r of map.relations) {
			expect(claims.has(r.from), `relation ${r.id}: from ${r.from} is not a claim`).toBe(true);
			if (r.kind === 'undercuts') {
				const target = relations.get(r.to);
				expect(target, `relation ${r.id}: to ${r.to} is not a relation`).toBeDefined();
				expect(['supports', 'attacks']).toContain(target?.kind);
			} else {
				expect(claims.has(r.to), `relation ${r.id}: to ${r.to} is not a claim`).toBe(true);
			}
			expect(r.from, `relation ${r.id} is a self-relation`).not.toBe(r.to);
			const key = `${r.kind} ${r.from} ${r.to}`;
			expect(seen.has(key), `relation ${r.id} duplicates ${key}`).toBe(false);
			seen.add(key);
		}

		// Every claim reaches the thesis; an undercut links its source to both ends of the relation it undercuts.
		const adjacent = new Map<string, Set<string>>(map.claims.map((c) => [c.id, new Set<string>()]));
		const link = (a: string, b: string): void => {
			adjacent.get(a)?.add(b);
			adjacent.get(b)?.add(a);
		};
		for (const r of map.relations) {
			const target = r.kind === 'undercuts' ? relations.get(r.to) : undefined;
			if (target) {
				link(r.from, target.from);
				link(r.from, target.to);
			} else {
				link(r.from, r.to);
			}
		}
		const reached = new Set<string>(['thesis']);
		const queue = ['thesis'];
		for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
			for (const n of adjacent.get(next) ?? []) {
				if (!reached.has(n)) {
					reached.add(n);
					queue.push(n);
				}
			}
		}
		const unreached = map.claims.map((c) => c.id).filter((id) => !reached.has(id));
		expect(unreached, 'claims not connected to the thesis').toEqual([]);
	});

	it('R33: the map covers the article', () => {
		const topics: [string, RegExp][] = [
			['energy', /energy/i],
			['S-400', /S-400/i],
			['India', /India/i],
			['Vietnam', /Vietnam/i],
			['Crimea', /Crimea/i],
			['Belt and Road', /Belt and Road/i],
			['semiconductor', /semi-?conductor/i],
			['asymmetry', /asymmetry/i],
			['Valdai', /Valdai/i],
			['Nixon', /Nixon/i],
			['Biden', /Biden/i],
			['pandemic/Covid', /pandemic|covid/i]
		];
		for (const [name, pattern] of topics) {
			const found = map.claims.some((c) => pattern.test(c.text) || pattern.test(c.quote ?? ''));
			expect(found, `no claim mentions ${name}`).toBe(true);
		}
	});
});

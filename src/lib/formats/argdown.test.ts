import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../model';
import { mapOf } from '../model/test-helpers';
import { articleMap } from '../seed';
import { readArgdown } from './argdown-read';
import { serializeArgdown } from './argdown';
import { HOSTILE } from './hostile.test-data';
import { content, counts, must } from './test-helpers';

const CORPUS = '../shared/corpus/argdown';

/**
 * Expected counts, taken by a separate script (not this importer) over the JSON that
 * @argdown/core's own JSONExportPlugin writes, applying R83's rules: claims = arguments + statements
 * used outside a reconstruction, titled, or in a relation; relations = support/entails 1, attack/
 * contrary 1, contradiction 2, an undercut one per support or attack leaving the argument, plus a
 * support from each premise that is a claim to its argument and from the argument to each conclusion
 * that is a claim; self-relations and duplicates not counted. Checked by hand for the small files:
 * vscode-test.ad ([A] and <B>, B attacks A), pandoc-example-revealjs.md (three blocks of one
 * statement and one argument each) and legalisation-softdrugs.argdown (1 statement, 17 arguments;
 * relation lines: 9 +, 7 -, 1 ->, 2 <_ on arguments with one outgoing relation each).
 */
const EXPECTED: Record<string, { claims: number; relations: number }> = {
	'argdown-primer.argdown': { claims: 20, relations: 12 },
	'docs-creating-edges.md': { claims: 26, relations: 23 },
	'greenspan-schefczyk_hardwrap.argdown': { claims: 26, relations: 11 },
	'legalisation-softdrugs.argdown': { claims: 18, relations: 19 },
	'pandoc-example-revealjs.md': { claims: 6, relations: 3 },
	'state-censorship.argdown': { claims: 15, relations: 14 },
	'test-intro.argdown': { claims: 13, relations: 9 },
	'test-parser-mix.argdown': { claims: 24, relations: 17 },
	'veggie_debate_de.argdown': { claims: 47, relations: 58 },
	'vscode-test.ad': { claims: 2, relations: 1 }
};

/**
 * Two corpus files are not valid Argdown for @argdown/core 1.7.5 itself, which reports parser errors
 * on them: the ArgVu font demo (a contradiction on an argument, line 10; an inference line with
 * text, line 19) and the lexer fixture that lists bare relation symbols without parents.
 */
const NOT_ARGDOWN: Record<string, RegExp> = {
	'argvu-demo-all-relation-symbols.argdown': /^Argdown line 10: .*argument reference/,
	'test-lexer-relations.argdown': /^Argdown line 1: .*Invalid relation syntax/
};

const INVALID: Record<string, RegExp> = {
	'cli-invalid-argdown.txt': /^Argdown line 1: .*Missing text content/,
	'model-error-multiple-pcs-assignments-strict.argdown':
		/^Argdown line 14: .*Multiple premise-conclusion-structures/,
	'parser-error-incomplete-inference.argdown': /^Argdown line 4: .*end your inference/,
	'parser-error-incomplete-reconstruction.argdown':
		/^Argdown line 3: .*Incomplete premise-conclusion-structure/,
	'parser-error-pcs-without-preceding-emptyline.argdown': /^Argdown line 2: .*preceded by an empty line/,
	'parser-error-three-asterisks.argdown': /^Argdown line 1: .*Incomplete bold text range/,
	'parser-error-title-preceded-by-text.argdown': /^Argdown line 1: .*Invalid element position/
};

const read = (path: string) => readArgdown(readFileSync(path, 'utf8'));

describe('Argdown import', () => {
	for (const [file, expected] of Object.entries(EXPECTED)) {
		it(`R83: imports corpus file ${file} with ${expected.claims} claims and ${expected.relations} relations`, () => {
			const imported = must(read(`${CORPUS}/${file}`));
			expect(counts(imported)).toEqual(expected);
			expect(checkInvariants(imported.map)).toEqual([]);
			expect(imported.map.claims.every((c) => c.x !== undefined)).toBe(true);
		});
	}

	for (const [file, message] of Object.entries({ ...NOT_ARGDOWN })) {
		it(`R83: refuses ${file}, which @argdown/core itself reports errors on, naming the line`, () => {
			const r = read(`${CORPUS}/${file}`);
			expect(!r.ok && r.error.message).toMatch(message);
		});
	}

	for (const [file, message] of Object.entries(INVALID)) {
		it(`R83: refuses invalid/${file} with a located message`, () => {
			const r = read(`${CORPUS}/invalid/${file}`);
			expect(!r.ok && r.error.message).toMatch(message);
		});
	}

	it('R83: keeps a reconstruction in the argument text and links its titled statements', () => {
		const { map } = must(read(`${CORPUS}/state-censorship.argdown`));
		const argument = map.claims.find((c) => c.id === 'Argument-from-racial-hatred')!;
		expect(argument.text).toBe(
			'Legislation against incitement to racial hatred is permissible. Thus, censorship is not wrong in principle.\n' +
				'(1) Legislation against incitement to racial hatred is permissible.\n' +
				'(2) Legislation against incitement to racial hatred is a form of censorship.\n' +
				'----\n' +
				'(3) Censorship is not wrong in principle.'
		);
		const rel = content(map).relations;
		expect(rel).toContain(
			`Legislation against incitement to racial hatred is permissible. supports ${argument.text}`
		);
		expect(rel).toContain(`${argument.text} supports Censorship is not wrong in principle.`);
	});

	it('R83: undercuts become undercuts of the argument’s inference; contradictions attacks both ways', () => {
		const { map } = must(read(`${CORPUS}/legalisation-softdrugs.argdown`));
		const undercuts = map.relations.filter((r) => r.kind === 'undercuts');
		expect(undercuts.map((u) => [u.from, map.relations.find((r) => r.id === u.to)?.from]).sort()).toEqual([
			['Addiction-no-reason-to-ban', 'Argument-from-addiction'],
			['Poor-reason', 'Alcohol-and-tobacco-analogy']
		]);
		const contra = must(readArgdown('[a]: A\n    >< [b]: B\n')).map;
		expect(content(contra).relations).toEqual(['A attacks B', 'B attacks A']);
	});

	it('R83: reads ```argdown blocks of a Markdown file, with the file’s line numbers in errors', () => {
		const md =
			'# Notes\n\nSome text.\n\n```argdown\n[a]: A\n    + [b]: B\n```\n\n```argdown\n[c]: C *** D\n    + <d>\n```\n';
		const r = readArgdown(md);
		expect(!r.ok && r.error.message).toMatch(/^Argdown line 12: /);
		const ok = must(readArgdown(md.replace(' *** D', ''))).map;
		expect(ok.title).toBe('Notes');
		expect(content(ok, { kinds: false }).relations).toEqual(['B supports A', 'd supports C']);
	});
});

describe('Argdown export', () => {
	it('R83: round trip of the article map keeps ids, kinds, texts, quotes, sections, positions and relations', () => {
		const map = articleMap();
		const text = serializeArgdown(map);
		const back = must(readArgdown(text));
		expect(back.warnings).toEqual([]);
		expect(back.map.claims).toEqual(map.claims);
		expect(back.map.title).toBe(map.title);
		expect(back.map.source).toEqual(map.source);
		const ends = (m: typeof map) =>
			m.relations
				.map((r) => `${r.from} ${r.kind} ${m.relations.find((t) => t.id === r.to)?.from ?? r.to}`)
				.sort();
		expect(ends(back.map)).toEqual(ends(map));
		expect(text).toContain('[thesis]: Russia and China keep drawing closer');
		expect(text).toMatch(/^<biden-united-front>: .*\n {4}-> \[thesis\]$/m);
		expect(text).toContain('    _> <biden-united-front>');
	});

	it('R83: hostile text, line breaks and kinds survive a round trip', () => {
		const map = mapOf(
			[...HOSTILE.map((t, i) => `h${i}:${['claim', 'evidence', 'thesis'][i % 3]}:${t}`), 'q:question:Q?'],
			[
				...HOSTILE.slice(1).map((_, i) => `r${i}:h${i + 1}>${i % 2 ? 'attacks' : 'supports'}>h0`),
				'u:h0>undercuts>r0'
			]
		);
		const back = must(readArgdown(serializeArgdown(map))).map;
		expect(content(back)).toEqual(content(map));
	});

	it('R83: writes a relation from a thesis to a question as support and reads it back as an answer', () => {
		const map = mapOf(['q:question:Why?', 't:thesis:Because.'], ['r1:t>answers>q']);
		const text = serializeArgdown(map);
		expect(text).toContain('[t]: Because\\. #thesis\n    +> [q]');
		expect(content(must(readArgdown(text)).map)).toEqual(content(map));
	});
});

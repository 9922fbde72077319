import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../model';
import { mapOf } from '../model/test-helpers';
import { articleMap } from '../seed';
import { readArgdown } from './argdown-read';
import { serializeArgdown } from './argdown';
import { HOSTILE } from './hostile.test-data';
import type { ReadOptions } from './index';
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
 * text, line 19) and the lexer fixture that lists bare relation symbols without parents. Strict
 * reading refuses them; lenient reading (R89) imports what Argdown's error recovery still reads.
 *
 * Lenient counts, taken by reading the files by hand, with what the recovery drops seen in
 * @argdown/core's own statement and relation lists (not this importer's output):
 * argvu-demo: line 6 [Secondly] is a top-level statement (1 claim). Its relation block, lines 7-10,
 * holds the error at line 10 (`><` towards an argument), and the recovery drops the whole block, so
 * <A1>-<A4> and their four relations are not read. Lines 12-21: argument <Thirdly> (1 claim) with
 * premises (1)-(3), untitled and unrelated (they stay in its text); the inference at 18-20 is broken
 * at line 19, the conclusion (3) [Prettier] is kept: titled, so a claim (1), which the argument
 * supports (1 relation). Lines 22-23: `+` and `-` statements under [Prettier]: 2 claims, a support
 * and an attack (2 relations). Line 25: a top-level untitled statement (1 claim). Total 6 claims,
 * 3 relations. test-lexer-relations: line 1 is a relation with no parent; Argdown builds no syntax
 * tree at all, so nothing is read: 0 claims, 0 relations.
 */
const NOT_ARGDOWN: Record<string, { strict: RegExp; claims: number; relations: number; lines: number[] }> = {
	'argvu-demo-all-relation-symbols.argdown': {
		strict: /^Argdown line 10: .*argument reference/,
		claims: 6,
		relations: 3,
		lines: [10, 19]
	},
	'test-lexer-relations.argdown': {
		strict: /^Argdown line 1: .*Invalid relation syntax/,
		claims: 0,
		relations: 0,
		lines: [1]
	}
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

const read = (path: string, options?: ReadOptions) => readArgdown(readFileSync(path, 'utf8'), options);
const NOTHING_READ = 'Argdown: nothing in the file could be read, so nothing was imported';

describe('Argdown import', () => {
	for (const [file, expected] of Object.entries(EXPECTED)) {
		it(`R83: imports corpus file ${file} with ${expected.claims} claims and ${expected.relations} relations`, () => {
			const imported = must(read(`${CORPUS}/${file}`));
			expect(counts(imported)).toEqual(expected);
			expect(checkInvariants(imported.map)).toEqual([]);
			expect(imported.map.claims.every((c) => c.x !== undefined)).toBe(true);
		});
	}

	for (const [file, expected] of Object.entries(NOT_ARGDOWN)) {
		it(`R83: refuses ${file}, which @argdown/core itself reports errors on, naming the line`, () => {
			const r = read(`${CORPUS}/${file}`);
			expect(!r.ok && r.error.message).toMatch(expected.strict);
			const explicit = readArgdown(readFileSync(`${CORPUS}/${file}`, 'utf8'), { lenient: false });
			expect(!explicit.ok && explicit.error.message).toMatch(expected.strict);
		});

		it(`R89: leniently imports ${file} with ${expected.claims} claims and ${expected.relations} relations, each skipped line a warning`, () => {
			const imported = must(read(`${CORPUS}/${file}`, { lenient: true }));
			expect(counts(imported)).toEqual({ claims: expected.claims, relations: expected.relations });
			expect(checkInvariants(imported.map)).toEqual([]);
			const skipped = imported.warnings.filter((w) => w.endsWith(' — skipped'));
			expect(skipped.map((w) => Number(/^Argdown line (\d+): /.exec(w)?.[1]))).toEqual(expected.lines);
			if (!expected.claims) expect(imported.warnings).toContain(NOTHING_READ);
		});
	}

	it('R89: the lenient ArgVu demo keeps what the recovery read and leaves out the dropped relation block', () => {
		const { map } = must(read(`${CORPUS}/argvu-demo-all-relation-symbols.argdown`, { lenient: true }));
		expect(map.claims.map((c) => c.id).sort()).toEqual(
			['Prettier', 'Secondly', 'Thirdly', 'Untitled-5', 'Untitled-6', 'Untitled-7'].sort()
		);
		expect(content(map, { kinds: false }).relations).toEqual([
			expect.stringMatching(/^If you activate the dlig ligatures.* supports Prettier$/s),
			'Plus now has the same width as minus: supports Prettier',
			'Yay! attacks Prettier'
		]);
		expect(map.title).toBe('Demo of ArgVu ligatures');
	});

	for (const [file, message] of Object.entries(INVALID)) {
		it(`R83: refuses invalid/${file} with a located message`, () => {
			const r = read(`${CORPUS}/invalid/${file}`);
			expect(!r.ok && r.error.message).toMatch(message);
		});
	}

	it('R89: lenient reading never throws on invalid/ files; a model error in parsed text still refuses', () => {
		for (const file of Object.keys(INVALID)) {
			const r = read(`${CORPUS}/invalid/${file}`, { lenient: true });
			if (file.startsWith('model-error')) expect(!r.ok && r.error.message).toMatch(INVALID[file]!);
			else expect(r.ok && r.value.warnings.some((w) => / — skipped$/.test(w))).toBe(true);
		}
	});

	it('R89: lenient reading of valid Argdown is the same as strict, and a Markdown block keeps file lines', () => {
		const text = readFileSync(`${CORPUS}/legalisation-softdrugs.argdown`, 'utf8');
		expect(must(readArgdown(text, { lenient: true }))).toEqual(must(readArgdown(text)));
		const md = '# Notes\n\n```argdown\n[a]: A\n    + [b]: B\n```\n\n```argdown\n[c]: C *** D\n```\n';
		const r = must(readArgdown(md, { lenient: true }));
		expect(r.warnings[0]).toMatch(/^Argdown line 9: .* — skipped$/);
		expect(content(r.map, { kinds: false }).relations).toEqual(['B supports A']);
	});

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

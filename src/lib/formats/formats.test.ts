import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkInvariants, type ArgMap } from '../model';
import { mapOf } from '../model/test-helpers';
import { articleMap } from '../seed';
import { detectFormat, loadCodec, MAX_IMPORT_BYTES, TEXT_FORMATS, type TextFormat } from './index';
import { content, must } from './test-helpers';

/** The formats that read back what they write. */
const ROUND_TRIP = ['json', 'argdown', 'aif', 'kialo', 'graphml'] as const;

describe('between formats', () => {
	it('R81: every AIF corpus map goes through every format and back with its texts and relations', async () => {
		const aif = await loadCodec('aif');
		for (const file of readdirSync('../shared/corpus/aif')) {
			const map = must(aif.parse!(readFileSync(`../shared/corpus/aif/${file}`, 'utf8')));
			for (const id of ROUND_TRIP) {
				const codec = await loadCodec(id);
				const back = must(codec.parse!(codec.serialize(map)));
				expect(content(back, { kinds: id !== 'kialo' }), `${file} via ${id}`).toEqual(
					content(map, { kinds: id !== 'kialo' })
				);
			}
		}
	}, 30_000);
});

describe('format registry', () => {
	it('R80: loads a codec for every format; all but Markdown import', async () => {
		for (const id of TEXT_FORMATS) {
			const codec = await loadCodec(id);
			expect(codec.id).toBe(id);
			expect(typeof codec.serialize).toBe('function');
			expect(codec.parse === undefined).toBe(id === 'markdown');
		}
		expect(MAX_IMPORT_BYTES).toBe(5 * 1024 * 1024);
	}, 30_000);

	it('R80: every reading codec refuses a file over MAX_IMPORT_BYTES before parsing', async () => {
		const big = `Discussion Title: x\n\n1. ${'é'.repeat(MAX_IMPORT_BYTES / 2)}\n`;
		for (const id of ['argdown', 'aif', 'kialo', 'graphml'] as const) {
			const r = (await loadCodec(id)).parse!(big);
			expect(!r.ok && r.error.message, id).toMatch(/larger than 5 MiB/);
		}
	});

	it('R80: detects the format of a file from its name and first lines', async () => {
		const map = articleMap();
		for (const id of ROUND_TRIP) {
			const codec = await loadCodec(id);
			const text = codec.serialize(map);
			expect(detectFormat(text), `${id} by content`).toBe(id);
			expect(detectFormat(text, `map.${codec.extension}`), `${id} by name`).toBe(id);
		}
		expect(detectFormat('# Notes\n\n```argdown\n[a]: A\n```\n', 'notes.md')).toBe('argdown');
		expect(detectFormat('{"AIF": {"nodes": []}, "OVA": {}}', 'x.json')).toBe('aif');
		expect(detectFormat('1. Thesis\n1.1. Pro: reason\n')).toBe('kialo');
		expect(detectFormat('just some words')).toBeUndefined();
		expect(detectFormat('{"something": 1}', 'x.json')).toBeUndefined();
	});

	it('R81: the article map survives JSON, Argdown, AIF, Kialo and GraphML: claims, texts and relation kinds', async () => {
		const map = articleMap();
		for (const id of ROUND_TRIP) {
			const codec = await loadCodec(id);
			const back = must(
				codec.read
					? codec.read(codec.serialize(map))
					: { ok: true, value: { map: must(codec.parse!(codec.serialize(map))), warnings: [] } }
			).map;
			expect(checkInvariants(back), id).toEqual([]);
			expect(content(back, { kinds: id !== 'kialo' }).claims, id).toEqual(
				content(map, { kinds: id !== 'kialo' }).claims
			);
			const kinds = (m: ArgMap) => m.relations.map((r) => r.kind).sort();
			// Kialo has no undercuts: the one undercut comes back as an objection (R84).
			const expected =
				id === 'kialo'
					? kinds(map)
							.map((k) => (k === 'undercuts' ? 'attacks' : k))
							.sort()
					: kinds(map);
			expect(kinds(back), id).toEqual(expected);
			if (id !== 'kialo') expect(content(back).relations, id).toEqual(content(map).relations);
		}
	});
});

/** Text a person might type, with the characters that break serializers, never blank. */
const hostileText = fc
	.array(
		fc.oneof(
			fc.constantFrom(
				'<script>',
				'</x>',
				'"',
				"'",
				'&amp;',
				'&',
				'\\',
				'\n',
				'  ',
				'#thesis',
				'[a]',
				'<b>:',
				'{x: 1}',
				'1.1.',
				'Pro:',
				'-> See 1.',
				']]>',
				'**',
				'_',
				'//',
				'`',
				'漢字',
				'👩‍🔬',
				'é',
				'===',
				'\u2028',
				'} x',
				'\t'
			),
			fc.string({ unit: 'grapheme', maxLength: 6 })
		),
		{ minLength: 1, maxLength: 8 }
	)
	.map((parts) => `w${parts.join('')}`);

/** What each format promises to keep of a text (R81): all of it, or for Kialo the text without line-end spaces. */
const kept: Record<(typeof ROUND_TRIP)[number], (text: string) => string> = {
	json: (t) => t,
	argdown: (t) => t,
	aif: (t) => t.trim(),
	graphml: (t) => t,
	kialo: (t) =>
		t
			.replace(/\r\n?/g, '\n')
			.split('\n')
			.map((l) => l.trimEnd())
			.join('\n')
			.trim()
};

describe('hostile text', () => {
	for (const id of ROUND_TRIP) {
		it(`R81: survives a round trip through ${id}`, async () => {
			const codec = await loadCodec(id as TextFormat);
			fc.assert(
				fc.property(fc.array(hostileText, { minLength: 3, maxLength: 3 }), ([a, b, c]) => {
					const map = mapOf(['t:thesis:T', 'a:claim:A', 'b:claim:B'], ['r1:a>supports>t', 'r2:b>attacks>t']);
					const texts = { t: a!, a: b!, b: c! } as Record<string, string>;
					const hostile = { ...map, claims: map.claims.map((cl) => ({ ...cl, text: texts[cl.id]! })) };
					const back = must(codec.parse!(codec.serialize(hostile)));
					const expected = {
						...hostile,
						claims: hostile.claims.map((cl) => ({ ...cl, text: kept[id](cl.text) }))
					};
					expect(content(back)).toEqual(content(expected));
				}),
				{ numRuns: 60 }
			);
		});
	}
});

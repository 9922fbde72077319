import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArgMap } from '../model';
import { mapOf } from '../model/test-helpers';
import { articleMap } from '../seed';
import { readAif } from './aif';
import { readArgdown } from './argdown-read';
import schema from './argmap.schema.json' with { type: 'json' };
import { HOSTILE } from './hostile.test-data';
import { serializeJson } from './json';
import { must } from './test-helpers';

const validate = new Ajv2020({ allErrors: true }).compile(schema);
const valid = (doc: unknown) => (validate(doc) ? 'valid' : JSON.stringify(validate.errors));

describe('JSON Schema of the native format', () => {
	it('R87: every JSON export validates: the article map, hostile text, imported corpus maps', () => {
		const maps = [
			articleMap(),
			mapOf(HOSTILE.map((t, i) => `h${i}:claim:${t}`)),
			must(readAif(readFileSync('../shared/corpus/aif/araucaria-nodeset137-two-CA.json', 'utf8'))).map,
			must(readArgdown(readFileSync('../shared/corpus/argdown/veggie_debate_de.argdown', 'utf8'))).map
		];
		for (const map of maps) expect(valid(JSON.parse(serializeJson(map)))).toBe('valid');
	});

	it('R87: what the schema refuses, the importer refuses too', () => {
		const base = JSON.parse(serializeJson(mapOf(['t:thesis:T', 'a:claim:A'], ['r1:a>supports>t'])));
		const broken = [
			{ ...base, format: 'other' },
			{ ...base, claims: [{ ...base.claims[0], kind: 'wizard' }, base.claims[1]] },
			{ ...base, claims: [{ ...base.claims[0], id: '__proto__' }, base.claims[1]] },
			{ ...base, claims: [{ ...base.claims[0], text: '   ' }, base.claims[1]] },
			{ ...base, claims: [{ ...base.claims[0], x: 3 }, base.claims[1]] },
			{ ...base, relations: [{ ...base.relations[0], kind: 'loves' }] },
			{ ...base, relations: [{ ...base.relations[0], from: 'a b' }] }
		];
		for (const doc of broken) {
			expect(valid(doc)).not.toBe('valid');
			expect(parseArgMap(doc).ok).toBe(false);
		}
	});
});

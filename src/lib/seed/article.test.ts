import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTICLE_TEXT } from './article';
import russiaChina from './russia-china.json' with { type: 'json' };

const here = fileURLToPath(new URL('.', import.meta.url));
const original = readFileSync(
	join(here, '../../../../shared/article/kaczmarski-2021-russia-china.txt'),
	'utf8'
);
/** Delete every whitespace character and every hyphen (as R30 compares quotes). */
const canonical = (s: string): string => s.replace(/[\s\u002D\u00AD\u2010\u2011]/g, '');

describe('the shipped article text', () => {
	it('R130: is the article from its abstract on, only line breaks and hyphenation changed', () => {
		const body = original.slice(original.indexOf('Abstract'));
		expect(canonical(ARTICLE_TEXT)).toBe(canonical(body));
		expect(ARTICLE_TEXT).not.toMatch(/\u00A0| {2}/);
	});

	it('R130: every quote of the preloaded map is in it character for character', () => {
		for (const c of russiaChina.claims) {
			if ('quote' in c && c.quote) expect(ARTICLE_TEXT.includes(c.quote), c.id).toBe(true);
		}
	});
});

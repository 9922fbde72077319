import { describe, expect, it } from 'vitest';
import { deriveSides } from '../model';
import { articleMap } from '../seed';
import { buildBrief } from './brief';
import { briefPdf, pdfSafe } from './brief-pdf';

describe('debate brief as PDF', () => {
	it('R123: the brief prints as an A4 PDF with every line of argument, strongest first', async () => {
		const map = articleMap();
		const judgement = {
			strength: new Map([
				['pandemic', 0.9],
				['obstacles', 0.4]
			])
		};
		const bytes = await briefPdf(buildBrief(map, deriveSides(map), judgement));
		const text = new TextDecoder('latin1').decode(bytes);
		expect(text.startsWith('%PDF-')).toBe(true);
		// A4 portrait: 595.28 x 841.89 pt.
		expect(text).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
		expect(text).toContain('(For the thesis)');
		expect(text).toContain('(Against the thesis)');
		expect(text.indexOf('(1. The Covid-19 pandemic')).toBeGreaterThan(0);
		expect(text.indexOf('(1. The Covid-19 pandemic')).toBeLessThan(text.indexOf('Long-standing obstacles'));
		expect(text).toContain('(Rebuttals to expect)');
		expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(1);
	});

	it('R123: characters the standard fonts cannot draw lose their accents or become "?"', () => {
		expect(pdfSafe('Zürich – “quote”\n  ok')).toBe('Zürich – “quote” ok');
		expect(pdfSafe('Łódź 中国')).toBe('?ódz ??');
	});
});

import { describe, expect, it } from 'vitest';
import { mapOf } from '../model/test-helpers';
import { articleMap } from '../seed';
import { HOSTILE } from './hostile.test-data';
import { serializeMarkdown } from './markdown';

describe('Markdown outline', () => {
	it('R86: lists the article map as a nested outline with quotes, sections and the source', () => {
		const md = serializeMarkdown(articleMap());
		const lines = md.split('\n');
		expect(lines[0]).toBe('# Russia and China: an alliance in the making?');
		expect(md).toContain(
			'Source: Marcin Kaczmarski (2021), *Russia–China: Ever Closer Relationship, But Not an Alliance Yet*'
		);
		expect(md).toContain('(https://doi.org/10.3929/ethz-b-000476768)');
		expect(lines).toContain('- **Question:** Will Russia and China form an alliance?');
		expect(md).toMatch(/^ {2}- \*\*Answer · thesis:\*\* Russia and China keep drawing closer/m);
		expect(md).toMatch(/^ {4}> Although Sino–Russian cooperation has continued to flourish/m);
		expect(md).toMatch(/^ {4}> — \*Abstract\*$/m);
		expect(md).toMatch(/^ +- \*\*Undercut \(the step from the reason above does not follow\):\*\*/m);
		// Every claim appears, at least once in full.
		for (const c of articleMap().claims)
			expect(md).toContain(c.text.replace(/[\\`*_[\]<>#|~&]/g, (m) => `\\${m}`));
	});

	it('R86: escapes user text so it never becomes markup, HTML or a list', () => {
		const map = mapOf(
			HOSTILE.map((t, i) => `h${i}:claim:${t}`),
			HOSTILE.slice(1).map((_, i) => `r${i}:h${i + 1}>supports>h0`)
		);
		const md = serializeMarkdown(map);
		expect(md).not.toMatch(/(^|[^\\])</m);
		expect(md).not.toMatch(/(^|[^\\])&/m);
		expect(md).not.toMatch(/(^|[^\\])\*\*bold/m);
		expect(md).toContain('Two lines\n    and a third\n\n    after a blank');
		expect(md).toContain('Markdown: \\# heading \\| table \\| \\> quote \\~strike\\~ \\[link\\](http://x)');
		expect(serializeMarkdown(mapOf(['a:claim:x\n- not a list\n1. nor this']))).toContain(
			'x\n  \\- not a list\n  1\\. nor this'
		);
	});

	it('R86: marks a claim listed a second time', () => {
		const map = mapOf(
			['t:thesis:T', 'a:claim:A', 'b:claim:B'],
			['r1:a>supports>t', 'r2:b>attacks>t', 'r3:a>supports>b']
		);
		expect(serializeMarkdown(map)).toContain('- **Reason:** (again, see above) A');
	});
});

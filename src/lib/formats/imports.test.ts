import { describe, expect, it } from 'vitest';
import { IMPORT_LIMIT_BYTES, parseImport } from './imports';

describe('parseImport', () => {
	it('R95: a broken file is refused naming its format and the line or field at fault', async () => {
		const json = await parseImport('{\n  "format": "argmap",\n  oops\n}', 'json');
		expect(!json.ok && json.error.message).toMatch(/^JSON \(native\): JSON line 3, column 3/);
		const field = await parseImport(
			JSON.stringify({
				format: 'argmap',
				version: 1,
				claims: [{ id: 'a', kind: 'opinion', text: 'x' }],
				relations: []
			}),
			'json'
		);
		expect(!field.ok && field.error.message).toMatch(/^JSON \(native\): claims\[0\]\.kind/);
		const argdown = await parseImport('<a>\n\n(1) a\n(2) b\n--\n(3) c\n', 'argdown');
		expect(!argdown.ok && argdown.error.message).toMatch(/^Argdown line 6: .*inference/);
	});

	it('R95: a good file gives the map and the reader notes; unknown formats and oversized files are refused', async () => {
		const read = await parseImport('[Tea]: Tea is good.\n  + [Warm]: It is warm.\n', 'argdown');
		if (!read.ok) throw read.error;
		expect(read.value.map.claims.map((c) => c.text).sort()).toEqual(['It is warm.', 'Tea is good.']);
		expect(Array.isArray(read.value.warnings)).toBe(true);
		const unknown = await parseImport('x', 'docx');
		expect(!unknown.ok && unknown.error.message).toMatch(/format: .*expected one of json, argdown/);
		const big = await parseImport('x'.repeat(IMPORT_LIMIT_BYTES + 1), 'json');
		expect(!big.ok && big.error.message).toMatch(/import limit/);
	});
});

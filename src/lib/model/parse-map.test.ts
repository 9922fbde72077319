import { describe, expect, it } from 'vitest';
import { parseJson, serializeJson } from '../formats/json';
import { parseArgMap } from './parse-map';

const valid = {
	format: 'argmap',
	version: 1,
	title: 'T',
	claims: [
		{ id: 'a', kind: 'thesis', text: 'A', x: 1, y: 2 },
		{ id: 'b', kind: 'claim', text: 'B', quote: 'q', section: 's' }
	],
	relations: [{ id: 'r', kind: 'supports', from: 'b', to: 'a' }]
};

function errorOf(raw: unknown): string {
	const result = parseArgMap(raw);
	if (result.ok) throw new Error('expected a refusal');
	return result.error.message;
}

describe('parseArgMap', () => {
	it('R12: accepts a valid map and round-trips through the native JSON format', () => {
		const parsed = parseJson(JSON.stringify(valid));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		const again = parseJson(serializeJson(parsed.value));
		expect(again.ok && again.value).toEqual(parsed.value);
	});

	it('R12: names what is wrong and where', () => {
		const claims = (extra: object) => ({
			...valid,
			claims: [valid.claims[0], { ...valid.claims[1], ...extra }]
		});
		expect(errorOf({ ...valid, format: 'x' })).toMatch(/^format:/);
		expect(errorOf(claims({ kind: 'opinion' }))).toMatch(/^claims\[1\]\.kind: .*"opinion"/);
		expect(errorOf(claims({ text: '' }))).toMatch(/^claims\[1\]\.text: A claim needs some text/);
		expect(errorOf(claims({ id: '__proto__' }))).toMatch(/^claims\[1\]\.id/);
		expect(errorOf(claims({ x: 1 }))).toMatch(/^claims\[1\]\.x\/y/);
		expect(errorOf(claims({ id: 'a' }))).toMatch(/^claims\[1\]\.id: .*already used/);
		const rel = (extra: object) => ({ ...valid, relations: [{ ...valid.relations[0], ...extra }] });
		expect(errorOf(rel({ to: 'zz' }))).toMatch(/^relations\[0\]\.to: There is no claim/);
		expect(errorOf(rel({ to: 'b' }))).toMatch(/^relations\[0\]: A claim cannot/);
		expect(errorOf(rel({ kind: 'undercuts', to: 'a' }))).toMatch(/^relations\[0\]\.to: There is no relation/);
		expect(
			errorOf({ ...valid, relations: [valid.relations[0], { ...valid.relations[0], id: 'r2' }] })
		).toMatch(/^relations\[1\]: These two claims are already connected/);
		expect(errorOf([])).toMatch(/top level/);
	});

	it('R12: a JSON syntax error gives the line and column', () => {
		const result = parseJson('{\n  "format": "argmap",\n  oops\n}');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.message).toMatch(/^JSON line 3, column 3/);
	});
});

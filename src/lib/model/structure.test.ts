import { describe, expect, it } from 'vitest';
import type { ArgMap } from './map';
import { deriveSides } from './side';
import { byStructure, sameStructure } from './structure';
import { mapOf } from './test-helpers';

const claims = ['t:thesis:The thesis', 'a:claim:For it', 'b:claim:Against it'];
const map = mapOf(claims, ['r1:a>supports>t', 'r2:b>attacks>t']);
const edit = (m: ArgMap, id: string, change: object): ArgMap => ({
	...m,
	claims: m.claims.map((c) => (c.id === id ? { ...c, ...change } : c))
});

describe('structure: what sides and evaluation read', () => {
	it('R8: typing and moving keep the structure; a kind, a relation or its ends change it', () => {
		expect(sameStructure(map, edit(map, 'a', { text: 'For it, edited', x: 40 }))).toBe(true);
		expect(sameStructure(map, edit(map, 'a', { kind: 'evidence' }))).toBe(false);
		expect(sameStructure(map, mapOf(claims, ['r1:a>supports>t']))).toBe(false);
		expect(sameStructure(map, mapOf(claims, ['r1:a>attacks>t', 'r2:b>attacks>t']))).toBe(false);
		expect(sameStructure(map, mapOf(claims, ['r1:b>supports>t', 'r2:a>attacks>t']))).toBe(false);
	});

	it('R8: sides kept by structure are the same object while typing, and derived anew after a change', () => {
		const sides = byStructure(deriveSides);
		const first = sides(map);
		expect(sides(edit(map, 'b', { text: 'Against it, edited' }))).toBe(first);
		const flipped = mapOf(claims, ['r1:a>attacks>t', 'r2:b>attacks>t']);
		expect(sides(flipped)).not.toBe(first);
		expect([...sides(flipped)]).toEqual([...deriveSides(flipped)]);
		expect(sides(flipped).get('a' as never)).toBe('con');
	});
});

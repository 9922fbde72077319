import { describe, expect, it } from 'vitest';
import { mapOf } from '../test-helpers';
import { evaluate, NO_RATINGS } from './index';

/** Claims a..z with the given attacks ("a>b" = a attacks b) and undercuts ("u>r2" = u undercuts r2). */
function af(claims: string, attacks: string[], undercuts: string[] = []) {
	const map = mapOf(
		claims.split('').map((c) => `${c}:claim:Claim ${c.toUpperCase()}`),
		[
			...attacks.map((a, i) => `r${i + 1}:${a.replace('>', '>attacks>')}`),
			...undercuts.map((u, i) => `u${i + 1}:${u.replace('>', '>undercuts>')}`)
		]
	);
	const result = evaluate(map, NO_RATINGS);
	const labels = Object.fromEntries([...result.label].map(([id, l]) => [id, l]));
	return { labels, reason: (id: string) => result.labelReason.get(id)! };
}

describe('grounded labelling (Dung 1995)', () => {
	it('R104: unattacked claims are IN, what they attack OUT, and reinstatement (a → b → c)', () => {
		const { labels, reason } = af('abc', ['a>b', 'b>c']);
		expect(labels).toEqual({ a: 'IN', b: 'OUT', c: 'IN' });
		expect(reason('a')).toBe('IN: nothing attacks it.');
		expect(reason('b')).toBe('OUT because it is attacked by “Claim A”, which is IN.');
		expect(reason('c')).toBe('IN because every attack on it fails: “Claim B” is OUT.');
	});

	it('R104: an even cycle (the Nixon diamond, a ↔ b) leaves both UNDEC, and what they attack', () => {
		const { labels, reason } = af('abc', ['a>b', 'b>a', 'b>c']);
		expect(labels).toEqual({ a: 'UNDEC', b: 'UNDEC', c: 'UNDEC' });
		expect(reason('a')).toMatch(/^UNDEC: .*“Claim B” is UNDEC too/);
	});

	it('R104: an odd cycle (a → b → c → a) leaves all three UNDEC', () => {
		const { labels } = af('abc', ['a>b', 'b>c', 'c>a']);
		expect(labels).toEqual({ a: 'UNDEC', b: 'UNDEC', c: 'UNDEC' });
	});

	it('R104: an unattacked attacker breaks an odd cycle (d → a, a → b → c → a)', () => {
		const { labels } = af('abcd', ['d>a', 'a>b', 'b>c', 'c>a']);
		expect(labels).toEqual({ a: 'OUT', b: 'IN', c: 'OUT', d: 'IN' });
	});

	it('R104: an unattacked attacker breaks an even cycle (c → a, a ↔ b)', () => {
		const { labels } = af('abc', ['c>a', 'a>b', 'b>a']);
		expect(labels).toEqual({ a: 'OUT', b: 'IN', c: 'IN' });
	});

	it('R104: floating reinstatement is not grounded (a ↔ b, both attack c: c UNDEC)', () => {
		const { labels } = af('abc', ['a>b', 'b>a', 'a>c', 'b>c']);
		expect(labels).toEqual({ a: 'UNDEC', b: 'UNDEC', c: 'UNDEC' });
	});

	it('R104: supports play no part in acceptance', () => {
		const map = mapOf(['a:claim', 'b:claim', 'c:claim'], ['r1:a>attacks>b', 'r2:c>supports>b']);
		expect(evaluate(map, NO_RATINGS).label.get('b')).toBe('OUT');
	});

	it('R104: an IN undercut makes the attack it targets fail; an OUT one leaves it standing', () => {
		const undercut = af('abu', ['a>b'], ['u>r1']);
		expect(undercut.labels).toEqual({ a: 'IN', b: 'IN', u: 'IN' });
		expect(undercut.reason('b')).toBe(
			'IN because every attack on it fails: the attack by “Claim A” is undercut by “Claim U”, which is IN.'
		);
		const defeated = af('abuv', ['a>b', 'v>u'], ['u>r1']);
		expect(defeated.labels).toEqual({ a: 'IN', b: 'OUT', u: 'OUT', v: 'IN' });
	});

	it('R104: an undercut in a cycle of attacks leaves the attack it targets unresolved', () => {
		const { labels, reason } = af('abuv', ['a>b', 'u>v', 'v>u'], ['u>r1']);
		expect(labels).toEqual({ a: 'IN', b: 'UNDEC', u: 'UNDEC', v: 'UNDEC' });
		expect(reason('b')).toMatch(/the undercut of “Claim A”'s attack by “Claim U” is UNDEC/);
	});
});

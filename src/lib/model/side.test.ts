import { describe, expect, it } from 'vitest';
import { deriveSides, mainThesis } from './side';
import { mapOf } from './test-helpers';

describe('sides', () => {
	it('R8: sides follow the path of relations to the main thesis', () => {
		const map = mapOf(
			['q:question', 't:thesis', 'a:claim', 'b:claim', 'c:claim', 'd:evidence', 'u:claim', 'lone:claim'],
			[
				'ans:t>answers>q',
				'r1:a>supports>t',
				'r2:b>attacks>t',
				'r3:c>attacks>b',
				'r4:d>supports>b',
				'r5:u>undercuts>r4'
			]
		);
		expect(mainThesis(map)).toBe('t');
		const sides = Object.fromEntries(deriveSides(map));
		expect(sides).toEqual({ t: 'pro', a: 'pro', b: 'con', c: 'pro', d: 'con', u: 'pro' });
	});

	it('R8: the shortest path decides; the thesis answering a question is the main one', () => {
		const map = mapOf(
			['a:thesis', 't:thesis', 'q:question', 'x:claim', 'y:claim'],
			['ans:t>answers>q', 'r1:x>supports>t', 'r2:y>attacks>x', 'r3:y>supports>t']
		);
		expect(mainThesis(map)).toBe('t');
		expect(Object.fromEntries(deriveSides(map))).toEqual({ t: 'pro', x: 'pro', y: 'pro' });
	});
});

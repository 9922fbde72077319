import { describe, expect, it } from 'vitest';
import { descendantsOf, hiddenByCollapse, neighbourhoodOf } from './neighbourhood';
import { mapOf } from './test-helpers';

const map = mapOf(
	['q:question', 't:thesis', 'a:claim', 'e:evidence', 'b:claim', 'c:claim', 'u:claim'],
	[
		'ans:t>answers>q',
		'r1:a>supports>t',
		'r2:e>supports>a',
		'r3:b>attacks>t',
		'r4:c>attacks>b',
		'r5:u>undercuts>r2'
	]
);

describe('neighbourhoods', () => {
	it('R24: collapsing a claim hides its subtree in the outline, not the claim itself', () => {
		expect([...descendantsOf(map, 'a')].sort()).toEqual(['e', 'u']);
		expect([...hiddenByCollapse(map, ['b', 'a'])].sort()).toEqual(['c', 'e', 'u']);
		expect([...descendantsOf(map, 'c')]).toEqual([]);
	});

	it('R24: focus mode shows a claim with what bears on it and what it bears on', () => {
		expect([...neighbourhoodOf(map, 'a')].sort()).toEqual(['a', 'e', 't', 'u']);
		expect([...neighbourhoodOf(map, 'u')].sort()).toEqual(['a', 'e', 'u']);
	});
});

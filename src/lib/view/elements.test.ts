import { describe, expect, it } from 'vitest';
import { mapOf } from '../model/test-helpers';
import { junctionId, toElements } from './elements';
import { graphStyle } from './style';

const map = mapOf(
	['q:question:Tea?', 't:thesis:Tea is good', 'a:claim:It is warm', 'b:evidence:It stains teeth'],
	['ans:t>answers>q', 'r1:a>supports>t', 'r2:b>attacks>t', 'u:b>undercuts>r1']
);

describe('elements', () => {
	it('R20: a node per claim with its kind, side and box; an edge per relation; undercuts aim at a marker', () => {
		const els = toElements(map);
		const node = (id: string) => els.find((e) => e.data.id === id)!;
		expect(node('a').data).toMatchObject({ kind: 'claim', side: 'pro', label: 'CLAIM · FOR\nIt is warm' });
		expect(node('b').data).toMatchObject({ kind: 'evidence', side: 'con' });
		expect(node('q').data.side).toBe('none');
		expect(node('r1').data).toMatchObject({ source: 'a', target: 't', kind: 'supports' });
		expect(node(junctionId('r1')).data.kind).toBe('junction');
		expect(node('u').data).toMatchObject({ source: 'b', target: junctionId('r1'), kind: 'undercuts' });
		// Claims without stored positions get the automatic layout's, never all piled at one point.
		const positions = new Set(
			els.filter((e) => e.group === 'nodes').map((e) => `${e.position!.x},${e.position!.y}`)
		);
		expect(positions.size).toBe(els.filter((e) => e.group === 'nodes').length);
	});

	it('R20: support and attack differ by more than colour: line style and arrow shape', () => {
		const styleOf = (kind: string) =>
			(graphStyle as { selector: string; style: Record<string, unknown> }[]).find(
				(s) => s.selector === `edge[kind = "${kind}"]`
			)!.style;
		expect(styleOf('supports')['target-arrow-shape']).not.toBe(styleOf('attacks')['target-arrow-shape']);
		expect(styleOf('attacks')['line-style']).toBe('dashed');
		expect(styleOf('supports')['line-style'] ?? 'solid').toBe('solid');
	});
});

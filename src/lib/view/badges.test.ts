import { describe, expect, it } from 'vitest';
import { mapOf } from '../model/test-helpers';
import { badgeImage, showBadges } from './badges';
import { GraphView } from './graph-view';

describe('comment badges', () => {
	it('R136, R137: a badge on claims with open comments, blue when unread; only changed claims are touched', () => {
		const view = new GraphView(null, { onSelect() {}, onMove() {}, onOpen() {} });
		view.update(
			mapOf(['t:thesis:Tea is good', 'a:claim:It is warm', 'b:claim:It stains'], ['r1:a>supports>t'])
		);
		const cy = view.cy;
		const touched: string[] = [];
		cy.on('data', 'node', (e) => touched.push(e.target.id()));

		showBadges(cy, new Map([['a', { open: 2, unread: 1 }]]));
		expect(cy.nodes('.has-comments').map((n) => n.id())).toEqual(['a']);
		expect(cy.getElementById('a').data('badge')).toBe(badgeImage({ open: 2, unread: 1 }));
		expect(decodeURIComponent(badgeImage({ open: 2, unread: 1 }))).toContain('#1565c0');
		expect(decodeURIComponent(badgeImage({ open: 2, unread: 0 }))).not.toContain('#1565c0');

		touched.length = 0;
		showBadges(
			cy,
			new Map([
				['a', { open: 2, unread: 1 }],
				['b', { open: 1, unread: 0 }]
			])
		);
		expect(touched).toEqual(['b']);

		showBadges(cy, new Map([['b', { open: 1, unread: 0 }]]));
		expect(cy.nodes('.has-comments').map((n) => n.id())).toEqual(['b']);
		expect(cy.getElementById('a').data('badge')).toBeUndefined();
		view.destroy();
	});
});

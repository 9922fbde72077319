import type { Core, StylesheetJson } from 'cytoscape';

/** A claim's comment badge: open comments, and whether some are unread by this person (R136, R137). */
export interface Badge {
	readonly open: number;
	readonly unread: number;
}

/** The badge's size on the claim, in model pixels: small, in the claim's top right corner. */
const SIZE = { width: 26, height: 16 };

/** The badge drawn as a tiny SVG (a grey pill, blue when some comments are unread), as a data URI. */
export function badgeImage(b: Badge): string {
	const fill = b.unread > 0 ? '#1565c0' : '#78909c';
	const label = b.open > 99 ? '99+' : String(b.open);
	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE.width}" height="${SIZE.height}">` +
		`<rect width="${SIZE.width}" height="${SIZE.height}" rx="8" fill="${fill}"/>` +
		`<text x="50%" y="12" text-anchor="middle" font-family="sans-serif" font-size="10" font-weight="bold" fill="#fff">${label}</text></svg>`;
	return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/** Stylesheet entries for the badge (added to graphStyle). */
export const badgeStyle: StylesheetJson = [
	{
		selector: 'node.has-comments',
		style: {
			'background-image': 'data(badge)',
			'background-width': `${SIZE.width}px`,
			'background-height': `${SIZE.height}px`,
			'background-position-x': '100%',
			'background-position-y': '0%',
			'background-offset-x': -4,
			'background-offset-y': 4,
			'background-clip': 'none',
			'background-image-containment': 'over',
			'background-fit': 'none'
		}
	}
];

/**
 * Shows each claim's comment badge, touching only the claims whose badge changed, in one batch (R22).
 * Claims missing from `badges` (or with no open comment) show none.
 */
export function showBadges(cy: Core, badges: ReadonlyMap<string, Badge>) {
	cy.batch(() => {
		cy.nodes('.has-comments').forEach((n) => {
			const b = badges.get(n.id());
			if (!b || b.open === 0) {
				n.removeClass('has-comments');
				n.removeData('badge');
			}
		});
		for (const [id, b] of badges) {
			if (b.open === 0) continue;
			const n = cy.getElementById(id);
			if (n.empty()) continue;
			const image = badgeImage(b);
			if (n.data('badge') !== image) n.data('badge', image);
			if (!n.hasClass('has-comments')) n.addClass('has-comments');
		}
	});
}

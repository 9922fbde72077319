import { describe, expect, it } from 'vitest';
import { forgetMap, linkAccess, loadKnownMaps, rememberMap, shareLinks, updateKnownMap } from './known-maps';

/** An in-memory Storage. */
function memoryStorage(): Storage {
	const data = new Map<string, string>();
	return {
		get length() {
			return data.size;
		},
		clear: () => data.clear(),
		getItem: (k) => data.get(k) ?? null,
		key: (i) => [...data.keys()][i] ?? null,
		removeItem: (k) => void data.delete(k),
		setItem: (k, v) => void data.set(k, v)
	};
}

describe('known maps', () => {
	it('R73: keeps the edit link and the view link a browser learned, newest first', () => {
		const s = memoryStorage();
		rememberMap({ id: 'a', title: 'A', link: '/m/a#edit=E', viewLink: '/m/a#view=V', openedAt: 1 }, s);
		rememberMap({ id: 'b', title: 'B', link: '/m/b#view=W', openedAt: 2 }, s);
		// The editor remembers what it opened; a later view link does not replace the edit link.
		rememberMap({ id: 'a', title: 'A2', link: '/m/a#view=V', openedAt: 3 }, s);
		expect(loadKnownMaps(s)).toEqual([
			{ id: 'a', title: 'A2', link: '/m/a#edit=E', viewLink: '/m/a#view=V', openedAt: 3 },
			{ id: 'b', title: 'B', link: '/m/b#view=W', viewLink: '/m/b#view=W', openedAt: 2 }
		]);
		updateKnownMap('a', { restorableUntil: 99 }, s);
		expect(loadKnownMaps(s)[0]!.restorableUntil).toBe(99);
		updateKnownMap('a', { restorableUntil: undefined }, s);
		expect(loadKnownMaps(s)[0]!.restorableUntil).toBeUndefined();
		forgetMap('a', s);
		expect(loadKnownMaps(s).map((m) => m.id)).toEqual(['b']);
	});

	it('R73: unreadable storage gives an empty list; links say what they grant', () => {
		const s = memoryStorage();
		s.setItem('argmap:maps', '{"not":"a list"}');
		expect(loadKnownMaps(s)).toEqual([]);
		s.setItem('argmap:maps', '[{"id":1},{"id":"x","title":"X","link":"/m/x#edit=T","openedAt":1}]');
		expect(loadKnownMaps(s).map((m) => m.id)).toEqual(['x']);
		expect(linkAccess('/m/x#edit=T')).toEqual({ access: 'edit', token: 'T' });
		expect(linkAccess('/m/x')).toBeUndefined();
	});

	it('R73: the share dialog gets the page’s own link and the view link this browser knows', () => {
		const s = memoryStorage();
		rememberMap({ id: 'a', title: 'A', link: '/m/a#edit=E', viewLink: '/m/a#view=V', openedAt: 1 }, s);
		const at = (hash: string) => ({ origin: 'http://maps.test', pathname: '/m/a', hash });
		expect(shareLinks('a', at('#edit=E'), s)).toEqual({
			editLink: 'http://maps.test/m/a#edit=E',
			viewLink: 'http://maps.test/m/a#view=V'
		});
		expect(shareLinks('a', at('#view=V'), s)).toEqual({
			editLink: undefined,
			viewLink: 'http://maps.test/m/a#view=V'
		});
	});
});

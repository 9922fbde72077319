import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { LocalPresence, parsePresence, participants } from './presence';

describe('presence: debate sides', () => {
	it('R115: a side in presence is validated; anything but for, against or moderator is dropped', () => {
		const user = { id: 'p-ada', name: 'Ada' };
		expect(parsePresence({ user, side: 'con' }, 1)?.side).toBe('con');
		expect(parsePresence({ user, side: 'moderator' }, 1)?.side).toBe('moderator');
		for (const side of ['admin', null, 7, { toString: () => 'pro' }, '__proto__'])
			expect(parsePresence({ user, side }, 1)?.side).toBeUndefined();
	});

	it('R115: the side a person picks reaches everyone with their presence, and can be cleared', () => {
		const awareness = new Awareness(new Y.Doc());
		const local = new LocalPresence(awareness, 'Zoe', 'p-zoe');
		expect(participants(awareness)[0]!.side).toBeUndefined();
		local.setSide('pro');
		expect(participants(awareness)[0]!.side).toBe('pro');
		local.setSide(undefined);
		expect(participants(awareness)[0]!.side).toBeUndefined();
		local.destroy();
		awareness.destroy();
	});
});

import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { LocalPresence, parsePresence, participants, PALETTE } from './presence';

describe('presence', () => {
	it('R29: another client’s presence is validated; malformed parts are left out', () => {
		expect(
			parsePresence(
				{ user: { id: 'p-ada', name: '  Ada  ', colour: PALETTE[1] }, selection: ['a', '../x', 3] },
				7
			)
		).toEqual({
			person: 'p-ada',
			name: 'Ada',
			colour: PALETTE[1],
			selection: ['a'],
			pointer: null,
			view: null
		});
		expect(parsePresence({ user: { name: '' } }, 1)).toBeUndefined();
		expect(parsePresence('nope', 1)).toBeUndefined();
		const odd = parsePresence(
			{ user: { name: 'x', colour: 'red;background:url(x)' }, pointer: { x: NaN, y: 1 } },
			3
		);
		expect(odd?.colour).toBe(PALETTE[3]);
		expect(odd?.pointer).toBeNull();
		expect(odd?.person).toBe('client-3');
	});

	it('R29: the local person comes first; pointer moves are coalesced', async () => {
		const awareness = new Awareness(new Y.Doc());
		const local = new LocalPresence(awareness, 'Zoe', 'p-zoe');
		let updates = 0;
		awareness.on('change', () => updates++);
		for (let i = 0; i < 20; i++) local.move({ pointer: { x: i, y: i } });
		await new Promise((r) => setTimeout(r, 150));
		expect(updates).toBe(1);
		expect(participants(awareness)[0]).toMatchObject({
			person: 'p-zoe',
			name: 'Zoe',
			self: true,
			pointer: { x: 19, y: 19 }
		});
		local.destroy();
		awareness.destroy();
	});
});

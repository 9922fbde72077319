import { describe, expect, it } from 'vitest';
import { actionFor, SHORTCUTS } from './shortcuts';

const key = (
	k: string,
	mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}
) => ({
	key: k,
	ctrlKey: false,
	metaKey: false,
	shiftKey: false,
	altKey: false,
	...mods
});

describe('shortcuts', () => {
	it('R25: keys map to actions, Ctrl and Cmd alike, symbols without naming Shift', () => {
		expect(actionFor(key('s'))).toBe('addSupport');
		expect(actionFor(key('S', { shiftKey: true }))).toBe(undefined);
		expect(actionFor(key('z', { ctrlKey: true }))).toBe('undo');
		expect(actionFor(key('z', { metaKey: true }))).toBe('undo');
		expect(actionFor(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
		expect(actionFor(key('?', { shiftKey: true }))).toBe('help');
		expect(actionFor(key('Delete'))).toBe('delete');
		expect(actionFor(key('F10', { shiftKey: true }))).toBe('menu');
	});

	it('R25: no key is bound twice', () => {
		const keys = SHORTCUTS.flatMap((s) => s.keys);
		expect(new Set(keys).size).toBe(keys.length);
	});
});

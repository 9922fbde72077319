import { describe, expect, it } from 'vitest';
import { planCommand, type Command } from './commands';
import type { ArgMap } from './map';
import { checkInvariants } from './normalize';
import { applyOps } from './ops';
import { mapOf } from './test-helpers';

const base = () =>
	mapOf(
		[
			'q:question:Tea?',
			't:thesis:Tea is good',
			'a:claim:It is warm',
			'b:claim:It stains',
			'c:evidence:Study'
		],
		['ans:t>answers>q', 'r1:a>supports>t', 'r2:b>attacks>t', 'r3:c>supports>a', 'u1:b>undercuts>r3']
	);

function run(map: ArgMap, cmd: Command): ArgMap {
	const plan = planCommand(map, cmd);
	if (!plan.ok) throw plan.error;
	const next = applyOps(map, plan.value);
	expect(checkInvariants(next)).toEqual([]);
	return next;
}

function refuse(map: ArgMap, cmd: Command) {
	const plan = planCommand(map, cmd);
	expect(plan.ok).toBe(false);
	return plan.ok ? undefined : plan.error.code;
}

describe('commands', () => {
	it('R1: deleting a claim removes its relations and the undercuts of those relations', () => {
		const next = run(base(), { type: 'deleteClaims', ids: ['a'] });
		expect(next.claims.map((c) => c.id)).toEqual(['b', 'c', 'q', 't']);
		expect(next.relations.map((r) => r.id)).toEqual(['ans', 'r2']);
	});

	it('R1: several claims are deleted at once', () => {
		const next = run(base(), { type: 'deleteClaims', ids: ['a', 'b'] });
		expect(next.relations.map((r) => r.id)).toEqual(['ans']);
	});

	it('R2: deleting a relation removes the undercuts pointing at it', () => {
		const next = run(base(), { type: 'deleteRelations', ids: ['r3'] });
		expect(next.relations.map((r) => r.id)).toEqual(['ans', 'r1', 'r2']);
	});

	it('R3: a claim cannot be related to itself', () => {
		expect(refuse(base(), { type: 'connect', id: 'x', kind: 'supports', from: 'a', to: 'a' })).toBe(
			'SELF_RELATION'
		);
	});

	it('R4: no duplicate relation of one kind between the same ends', () => {
		expect(refuse(base(), { type: 'connect', id: 'x', kind: 'supports', from: 'a', to: 't' })).toBe(
			'DUPLICATE_RELATION'
		);
		// Another kind between the same ends is a different statement and allowed.
		const next = run(base(), { type: 'connect', id: 'x', kind: 'attacks', from: 'a', to: 'b' });
		expect(next.relations.some((r) => r.id === 'x')).toBe(true);
	});

	it('R5: an undercut must point at an existing supports or attacks relation', () => {
		expect(refuse(base(), { type: 'connect', id: 'x', kind: 'undercuts', from: 'c', to: 'nope' })).toBe(
			'UNKNOWN_RELATION'
		);
		expect(refuse(base(), { type: 'connect', id: 'x', kind: 'undercuts', from: 'c', to: 'ans' })).toBe(
			'BAD_UNDERCUT_TARGET'
		);
		expect(refuse(base(), { type: 'connect', id: 'x', kind: 'undercuts', from: 'a', to: 'u1' })).toBe(
			'BAD_UNDERCUT_TARGET'
		);
		run(base(), { type: 'connect', id: 'x', kind: 'undercuts', from: 'c', to: 'r2' });
	});

	it('R6: only a thesis answers a question; a kind change drops what it no longer allows', () => {
		expect(refuse(base(), { type: 'connect', id: 'x', kind: 'answers', from: 'a', to: 'q' })).toBe(
			'BAD_ANSWER'
		);
		const next = run(base(), { type: 'changeKind', id: 't', kind: 'claim' });
		expect(next.relations.find((r) => r.id === 'ans')).toBeUndefined();
		expect(next.relations.find((r) => r.id === 'r1')).toBeDefined();
	});

	it('R23: a relation changes kind or direction within the rules; undercuts go when it stops being an inference', () => {
		let map = run(base(), { type: 'changeRelation', id: 'r1', kind: 'attacks' });
		expect(map.relations.find((r) => r.id === 'r1')).toMatchObject({ kind: 'attacks', from: 'a', to: 't' });
		map = run(map, { type: 'changeRelation', id: 'r3', reverse: true });
		expect(map.relations.find((r) => r.id === 'r3')).toMatchObject({ from: 'a', to: 'c' });
		expect(map.relations.find((r) => r.id === 'u1')).toBeDefined();
		expect(refuse(map, { type: 'changeRelation', id: 'ans', reverse: true })).toBe('BAD_ANSWER');
		expect(refuse(map, { type: 'changeRelation', id: 'u1', reverse: true })).toBe('UNDERCUT_FIXED');
		// b already attacks t: turning r1 (a attacks t) around is fine, making a second b->t attack is not.
		map = run(map, { type: 'connect', id: 'r9', kind: 'supports', from: 't', to: 'a' });
		expect(refuse(map, { type: 'changeRelation', id: 'r1', kind: 'supports', reverse: true })).toBe(
			'DUPLICATE_RELATION'
		);
		let inference = run(base(), { type: 'deleteRelations', ids: ['ans'] });
		inference = run(inference, { type: 'connect', id: 'x', kind: 'supports', from: 't', to: 'q' });
		inference = run(inference, { type: 'connect', id: 'ux', kind: 'undercuts', from: 'c', to: 'x' });
		const answered = run(inference, { type: 'changeRelation', id: 'x', kind: 'answers' });
		expect(answered.relations.find((r) => r.id === 'x')?.kind).toBe('answers');
		expect(answered.relations.find((r) => r.id === 'ux')).toBeUndefined();
	});

	it('R10: refused commands explain themselves and change nothing', () => {
		const map = base();
		expect(refuse(map, { type: 'editText', id: 'a', text: '   ' })).toBe('EMPTY_TEXT');
		expect(refuse(map, { type: 'editText', id: 'zz', text: 'x' })).toBe('UNKNOWN_CLAIM');
		expect(refuse(map, { type: 'addClaim', claim: { id: 'a', kind: 'claim', text: 'x' } })).toBe('ID_TAKEN');
		expect(refuse(map, { type: 'addClaim', claim: { id: 'r1', kind: 'claim', text: 'x' } })).toBe('ID_TAKEN');
		expect(refuse(map, { type: 'deleteClaims', ids: ['a', 'zz'] })).toBe('UNKNOWN_CLAIM');
		expect(refuse(map, { type: 'move', positions: [{ id: 'a', x: NaN, y: 0 }] })).toBe('BAD_POSITION');
		const plan = planCommand(map, { type: 'editText', id: 'a', text: '' });
		expect(plan.ok ? '' : plan.error.message).toMatch(/needs some text/);
	});

	it('adds a claim with a link in one command, and refuses the pair if the link is wrong', () => {
		const next = run(base(), {
			type: 'addClaim',
			claim: { id: 'n', kind: 'evidence', text: 'Survey of 2,000 drinkers', x: 10, y: 20 },
			link: { id: 'rn', kind: 'supports', to: 'a' }
		});
		expect(next.claims.find((c) => c.id === 'n')).toMatchObject({ kind: 'evidence', x: 10, y: 20 });
		expect(next.relations.find((r) => r.id === 'rn')).toMatchObject({ from: 'n', to: 'a' });
		expect(
			refuse(base(), {
				type: 'addClaim',
				claim: { id: 'n', kind: 'claim', text: 'x' },
				link: { id: 'rn', kind: 'supports', to: 'missing' }
			})
		).toBe('UNKNOWN_CLAIM');
	});

	it('edits text, details, kind, title and positions', () => {
		let map = run(base(), { type: 'editText', id: 'a', text: 'It is comforting' });
		map = run(map, { type: 'editDetails', id: 'a', quote: 'tea warms', section: 'Intro' });
		map = run(map, { type: 'editDetails', id: 'a', quote: '' });
		map = run(map, { type: 'changeKind', id: 'a', kind: 'evidence' });
		map = run(map, { type: 'move', positions: [{ id: 'a', x: 5, y: -5 }] });
		map = run(map, { type: 'setTitle', title: '  Tea debate ' });
		expect(map.title).toBe('Tea debate');
		expect(map.claims.find((c) => c.id === 'a')).toEqual({
			id: 'a',
			kind: 'evidence',
			text: 'It is comforting',
			section: 'Intro',
			x: 5,
			y: -5
		});
	});
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseArgMap } from '../model';
import { writeMap } from './apply';
import { MapSession } from './session';
import { readRatings, readVotes, setVote, voteOf, votesMap, watchVotes } from './votes';

const seed = parseArgMap({
	format: 'argmap',
	version: 1,
	title: 'Tea',
	claims: [
		{ id: 't', kind: 'thesis', text: 'Tea is good' },
		{ id: 'a', kind: 'claim', text: 'It is warm' }
	],
	relations: [{ id: 'r', kind: 'supports', from: 'a', to: 't' }]
});

function session() {
	const doc = new Y.Doc();
	if (!seed.ok) throw seed.error;
	writeMap(doc, seed.value);
	return new MapSession(doc);
}

describe('votes in the shared document', () => {
	it('R100: each person has one vote per claim or relation; concurrent votes never conflict', () => {
		const alice = session();
		const bob = new MapSession(new Y.Doc());
		Y.applyUpdate(bob.doc, Y.encodeStateAsUpdate(alice.doc));
		setVote(alice.doc, alice.origin, 'p-alice', 'a', 4);
		setVote(bob.doc, bob.origin, 'p-bob', 'a', 1);
		setVote(bob.doc, bob.origin, 'p-bob', 'r', 2);
		Y.applyUpdate(alice.doc, Y.encodeStateAsUpdate(bob.doc));
		Y.applyUpdate(bob.doc, Y.encodeStateAsUpdate(alice.doc));
		for (const s of [alice, bob]) {
			const ratings = readRatings(s.doc, s.map);
			expect(ratings.claims.get('a')).toEqual([1, 0.25]);
			expect(ratings.relations.get('r')).toEqual([0.5]);
		}
	});

	it('R100: a vote can be changed and removed', () => {
		const s = session();
		setVote(s.doc, s.origin, 'p-alice', 'a', 4);
		setVote(s.doc, s.origin, 'p-alice', 'a', 2);
		expect(voteOf(readVotes(s.doc), 'p-alice', 'a')).toBe(2);
		setVote(s.doc, s.origin, 'p-alice', 'a', undefined);
		expect(voteOf(readVotes(s.doc), 'p-alice', 'a')).toBeUndefined();
		expect(readRatings(s.doc, s.map).claims.has('a')).toBe(false);
	});

	it('R100: a vote off the scale or with a bad id is refused and changes nothing', () => {
		const s = session();
		expect(setVote(s.doc, s.origin, 'p-alice', 'a', 5)).toBe(false);
		expect(setVote(s.doc, s.origin, 'p-alice', 'a', 1.5)).toBe(false);
		expect(setVote(s.doc, s.origin, 'p|x', 'a', 1)).toBe(false);
		expect(votesMap(s.doc).size).toBe(0);
	});

	it('R13: invalid votes in the document are ignored and reported', () => {
		const s = session();
		const votes = votesMap(s.doc);
		votes.set('p-alice|a', 3);
		votes.set('p-bob|a', 7);
		votes.set('p-carol|a', '3');
		votes.set('__proto__|a', 1);
		votes.set('no-separator', 1);
		votes.set('p-dan|a|b', 1);
		const table = readVotes(s.doc);
		expect(table.dropped).toHaveLength(5);
		expect(readRatings(s.doc, s.map).claims.get('a')).toEqual([0.75]);
	});

	it('R100: votes on claims not on the map are kept but not counted', () => {
		const s = session();
		setVote(s.doc, s.origin, 'p-alice', 'a', 4);
		s.dispatch({ type: 'deleteClaims', ids: ['a'] });
		expect(readRatings(s.doc, s.map).claims.has('a')).toBe(false);
		s.undoManager.undo();
		expect(readRatings(s.doc, s.map).claims.get('a')).toEqual([1]);
	});

	it('R101: undo never changes a vote', () => {
		const s = session();
		s.dispatch({ type: 'editText', id: 'a', text: 'It is very warm' });
		s.undoManager.stopCapturing();
		setVote(s.doc, s.origin, 'p-alice', 'a', 3);
		s.undoManager.undo();
		expect(voteOf(readVotes(s.doc), 'p-alice', 'a')).toBe(3);
		expect(s.map.claims.find((c) => c.id === 'a')?.text).toBe('It is warm');
	});

	it('R106: a vote is one transaction, and watchers see one snapshot per transaction', () => {
		const s = session();
		const seen: number[] = [];
		const stop = watchVotes(s.doc, (t) => seen.push(t.byTarget.size));
		let updates = 0;
		s.doc.on('update', () => updates++);
		setVote(s.doc, s.origin, 'p-alice', 'a', 3);
		setVote(s.doc, s.origin, 'p-alice', 'r', 3);
		stop();
		expect(updates).toBe(2);
		expect(seen).toEqual([1, 2]);
	});
});

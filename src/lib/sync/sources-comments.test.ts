import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openCounts, threadsOf, unreadCounts, type Comment } from '../model/comment';
import { resolve } from '../model/anchor';
import { ARTICLE_SOURCE_ID, articleMap, templateSources } from '../seed/index';
import { writeMap } from './apply';
import { deleteComment, commentsOf, putComment, readComments, setResolved } from './comments';
import { anchorQuotedClaims, readSources, sourcesOf, writeSources } from './sources';

const comment = (id: string, fields: Partial<Comment> = {}): Comment => ({
	id,
	claim: 'c1',
	author: 'p1',
	name: 'Ada',
	at: 1000,
	text: `comment ${id}`,
	...fields
});

describe('sources in the shared document', () => {
	it('R130: the article map carries the article with its citation; every quoted claim is anchored in it', () => {
		const doc = new Y.Doc();
		const map = articleMap();
		writeMap(doc, map);
		writeSources(doc, templateSources('russia-china'));
		const { sources, anchors, dropped } = readSources(doc);
		expect(dropped).toEqual([]);
		expect(sources).toHaveLength(1);
		expect(sources[0]).toMatchObject({ id: ARTICLE_SOURCE_ID, author: 'Marcin Kaczmarski', year: 2021 });
		const quoted = map.claims.filter((c) => c.quote);
		expect(anchors.size).toBe(quoted.length);
		for (const c of quoted) {
			const r = resolve(sources[0]!.text, anchors.get(c.id)!);
			expect(r?.how, c.id).toBe('exact');
			expect(sources[0]!.text.slice(r!.start, r!.end)).toBe(c.quote);
		}
		expect(templateSources('blank')).toEqual([]);
	});

	it('R13: invalid sources and anchors are dropped and reported, never thrown', () => {
		const doc = new Y.Doc();
		writeSources(doc, [{ id: 's1', title: 'Good', text: 'Some text.' }]);
		const bad = new Y.Map<unknown>();
		bad.set('title', 'No text');
		sourcesOf(doc).set('s2', bad);
		const tooLong = new Y.Map<unknown>();
		tooLong.set('title', 'Huge');
		tooLong.set('text', 'x'.repeat(200_001));
		sourcesOf(doc).set('s3', tooLong);
		const claim = new Y.Map<unknown>();
		claim.set('anchor', { sourceId: 's1', exact: '', prefix: '', suffix: '', start: 0 });
		doc.getMap('claims').set('c1', claim);
		const read = readSources(doc);
		expect(read.sources.map((s) => s.id)).toEqual(['s1']);
		expect(read.anchors.size).toBe(0);
		expect(read.dropped).toHaveLength(3);
		expect(read.dropped.join('\n')).toMatch(/source s2\.text/);
		expect(read.dropped.join('\n')).toMatch(/claim c1\.anchor\.exact/);
	});
});

describe('comments in the shared document', () => {
	it('R135: threads hold a first comment and its replies, oldest first', () => {
		const doc = new Y.Doc();
		putComment(doc, comment('a', { at: 5 }));
		putComment(doc, comment('b', { at: 3, thread: 'a', author: 'p2', name: 'Bo' }));
		putComment(doc, comment('c', { at: 1 }));
		putComment(doc, comment('d', { claim: 'c2' }));
		const { comments } = readComments(doc);
		const threads = threadsOf(comments, 'c1');
		expect(threads.map((t) => [t.root.id, t.replies.map((r) => r.id)])).toEqual([
			['c', []],
			['a', ['b']]
		]);
	});

	it('R13: invalid comments are dropped and reported', () => {
		const doc = new Y.Doc();
		putComment(doc, comment('ok'));
		const bad = (fields: Record<string, unknown>) => {
			const e = new Y.Map<unknown>();
			for (const [k, v] of Object.entries({ ...comment('x'), ...fields })) if (k !== 'id') e.set(k, v);
			return e;
		};
		commentsOf(doc).set('noText', bad({ text: '  ' }));
		commentsOf(doc).set('badAuthor', bad({ author: '__proto__' }));
		commentsOf(doc).set('longName', bad({ name: 'n'.repeat(41) }));
		commentsOf(doc).set('badTime', bad({ at: 'yesterday' }));
		commentsOf(doc).set('selfThread', bad({ thread: 'selfThread' }));
		commentsOf(doc).set('badResolve', bad({ resolved: { by: 'p1' } }));
		commentsOf(doc).set('huge', bad({ text: 'x'.repeat(4001) }));
		const { comments, dropped } = readComments(doc);
		expect(comments.map((c) => c.id)).toEqual(['ok']);
		expect(dropped).toHaveLength(7);
		expect(dropped.join('\n')).toMatch(/comment badAuthor\.author/);
	});

	it('R136: the badge counts comments of unresolved threads only', () => {
		const doc = new Y.Doc();
		putComment(doc, comment('a'));
		putComment(doc, comment('b', { thread: 'a' }));
		putComment(doc, comment('c', { claim: 'c2' }));
		expect(openCounts(readComments(doc).comments)).toEqual(
			new Map([
				['c1', 2],
				['c2', 1]
			])
		);
		setResolved(doc, 'a', { by: 'p1', name: 'Ada', at: 2000 });
		expect(openCounts(readComments(doc).comments)).toEqual(new Map([['c2', 1]]));
		setResolved(doc, 'a', null);
		expect(openCounts(readComments(doc).comments).get('c1')).toBe(2);
	});

	it('R135: deleting a first comment with replies keeps the thread; deleting its last reply removes it', () => {
		const doc = new Y.Doc();
		putComment(doc, comment('a'));
		putComment(doc, comment('b', { thread: 'a' }));
		deleteComment(doc, 'a');
		let threads = threadsOf(readComments(doc).comments, 'c1');
		expect(threads).toHaveLength(1);
		expect(threads[0]!.root).toMatchObject({ deleted: true, text: '' });
		expect(openCounts(readComments(doc).comments).get('c1')).toBe(1);
		deleteComment(doc, 'b');
		threads = threadsOf(readComments(doc).comments, 'c1');
		expect(threads).toEqual([]);
		expect(commentsOf(doc).size).toBe(0);
	});

	it("R137: unread counts others' comments not yet seen by this person", () => {
		const doc = new Y.Doc();
		putComment(doc, comment('mine', { author: 'me' }));
		putComment(doc, comment('theirs', { author: 'p2' }));
		putComment(doc, comment('seen', { author: 'p2' }));
		const { comments } = readComments(doc);
		expect(unreadCounts(comments, new Set(['seen']), 'me')).toEqual(new Map([['c1', 1]]));
		expect(unreadCounts(comments, new Set(['seen', 'theirs']), 'me').size).toBe(0);
	});

	it('R135: comments written on two replicas merge', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		putComment(a, comment('x', { author: 'p1' }));
		putComment(b, comment('y', { author: 'p2', at: 2000 }));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(
			readComments(a)
				.comments.map((c) => c.id)
				.sort()
		).toEqual(['x', 'y']);
		expect(readComments(b).comments).toEqual(readComments(a).comments);
	});
});

describe('anchoring quoted claims', () => {
	it('R133: a claim restored without its anchor is anchored again where its quote is', () => {
		const doc = new Y.Doc();
		const map = articleMap();
		writeMap(doc, map);
		writeSources(doc, templateSources('russia-china'));
		const claims = doc.getMap<Y.Map<unknown>>('claims');
		claims.get('crimea')!.delete('anchor');
		expect(readSources(doc).anchors.has('crimea')).toBe(false);
		expect(anchorQuotedClaims(doc, readSources(doc).sources)).toBe(1);
		expect(readSources(doc).anchors.get('crimea')?.exact).toBe(
			map.claims.find((c) => c.id === 'crimea')!.quote
		);
	});
});

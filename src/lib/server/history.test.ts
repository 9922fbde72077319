import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { newId, parseArgMap } from '../model';
import { writeMap } from '../sync/apply';
import { MapSession } from '../sync/session';
import { DEFAULT_HISTORY_TIMING, HistoryRecorder } from './history';
import { cleanupAll, tempDir } from './sync-test-helpers';
import { SqliteVersionStore, type NewVersion } from './versions';

const ada = { id: 'p-ada', name: 'Ada' };
const bob = { id: 'p-bob', name: 'Bob' };

function seeded(): MapSession {
	const doc = new Y.Doc();
	const map = parseArgMap({
		format: 'argmap',
		version: 1,
		title: 'Tea',
		claims: [{ id: 't', kind: 'thesis', text: 'Tea is good' }],
		relations: []
	});
	if (!map.ok) throw map.error;
	writeMap(doc, map.value);
	return new MapSession(doc);
}

/** A recorder over one in-memory document, the way the sync server drives it. */
function setup(dir = tempDir()) {
	const store = new SqliteVersionStore(dir, { maxAuto: 3, maxNamed: 2, maxActivity: 10, maxBytes: 1e9 });
	const session = seeded();
	const recorder = new HistoryRecorder({
		store,
		withDoc: async (_room, fn) => fn(session.doc),
		now: () => Date.now(),
		log: () => {}
	});
	/** One edit by `who`, told to the recorder before and after it is applied, as the server does. */
	const edit = (who: typeof ada, text = 'More tea') => {
		recorder.before('m1', session.doc, who);
		session.dispatch({
			type: 'addClaim',
			claim: { id: newId('c'), kind: 'claim', text },
			link: { id: newId('r'), kind: 'supports', to: 't' }
		});
		recorder.changed('m1', who, true);
	};
	return { store, session, recorder, edit };
}

const version = (label: string, auto: boolean): NewVersion => ({
	createdAt: 1,
	label,
	auto,
	editors: [ada],
	savedBy: null,
	title: 'T',
	claims: 1,
	relations: 0,
	state: new Uint8Array([0, 0])
});

afterEach(async () => {
	vi.useRealTimers();
	await cleanupAll();
});

describe('automatic versions', () => {
	beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));

	it('R146: one automatic version after a burst of edits and a quiet spell, naming who edited', async () => {
		const { store, recorder, edit } = setup();
		edit(ada);
		await vi.advanceTimersByTimeAsync(10_000);
		edit(bob);
		edit(ada);
		await vi.advanceTimersByTimeAsync(DEFAULT_HISTORY_TIMING.quietMs - 1_000);
		expect(store.list('m1')).toEqual([]);
		await vi.advanceTimersByTimeAsync(2_000);
		const [v, ...rest] = store.list('m1');
		expect(rest).toEqual([]);
		expect(v).toMatchObject({ auto: true, label: '', title: 'Tea', claims: 4, relations: 3 });
		expect(v!.editors).toEqual([ada, bob]);
		// Nothing more happens without edits.
		await vi.advanceTimersByTimeAsync(DEFAULT_HISTORY_TIMING.maxBurstMs * 2);
		expect(store.list('m1')).toHaveLength(1);
		recorder.close();
	});

	it('R146: continuous editing still gives a version every maxBurstMs, at most one per minGapMs', async () => {
		const { store, recorder, edit } = setup();
		const { maxBurstMs, minGapMs } = DEFAULT_HISTORY_TIMING;
		const start = Date.now();
		const times: number[] = [];
		for (let t = 0; t < 2 * maxBurstMs + minGapMs; t += 20_000) {
			edit(t % 40_000 ? ada : bob);
			await vi.advanceTimersByTimeAsync(20_000);
			const n = store.list('m1').length;
			if (n > times.length) times.push(Date.now() - start);
		}
		expect(times.length).toBe(2);
		expect(times[0]).toBeLessThanOrEqual(maxBurstMs + 20_000);
		expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(minGapMs);
		recorder.close();
	});

	it('R146: "Save version" stores now with its label; the next automatic one only names later editors', async () => {
		const { store, recorder, edit } = setup();
		edit(ada);
		const saved = await recorder.save('m1', 'Before the meeting', bob);
		expect(saved).toMatchObject({ auto: false, label: 'Before the meeting', savedBy: bob, editors: [ada] });
		await vi.advanceTimersByTimeAsync(DEFAULT_HISTORY_TIMING.quietMs * 2);
		expect(store.list('m1')).toHaveLength(1);
		edit(bob);
		await recorder.flush();
		expect(store.list('m1').map((v) => [v.auto, v.editors])).toEqual([
			[true, [bob]],
			[false, [ada]]
		]);
		recorder.close();
	});

	it('R145: someone who only re-sends what the server has (a reconnect) is not counted as an editor', async () => {
		const { store, recorder, edit } = setup();
		edit(ada);
		recorder.before('m1', seeded().doc, bob);
		await vi.advanceTimersByTimeAsync(DEFAULT_HISTORY_TIMING.quietMs + 1_000);
		expect(store.list('m1').map((v) => v.editors)).toEqual([[ada]]);
		expect(store.activity('m1', 10).map((e) => e.people)).toEqual([[ada]]);
		recorder.close();
	});

	it('R152: continuous editing still writes an activity entry at least once a minute', async () => {
		const { store, recorder, edit } = setup();
		for (let i = 0; i < 40; i++) {
			edit(ada, `Claim ${i}`);
			await vi.advanceTimersByTimeAsync(2_000);
		}
		expect(store.activity('m1', 10).length).toBeGreaterThanOrEqual(1);
		recorder.close();
	});

	it('R152: the activity feed says who changed what, one entry per editor in turn', async () => {
		const { store, recorder, edit } = setup();
		edit(ada, 'Tea warms');
		await vi.advanceTimersByTimeAsync(3_000);
		edit(bob, 'Tea stains');
		await vi.advanceTimersByTimeAsync(DEFAULT_HISTORY_TIMING.activityQuietMs + 100);
		const feed = store.activity('m1', 10);
		expect(feed.map((e) => [e.people.map((p) => p.name), e.lines])).toEqual([
			[['Bob'], ['Added claim “Tea stains”', 'Added relation: “Tea stains” supports “Tea is good”']],
			[['Ada'], ['Added claim “Tea warms”', 'Added relation: “Tea warms” supports “Tea is good”']]
		]);
		recorder.close();
	});
});

describe('the version store', () => {
	it('R149: keeps at most maxAuto automatic and maxNamed labelled versions per map, dropping the oldest', () => {
		const store = new SqliteVersionStore(tempDir(), {
			maxAuto: 3,
			maxNamed: 2,
			maxActivity: 2,
			maxBytes: 1e9
		});
		for (let i = 0; i < 5; i++) store.add('m1', version(`auto ${i}`, true));
		for (let i = 0; i < 4; i++) store.add('m1', version(`named ${i}`, false));
		store.add('m2', version('other map', false));
		expect(store.list('m1').map((v) => v.label)).toEqual([
			'named 3',
			'named 2',
			'auto 4',
			'auto 3',
			'auto 2'
		]);
		for (let i = 0; i < 4; i++) store.addActivity('m1', { time: i, people: [ada], lines: [`${i}`], more: 0 });
		expect(store.activity('m1', 10).map((e) => e.lines)).toEqual([['3'], ['2']]);
		store.removeMap('m1');
		expect(store.list('m1')).toEqual([]);
		expect(store.list('m2')).toHaveLength(1);
		store.close();
	});

	it('R149: beyond maxBytes of states per map, the oldest automatic then the oldest labelled versions go', () => {
		const store = new SqliteVersionStore(tempDir(), {
			maxAuto: 50,
			maxNamed: 50,
			maxActivity: 2,
			maxBytes: 1000
		});
		const big = (label: string, auto: boolean) => ({ ...version(label, auto), state: new Uint8Array(300) });
		store.add('m1', big('named 0', false));
		store.add('m1', big('auto 0', true));
		store.add('m1', big('named 1', false));
		store.add('m1', big('auto 1', true));
		expect(store.list('m1').map((v) => v.label)).toEqual(['auto 1', 'named 1', 'named 0']);
		store.add('m1', big('named 2', false));
		expect(store.list('m1').map((v) => v.label)).toEqual(['named 2', 'named 1', 'named 0']);
		store.add('m1', { ...version('huge', false), state: new Uint8Array(5000) });
		expect(store.list('m1').map((v) => v.label)).toEqual(['huge']);
		store.close();
	});

	it('R151: versions survive closing and reopening the database; a damaged one is refused', () => {
		const dir = tempDir();
		const first = new SqliteVersionStore(dir);
		const info = first.add('m1', { ...version('keep', false), state: new Uint8Array([1, 2, 3]) });
		first.close();
		const again = new SqliteVersionStore(dir);
		expect(again.list('m1')).toEqual([info]);
		expect(again.get('m1', info.id)).toEqual({ info, state: new Uint8Array([1, 2, 3]) });
		expect(again.get('m2', info.id)).toBeNull();
		again.close();
	});
});

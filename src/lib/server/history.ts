import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { isId, type ArgMap } from '../model';
import { diffMaps, isEmptyDiff } from '../model/diff';
import { describeDiff } from '../model/diff-text';
import { NAME_MAX } from '../sync/presence';
import { readMap } from '../sync/read';
import { ACTIVITY_LINES, type Person, type VersionInfo, type VersionStore } from './versions';

/** When the server saves versions and closes activity entries on its own (R146, R152). */
export interface HistoryTiming {
	/** Quiet after the last edit before an automatic version is saved (ms). */
	quietMs: number;
	/** Longest continuous editing without an automatic version (ms). */
	maxBurstMs: number;
	/** Least time between two automatic versions of one map (ms). */
	minGapMs: number;
	/** Quiet after which an activity entry is written (ms). */
	activityQuietMs: number;
	/** An activity entry this old is written when someone else starts editing, so each names its editor (ms). */
	activitySwitchMs: number;
	/** Longest an activity entry stays open under continuous editing (ms). */
	activityMaxMs: number;
}

export const DEFAULT_HISTORY_TIMING: HistoryTiming = {
	quietMs: 60_000,
	maxBurstMs: 10 * 60_000,
	minGapMs: 5 * 60_000,
	activityQuietMs: 5_000,
	activitySwitchMs: 2_000,
	activityMaxMs: 60_000
};

/** What the sync server tells the history of each edit (see {@link HistoryRecorder}). */
export interface HistoryHooks {
	before(room: string, doc: Y.Doc, person: Person | null): void;
	changed(room: string, person: Person | null, byClient: boolean): void;
}

/** Edits whose author's presence was not known (yet): a client that never announced itself. */
export const SOMEONE: Person = { id: '', name: 'Someone' };

/** Longest label of a saved version. */
export const LABEL_MAX = 100;

export interface HistoryDeps {
	store: VersionStore;
	/** Runs `fn` on the room's live document, loading it if needed (SyncServer.withRoom). */
	withDoc<T>(room: string, fn: (doc: Y.Doc) => T): Promise<T>;
	now(): number;
	log(msg: string): void;
	timing?: Partial<HistoryTiming>;
}

/** The person behind a connection, from the awareness states it announced (untrusted, checked). */
export function personOf(awareness: Awareness, clientIds: Iterable<number>): Person | null {
	const states = awareness.getStates();
	for (const clientId of clientIds) {
		const user = (states.get(clientId) as { user?: Record<string, unknown> } | undefined)?.user;
		if (!user || !isId(user.id) || typeof user.name !== 'string' || !user.name.trim()) continue;
		return { id: user.id, name: user.name.trim().slice(0, NAME_MAX) };
	}
	return null;
}

/** Activity being gathered: the map when it began and who edited since. */
interface ActivityWindow {
	baseline: ArgMap;
	people: Map<string, Person>;
	opened: number;
	lastPerson: string;
	timer?: NodeJS.Timeout;
}

/** What a room has done since its last version. */
interface Pending {
	editors: Map<string, Person>;
	/** First and last edit since the last version (ms), or null when there is none. */
	dirtySince: number | null;
	lastEdit: number;
	lastAuto: number | undefined;
	timer?: NodeJS.Timeout;
	window?: ActivityWindow;
}

/** The map and its encoded state, read from a live document. */
function capture(doc: Y.Doc) {
	return { state: Y.encodeStateAsUpdate(doc), map: readMap(doc).map };
}

/** Whether a stored state holds exactly what `doc` holds: same insertions and deletions. */
function sameContent(state: Uint8Array, doc: Y.Doc): boolean {
	const stored = new Y.Doc();
	try {
		Y.applyUpdate(stored, state);
		return Y.equalSnapshots(Y.snapshot(stored), Y.snapshot(doc));
	} finally {
		stored.destroy();
	}
}

/**
 * Watches edits as they reach the server and keeps each map's history: an automatic version after a
 * burst of editing, versions saved on demand, and an activity feed of who changed what.
 */
export class HistoryRecorder implements HistoryHooks {
	private readonly rooms = new Map<string, Pending>();
	private readonly timing: HistoryTiming;
	/**
	 * The map of one room as it was before the update being applied, while no activity entry is open
	 * there: the start of the entry that update opens, if it changes anything. One slot, reused while the
	 * room does not change (reconnecting clients re-send what the server already has).
	 */
	private baseline: { room: string; map: ArgMap } | undefined;

	constructor(private readonly deps: HistoryDeps) {
		this.timing = { ...DEFAULT_HISTORY_TIMING, ...deps.timing };
	}

	private pending(room: string): Pending {
		let p = this.rooms.get(room);
		if (!p) {
			const lastAuto = this.deps.store.list(room).find((v) => v.auto)?.createdAt;
			p = { editors: new Map(), dirtySince: null, lastEdit: 0, lastAuto };
			this.rooms.set(room, p);
		}
		return p;
	}

	/**
	 * A client's update is about to be applied to `doc`. Keeps the map as it is now, in case the update
	 * opens an activity entry, and closes the open entry when someone else starts editing. Cheap when an
	 * entry is open; one read of the map otherwise. Never throws: history must not stand in the way of an edit.
	 */
	before(room: string, doc: Y.Doc, person: Person | null): void {
		try {
			const who = person ?? SOMEONE;
			const p = this.rooms.get(room);
			const w = p?.window;
			const age = w ? this.deps.now() - w.opened : 0;
			const switched = w?.lastPerson !== who.id && age >= this.timing.activitySwitchMs;
			if (p && w && (switched || age >= this.timing.activityMaxMs)) {
				// Someone else starts editing: what came before is the previous editor's.
				const map = readMap(doc).map;
				this.closeWindow(room, p, map);
				this.baseline = { room, map };
			} else if (!w && this.baseline?.room !== room) {
				this.baseline = { room, map: readMap(doc).map };
			}
		} catch (error) {
			this.deps.log(`history of ${room}: ${errorText(error)}`);
		}
	}

	/**
	 * The map's document changed: by a client's update (after {@link before}), or by the server itself
	 * (`byClient` false), which counts for no one. Never throws.
	 */
	changed(room: string, person: Person | null, byClient: boolean): void {
		try {
			const baseline = this.baseline?.room === room ? this.baseline.map : undefined;
			if (this.baseline?.room === room) this.baseline = undefined;
			if (!byClient) return;
			const who = person ?? SOMEONE;
			const now = this.deps.now();
			const p = this.pending(room);
			p.editors.set(who.id, who);
			p.dirtySince ??= now;
			p.lastEdit = now;
			this.scheduleVersion(room, p);
			if (!p.window && !baseline) return;
			const window: ActivityWindow = (p.window ??= {
				baseline: baseline!,
				people: new Map(),
				opened: now,
				lastPerson: who.id
			});
			window.people.set(who.id, who);
			window.lastPerson = who.id;
			clearTimeout(window.timer);
			window.timer = setTimeout(() => void this.flushActivity(room), this.timing.activityQuietMs);
			window.timer.unref();
		} catch (error) {
			this.deps.log(`history of ${room}: ${errorText(error)}`);
		}
	}

	private scheduleVersion(room: string, p: Pending): void {
		const t = this.timing;
		let due = Math.min(p.lastEdit + t.quietMs, (p.dirtySince ?? p.lastEdit) + t.maxBurstMs);
		if (p.lastAuto !== undefined) due = Math.max(due, p.lastAuto + t.minGapMs);
		clearTimeout(p.timer);
		p.timer = setTimeout(() => void this.saveAuto(room), Math.max(0, due - this.deps.now()));
		p.timer.unref();
	}

	private closeWindow(room: string, p: Pending, now: ArgMap): void {
		const w = p.window;
		if (!w) return;
		clearTimeout(w.timer);
		p.window = undefined;
		const diff = diffMaps(w.baseline, now);
		if (isEmptyDiff(diff)) return;
		const lines = describeDiff(diff, w.baseline, now).map((l) => l.text);
		this.deps.store.addActivity(room, {
			time: this.deps.now(),
			people: [...w.people.values()],
			lines: lines.slice(0, ACTIVITY_LINES),
			more: Math.max(0, lines.length - ACTIVITY_LINES)
		});
	}

	private async flushActivity(room: string): Promise<void> {
		const p = this.rooms.get(room);
		if (!p?.window) return;
		try {
			const map = await this.deps.withDoc(room, (doc) => readMap(doc).map);
			this.closeWindow(room, p, map);
			this.forgetIfIdle(room, p);
		} catch (error) {
			p.window = undefined;
			this.deps.log(`history of ${room}: activity not recorded (${errorText(error)})`);
		}
	}

	/** Saves an automatic version unless the map is unchanged since the newest version. */
	private async saveAuto(room: string): Promise<void> {
		const p = this.rooms.get(room);
		if (!p || p.dirtySince === null) return;
		clearTimeout(p.timer);
		try {
			const latest = this.deps.store.latest(room);
			const { state, map, unchanged } = await this.deps.withDoc(room, (doc) => ({
				...capture(doc),
				unchanged: latest !== null && sameContent(latest.state, doc)
			}));
			if (!unchanged) this.store(room, p, { label: '', auto: true, savedBy: null }, state, map);
			else this.reset(p);
			this.forgetIfIdle(room, p);
		} catch (error) {
			this.deps.log(`history of ${room}: automatic version not saved (${errorText(error)})`);
		}
	}

	private store(
		room: string,
		p: Pending,
		meta: { label: string; auto: boolean; savedBy: Person | null },
		state: Uint8Array,
		map: ArgMap
	): VersionInfo {
		const createdAt = this.deps.now();
		const info = this.deps.store.add(room, {
			...meta,
			createdAt,
			editors: [...p.editors.values()],
			title: map.title,
			claims: map.claims.length,
			relations: map.relations.length,
			state
		});
		if (meta.auto) p.lastAuto = createdAt;
		this.reset(p);
		return info;
	}

	/** A room with nothing pending is forgotten, so memory does not grow with every map ever edited. */
	private forgetIfIdle(room: string, p: Pending): void {
		if (p.dirtySince === null && !p.window && this.rooms.get(room) === p) this.rooms.delete(room);
	}

	private reset(p: Pending): void {
		clearTimeout(p.timer);
		p.editors.clear();
		p.dirtySince = null;
	}

	/** "Save version": stores the map as it is now, with a label and who saved it (R145). */
	async save(room: string, label: string, savedBy: Person | null): Promise<VersionInfo> {
		const { state, map } = await this.deps.withDoc(room, capture);
		return this.store(room, this.pending(room), { label, auto: false, savedBy }, state, map);
	}

	/** Writes what is pending (activity and automatic versions) now, e.g. before the server stops. */
	async flush(): Promise<void> {
		for (const room of [...this.rooms.keys()]) {
			await this.flushActivity(room);
			await this.saveAuto(room);
		}
	}

	/** Stops every timer; pending history is dropped (call {@link flush} first to keep it). */
	close(): void {
		for (const p of this.rooms.values()) {
			clearTimeout(p.timer);
			clearTimeout(p.window?.timer);
		}
		this.rooms.clear();
	}

	/** Forgets a map's pending history (it was purged). */
	forget(room: string): void {
		if (this.baseline?.room === room) this.baseline = undefined;
		const p = this.rooms.get(room);
		if (p) {
			clearTimeout(p.timer);
			clearTimeout(p.window?.timer);
			this.rooms.delete(room);
		}
	}
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

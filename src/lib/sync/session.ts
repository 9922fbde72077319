import * as Y from 'yjs';
import { planCommand, type ArgMap, type Command, type Op, type Result } from '../model';
import { applyOpsToDoc } from './apply';
import { ReadCache, readMap } from './read';
import { parts } from './schema';

type Listener = (map: ArgMap) => void;

/** Marks the ids (keys of the claims or relations map) whose entries these events touched. */
function markDirty(events: Y.YEvent<Y.AbstractType<unknown>>[], dirty: Set<string>) {
	for (const event of events) {
		const top = event.path[0];
		if (typeof top === 'string') dirty.add(top);
		else if (event instanceof Y.YMapEvent) for (const key of event.keysChanged) if (key) dirty.add(key);
	}
}

/**
 * One person's handle on a shared map: the derived map (one snapshot per transaction), commands applied
 * with this session's own origin, and an undo manager that only tracks that origin (R16).
 */
export class MapSession {
	/** Marks this session's own transactions; remote and other sessions' changes carry other origins. */
	readonly origin = { session: Symbol('local') };
	readonly undoManager: Y.UndoManager;
	#map: ArgMap;
	#dropped: string[] = [];
	#listeners = new Set<Listener>();
	#onTransaction = () => this.#refresh();
	/** Unchanged claims and relations keep their objects from one snapshot to the next. */
	#cache = new ReadCache();
	/** Open `group` calls: their commands merge into one undo step. */
	#grouping = 0;
	#markClaims = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => markDirty(events, this.#cache.dirtyClaims);
	#markRelations = (events: Y.YEvent<Y.AbstractType<unknown>>[]) =>
		markDirty(events, this.#cache.dirtyRelations);

	constructor(readonly doc: Y.Doc = new Y.Doc()) {
		const { meta, claims, relations } = parts(doc);
		this.undoManager = new Y.UndoManager([meta, claims, relations], {
			trackedOrigins: new Set([this.origin]),
			captureTimeout: 500
		});
		const read = readMap(doc, this.#cache);
		this.#map = read.map;
		this.#dropped = read.dropped;
		// Deep observers run before 'afterTransaction', so the ids are marked when the snapshot is read.
		claims.observeDeep(this.#markClaims);
		relations.observeDeep(this.#markRelations);
		doc.on('afterTransaction', this.#onTransaction);
	}

	get map(): ArgMap {
		return this.#map;
	}

	/** Entries of the document that failed validation and are not shown. */
	get dropped(): readonly string[] {
		return this.#dropped;
	}

	#refresh() {
		const read = readMap(this.doc, this.#cache);
		this.#map = read.map;
		this.#dropped = read.dropped;
		for (const listener of this.#listeners) listener(read.map);
	}

	/** Calls `listener` with the current map now and after every change, local or remote. */
	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		listener(this.#map);
		return () => this.#listeners.delete(listener);
	}

	/** Plans a command against the current map and applies it in one transaction, or refuses it unchanged. */
	dispatch(command: Command): Result<Op[]> {
		const plan = planCommand(this.#map, command);
		if (!plan.ok || plan.value.length === 0) return plan;
		// Typing merges into one undo step per pause; every other command is a step of its own,
		// except inside a group (see `group`).
		const discrete = command.type !== 'editText' && this.#grouping === 0;
		if (discrete) this.undoManager.stopCapturing();
		applyOpsToDoc(this.doc, plan.value, this.origin);
		if (discrete) this.undoManager.stopCapturing();
		return plan;
	}

	/**
	 * Runs `work`, whose commands, even when spread over several frames so that no task blocks the page
	 * for long, are undone and redone as one step (R9).
	 */
	async group<T>(work: () => Promise<T>): Promise<T> {
		const undo = this.undoManager;
		undo.stopCapturing();
		const timeout = undo.captureTimeout;
		undo.captureTimeout = Infinity;
		this.#grouping++;
		try {
			return await work();
		} finally {
			this.#grouping--;
			undo.captureTimeout = timeout;
			undo.stopCapturing();
		}
	}

	destroy() {
		this.doc.off('afterTransaction', this.#onTransaction);
		const { claims, relations } = parts(this.doc);
		claims.unobserveDeep(this.#markClaims);
		relations.unobserveDeep(this.#markRelations);
		this.undoManager.destroy();
		this.#listeners.clear();
	}
}

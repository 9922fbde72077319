import type { Awareness } from 'y-protocols/awareness';
import { isId } from '../model';
import { isStance, type Stance } from '../model/debate';

/** What each person shares about themselves: presence, never stored in the map (awareness). */
export interface Presence {
	/** The person's stable id (kept in their browser): votes, comments and history name people by it. */
	person: string;
	name: string;
	colour: string;
	selection: string[];
	/** Pointer in map coordinates, null when outside the map. */
	pointer: { x: number; y: number } | null;
	/** The centre of the visible area in map coordinates and the zoom, for "follow". */
	view: { x: number; y: number; zoom: number } | null;
	/** The side the person argues in a debate (R115); absent until they pick one. */
	side?: Stance;
}

export interface Participant extends Presence {
	clientId: number;
	self: boolean;
}

/** Readable, distinct colours for people (contrast checked against white and the claim fills). */
export const PALETTE = [
	'#1565c0',
	'#6a1b9a',
	'#00838f',
	'#ef6c00',
	'#ad1457',
	'#2e7d32',
	'#4e342e',
	'#283593'
];
/** Longest display name kept. */
export const NAME_MAX = 40;
/** Pointer updates sent at most this often (ms): smooth enough to follow, small on the wire. */
export const POINTER_INTERVAL_MS = 80;
/** Most selected claims shared (a box selection of a huge map is not worth sending in full). */
const SELECTION_MAX = 200;

export const colourFor = (clientId: number) => PALETTE[clientId % PALETTE.length]!;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e7;

/** Validates another client's awareness state (untrusted, R13): anything malformed is left out. */
export function parsePresence(raw: unknown, clientId: number): Presence | undefined {
	if (typeof raw !== 'object' || raw === null) return undefined;
	const s = raw as Record<string, unknown>;
	const user = (s.user ?? {}) as Record<string, unknown>;
	if (typeof user.name !== 'string' || !user.name.trim()) return undefined;
	const pointer = s.pointer as Record<string, unknown> | null | undefined;
	const view = s.view as Record<string, unknown> | null | undefined;
	return {
		person: isId(user.id) ? user.id : `client-${clientId}`,
		name: user.name.trim().slice(0, NAME_MAX),
		colour:
			typeof user.colour === 'string' && PALETTE.includes(user.colour) ? user.colour : colourFor(clientId),
		selection: Array.isArray(s.selection) ? s.selection.filter(isId).slice(0, SELECTION_MAX) : [],
		pointer: pointer && finite(pointer.x) && finite(pointer.y) ? { x: pointer.x, y: pointer.y } : null,
		view:
			view && finite(view.x) && finite(view.y) && finite(view.zoom) && view.zoom > 0
				? { x: view.x, y: view.y, zoom: view.zoom }
				: null,
		side: isStance(s.side) ? s.side : undefined
	};
}

/** Everyone present, this person first, then by name. */
export function participants(awareness: Awareness): Participant[] {
	const out: Participant[] = [];
	awareness.getStates().forEach((state, clientId) => {
		const p = parsePresence(state, clientId);
		if (p) out.push({ ...p, clientId, self: clientId === awareness.clientID });
	});
	return out.sort(
		(a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.clientId - b.clientId
	);
}

/**
 * This person's side of presence: name and colour, selection at once, pointer and view throttled to
 * {@link POINTER_INTERVAL_MS} so awareness traffic stays small.
 */
export class LocalPresence {
	#pending: Partial<Presence> = {};
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		readonly awareness: Awareness,
		name: string,
		readonly person: string
	) {
		awareness.setLocalState({
			user: { id: person, name, colour: colourFor(awareness.clientID) },
			selection: [],
			pointer: null,
			view: null
		});
	}

	setName(name: string) {
		const user = {
			id: this.person,
			name: name.trim().slice(0, NAME_MAX) || 'Guest',
			colour: colourFor(this.awareness.clientID)
		};
		this.awareness.setLocalStateField('user', user);
	}

	/** The side this person argues (R115), or none. */
	setSide(side: Stance | undefined) {
		this.awareness.setLocalStateField('side', side ?? null);
	}

	setSelection(ids: string[]) {
		this.awareness.setLocalStateField('selection', ids.slice(0, SELECTION_MAX));
	}

	/** Pointer and view: coalesced, at most one update per interval. */
	move(change: Pick<Partial<Presence>, 'pointer' | 'view'>) {
		Object.assign(this.#pending, change);
		if (this.#timer) return;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			const pending = this.#pending;
			this.#pending = {};
			const state = this.awareness.getLocalState();
			if (state) this.awareness.setLocalState({ ...state, ...pending });
		}, POINTER_INTERVAL_MS);
	}

	destroy() {
		clearTimeout(this.#timer);
		this.awareness.setLocalState(null);
	}
}

import { SvelteSet } from 'svelte/reactivity';
import {
	addUnder,
	byStructure,
	deriveSides,
	hiddenByCollapse,
	indexOf,
	isId,
	neighbourhoodOf,
	newId,
	type ArgMap,
	type ClaimKind,
	type Command,
	type RelationKind,
	type Side
} from '$lib/model';
import { connect, syncUrl, type Connection, type ConnectionState } from '$lib/sync/connection';
import { LocalPresence, participants, type Participant } from '$lib/sync/presence';
import { parseLinkFragment, type LinkAccess } from '$lib/sync/link';
import { MapSession } from '$lib/sync/session';
import { EMPTY_VOTES, ratingsFrom, setVote, voteOf, watchVotes, readVotes } from '$lib/sync/votes';
import { evaluator, type Evaluation, type Ratings } from '$lib/model/evaluate';
import type { GraphView, MenuTarget } from '$lib/view/graph-view';
import { Debate } from './debate.svelte';
import { rememberMap } from './known-maps';
import { tidyLayout } from './tidy';
import type { Action } from './shortcuts';

/** Where this browser keeps the person's display name. */
const NAME_KEY = 'argmap:name';
/** Where this browser keeps the person's stable id (votes, comments and history are by person). */
const PERSON_KEY = 'argmap:person';

function personIdOf(storage: Storage): string {
	const stored = storage.getItem(PERSON_KEY);
	if (isId(stored)) return stored;
	const id = newId('p');
	storage.setItem(PERSON_KEY, id);
	return id;
}

const NEW_TEXT: Record<ClaimKind, string> = {
	question: 'New question',
	thesis: 'New thesis',
	claim: 'New claim',
	evidence: 'New evidence'
};

/**
 * The editor's state for one open map: the shared map (a read-only snapshot per change), this person's
 * selection, view state and messages. Components read it and call its methods; the rules live in the
 * model, the drawing in the view.
 */
export class Editor {
	map = $state.raw<ArgMap>({ title: '', claims: [], relations: [] });
	/** Each claim's side (R8), kept (the same object) while typing or moving changes no relation. */
	#sides = byStructure(deriveSides);
	sides = $derived<ReadonlyMap<string, Side>>(this.#sides(this.map));
	selected = $state<string[]>([]);
	selectedRelation = $state<string | undefined>();
	connection = $state<ConnectionState>({ status: 'connecting', pending: 0, localLoaded: false });
	people = $state.raw<Participant[]>([]);
	/** The person whose view this one follows (their client id). */
	following = $state<number | undefined>();
	/** This person's display name, kept in this browser. */
	name = $state('');
	/** True until the person has chosen a name (or dismissed the question) once. */
	askName = $state(false);
	/** The last refused action's reason, shown until the next action. */
	message = $state('');
	/** Bumped when the text field should take focus (a new claim, Enter, a double-click). */
	focusText = $state(0);
	/** The claim being edited in place on the canvas. */
	editing = $state<string | undefined>();
	collapsed = new SvelteSet<string>();
	focusId = $state<string | undefined>();
	query = $state('');
	matchIndex = $state(0);
	menu = $state<MenuTarget | undefined>();
	/** A connection drawn on the canvas, waiting for its kind. */
	pendingConnect = $state<{ from: string; to: string; x: number; y: number } | undefined>();
	helpOpen = $state(false);
	/** The open tab of the panel beside the map (see side-panels.ts). */
	sidePanel = $state('details');
	canUndo = $state(false);
	/** Everyone's votes, one snapshot per transaction that changed a vote (R100). */
	votes = $state.raw(EMPTY_VOTES);
	/** The ratings of the claims and relations on the map, normalised to [0, 1]. */
	ratings = $derived<Ratings>(ratingsFrom(this.votes, this.map));
	/** Strengths and acceptance, recomputed as anyone edits or votes (R102-R104); kept while only texts or places change. */
	#evaluate = evaluator();
	evaluation = $derived<Evaluation>(this.#evaluate(this.map, this.ratings));
	/** Whether the diagram shows strengths and labels (R107); this person's view only. */
	showEvaluation = $state(false);
	canRedo = $state(false);
	/** Claims not drawn: under a collapsed claim, or outside the focused claim's neighbourhood (R24). */
	hidden = $derived.by(() => {
		const hidden = hiddenByCollapse(this.map, this.collapsed);
		if (this.focusId) {
			const keep = neighbourhoodOf(this.map, this.focusId);
			for (const c of this.map.claims) if (!keep.has(c.id)) hidden.add(c.id);
		}
		for (const id of this.debate.hidden) hidden.add(id);
		return hidden;
	});
	matches = $derived.by(() => {
		const q = this.query.trim().toLowerCase();
		return q
			? this.map.claims.filter((c) => c.text.toLowerCase().includes(q)).map((c) => c.id as string)
			: [];
	});
	view: GraphView | undefined;
	/** This person's stable id, kept in this browser (R29). */
	readonly personId: string;
	readonly access: LinkAccess | undefined;
	readonly session: MapSession;
	readonly presence: LocalPresence;
	/** Debate preparation: this person's side, the side filter, presentation mode (R115-R129). */
	readonly debate: Debate;
	#connection: Connection;
	#unsubscribe: () => void;
	#unwatchVotes: () => void;

	constructor(readonly id: string) {
		this.access = parseLinkFragment(location.hash);
		this.session = new MapSession();
		this.#unsubscribe = this.session.subscribe((map) => {
			if (map.title !== this.map.title && map.claims.length > 0) {
				rememberMap({ id, title: map.title, link: location.pathname + location.hash, openedAt: Date.now() });
			}
			this.map = map;
			const { claims, relations } = indexOf(map);
			const present = (cid: string) => claims.has(cid as ArgMap['claims'][number]['id']);
			if (!this.selected.every(present)) this.selected = this.selected.filter(present);
			if (this.selectedRelation && !relations.has(this.selectedRelation as never))
				this.selectedRelation = undefined;
		});
		this.votes = readVotes(this.session.doc);
		this.#unwatchVotes = watchVotes(this.session.doc, (votes) => (this.votes = votes));
		const undo = this.session.undoManager;
		const refreshUndo = () => {
			this.canUndo = undo.canUndo();
			this.canRedo = undo.canRedo();
		};
		undo.on('stack-item-added', refreshUndo);
		undo.on('stack-item-popped', refreshUndo);
		undo.on('stack-cleared', refreshUndo);
		this.#connection = connect(this.session.doc, {
			url: syncUrl(location),
			room: id,
			token: this.access?.token
		});
		this.#connection.onState((s) => {
			if (s.closedReason && s.closedReason !== this.connection.closedReason) {
				this.message = `Disconnected: ${s.closedReason}. Your changes stay in this browser; ask for a current link.`;
			}
			this.connection = s;
		});
		const stored = localStorage.getItem(NAME_KEY);
		this.askName = !stored;
		this.name = stored ?? `Guest ${Math.floor(10 + Math.random() * 90)}`;
		const awareness = this.#connection.provider.awareness;
		this.personId = personIdOf(localStorage);
		this.presence = new LocalPresence(awareness, this.name, this.personId);
		this.debate = new Debate(this);
		const refreshPeople = () => (this.people = participants(awareness));
		awareness.on('change', refreshPeople);
		refreshPeople();
	}

	get status() {
		return this.connection.status;
	}

	/** Sets the name others see, remembered in this browser. */
	setName(name: string) {
		this.name = name.trim().slice(0, 40) || this.name;
		localStorage.setItem(NAME_KEY, this.name);
		this.askName = false;
		this.presence.setName(this.name);
	}

	get readOnly() {
		return this.access?.access === 'view';
	}

	get selectedClaim() {
		const id = this.selected.length === 1 ? this.selected[0] : undefined;
		return this.map.claims.find((c) => c.id === id);
	}

	/** Runs a command; a refusal is shown to the person and changes nothing (R10). */
	run(command: Command): boolean {
		if (this.readOnly) {
			this.message = 'This is a view-only link: ask for the edit link to change the map';
			return false;
		}
		const result = this.session.dispatch(command);
		this.message = result.ok ? '' : result.error.message;
		return result.ok;
	}

	/** Sets (0..4) or removes (undefined) this person's vote on a claim or relation (R100). */
	vote(targetId: string, value: number | undefined) {
		if (this.readOnly) {
			this.message = 'This is a view-only link: ask for the edit link to vote';
			return;
		}
		setVote(this.session.doc, this.session.origin, this.personId, targetId, value);
	}

	/** This person's own vote on a claim or relation, if any. */
	myVote(targetId: string): number | undefined {
		return voteOf(this.votes, this.personId, targetId);
	}

	select(ids: string[]) {
		this.selected = ids;
		if (ids.length) this.selectedRelation = undefined;
		this.presence.setSelection(ids);
	}

	selectRelation(id: string | undefined) {
		this.selectedRelation = id;
		if (id) this.selected = [];
	}

	#added(id: string) {
		this.select([id]);
		this.focusText++;
	}

	addUnder(parentId: string, relation: 'supports' | 'attacks', kind: 'claim' | 'evidence' = 'claim') {
		const command = addUnder(this.map, parentId, relation, kind);
		if (command.type === 'addClaim' && this.run(command)) this.#added(command.claim.id);
	}

	/** Adds a claim not yet connected to anything, at `at` or in the middle of the screen. */
	addFree(kind: ClaimKind, at = this.view?.viewCentre() ?? { x: 0, y: 0 }) {
		const id = newId('c');
		if (this.run({ type: 'addClaim', claim: { id, kind, text: NEW_TEXT[kind], ...at } })) this.#added(id);
	}

	/** Adds an objection to the inference of a supporting or attacking relation (an undercut). */
	undercut(relationId: string) {
		const index = indexOf(this.map);
		const r = index.relations.get(relationId as never);
		const a = r && index.claims.get(r.from);
		const b = r && index.claims.get(r.to as never);
		const at =
			a && b
				? { x: Math.round(((a.x ?? 0) + (b.x ?? 0)) / 2) + 260, y: Math.round(((a.y ?? 0) + (b.y ?? 0)) / 2) }
				: undefined;
		const id = newId('c');
		const ok = this.run({
			type: 'addClaim',
			claim: { id, kind: 'claim', text: 'New objection to this inference', ...at },
			link: { id: newId('r'), kind: 'undercuts', to: relationId }
		});
		if (ok) this.#added(id);
	}

	connect(from: string, to: string, kind: RelationKind) {
		this.pendingConnect = undefined;
		if (this.run({ type: 'connect', id: newId('r'), kind, from, to })) this.select([from]);
	}

	deleteSelection() {
		if (this.selected.length > 0) {
			if (this.run({ type: 'deleteClaims', ids: this.selected })) this.select([]);
		} else if (this.selectedRelation) {
			if (this.run({ type: 'deleteRelations', ids: [this.selectedRelation] }))
				this.selectedRelation = undefined;
		}
	}

	undo() {
		if (!this.readOnly) this.session.undoManager.undo();
	}

	redo() {
		if (!this.readOnly) this.session.undoManager.redo();
	}

	/** Re-runs the automatic layout for the whole map, as one undoable change (R9, tidy.ts). */
	tidy() {
		return tidyLayout(this);
	}

	toggleCollapse(id: string) {
		if (this.collapsed.has(id)) this.collapsed.delete(id);
		else this.collapsed.add(id);
	}

	toggleFocus(id: string | undefined) {
		this.focusId = this.focusId === id ? undefined : id;
		queueMicrotask(() => this.view?.fit());
	}

	/** Moves to the next (or previous) search result, selecting it and bringing it into view. */
	nextMatch(step = 1) {
		if (this.matches.length === 0) return;
		this.matchIndex = (this.matchIndex + step + this.matches.length) % this.matches.length;
		const id = this.matches[this.matchIndex]!;
		this.select([id]);
		this.view?.centreOn(id);
	}

	/** Carries out a keyboard shortcut's action (R25); returns false when it does not apply now. */
	perform(action: Action): boolean {
		const one = this.selectedClaim?.id;
		const editing = !this.readOnly;
		switch (action) {
			case 'addSupport':
			case 'addAttack':
			case 'addEvidence':
				if (!one || !editing) return false;
				this.addUnder(
					one,
					action === 'addAttack' ? 'attacks' : 'supports',
					action === 'addEvidence' ? 'evidence' : 'claim'
				);
				return true;
			case 'addClaim':
				if (editing) this.addFree('claim');
				return editing;
			case 'edit':
				if (!one || !editing) return false;
				this.editing = one;
				return true;
			case 'delete':
				this.deleteSelection();
				return true;
			case 'undo':
				this.undo();
				return true;
			case 'redo':
				this.redo();
				return true;
			case 'collapse':
				if (one) this.toggleCollapse(one);
				return !!one;
			case 'focus':
				this.toggleFocus(one);
				return true;
			case 'tidy':
				if (editing) this.tidy();
				return editing;
			case 'fit':
				this.view?.fit();
				return true;
			case 'zoomIn':
			case 'zoomOut':
				this.view?.zoomBy(action === 'zoomIn' ? 1.25 : 0.8);
				return true;
			case 'help':
				this.helpOpen = true;
				return true;
			case 'escape':
				if (this.menu || this.pendingConnect) [this.menu, this.pendingConnect] = [undefined, undefined];
				else if (this.following !== undefined) this.following = undefined;
				else if (this.focusId) this.focusId = undefined;
				else this.select([]);
				return true;
			default:
				return false;
		}
	}

	destroy() {
		this.presence.destroy();
		this.#unsubscribe();
		this.#unwatchVotes();
		this.#connection.destroy();
		this.session.destroy();
		this.session.doc.destroy();
	}
}

import { addUnder, deriveSides, indexOf, type ArgMap, type Command, type Side } from '$lib/model';
import { connect, syncUrl, type Connection, type ConnectionStatus } from '$lib/sync/connection';
import { parseLinkFragment, type LinkAccess } from '$lib/sync/link';
import { MapSession } from '$lib/sync/session';
import { rememberMap } from './known-maps';

/**
 * The editor's state for one open map: the shared map (read-only snapshot per change), this person's
 * selection and messages. Components read it and call its methods; the rules live in the model.
 */
export class Editor {
	map = $state.raw<ArgMap>({ title: '', claims: [], relations: [] });
	sides = $derived<ReadonlyMap<string, Side>>(deriveSides(this.map));
	selected = $state<string[]>([]);
	status = $state<ConnectionStatus>('connecting');
	/** The last refused action's reason, shown until the next action. */
	message = $state('');
	/** Set when the text field should take focus (a new claim, a double-click). */
	focusText = $state(0);
	readonly access: LinkAccess | undefined;
	readonly session: MapSession;
	#connection: Connection;
	#unsubscribe: () => void;

	constructor(readonly id: string) {
		this.access = parseLinkFragment(location.hash);
		this.session = new MapSession();
		this.#unsubscribe = this.session.subscribe((map) => {
			if (map.title !== this.map.title) {
				rememberMap({ id, title: map.title, link: location.pathname + location.hash, openedAt: Date.now() });
			}
			this.map = map;
			const { claims } = indexOf(map);
			const present = (id: string) => claims.has(id as ArgMap['claims'][number]['id']);
			if (!this.selected.every(present)) this.selected = this.selected.filter(present);
		});
		this.#connection = connect(this.session.doc, {
			url: syncUrl(location),
			room: id,
			token: this.access?.token
		});
		this.#connection.onStatus((s) => (this.status = s));
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
		const result = this.session.dispatch(command);
		this.message = result.ok ? '' : result.error.message;
		return result.ok;
	}

	addUnder(parentId: string, relation: 'supports' | 'attacks', kind: 'claim' | 'evidence' = 'claim') {
		const command = addUnder(this.map, parentId, relation, kind);
		if (command.type === 'addClaim' && this.run(command)) {
			this.selected = [command.claim.id];
			this.focusText++;
		}
	}

	deleteSelected() {
		if (this.selected.length > 0 && this.run({ type: 'deleteClaims', ids: this.selected }))
			this.selected = [];
	}

	destroy() {
		this.#unsubscribe();
		this.#connection.destroy();
		this.session.destroy();
		this.session.doc.destroy();
	}
}

import type { ArgMap, Side } from '$lib/model';
import { caseOf, claimsOutside, isStance, restrictTo, type Stance } from '$lib/model/debate';
import type { LocalPresence } from '$lib/sync/presence';

/** Where this browser keeps the side a person argues on a map (one key per map). */
const STANCE_KEY = (mapId: string) => `argmap:side:${mapId}`;

/** What the debate state reads from the editor. */
export interface DebateHost {
	readonly id: string;
	readonly map: ArgMap;
	readonly sides: ReadonlyMap<string, Side>;
	readonly presence: LocalPresence;
}

/**
 * This person's debate preparation state (R115-R129): the side they argue (kept in this browser per map,
 * shared in presence), the side whose case the map shows, and the side being presented.
 */
export class Debate {
	/** The side this person argues, or none yet. */
	stance = $state<Stance | undefined>();
	/** The side whose case is shown; undefined shows the whole map (R116). */
	filter = $state<Side | undefined>();
	/** The side being presented claim by claim (R124), undefined when not presenting. */
	presenting = $state<Side | undefined>();
	/** The claims of the shown case; undefined when the whole map is shown. */
	shown = $derived.by(() => (this.filter ? caseOf(this.host.map, this.host.sides, this.filter) : undefined));
	/** Claims hidden by the side filter (the editor adds them to collapsed and unfocused claims). */
	hidden = $derived.by(() => claimsOutside(this.host.map, this.shown));
	/** The map the outline lists: the shown case only, while a side filter is on. */
	outlineMap = $derived.by(() => (this.shown ? restrictTo(this.host.map, this.shown) : this.host.map));

	constructor(private readonly host: DebateHost) {
		let stored: string | null = null;
		try {
			stored = localStorage.getItem(STANCE_KEY(host.id));
		} catch {
			// Storage refused (private mode): the side lasts for this visit only.
		}
		if (isStance(stored)) this.setStance(stored);
	}

	/** Picks (or clears) the side this person argues: remembered here, shown to everyone (R115). */
	setStance(stance: Stance | undefined) {
		this.stance = stance;
		this.host.presence.setSide(stance);
		try {
			if (stance) localStorage.setItem(STANCE_KEY(this.host.id), stance);
			else localStorage.removeItem(STANCE_KEY(this.host.id));
		} catch {
			// As above: not remembered, still shared.
		}
	}

	/** The side a panel starts on: this person's own, else the one shown, else the thesis's. */
	get defaultSide(): Side {
		return this.stance === 'pro' || this.stance === 'con' ? this.stance : (this.filter ?? 'pro');
	}
}

import type { Core } from 'cytoscape';
import { setClass } from './classes';

/**
 * The marks drawn over the map's elements: hidden claims and the relations touching them (R24),
 * collapsed claims, search matches. Each is redrawn only when its input or the set of elements changed:
 * they are asked for again after every edit, and a keystroke must not walk the whole map (R22, R173).
 */
export class Marks {
	/** Bumped whenever elements are added or removed, or an edge's ends change. */
	#structure = 0;
	#last = new Map<string, string>();
	#count: { key: string; value: number } | undefined;

	constructor(private readonly cy: Core) {}

	/** Call after the elements changed in structure: every mark is drawn again next time. */
	structureChanged(): void {
		this.#structure++;
	}

	/** False when `mark` was last drawn with the same key on the same elements; notes the new key. */
	#changed(mark: string, key: string): boolean {
		const full = `${this.#structure}|${key}`;
		if (this.#last.get(mark) === full) return false;
		this.#last.set(mark, full);
		return true;
	}

	/** Hides claims and the relations touching them (and undercuts whose relation is hidden). */
	hide(ids: ReadonlySet<string>): void {
		if (!this.#changed('hidden', keyOf(ids))) return;
		const cy = this.cy;
		cy.batch(() => {
			cy.nodes('[kind != "junction"]').forEach((n) => setClass(n, 'hidden', ids.has(n.id())));
			cy.edges().forEach((e) => {
				setClass(e, 'hidden', ids.has(e.source().id()) || ids.has(e.target().id()));
			});
			cy.nodes('[kind = "junction"]').forEach((j) => {
				const hidden = cy.getElementById(j.data('relation')).hasClass('hidden');
				setClass(j, 'hidden', hidden);
				j.connectedEdges().forEach((u) => setClass(u, 'hidden', hidden || ids.has(u.source().id())));
			});
		});
	}

	/** Puts `cls` on exactly the claims in `ids`. */
	mark(cls: string, ids: ReadonlySet<string>): void {
		if (!this.#changed(cls, keyOf(ids))) return;
		this.cy.batch(() => this.cy.nodes().forEach((n) => setClass(n, cls, ids.has(n.id()))));
	}

	/** How many claims are drawn, not hidden. */
	visibleClaims(): number {
		const key = `${this.#structure}|${this.#last.get('hidden') ?? ''}`;
		if (this.#count?.key !== key) {
			const value = this.cy.nodes('[kind != "junction"]').filter((n) => !n.hasClass('hidden')).length;
			this.#count = { key, value };
		}
		return this.#count.value;
	}
}

const keyOf = (ids: ReadonlySet<string>) => [...ids].sort().join(' ');

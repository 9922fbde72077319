import cytoscape, { type Core, type ElementDefinition, type EventObject, type NodeSingular } from 'cytoscape';
import type { ArgMap, Side } from '../model';
import type { EvaluationOverlay } from './evaluation';
import { toElements } from './elements';
import { setClass, setData } from './classes';
import { restoreLabelWrapCache } from './label-cache';
import { poolMapLayers } from './layer-pool';
import { Lift } from './lift';
import { Motion } from './motion';
import { Marks } from './marks';
import { reconcile, type Changes } from './reconcile';
import { followMovedClaim } from './follow';
import { largeMapDrawing } from './renderer';
import { graphStyle } from './style';

export interface GraphCallbacks {
	/** The claims selected in the graph changed (by a click, a tap or a box selection). */
	onSelect(ids: string[]): void;
	/** The person dropped dragged claims: their new positions, written once at drag end (R18). */
	onMove(positions: { id: string; x: number; y: number }[]): void;
	/** A claim was double-clicked or double-tapped: open it for editing. */
	onOpen(id: string): void;
	/** The relation selected in the graph (undefined when none). */
	onSelectRelation?(id: string | undefined): void;
	/** Right click or long press: on a claim, a relation or the empty canvas, at a point on screen. */
	onMenu?(target: MenuTarget): void;
	/** The view moved or zoomed (overlays follow it). */
	onViewport?(): void;
}

export type MenuTarget =
	| { type: 'claim'; id: string; x: number; y: number }
	| { type: 'relation'; id: string; x: number; y: number }
	| { type: 'canvas'; x: number; y: number; at: { x: number; y: number } };

/** Padding around the map when fitted to the screen, in px. */
const FIT_PADDING = 32;
/** Fitting never zooms in further than this, so a map of two claims is not blown up. */
const FIT_MAX_ZOOM = 1.25;
/**
 * The Cytoscape adapter (xyflow habit: one object with update/destroy). `update(map)` reconciles
 * incrementally: only elements whose data or position changed are touched, in one batch (R22).
 */
export class GraphView {
	readonly cy: Core;
	#shown = new Map<string, ElementDefinition>();
	#callbacks: GraphCallbacks;
	#fitted = false;
	/** Set while this object changes the selection itself, so it does not report it back as a person's. */
	#selecting = false;
	#resize: ResizeObserver | undefined;
	/** Set while update() reconciles, which computes junction places and comb classes itself. */
	#updating = false;
	/** Hidden, collapsed and found claims, redrawn only when they change. */
	#marks: Marks;
	/** Claims being edited, drawn above the map so a keystroke redraws only them (R179). */
	#lift: Lift;
	/** Leaves relations out of the frames while many claims move (R180). */
	#motion: Motion;

	/** `container` null runs Cytoscape headless (tests, exports). */
	constructor(container: HTMLElement | null, callbacks: GraphCallbacks) {
		this.#callbacks = callbacks;
		this.cy = cytoscape({
			...(container ? { container } : { headless: true, styleEnabled: true }),
			style: graphStyle,
			minZoom: 0.08,
			maxZoom: 3,
			// Cytoscape 3.35 zooms 2.8% per mouse-wheel notch at 1; 2.5 makes it about 7% (R173)
			wheelSensitivity: 2.5,
			boxSelectionEnabled: true,
			selectionType: 'additive'
		});
		this.#marks = new Marks(this.cy);
		restoreLabelWrapCache(this.cy);
		poolMapLayers(this.cy);
		this.#lift = new Lift(this.cy);
		this.#motion = new Motion(this.cy);
		this.#listen();
		// Panels opening beside the map change its size without a window resize: tell Cytoscape.
		if (container && typeof ResizeObserver !== 'undefined') {
			let size = { w: container.clientWidth, h: container.clientHeight };
			this.#resize = new ResizeObserver(() => {
				const next = { w: container.clientWidth, h: container.clientHeight };
				this.cy.resize();
				// Keep what was in the middle in the middle.
				this.cy.panBy({ x: (next.w - size.w) / 2, y: (next.h - size.h) / 2 });
				size = next;
			});
			this.#resize.observe(container);
		}
	}

	#listen() {
		const cy = this.cy;
		const claims = 'node[kind != "junction"]';
		const selection = () => {
			if (!this.#selecting) this.#callbacks.onSelect(cy.$(`${claims}:selected`).map((n) => n.id()));
		};
		cy.on('select unselect', claims, selection);
		this.#lift.followSelection(claims);
		cy.on('dragfree', claims, (e: EventObject) => {
			const moved = (e.target as NodeSingular).selected() ? cy.$(`${claims}:selected`) : e.target;
			this.#callbacks.onMove(
				moved.map((n: NodeSingular) => ({
					id: n.id(),
					x: Math.round(n.position('x')),
					y: Math.round(n.position('y'))
				}))
			);
		});
		// update() places junctions and combs itself (toElements): only a person's drag needs this.
		cy.on('position', claims, (e: EventObject) => {
			if (!this.#updating) followMovedClaim(e.target as NodeSingular);
		});
		cy.on('dbltap', claims, (e: EventObject) => this.#callbacks.onOpen((e.target as NodeSingular).id()));
		const relations = 'edge';
		const relationSelection = () => {
			if (!this.#selecting)
				this.#callbacks.onSelectRelation?.(cy.$(`${relations}:selected`).first().id() || undefined);
		};
		cy.on('select unselect', relations, relationSelection);
		// Right click, and a long press on touch screens, open the menu of what is under the pointer.
		cy.on('cxttap taphold', (e: EventObject) => {
			const at = e.renderedPosition ?? { x: 0, y: 0 };
			const target = e.target;
			if (target === cy) {
				this.#callbacks.onMenu?.({ type: 'canvas', x: at.x, y: at.y, at: { ...e.position } });
			} else if (target.isNode?.() && target.data('kind') !== 'junction') {
				if (!target.selected()) {
					cy.$(':selected').unselect();
					target.select();
				}
				this.#callbacks.onMenu?.({ type: 'claim', id: target.id(), x: at.x, y: at.y });
			} else if (target.isEdge?.()) {
				cy.$(':selected').unselect();
				target.select();
				this.#callbacks.onMenu?.({ type: 'relation', id: target.id(), x: at.x, y: at.y });
			}
		});
		cy.on('viewport', () => this.#callbacks.onViewport?.());
	}

	#quietly(change: () => void) {
		this.#selecting = true;
		try {
			this.cy.batch(change);
		} finally {
			this.#selecting = false;
		}
	}

	/** The claim drawn under a point of the page (client coordinates), if any: the drop target of a connection. */
	claimAt(clientX: number, clientY: number): string | undefined {
		const rect = this.cy.container()?.getBoundingClientRect();
		if (!rect) return undefined;
		const pan = this.cy.pan();
		const zoom = this.cy.zoom();
		const x = (clientX - rect.left - pan.x) / zoom;
		const y = (clientY - rect.top - pan.y) / zoom;
		const hit = this.cy.nodes('[kind != "junction"]').filter((n) => {
			if (n.hasClass('hidden')) return false;
			const b = n.boundingBox({ includeLabels: false });
			return x >= b.x1 && x <= b.x2 && y >= b.y1 && y <= b.y2;
		});
		return hit.last().id() || undefined;
	}

	/** A point of the page (client coordinates) in map coordinates. */
	modelPoint(clientX: number, clientY: number): { x: number; y: number } {
		const rect = this.cy.container()?.getBoundingClientRect() ?? { left: 0, top: 0 };
		const pan = this.cy.pan();
		const zoom = this.cy.zoom();
		return { x: (clientX - rect.left - pan.x) / zoom, y: (clientY - rect.top - pan.y) / zoom };
	}

	/** A map point on screen, relative to the container. */
	renderedPoint(p: { x: number; y: number }): { x: number; y: number } {
		const pan = this.cy.pan();
		const zoom = this.cy.zoom();
		return { x: p.x * zoom + pan.x, y: p.y * zoom + pan.y };
	}

	/** Shows the map around a centre at a zoom (following a colleague's view). */
	showView(view: { x: number; y: number; zoom: number }) {
		const zoom = Math.min(this.cy.maxZoom(), Math.max(this.cy.minZoom(), view.zoom));
		this.cy.viewport({
			zoom,
			pan: { x: this.cy.width() / 2 - view.x * zoom, y: this.cy.height() / 2 - view.y * zoom }
		});
	}

	/** The visible area as a centre and zoom (what colleagues follow). */
	currentView(): { x: number; y: number; zoom: number } {
		return { ...this.viewCentre(), zoom: Math.round(this.cy.zoom() * 1000) / 1000 };
	}

	/** Outlines the claims other people have selected, in their colours (R29). */
	showPresence(entries: Iterable<readonly [string, string]>) {
		const selections = new Map(entries);
		const newly: string[] = [];
		this.cy.batch(() => {
			this.cy.nodes('.remote-selected').forEach((n) => {
				if (!selections.has(n.id())) setClass(n, 'remote-selected', false);
			});
			for (const [id, colour] of selections) {
				const n = this.cy.getElementById(id);
				if (n.empty()) continue;
				setData(n, 'remoteColour', colour);
				if (!n.hasClass('remote-selected')) newly.push(id);
				setClass(n, 'remote-selected', true);
			}
		});
		// A colleague who selects a claim is about to edit it: lift it now, while the map is redrawn for the mark anyway.
		this.#lift.touch(newly);
	}

	/** A claim's centre on screen, relative to the container. */
	renderedCentre(id: string): { x: number; y: number } | undefined {
		const node = this.cy.getElementById(id);
		return node.nonempty() ? node.renderedPosition() : undefined;
	}

	/** Hides claims (collapsed subtrees, focus mode) and the relations touching them (R24). */
	setHidden(ids: ReadonlySet<string>) {
		this.#marks.hide(ids);
	}

	/** Marks claims (search results), and the current one more strongly. */
	highlight(ids: ReadonlySet<string>, current?: string) {
		this.#marks.mark('match', ids);
		this.#marks.mark('current-match', new Set(current ? [current] : []));
	}

	/** Marks the claim a connection would be dropped on. */
	markDropTarget(id: string | undefined) {
		this.cy.batch(() => {
			this.cy.$('.drop-target').removeClass('drop-target');
			if (id) this.cy.getElementById(id).addClass('drop-target');
		});
	}

	/** Marks collapsed claims so people see there is more under them. */
	markCollapsed(ids: ReadonlySet<string>) {
		this.#marks.mark('collapsed', ids);
	}

	/** Selects a relation (from the inspector or a menu). */
	selectRelation(id: string | undefined) {
		const edge = id ? this.cy.getElementById(id) : undefined;
		if (edge?.selected()) return;
		this.#quietly(() => {
			this.cy.$('edge:selected').unselect();
			edge?.select();
		});
	}

	/** A claim's box on screen, relative to the container (for overlays: in-place editing, handles). */
	renderedBox(id: string): { x1: number; y1: number; x2: number; y2: number } | undefined {
		const node = this.cy.getElementById(id);
		return node.nonempty() && node.visible() ? node.renderedBoundingBox({ includeLabels: false }) : undefined;
	}

	/** Shows a map, touching only what changed since the last call. */
	update(map: ArgMap, evaluation?: EvaluationOverlay, sides?: ReadonlyMap<string, Side>) {
		const next = toElements(map, { evaluation, sides });
		const cy = this.cy;
		this.#updating = true;
		try {
			let structural = false;
			const changes: Changes = { changed: [], moved: 0 };
			cy.batch(() => (structural = reconcile(cy, this.#shown, next, changes)));
			this.#motion.moved(changes.moved, changes.changed);
			if (structural) {
				this.#lift.drop();
				this.#marks.structureChanged();
				largeMapDrawing(cy, map.claims.length);
			} else if (changes.changed.length) {
				this.#lift.touch(changes.changed);
			}
		} finally {
			this.#updating = false;
		}
		if (!this.#fitted && next.length > 0) {
			this.fit();
			this.#fitted = true;
		}
	}

	/**
	 * Shows claims at places the map has not stored yet (Tidy layout's steps, R182); the update() that
	 * stores them finds them there already. A claim being dragged stays under the pointer.
	 */
	preview(positions: readonly { id: string; x: number; y: number }[]) {
		const cy = this.cy;
		const ids: string[] = [];
		this.#updating = true;
		try {
			cy.batch(() => {
				for (const { id, x, y } of positions) {
					const node = cy.getElementById(id);
					if (node.empty() || node.grabbed()) continue;
					node.position({ x, y });
					ids.push(id);
				}
			});
		} finally {
			this.#updating = false;
		}
		this.#motion.moved(ids.length, ids);
		this.#lift.touch(ids);
	}

	/** How many claims are drawn (not hidden by a collapse or focus mode). */
	claimCount(): number {
		return this.#marks.visibleClaims();
	}

	/** Selects exactly these claims (selection coming from elsewhere: the inspector, the outline). */
	select(ids: readonly string[]) {
		const wanted = new Set(ids);
		const current = this.cy.$('node:selected').map((n) => n.id());
		if (current.length === wanted.size && current.every((id) => wanted.has(id))) return;
		this.#quietly(() => {
			this.cy.$(':selected').unselect();
			for (const id of ids) this.cy.getElementById(id).select();
		});
		if (ids.length === 1) this.reveal(ids[0]!);
	}

	/** Pans to a claim if it is not fully on screen (a selection made in the outline or the inspector). */
	reveal(id: string) {
		const node = this.cy.getElementById(id);
		if (node.empty()) return;
		const box = node.boundingBox();
		const view = this.cy.extent();
		if (box.x1 < view.x1 || box.x2 > view.x2 || box.y1 < view.y1 || box.y2 > view.y2) this.centreOn(id);
	}

	/** Fits the whole map on screen. */
	fit() {
		this.cy.fit(undefined, FIT_PADDING);
		if (this.cy.zoom() > FIT_MAX_ZOOM) {
			this.cy.zoom(FIT_MAX_ZOOM);
			this.cy.center();
		}
	}

	/** Zooms around the centre of the screen by a factor. */
	zoomBy(factor: number) {
		const cy = this.cy;
		cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
	}

	/** Pans so a claim is in the middle of the screen. */
	centreOn(id: string) {
		const node = this.cy.getElementById(id);
		if (node.nonempty()) this.cy.animate({ center: { eles: node } }, { duration: 200 });
	}

	/** Zooms so some claims fill the screen, up to `maxZoom`, animated (presentation mode, R125). */
	zoomTo(ids: readonly string[], maxZoom = 2) {
		const cy = this.cy;
		const eles = cy.collection();
		for (const id of ids) eles.merge(cy.getElementById(id));
		if (eles.empty()) return;
		const box = eles.boundingBox({ includeLabels: false });
		const room = (size: number) => Math.max(1, size - 4 * FIT_PADDING);
		const fit = Math.min(maxZoom, room(cy.width()) / box.w, room(cy.height()) / box.h);
		const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), fit));
		const pan = {
			x: cy.width() / 2 - (box.x1 + box.w / 2) * zoom,
			y: cy.height() / 2 - (box.y1 + box.h / 2) * zoom
		};
		cy.stop(true, false);
		cy.animate({ zoom, pan }, { duration: 300 });
	}

	/** The centre of the visible area in map coordinates (where a free new claim goes). */
	viewCentre(): { x: number; y: number } {
		const e = this.cy.extent();
		return { x: Math.round((e.x1 + e.x2) / 2), y: Math.round((e.y1 + e.y2) / 2) };
	}

	destroy() {
		this.#lift.drop();
		this.#motion.stop();
		this.#resize?.disconnect();
		this.cy.destroy();
		this.#shown.clear();
	}
}

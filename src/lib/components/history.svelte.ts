import type { ArgMap } from '$lib/model';
import type { Editor } from './editor.svelte';
import {
	fetchVersion,
	listActivity,
	listVersions,
	saveVersion,
	type ActivityEntry,
	type VersionInfo
} from './history-api';
import { fullTime, versionName } from './history-text';

/** How often the open History panel asks the server for new versions and activity (ms). */
export const HISTORY_POLL_MS = 8_000;

/**
 * The History panel's state for one open map: the versions and activity the server keeps, the version
 * being looked at, and the two actions that change something (save, restore).
 */
export class HistoryState {
	versions = $state.raw<VersionInfo[]>([]);
	activity = $state.raw<ActivityEntry[]>([]);
	/** The version being looked at, with its map, shown as an outline or compared with now. */
	open = $state.raw<{ version: VersionInfo; map: ArgMap } | undefined>();
	mode = $state<'view' | 'compare'>('view');
	loaded = $state(false);
	error = $state('');
	/** The last action's outcome, announced politely. */
	status = $state('');
	busy = $state(false);
	now = $state(Date.now());
	/** Versions' maps already fetched (a version never changes). */
	#maps: Record<number, ArgMap> = {};

	constructor(private readonly editor: Editor) {}

	get token() {
		return this.editor.access?.token;
	}

	async refresh() {
		try {
			const [versions, activity] = await Promise.all([
				listVersions(this.editor.id, this.token),
				listActivity(this.editor.id, this.token)
			]);
			this.versions = versions;
			this.activity = activity;
			this.error = '';
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
		} finally {
			this.loaded = true;
			this.now = Date.now();
		}
	}

	async #mapOf(version: VersionInfo): Promise<ArgMap> {
		return (this.#maps[version.id] ??= await fetchVersion(this.editor.id, version.id, this.token));
	}

	/** Opens a version beside the live map, read-only, as an outline or compared with now. */
	async show(version: VersionInfo, mode: 'view' | 'compare') {
		try {
			this.open = { version, map: await this.#mapOf(version) };
			this.mode = mode;
			this.error = '';
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
		}
	}

	close() {
		this.open = undefined;
	}

	/** "Save version" (R145): the map as it is now, with a label, by this person. */
	async save(label: string): Promise<boolean> {
		const token = this.token;
		if (this.editor.readOnly || !token) return false;
		this.busy = true;
		try {
			const v = await saveVersion(this.editor.id, token, label.trim(), {
				id: this.editor.personId,
				name: this.editor.name
			});
			this.status = `Saved “${versionName(v)}”.`;
			await this.refresh();
			return true;
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
			return false;
		} finally {
			this.busy = false;
		}
	}

	/**
	 * Restore (R150): makes the live map equal to the version as one change of this person's, which
	 * everyone sees and this person's Undo takes back.
	 */
	async restore(version: VersionInfo) {
		if (this.editor.readOnly) return;
		this.busy = true;
		try {
			const map = await this.#mapOf(version);
			if (this.editor.run({ type: 'replaceMap', map })) {
				this.status = `Restored “${versionName(version)}” of ${fullTime(version.createdAt)}. Undo brings the later changes back.`;
			} else this.error = this.editor.message;
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
		} finally {
			this.busy = false;
		}
	}
}

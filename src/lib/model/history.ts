/**
 * The map history's shapes as the history API sends them (README: HTTP API): the server stores them,
 * the browser shows them.
 */

/** Someone who edited a map, as their presence named them (R146). */
export interface Person {
	id: string;
	name: string;
}

/** A saved version of a map, without its content (R145). */
export interface VersionInfo {
	id: number;
	createdAt: number;
	/** What the person who saved it called it; '' for automatic versions. */
	label: string;
	/** Saved by the server after a burst of edits, rather than by someone's "Save version". */
	auto: boolean;
	/** Who edited the map since the version before this one. */
	editors: Person[];
	/** Who pressed "Save version" (null for automatic versions or when unknown). */
	savedBy: Person | null;
	title: string;
	claims: number;
	relations: number;
}

/** One line of the activity feed (R152): who changed what, when. */
export interface ActivityEntry {
	id: number;
	time: number;
	people: Person[];
	/** The changes in words, at most ACTIVITY_LINES (src/lib/server/versions.ts). */
	lines: string[];
	/** How many more changes there were than `lines` tells. */
	more: number;
}

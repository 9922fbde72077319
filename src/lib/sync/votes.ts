import * as Y from 'yjs';
import { indexOf, isId, type ArgMap } from '../model';
import { isVote, voteToRating, type Ratings } from '../model/evaluate';

/**
 * Votes in the shared document (R100): `votes` is a Y.Map from `${personId}|${targetId}` to a vote 0..4,
 * the target a claim (plausibility) or a relation (strength). One key per person and target, so two people
 * voting at once never conflict, and a person changing their vote overwrites only their own.
 * Votes are not undoable (R101): undo reverts map edits only; the vote control changes or removes a vote.
 */

const SEPARATOR = '|';

export interface VoteTable {
	/** target id -> person id -> vote 0..4 */
	readonly byTarget: ReadonlyMap<string, ReadonlyMap<string, number>>;
	/** Entries that failed validation, with why: they are ignored (R13). */
	readonly dropped: readonly string[];
}

export const EMPTY_VOTES: VoteTable = { byTarget: new Map(), dropped: [] };

export function votesMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('votes');
}

const keyOf = (personId: string, targetId: string) => `${personId}${SEPARATOR}${targetId}`;

/** Reads every vote, validating keys and values as untrusted input (R13): bad entries are reported, not used. */
export function readVotes(doc: Y.Doc): VoteTable {
	const byTarget = new Map<string, Map<string, number>>();
	const dropped: string[] = [];
	votesMap(doc).forEach((value, key) => {
		const parts = key.split(SEPARATOR);
		const [person, target] = parts;
		if (parts.length !== 2 || !isId(person) || !isId(target)) {
			dropped.push(`vote ${JSON.stringify(key.slice(0, 140))}: bad key`);
			return;
		}
		if (!isVote(value)) {
			dropped.push(`vote ${key}: expected a whole number from 0 to 4`);
			return;
		}
		let people = byTarget.get(target);
		if (!people) byTarget.set(target, (people = new Map()));
		people.set(person, value);
	});
	return { byTarget, dropped };
}

/**
 * The ratings of a map's claims and relations, each normalised to [0, 1], in person id order. Votes on
 * claims or relations not on the map (deleted ones: undoing the delete brings their votes back) are left out.
 */
export function ratingsFrom(table: VoteTable, map: ArgMap): Ratings {
	const index = indexOf(map);
	const claims = new Map<string, number[]>();
	const relations = new Map<string, number[]>();
	for (const [target, people] of table.byTarget) {
		const into = index.claims.has(target as never)
			? claims
			: index.relations.has(target as never)
				? relations
				: undefined;
		if (!into) continue;
		const persons = [...people.keys()].sort();
		into.set(
			target,
			persons.map((p) => voteToRating(people.get(p)!))
		);
	}
	return { claims, relations };
}

/** The ratings in a document for a map (see {@link ratingsFrom}). */
export function readRatings(doc: Y.Doc, map: ArgMap): Ratings {
	return ratingsFrom(readVotes(doc), map);
}

/** A person's own vote on a target, if any. */
export function voteOf(table: VoteTable, personId: string, targetId: string): number | undefined {
	return table.byTarget.get(targetId)?.get(personId);
}

/**
 * Sets (0..4) or removes (undefined) a person's vote, in one transaction with the given origin. Returns
 * false, changing nothing, for a bad id or a value off the scale.
 */
export function setVote(
	doc: Y.Doc,
	origin: unknown,
	personId: string,
	targetId: string,
	vote: number | undefined
): boolean {
	if (!isId(personId) || !isId(targetId) || (vote !== undefined && !isVote(vote))) return false;
	const votes = votesMap(doc);
	const key = keyOf(personId, targetId);
	if (votes.get(key) === vote) return true;
	doc.transact(() => {
		if (vote === undefined) votes.delete(key);
		else votes.set(key, vote);
	}, origin);
	return true;
}

/** Calls `listener` with the vote table after every transaction that changed a vote; returns the unsubscribe. */
export function watchVotes(doc: Y.Doc, listener: (table: VoteTable) => void): () => void {
	const votes = votesMap(doc);
	const observer = () => listener(readVotes(doc));
	votes.observe(observer);
	return () => votes.unobserve(observer);
}

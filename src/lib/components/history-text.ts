import type { Person, VersionInfo } from './history-api';

/** "just now", "2 min ago", "3 h ago", "yesterday", or the date: how long ago `time` was. */
export function ago(time: number, now: number): string {
	const s = Math.max(0, Math.round((now - time) / 1000));
	if (s < 45) return 'just now';
	const min = Math.round(s / 60);
	if (min < 60) return `${min} min ago`;
	const h = Math.round(min / 60);
	if (h < 24) return `${h} h ago`;
	if (h < 48) return 'yesterday';
	return new Date(time).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** The date and time in full, for tooltips and the version's heading. */
export const fullTime = (time: number) =>
	new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Ada", "Ada and Bob", "Ada, Bob and 2 others". */
export function names(people: readonly Person[]): string {
	const list = [...new Set(people.map((p) => p.name))];
	if (list.length === 0) return 'nobody';
	if (list.length === 1) return list[0]!;
	if (list.length <= 3) return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
	return `${list.slice(0, 2).join(', ')} and ${list.length - 2} others`;
}

/** What a version is called in lists and dialogs. */
export const versionName = (v: VersionInfo) => v.label || (v.auto ? 'Automatic version' : 'Saved version');

/** "12 claims, 9 relations". */
export const counts = (v: { claims: number; relations: number }) =>
	`${v.claims} claim${v.claims === 1 ? '' : 's'}, ${v.relations} relation${v.relations === 1 ? '' : 's'}`;

/**
 * Votes and their aggregates. A person rates a claim's plausibility or a relation's strength on a scale of
 * 0..{@link VOTE_MAX} (one click); the evaluation works on ratings normalised to [0, 1].
 */

/** The highest vote: the scale is 0, 1, 2, 3, 4 (five buttons). */
export const VOTE_MAX = 4;

/** Whether a value read from untrusted data is a vote on the scale. */
export function isVote(value: unknown): value is number {
	return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= VOTE_MAX;
}

/** A vote on the 0..4 scale as a rating in [0, 1]. */
export const voteToRating = (vote: number) => vote / VOTE_MAX;

/**
 * Mean, count and spread of ratings in [0, 1]. The spread is the population standard deviation (0 when
 * everybody agrees or only one person rated; 0.5 at most, when the group is split between 0 and 1).
 * No ratings: mean NaN, count 0, spread 0.
 */
export function ratingStats(values: readonly number[]): { mean: number; count: number; spread: number } {
	const count = values.length;
	if (count === 0) return { mean: Number.NaN, count: 0, spread: 0 };
	let sum = 0;
	for (const v of values) sum += v;
	const mean = sum / count;
	let squares = 0;
	for (const v of values) squares += (v - mean) ** 2;
	return { mean, count, spread: Math.sqrt(squares / count) };
}

/**
 * Typed reasons for refusing a command or an input, with the message a person reads.
 * One table, so the UI, the API and the tests speak the same words.
 */
export const ERRORS = {
	UNKNOWN_CLAIM: 'There is no claim with this id',
	UNKNOWN_RELATION: 'There is no relation with this id',
	ID_TAKEN: 'This id is already used by another claim or relation',
	BAD_ID: 'Ids are 1-64 letters, digits, "_" or "-"',
	EMPTY_TEXT: 'A claim needs some text',
	TEXT_TOO_LONG: 'The text is too long',
	BAD_KIND: 'This kind is not one the map knows',
	SELF_RELATION: 'A claim cannot support or attack itself',
	DUPLICATE_RELATION: 'These two claims are already connected this way',
	BAD_UNDERCUT_TARGET: 'An undercut must point at a supporting or attacking relation',
	BAD_ANSWER: 'Only a thesis can answer, and only a question can be answered',
	UNDERCUT_FIXED: 'An undercut always points from a claim at a relation; delete it and draw another',
	BAD_POSITION: 'A position needs two finite numbers',
	BAD_FORMAT: 'The data is not in the expected format'
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** An error that carries a code from {@link ERRORS} and, for inputs, where the problem is. */
export class ArgMapError extends Error {
	constructor(
		readonly code: ErrorCode,
		readonly where?: string,
		detail?: string
	) {
		super(`${where ? `${where}: ` : ''}${ERRORS[code]}${detail ? ` (${detail})` : ''}`);
		this.name = 'ArgMapError';
	}
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ArgMapError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, where?: string, detail?: string): Result<T> => ({
	ok: false,
	error: new ArgMapError(code, where, detail)
});

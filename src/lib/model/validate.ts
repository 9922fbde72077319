import { fail, ok, type Result } from './errors';

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An optional string field: absent or empty gives undefined; too long or not a string fails. */
export function optionalString(value: unknown, max: number, where: string): Result<string | undefined> {
	if (value === undefined || value === null || value === '') return ok(undefined);
	if (typeof value !== 'string') return fail('BAD_FORMAT', where, 'expected a string');
	if (value.length > max) return fail('TEXT_TOO_LONG', where, `at most ${max} characters`);
	return ok(value);
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random bytes per token: 256 bits, far past guessing. */
const TOKEN_BYTES = 32;

/** A fresh capability token, URL-safe. */
export function newToken(): string {
	return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What is stored of a token: its SHA-256, so a leaked database grants nothing. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
	const presented = Buffer.from(hashToken(token), 'hex');
	const stored = Buffer.from(storedHash, 'hex');
	return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export type Access = 'edit' | 'view';

/** The access a token grants to a map with these hashes, or undefined. Both hashes are always compared. */
export function accessFor(token: string | null | undefined, hashes: { editHash: string; viewHash: string }) {
	if (!token) return undefined;
	const edit = tokenMatches(token, hashes.editHash);
	const view = tokenMatches(token, hashes.viewHash);
	return edit ? ('edit' as const) : view ? ('view' as const) : undefined;
}

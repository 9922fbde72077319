/** Ids of claims and relations: short, URL- and key-safe strings. */
export type ClaimId = string & { readonly __brand: 'ClaimId' };
export type RelationId = string & { readonly __brand: 'RelationId' };

/** Ids are keys in the shared document and in files: keep them plain (no `__proto__` tricks, no paths). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function isId(value: unknown): value is string {
	return typeof value === 'string' && ID_PATTERN.test(value) && !FORBIDDEN.has(value);
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A random id with a prefix; `random` is injectable so tests are seeded. */
export function newId(prefix: 'c' | 'r' | 'p', random: () => number = Math.random): string {
	let out = `${prefix}-`;
	for (let i = 0; i < 10; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
	return out;
}

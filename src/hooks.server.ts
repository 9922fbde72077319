import type { Handle } from '@sveltejs/kit';
import { SECURITY_HEADERS } from '$lib/server/http';

/**
 * Pages get the headers every response carries (R71). The Content-Security-Policy itself comes
 * from svelte.config.js, where SvelteKit adds a nonce or hash for each of its inline scripts.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const { 'content-security-policy': _csp, ...headers } = SECURITY_HEADERS;
	event.setHeaders(headers);
	return resolve(event);
};

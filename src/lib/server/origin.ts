import type { IncomingMessage } from 'node:http';

/**
 * Whether a request's Origin may act on maps (R67): no Origin at all (scripts and bots, which must
 * still present a token), the server's own origin (PUBLIC_URL, or the Host the request was sent
 * to, over http or https since a proxy may end TLS), or one of ALLOWED_ORIGINS. A browser always
 * sends Origin on websocket upgrades and cross-site writes, so a page elsewhere cannot ride on a
 * visitor's connection.
 */
export function originAllowed(
	req: IncomingMessage,
	publicUrl: string,
	allowedOrigins: readonly string[]
): boolean {
	const header = req.headers.origin;
	if (header === undefined) return true;
	let origin: URL;
	try {
		// "null" (sandboxed frames, file: pages) does not parse and is refused with everything else odd.
		origin = new URL(header);
	} catch {
		return false;
	}
	if (origin.origin === new URL(publicUrl).origin || allowedOrigins.includes(origin.origin)) return true;
	const host = req.headers.host;
	if (host === undefined || !/^https?:$/.test(origin.protocol)) return false;
	try {
		// Through URL, so "example.org:443" and "https://example.org" compare equal.
		return new URL(`${origin.protocol}//${host}`).host === origin.host;
	} catch {
		return false;
	}
}

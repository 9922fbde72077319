import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A request refused with a status and a message for the client: `{"error": message, ...details}`.
 * Messages and details never carry a token.
 */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly details: Record<string, unknown> = {}
	) {
		super(message);
	}
}

/** Sends an {@link HttpError} as its JSON body. */
export function sendError(res: ServerResponse, error: HttpError) {
	sendJson(res, error.status, { error: error.message, ...error.details });
}

/**
 * Headers every response carries, pages, API and static files alike (R71): no MIME sniffing, no
 * referrer (a link's path names the map), and no framing by other sites (clickjacking). Pages
 * replace the CSP with SvelteKit's full policy, which also says frame-ancestors 'none'.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'x-frame-options': 'DENY',
	'content-security-policy': "frame-ancestors 'none'"
};

/** The CSP of API answers: they are data, never a document that may load or run anything. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Sets {@link SECURITY_HEADERS} on a response before anyone writes its head. */
export function setSecurityHeaders(res: ServerResponse): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		'content-security-policy': API_CSP
	});
	res.end(text);
}

export function sendText(res: ServerResponse, status: number, type: string, body: string, filename?: string) {
	res.writeHead(status, {
		'content-type': `${type}; charset=utf-8`,
		'cache-control': 'no-store',
		'content-security-policy': API_CSP,
		...(filename && { 'content-disposition': `attachment; filename="${filename}"` })
	});
	res.end(body);
}

/** Reads a request body up to `limit` bytes; a larger body is refused with 413 before it is all read. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
	const declared = Number(req.headers['content-length'] ?? 0);
	if (declared > limit) throw new HttpError(413, `The body is larger than ${limit} bytes`);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > limit) throw new HttpError(413, `The body is larger than ${limit} bytes`);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body into an object, or refuses with 400 saying what is wrong. */
export function parseJsonBody(text: string): Record<string, unknown> {
	if (text.trim() === '') return {};
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (e) {
		throw new HttpError(400, `The body is not valid JSON: ${e instanceof Error ? e.message : e}`);
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new HttpError(400, 'The body must be a JSON object');
	}
	return value as Record<string, unknown>;
}

/** The bearer token of a request, from `Authorization: Bearer T`. */
export function bearerToken(req: IncomingMessage): string | undefined {
	const header = req.headers.authorization;
	const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
	return match?.[1];
}

import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('Origin check', () => {
	const check = (headers: Record<string, string>) =>
		originAllowed(request(headers), 'https://maps.example.org', ['http://localhost:5173']);

	it('R67: no Origin (a script or bot) is allowed; it still needs a token', () => {
		expect(check({ host: 'maps.example.org' })).toBe(true);
	});

	it('R67: the server’s own origin, by PUBLIC_URL or by Host, and ALLOWED_ORIGINS are allowed', () => {
		expect(check({ origin: 'https://maps.example.org', host: '10.0.0.5:3000' })).toBe(true);
		expect(check({ origin: 'http://10.0.0.5:3000', host: '10.0.0.5:3000' })).toBe(true);
		expect(check({ origin: 'https://seminar.lan', host: 'seminar.lan:443' })).toBe(true);
		expect(check({ origin: 'http://localhost:5173', host: 'x' })).toBe(true);
	});

	it('R67: any other origin, "null" and garbage are refused', () => {
		for (const origin of [
			'https://evil.example',
			'https://maps.example.org.evil.example',
			'http://localhost:5174',
			'null',
			'file://',
			'javascript:alert(1)',
			'not a url'
		]) {
			expect(check({ origin, host: 'maps.example.org' }), origin).toBe(false);
		}
		expect(check({ origin: 'https://evil.example', host: 'evil.example\r\nx' })).toBe(false);
	});
});

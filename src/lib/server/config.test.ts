import { describe, expect, it } from 'vitest';
import { readConfig } from './config';
import { DEFAULT_LIMITS } from './limits';

describe('configuration', () => {
	it('R50: defaults follow CONTRACT.md', () => {
		expect(readConfig({}, '/srv/app')).toEqual({
			port: 3000,
			host: '127.0.0.1',
			dataDir: '/srv/app/data',
			publicUrl: 'http://127.0.0.1:3000',
			allowedOrigins: [],
			createToken: undefined,
			limits: DEFAULT_LIMITS
		});
	});

	it('R50: reads PORT, HOST, DATA_DIR, PUBLIC_URL and refuses bad values by name', () => {
		const config = readConfig({
			PORT: '8080',
			HOST: '0.0.0.0',
			DATA_DIR: '/tmp/x',
			PUBLIC_URL: 'https://maps.example/'
		});
		expect(config).toMatchObject({
			port: 8080,
			host: '0.0.0.0',
			dataDir: '/tmp/x',
			publicUrl: 'https://maps.example'
		});
		expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
		expect(() => readConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
	});

	it('R50: reads the limits, ALLOWED_ORIGINS and CREATE_TOKEN, refusing bad values by name', () => {
		const config = readConfig({
			MAX_MESSAGE_BYTES: '1048576',
			RATE_LIMIT_PER_SECOND: '30',
			RATE_LIMIT_BURST: '100',
			MAX_CONNECTIONS_PER_IP: '100000',
			IDLE_TIMEOUT_MS: '60000',
			MAX_DOC_BYTES: '4194304',
			ALLOWED_ORIGINS: 'https://maps.example.org, http://localhost:5173/',
			CREATE_TOKEN: 'a-long-enough-creation-token'
		});
		expect(config.limits).toEqual({
			maxMessageBytes: 1048576,
			ratePerSecond: 30,
			rateBurst: 100,
			maxConnectionsPerIp: 100000,
			idleTimeoutMs: 60000,
			maxDocBytes: 4194304
		});
		expect(config.allowedOrigins).toEqual(['https://maps.example.org', 'http://localhost:5173']);
		expect(config.createToken).toBe('a-long-enough-creation-token');
		expect(() => readConfig({ MAX_CONNECTIONS_PER_IP: '0' })).toThrow(/MAX_CONNECTIONS_PER_IP/);
		expect(() => readConfig({ IDLE_TIMEOUT_MS: '10 min' })).toThrow(/IDLE_TIMEOUT_MS/);
		expect(() => readConfig({ ALLOWED_ORIGINS: 'maps.example.org' })).toThrow(/ALLOWED_ORIGINS/);
		// The message names the variable, never the value: it is a secret.
		expect(() => readConfig({ CREATE_TOKEN: 'short' })).toThrow(/^CREATE_TOKEN must be at least 22/);
	});
});

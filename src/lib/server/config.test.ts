import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('configuration', () => {
	it('R50: defaults follow CONTRACT.md', () => {
		expect(readConfig({}, '/srv/app')).toEqual({
			port: 3000,
			host: '127.0.0.1',
			dataDir: '/srv/app/data',
			publicUrl: 'http://127.0.0.1:3000'
		});
	});

	it('R50: reads PORT, HOST, DATA_DIR, PUBLIC_URL and refuses bad values by name', () => {
		const config = readConfig({
			PORT: '8080',
			HOST: '0.0.0.0',
			DATA_DIR: '/tmp/x',
			PUBLIC_URL: 'https://maps.example/'
		});
		expect(config).toEqual({
			port: 8080,
			host: '0.0.0.0',
			dataDir: '/tmp/x',
			publicUrl: 'https://maps.example'
		});
		expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
		expect(() => readConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
	});
});

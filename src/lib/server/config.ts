import path from 'node:path';

export interface Config {
	port: number;
	host: string;
	dataDir: string;
	publicUrl: string;
}

/** Reads the environment (CONTRACT.md); a bad value stops the start with a message naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
	const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`PORT must be a whole number from 0 to 65535, got "${env.PORT}"`);
	}
	const host = env.HOST || '127.0.0.1';
	const dataDir = path.resolve(cwd, env.DATA_DIR || './data');
	const publicUrl = (env.PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(
		/\/+$/,
		''
	);
	try {
		new URL(publicUrl);
	} catch {
		throw new Error(`PUBLIC_URL must be an absolute URL such as http://example.org, got "${env.PUBLIC_URL}"`);
	}
	return { port, host, dataDir, publicUrl };
}

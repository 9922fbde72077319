/**
 * `npm start`: builds the app if the build is missing or older than the sources, then serves the
 * SvelteKit app, the API and the sync endpoint on one port (CONTRACT.md).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { readConfig } from './config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const handlerFile = path.join(root, 'build/handler.js');

function newestMtime(entry: string): number {
	const stat = fs.statSync(entry, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

function buildIfNeeded() {
	const built = fs.statSync(handlerFile, { throwIfNoEntry: false })?.mtimeMs ?? 0;
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];
	if (built > Math.max(...sources.map((s) => newestMtime(path.join(root, s))))) return;
	console.log('Building the app (first start or sources changed)…');
	execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit']
	});
}

async function main() {
	const config = readConfig(process.env);
	if (process.env.SKIP_BUILD !== '1') buildIfNeeded();
	const { handler } = (await import(handlerFile)) as {
		handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
	};
	const app = createApp(config);
	const server = http.createServer((req, res) => app.handle(req, res, () => handler(req, res)));
	server.on('upgrade', (req, socket, head) => {
		if (!app.handleUpgrade(req, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, resolve);
	});
	console.log(`Argument map editor on ${config.publicUrl} (data in ${config.dataDir})`);
	const first = app.createFirstMap();
	if (first) {
		console.log('Created the article map. Keep these links: they are printed only once.');
		console.log(`  Edit link: ${first.editUrl}`);
		console.log(`  View link: ${first.viewUrl}`);
	} else {
		console.log(`Open ${config.publicUrl}/ to see the maps this browser has opened.`);
	}

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: stopping, saving every open map…`);
		server.close();
		await app.close();
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});

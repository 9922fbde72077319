/**
 * `npm start`: builds the app if the build is missing or older than the sources, then serves the
 * SvelteKit app, the API and the sync endpoint on one port (CONTRACT.md).
 */
import http from 'node:http';
import { createApp } from './app';
import { buildIfNeeded, handlerFile } from './build';
import { readConfig } from './config';

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

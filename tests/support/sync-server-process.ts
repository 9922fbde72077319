/**
 * The real server minus SvelteKit: createApp() (SQLite store, sync server, HTTP API) on a plain
 * http server, so tests and benchmarks can run it as a child process without `npm run build`.
 *
 *   PORT=4000 DATA_DIR=/tmp/x node --import tsx tests/support/sync-server-process.ts
 *
 * The environment is read like `npm start` reads it (readConfig: PORT 0 picks a free port, limits
 * such as MAX_CONNECTIONS_PER_IP). Prints `listening <port>` once it accepts connections; SIGTERM
 * closes like main.ts (flush, exit 0). QUIET=1 drops the sync server's log lines. STANDBY=1 loads
 * the code, prints `standby` and waits for a line on stdin before it opens the store and the port,
 * so a test can restart a killed server at once (see child-server.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/lib/server/app';
import { readConfig } from '../../src/lib/server/config';

async function main() {
	const config = readConfig(process.env);
	if (process.env.STANDBY === '1') {
		console.log('standby');
		await new Promise((resolve) => process.stdin.once('data', resolve));
	}
	const log = process.env.QUIET === '1' ? () => {} : (msg: string) => console.log(`[sync] ${msg}`);
	const app = createApp(config, log);
	const server = http.createServer((req, res) => app.handle(req, res, () => res.writeHead(404).end()));
	server.on('upgrade', (req, socket, head) => {
		if (!app.handleUpgrade(req, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
	console.log(`listening ${(server.address() as AddressInfo).port}`);

	let stopping = false;
	process.on('SIGTERM', () => {
		if (stopping) return;
		stopping = true;
		server.close();
		app.close().then(
			() => process.exit(0),
			(error) => {
				console.error(error);
				process.exit(1);
			}
		);
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

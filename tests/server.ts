import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A free loopback port (the OS picks one; the tiny race with another process is acceptable in tests). */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

export interface RunningServer {
	url: string;
	dataDir: string;
	/** Everything the server printed. */
	output(): string;
	/** The edit and view links printed at first start, when it created the article map. */
	links: { edit?: string; view?: string };
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the real server (`npm start`'s entry, build already made) on a free port with its own data
 * folder, and waits until /healthz answers.
 */
export async function startServer(
	options: { dataDir?: string; port?: number; env?: Record<string, string> } = {}
) {
	const port = options.port ?? (await freePort());
	const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'argmap-test-'));
	const url = `http://127.0.0.1:${port}`;
	const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/lib/server/main.ts'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			SKIP_BUILD: '1',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	// Generous: under CI load two workers start servers at once, and tsx compiles the server on each start.
	const deadline = Date.now() + 90_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`The server exited at start:\n${out}`);
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok && /Edit link|Open http/.test(out)) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`The server did not start within 90 s:\n${out}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	const server: RunningServer = {
		url,
		dataDir,
		output: () => out,
		links: {
			edit: /Edit link: (\S+)/.exec(out)?.[1],
			view: /View link: (\S+)/.exec(out)?.[1]
		},
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null) child.kill(signal);
			return exited;
		}
	};
	return server;
}

/**
 * fetch that retries a request once or twice when the connection drops: Node's fetch reuses idle
 * keep-alive sockets, and a server may close one at the very moment it is reused ("other side closed").
 */
export async function fetchRetry(url: string, init?: RequestInit, tries = 3): Promise<Response> {
	for (let i = 1; ; i++) {
		try {
			return await fetch(url, init);
		} catch (error) {
			if (i >= tries) throw error;
			await new Promise((r) => setTimeout(r, 100 * i));
		}
	}
}

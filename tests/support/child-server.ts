/**
 * Runs a server entry (sync-server-process.ts, reference-server-process.ts) as a child process on
 * `node --import tsx`, waits for its `listening <port>` line, and makes sure no child outlives the
 * parent: every live child is SIGKILLed when the parent exits, however it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** How long a child may take to print a line we wait for (tsx compiles on the fly: ~1 s, more under load). */
const START_TIMEOUT_MS = 30_000;

export interface ChildServer {
	readonly pid: number;
	readonly port: number;
	/** Everything the child printed so far (stdout and stderr). */
	output(): string;
	/** Sends `signal` (if still running) and resolves with the exit code, or the signal's name. */
	stop(signal?: NodeJS.Signals): Promise<number | string>;
	/** Resolves with the exit code (or the signal's name) once the child has exited. */
	readonly exited: Promise<number | string>;
}

/** A child that has loaded its code but not yet opened its data or port (sync-server-process.ts only). */
export interface StandbyServer {
	/** Lets it start: it opens the store, listens, and resolves once it accepts connections. */
	go(): Promise<ChildServer>;
	stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/**
 * A free loopback port below Linux's ephemeral range (32768-60999), for a server that restarts on
 * the same port: while it is down, no outgoing socket (a client reconnecting to it can even connect
 * to itself) can be given that port and make the restart fail with EADDRINUSE.
 */
export async function restartablePort(): Promise<number> {
	for (let attempt = 0; attempt < 100; attempt++) {
		const port = 20_000 + Math.floor(Math.random() * 12_000);
		const free = await new Promise<boolean>((resolve) => {
			const probe = net.createServer();
			probe.once('error', () => resolve(false));
			probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
		});
		if (free) return port;
	}
	throw new Error('no free port between 20000 and 32000');
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of live) child.kill('SIGKILL');
});

/** Starts `entry` (relative to the repository root) with `env` added to this process's environment. */
export async function startChild(entry: string, env: Record<string, string>): Promise<ChildServer> {
	return launch(entry, env, false).listening;
}

/**
 * Starts sync-server-process.ts up to the point where only opening the store and the port remain,
 * so a test can restart a killed server within milliseconds instead of paying tsx's start-up again.
 */
export async function standbyChild(entry: string, env: Record<string, string>): Promise<StandbyServer> {
	const child = launch(entry, { ...env, STANDBY: '1' }, true);
	await child.standby;
	return {
		go: () => {
			child.process.stdin!.end('go\n');
			return child.listening;
		},
		stop: (signal = 'SIGKILL') => stopProcess(child.process, child.exited, signal)
	};
}

function stopProcess(child: ChildProcess, exited: Promise<number | string>, signal: NodeJS.Signals) {
	if (child.exitCode === null && child.signalCode === null) child.kill(signal);
	return exited;
}

function launch(entry: string, env: Record<string, string>, standby: boolean) {
	const child = spawn(process.execPath, ['--import', 'tsx', entry], {
		cwd: ROOT,
		env: { ...process.env, HOST: '127.0.0.1', ...env },
		stdio: [standby ? 'pipe' : 'ignore', 'pipe', 'pipe']
	});
	live.add(child);
	let out = '';
	const waiters: { pattern: RegExp; resolve: (match: RegExpExecArray) => void }[] = [];
	const exited = new Promise<number | string>((resolve) =>
		child.once('exit', (code, signal) => {
			live.delete(child);
			resolve(code ?? signal ?? 'unknown');
		})
	);
	child.stdout!.on('data', (data: Buffer) => {
		out += data.toString();
		for (const waiter of [...waiters]) {
			const match = waiter.pattern.exec(out);
			if (match) {
				waiters.splice(waiters.indexOf(waiter), 1);
				waiter.resolve(match);
			}
		}
	});
	child.stderr!.on('data', (data: Buffer) => (out += data.toString()));
	/** Resolves when a line matching `pattern` is printed; rejects on exit or after the timeout. */
	const line = (pattern: RegExp) =>
		new Promise<RegExpExecArray>((resolve, reject) => {
			const already = pattern.exec(out);
			if (already) return resolve(already);
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new Error(`${entry} printed no ${pattern} within ${START_TIMEOUT_MS} ms:\n${out}`));
			}, START_TIMEOUT_MS);
			waiters.push({
				pattern,
				resolve: (match) => {
					clearTimeout(timer);
					resolve(match);
				}
			});
			void exited.then((code) => {
				clearTimeout(timer);
				reject(new Error(`${entry} exited (${code}) before printing ${pattern}:\n${out}`));
			});
		});
	const server = (port: number): ChildServer => ({
		pid: child.pid!,
		port,
		output: () => out,
		exited,
		stop: (signal = 'SIGTERM') => stopProcess(child, exited, signal)
	});
	const standbyLine = standby ? line(/^standby$/m) : Promise.resolve(null);
	// Only look for `listening` once standing by, so the two waits never race on the same output.
	const listening = standbyLine.then(() => line(/^listening (\d+)$/m)).then((m) => server(Number(m[1])));
	// Unobserved rejections (a standby killed before go()) must not crash the test process.
	listening.catch(() => {});
	return { process: child, exited, standby: standbyLine, listening };
}

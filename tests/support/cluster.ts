/**
 * Redis and PostgreSQL from Debian's packages for the multi-process tests and benchmark: each started
 * on a free loopback port with its data in a temporary folder, and stopped (folder removed) by
 * `stop()` or, at the latest, when this process exits. Missing binaries fail with a message saying
 * what to install (.ci/run installs both).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../server';

const REDIS_SERVER = '/usr/bin/redis-server';
/** Debian installs PostgreSQL's server binaries per major version; the newest one found is used. */
const PG_ROOT = '/usr/lib/postgresql';
/** initdb and postgres refuse to run as root: they run as this system user (created by the package). */
const PG_USER = 'postgres';
const START_TIMEOUT_MS = 30_000;

export interface Backends {
	redisUrl: string;
	databaseUrl: string;
	stop(): Promise<void>;
}

function pgBin(): string {
	const versions = fs.existsSync(PG_ROOT)
		? fs
				.readdirSync(PG_ROOT)
				.filter((v) => fs.existsSync(path.join(PG_ROOT, v, 'bin/postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0) {
		throw new Error(
			`PostgreSQL is not installed (no ${PG_ROOT}/<version>/bin/postgres): apt-get install postgresql`
		);
	}
	return path.join(PG_ROOT, versions[0]!, 'bin');
}

const live = new Set<ChildProcess>();
/** PostgreSQL runs under runuser: its own pid, so an exit can stop it even if runuser is killed. */
const postmasters = new Set<number>();
process.once('exit', () => {
	for (const child of live) child.kill('SIGKILL');
	for (const pid of postmasters) {
		try {
			process.kill(pid, 'SIGQUIT'); // PostgreSQL's immediate shutdown
		} catch {
			// already gone
		}
	}
});

/** Spawns `cmd` and resolves once its output matches `ready`; rejects with the output if it exits first. */
function startDaemon(cmd: string, args: string[], ready: RegExp, name: string): Promise<ChildProcess> {
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	live.add(child);
	child.once('exit', () => live.delete(child));
	let out = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${name} did not start within ${START_TIMEOUT_MS} ms:\n${out}`));
		}, START_TIMEOUT_MS);
		const check = (data: Buffer) => {
			out += data.toString();
			if (ready.test(out)) {
				clearTimeout(timer);
				resolve(child);
			}
		};
		child.stdout!.on('data', check);
		child.stderr!.on('data', check);
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`${name} exited (${code ?? signal}) while starting:\n${out}`));
		});
	});
}

function stopDaemon(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
		child.once('exit', () => {
			clearTimeout(kill);
			resolve();
		});
		// SIGINT: PostgreSQL's "fast shutdown"; Redis exits on it too.
		child.kill('SIGINT');
	});
}

/** Starts a private Redis (no persistence) and PostgreSQL (fsync off: test data) on loopback. */
export async function startBackends(): Promise<Backends> {
	if (!fs.existsSync(REDIS_SERVER)) {
		throw new Error(`Redis is not installed (no ${REDIS_SERVER}): apt-get install redis-server`);
	}
	const bin = pgBin();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argmap-cluster-'));
	fs.chmodSync(dir, 0o755);
	const pgData = path.join(dir, 'pg');
	const children: ChildProcess[] = [];
	const stop = async () => {
		await Promise.all(children.map(stopDaemon));
		fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		const redisPort = await freePort();
		const redisArgs = [
			'--port',
			String(redisPort),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no'
		];
		children.push(
			await startDaemon(
				REDIS_SERVER,
				[...redisArgs, '--dir', dir],
				/Ready to accept connections/,
				'redis-server'
			)
		);

		const asRoot = process.getuid?.() === 0;
		fs.mkdirSync(pgData);
		if (asRoot) execFileSync('chown', [PG_USER, pgData]);
		const as = (args: string[]) => (asRoot ? ['runuser', '-u', PG_USER, '--', ...args] : args);
		const [initCmd, ...initArgs] = as([
			path.join(bin, 'initdb'),
			'-D',
			pgData,
			'-U',
			'argmap',
			'--auth=trust',
			'--encoding=UTF8',
			'--no-sync'
		]);
		execFileSync(initCmd!, initArgs, { stdio: 'pipe' });
		const pgPort = await freePort();
		const [pgCmd, ...pgArgs] = as([
			path.join(bin, 'postgres'),
			'-D',
			pgData,
			'-p',
			String(pgPort),
			'-h',
			'127.0.0.1',
			'-k',
			pgData,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'max_connections=200'
		]);
		const postgres = await startDaemon(pgCmd!, pgArgs, /ready to accept connections/, 'postgres');
		children.push(postgres);
		const postmaster = Number(fs.readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
		if (Number.isInteger(postmaster) && postmaster > 0) {
			postmasters.add(postmaster);
			postgres.once('exit', () => postmasters.delete(postmaster));
		}
		return {
			redisUrl: `redis://127.0.0.1:${redisPort}`,
			databaseUrl: `postgres://argmap@127.0.0.1:${pgPort}/postgres`,
			stop
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

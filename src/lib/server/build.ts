/** The built app, and making it when it is missing or older than the sources (`npm start`, the bench). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const handlerFile = path.join(root, 'build/handler.js');

function newestMtime(entry: string): number {
	const stat = fs.statSync(entry, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** Runs `vite build` when build/ is missing or older than any source; answers whether it built. */
export function buildIfNeeded(): boolean {
	const built = fs.statSync(handlerFile, { throwIfNoEntry: false })?.mtimeMs ?? 0;
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];
	if (built > Math.max(...sources.map((s) => newestMtime(path.join(root, s))))) return false;
	console.log('Building the app (first start or sources changed)…');
	execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	return true;
}

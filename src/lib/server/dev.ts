import type { ViteDevServer } from 'vite';
import { createApp } from './app';
import { readConfig } from './config';

/**
 * `npm run dev`: the same API and sync endpoint as `npm start`, attached to Vite's server. Upgrades on
 * other paths (Vite's HMR) are left alone.
 */
export function attachDevServer(server: ViteDevServer) {
	const config = readConfig(process.env);
	const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${server.config.server.port ?? 5173}`;
	const app = createApp({ ...config, publicUrl });
	const first = app.createFirstMap();
	if (first)
		console.log(`Article map created.\n  Edit link: ${first.editUrl}\n  View link: ${first.viewUrl}`);
	server.middlewares.use((req, res, next) => app.handle(req, res, next));
	server.httpServer?.on('upgrade', (req, socket, head) => app.handleUpgrade(req, socket, head));
	server.httpServer?.on('close', () => void app.close());
}

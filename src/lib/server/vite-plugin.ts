import type { Plugin } from 'vite';
import { createApp } from './app';
import { readConfig } from './config';

/**
 * `npm run dev`: the same API and sync endpoint as `npm start`, attached to Vite's server. Upgrades
 * on other paths (Vite's HMR) are left alone.
 */
export function argmapServer(): Plugin {
	return {
		name: 'argmap-server',
		apply: 'serve',
		configureServer(server) {
			if (process.env.VITEST || !server.httpServer) return;
			const config = readConfig(process.env);
			const app = createApp({ ...config, publicUrl: process.env.PUBLIC_URL ?? 'http://localhost:5173' });
			const first = app.createFirstMap();
			if (first) console.log(`Article map created. Edit link: ${first.editUrl}\nView link: ${first.viewUrl}`);
			server.middlewares.use((req, res, next) => app.handle(req, res, next));
			server.httpServer.on('upgrade', (req, socket, head) => app.handleUpgrade(req, socket, head));
			server.httpServer.on('close', () => void app.close());
		}
	};
}

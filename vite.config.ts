import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin, ViteDevServer } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `npm run dev`: attaches the same API and sync endpoint as `npm start` to Vite's server. The server
 * code is loaded through Vite itself, so this config stays free of server imports.
 */
function argmapDevServer(): Plugin {
	return {
		name: 'argmap-dev-server',
		apply: 'serve',
		async configureServer(server: ViteDevServer) {
			if (process.env.VITEST || !server.httpServer) return;
			const { attachDevServer } = await server.ssrLoadModule('/src/lib/server/dev.ts');
			attachDevServer(server);
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), argmapDevServer()],
	test: {
		include: ['src/**/*.test.ts', 'tests/security/**/*.test.ts'],
		environment: 'node'
	}
});

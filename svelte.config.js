import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The Content Security Policy of every page (SPEC R71). 'auto': a nonce per response for
		// server-rendered pages, hashes for prerendered ones, so only SvelteKit's own inline scripts run.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// The collaboration websocket; under a proxy the page's host may differ from the socket's.
				'connect-src': ['self', 'ws:', 'wss:'],
				// Exported images are data: and blob: URLs.
				'img-src': ['self', 'data:', 'blob:'],
				// Svelte and Cytoscape set inline style attributes.
				'style-src': ['self', 'unsafe-inline'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;

/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Lets a map open while the server is unreachable (R57): the app's own files are cached at install,
 * and pages are fetched network-first with the last good copy as the fallback. The map itself comes
 * from the browser's IndexedDB copy; nothing here touches the API or the websocket.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `argmap-${version}`;
const ASSETS = [...build, ...files.filter((f) => !f.endsWith('.png'))];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(ASSETS))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
			// The page that installed this worker loaded before it could be cached: cache it now.
			.then(() => sw.clients.matchAll({ type: 'window' }))
			.then(async (windows) => {
				const cache = await caches.open(CACHE);
				await Promise.all(windows.map((w) => cache.add(new URL(w.url).pathname).catch(() => undefined)));
			})
	);
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
	if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/yjs/') || url.pathname === '/healthz')
		return;
	if (ASSETS.includes(url.pathname)) {
		event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
		return;
	}
	if (request.mode !== 'navigate') return;
	// Pages: the network when it answers, else the last copy of the same page.
	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			try {
				const response = await fetch(request);
				if (response.ok) await cache.put(url.pathname, response.clone());
				return response;
			} catch {
				const cached = await cache.match(url.pathname);
				return cached ?? new Response('Offline, and this page was never opened here.', { status: 503 });
			}
		})()
	);
});

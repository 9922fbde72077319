/**
 * The reference y-websocket server (@y/websocket-server 0.1.1) exactly as its own bin/server.js
 * wires it, without persistence or authentication: the peer our sync server is measured against.
 *
 *   PORT=4001 node --import tsx tests/support/reference-server-process.ts
 *
 * Prints `listening <port>` once it accepts connections. Room `<id>` is served at /yjs/<id> like
 * ours (its docName is then `yjs/<id>`); the `token` query parameter is ignored.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST || '127.0.0.1';
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
const server = http.createServer((_req, res) =>
	res.writeHead(200, { 'content-type': 'text/plain' }).end('okay')
);
server.on('upgrade', (req, socket, head) => {
	wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(port, host, () => console.log(`listening ${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => process.exit(0));

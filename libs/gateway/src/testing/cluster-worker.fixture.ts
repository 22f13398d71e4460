/**
 * Stand-in gateway worker for gateway-cluster.primary.spec.ts: an HTTP server on a port shared
 * through node:cluster (listen(0) in every worker = one port), answering its pid; GET /crash
 * exits with 1. SIGTERM closes the server and exits 0, like the real worker's graceful close.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((req, res) => {
  res.setHeader('connection', 'close');
  res.end(JSON.stringify({ pid: process.pid, index: process.env.GATEWAY_WORKER_INDEX }));
  if (req.url === '/crash') setTimeout(() => process.exit(1), 10);
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('SIGTERM', () => {
  if (process.env.FIXTURE_IGNORE_SIGTERM) return;
  server.close(() => process.exit(0));
});

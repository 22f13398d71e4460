import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { firstValueFrom } from 'rxjs';
import { RestRequestError } from '../errors/rest-request.error';
import { FetchRest } from './fetch.rest';

describe('FetchRest against a loopback HTTP server', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('GETs JSON and maps HTTP errors to RestRequestError', async () => {
    server = createServer((req, res) => {
      if (req.url === '/ok') {
        res.setHeader('content-type', 'application/json');
        res.end('{"seq":42,"b":[["1.50","2"]]}');
      } else {
        res.statusCode = 429;
        res.end('slow down');
      }
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const rest = new FetchRest(2000);
    expect(await firstValueFrom(rest.getJson(`${base}/ok`))).toEqual({
      seq: 42,
      b: [['1.50', '2']],
    });
    const err = await firstValueFrom(rest.getJson(`${base}/limited`)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestRequestError);
    expect((err as RestRequestError).message).toMatch(/HTTP 429/);
  });
});

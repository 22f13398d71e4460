import type { AddressInfo } from 'node:net';
import { type INestApplication, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { BusConfig, BusModule, MarketBus } from '@feedgate/bus';
import { FrameEncoder } from '@feedgate/codec';
import type { UnifiedEvent } from '@feedgate/core';
import { WebSocket } from 'ws';
import { GatewayConfig, type GatewaySettings } from '../config/gateway.config';
import type { ConnectorRegistry } from '../connectors/connector-registry';
import { GatewayModule } from '../gateway.module';
import { configureGatewayApp } from '../gateway.setup';
import type { ConfigStore } from '../store/config-store';

export const ADMIN_KEY = 'test-bootstrap-admin-key-0123456789';

export interface GatewayTestApp {
  readonly app: INestApplication;
  readonly bus: MarketBus;
  readonly http: string;
  readonly ws: string;
  close(): Promise<void>;
}

/** A real gateway on 127.0.0.1:0 over the in-process bus (or options.bus). */
export async function startGateway(
  settings: Partial<GatewaySettings>,
  options: {
    registry?: ConnectorRegistry;
    store?: ConfigStore | 'bus' | 'file';
    /** Default: the in-process bus; a Kafka BusConfig for integration tests. */
    bus?: BusConfig;
  } = {},
): Promise<GatewayTestApp> {
  Logger.overrideLogger(['error']);
  const config = GatewayConfig.of({ bootstrapAdminKey: ADMIN_KEY, ...settings });
  const moduleRef = await Test.createTestingModule({
    imports: [
      BusModule.forRoot(
        options.bus ??
          BusConfig.of({ retentionRecords: 1_000_000, retentionBytes: 512 * 1024 * 1024 }),
      ),
      GatewayModule.forRoot({
        config,
        connectorRegistry: options.registry,
        configStore: options.store ?? 'file',
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  configureGatewayApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    bus: app.get(MarketBus),
    http: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}/ws`,
    close: () => app.close(),
  };
}

/** One admin REST call; `json` is undefined when the body is not JSON. */
export async function callAdmin(
  base: string,
  method: string,
  path: string,
  key?: string,
  body?: unknown,
): Promise<{ status: number; json: any; text: string }> {
  const headers: Record<string, string> = {};
  if (key) headers['x-api-key'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

let frameSeq = 0;
const encoder = new FrameEncoder();

/** Publishes events to md.unified as one binary frame per event key. */
export async function publishEvents(
  bus: MarketBus,
  events: readonly UnifiedEvent[],
): Promise<void> {
  const records = events.map((e) => ({
    key: `${e.exchange}:${e.symbol}`,
    value: encoder.encode(
      { gateId: 'test', replica: 'A', epoch: 1, frameSeq: frameSeq++, firstEventTime: e.ts },
      [e],
    ),
  }));
  await bus.publish('md.unified', records);
}

/** A ws client that records every JSON message and its close code/reason. */
export class TestClient {
  readonly messages: Record<string, unknown>[] = [];
  closeCode: number | undefined;
  closeReason = '';
  readonly closed: Promise<void>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) =>
      this.messages.push(JSON.parse(data.toString()) as Record<string, unknown>),
    );
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        resolve();
      }),
    );
  }

  static async open(url: string, key: string | undefined = ADMIN_KEY): Promise<TestClient> {
    const socket = new WebSocket(url, key ? { headers: { 'x-api-key': key } } : {});
    const client = new TestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  ops(op: string): Record<string, unknown>[] {
    return this.messages.filter((m) => m.op === op);
  }

  /** Waits until `predicate` holds over the received messages (polling, bounded). */
  async until(predicate: (c: TestClient) => boolean, timeoutMs = 5000): Promise<void> {
    await waitFor(() => predicate(this), timeoutMs);
  }

  close(): void {
    this.socket.terminate();
  }
}

export async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

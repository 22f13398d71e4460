import 'reflect-metadata';
import cluster from 'node:cluster';
import { type INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusConfig } from '@feedgate/bus';
import { configureGatewayApp, GatewayClusterPrimary, GatewayConfig } from '@feedgate/gateway';
import { Logger } from 'nestjs-pino';
import { GatewayAppModule } from './gateway-app.module';

/**
 * `npm run start:gateway`: PORT (3000), HOST (127.0.0.1), KAFKA_BROKERS, GATEWAY_*,
 * FEEDGATE_ADMIN_KEY. GATEWAY_WORKERS=N > 1 (Kafka only): this process becomes a node:cluster
 * primary and N workers run the gateway on the same PORT.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT: bad value ${process.env.PORT}`);
  const host = process.env.HOST?.trim() || '127.0.0.1';
  const bus = BusConfig.fromEnv();
  const config = GatewayConfig.fromEnv();
  config.requireSharedBus(bus.usesKafka);
  if (config.workers > 1 && cluster.isPrimary) {
    new GatewayClusterPrimary({ workers: config.workers }).start();
    return;
  }
  const module = GatewayAppModule.forRoot(bus, config, process.env.LOG_LEVEL ?? 'info');
  const app = await NestFactory.create(module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  if (cluster.isWorker) closeOnSignals(app);
  else app.enableShutdownHooks();
  configureGatewayApp(app);
  await app.listen(port, host);
  const url = await app.getUrl();
  const who = cluster.isWorker
    ? ` (worker ${process.env.GATEWAY_WORKER_INDEX}, pid ${process.pid})`
    : '';
  app
    .get(Logger)
    .log(`gateway up${who}: ws ${url.replace(/^http/, 'ws')}/ws, docs ${url}/docs`, 'Bootstrap');
}

/**
 * A worker may get the same signal twice (Ctrl-C reaches the whole process group, and the
 * primary forwards SIGTERM): Nest's shutdown hooks would let the second one kill the process
 * mid-close, so a worker closes once, whatever it receives, and exits 0.
 */
function closeOnSignals(app: INestApplication): void {
  let closing = false;
  const onSignal = (): void => {
    if (closing) return;
    closing = true;
    void app
      .close()
      .catch((error: unknown) => new NestLogger('Bootstrap').error((error as Error).message))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((error: unknown) => {
  new NestLogger('Bootstrap').error((error as Error).message ?? String(error));
  process.exit(1);
});

import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusConfig } from '@feedgate/bus';
import { configureGatewayApp, GatewayConfig } from '@feedgate/gateway';
import { Logger } from 'nestjs-pino';
import { GatewayAppModule } from './gateway-app.module';

/** `npm run start:gateway`: PORT (3000), HOST (127.0.0.1), KAFKA_BROKERS, GATEWAY_*, FEEDGATE_ADMIN_KEY. */
async function bootstrap(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT: bad value ${process.env.PORT}`);
  const host = process.env.HOST?.trim() || '127.0.0.1';
  const module = GatewayAppModule.forRoot(
    BusConfig.fromEnv(),
    GatewayConfig.fromEnv(),
    process.env.LOG_LEVEL ?? 'info',
  );
  const app = await NestFactory.create(module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  configureGatewayApp(app);
  await app.listen(port, host);
  const url = await app.getUrl();
  app
    .get(Logger)
    .log(`gateway up: ws ${url.replace(/^http/, 'ws')}/ws, docs ${url}/docs`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  new NestLogger('Bootstrap').error((error as Error).message ?? String(error));
  process.exit(1);
});

import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureGatewayApp } from '@feedgate/gateway';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app.config';

async function bootstrap(): Promise<void> {
  // A newcomer gets a working admin key without setting anything: a fresh one per run,
  // printed below. FEEDGATE_ADMIN_KEY, when set, is used as it is.
  const env = { ...process.env };
  const demoKey = env.FEEDGATE_ADMIN_KEY ? null : `demo-${randomBytes(12).toString('hex')}`;
  if (demoKey) env.FEEDGATE_ADMIN_KEY = demoKey;
  const config = AppConfig.fromEnv(env);
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  configureGatewayApp(app);
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  const logger = app.get(Logger);
  logger.log(`feedgate up on the ${config.busKind} bus`, 'Bootstrap');
  logger.log(
    `dashboard: ${url}/?apiKey=${encodeURIComponent(config.gateway.bootstrapAdminKey ?? '')}`,
    'Bootstrap',
  );
  logger.log(
    `API key (admin${demoKey ? ', demo: new each run; set FEEDGATE_ADMIN_KEY to fix one' : ''}): ` +
      `${demoKey ?? '(FEEDGATE_ADMIN_KEY)'} — WebSocket ${url.replace(/^http/, 'ws')}/ws, ` +
      `REST ${url}/admin, OpenAPI ${url}/docs, health ${url}/health`,
    'Bootstrap',
  );
}

bootstrap().catch((error: unknown) => {
  // Start-up failures (bad config, broker unreachable) end the process with a clear reason.
  new NestLogger('Bootstrap').error((error as Error).message ?? String(error));
  process.exit(1);
});

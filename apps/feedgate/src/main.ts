import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app.config';

async function bootstrap(): Promise<void> {
  const config = AppConfig.fromEnv(process.env);
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  app.get(Logger).log(`feedgate up on ${config.busKind} bus — health: ${url}/health`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // Start-up failures (bad config, broker unreachable) end the process with a clear reason.
  new NestLogger('Bootstrap').error((error as Error).message ?? String(error));
  process.exit(1);
});

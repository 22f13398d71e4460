import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { DedupConfig, DedupModule } from '@feedgate/dedup-service';

async function bootstrap(): Promise<void> {
  const config = DedupConfig.fromEnv(process.env);
  const app = await NestFactory.create(DedupModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  app
    .get(Logger)
    .log(`dedup ${config.instanceId} up on ${config.busKind} bus — ${url}/health`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  new NestLogger('Bootstrap').error((error as Error).message ?? String(error));
  process.exit(1);
});

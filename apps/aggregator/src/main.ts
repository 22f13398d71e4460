import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AggregatorModule } from './aggregator.module';
import { AggregatorConfig } from './config/aggregator.config';

async function bootstrap(): Promise<void> {
  const config = AggregatorConfig.fromEnv(process.env);
  const levels = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4, trace: 5 } as const;
  const all = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
  const app = await NestFactory.create(AggregatorModule.forRoot(config), {
    logger: all.slice(0, levels[config.logLevel] + 1),
  });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  new Logger('Bootstrap').log(
    `aggregator (${config.mode}) on ${config.bus.usesKafka ? 'kafka' : 'in-process'} bus — health: ${await app.getUrl()}/health`,
  );
}

bootstrap().catch((error: unknown) => {
  // Start-up failures (bad config, broker unreachable) end the process with a clear reason.
  new Logger('Bootstrap').error((error as Error).message ?? String(error));
  process.exit(1);
});

import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { GateConfig, GateModule } from '@feedgate/gate';

async function bootstrap(): Promise<void> {
  const config = GateConfig.fromEnv(process.env);
  const app = await NestFactory.create(GateModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  app
    .get(Logger)
    .log(
      `gate ${config.gateId} up on ${config.busKind} bus — ${url}/health, ${url}/metrics`,
      'Bootstrap',
    );
}

bootstrap().catch((error: unknown) => {
  // Start-up failures (bad config, broker unreachable) end the process with a clear reason.
  new NestLogger('Bootstrap').error((error as Error).message ?? String(error));
  process.exit(1);
});

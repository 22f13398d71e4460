import { type DynamicModule, Module } from '@nestjs/common';
import { BusConfig, BusModule } from '@feedgate/bus';
import { GatewayConfig, GatewayModule } from '@feedgate/gateway';
import { LoggerModule } from 'nestjs-pino';

/** Gateway-only deployment: bus + GatewayModule (connectors live in apps/gate instances). */
@Module({})
export class GatewayAppModule {
  static forRoot(bus: BusConfig, config: GatewayConfig, logLevel: string): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { level: logLevel, autoLogging: false } }),
        BusModule.forRoot(bus),
        GatewayModule.forRoot({ config }),
      ],
    };
  }
}

import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DashboardStatic } from './dashboard/dashboard.static';
import { GatewayWsAdapter } from './ws/gateway-ws.adapter';

/**
 * App-level wiring GatewayModule cannot do itself: the ws adapter for /ws and the OpenAPI
 * document at /docs (JSON at /docs-json), the dashboard at /. Call before app.listen().
 */
export function configureGatewayApp(app: INestApplication): void {
  app.useWebSocketAdapter(new GatewayWsAdapter(app));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('feedgate admin API')
      .setDescription(
        'Exchanges, connectors, API keys, audit, health and metrics. Trader data: WebSocket /ws.',
      )
      .setVersion('0.1.0')
      .addApiKey({ type: 'apiKey', name: 'x-api-key', in: 'header' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  DashboardStatic.register(app); // the web dashboard at / (503 page until it is built)
}

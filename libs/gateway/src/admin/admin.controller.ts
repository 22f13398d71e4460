import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  UseFilters,
  UseGuards,
  UsePipes,
  ValidationPipe,
} from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, type AuthedRequest } from '../auth/api-key.guard';
import { RequireRole } from '../auth/roles.decorator';
import { CreateApiKeyDto, SetSymbolsDto } from './admin.dto';
import { AdminService } from './admin.service';
import { AuditLog } from './audit.log';
import { UnknownEntityFilter } from './unknown-entity.filter';
import { GatewayStats } from './gateway.stats';

const actor = (req: AuthedRequest): string => req.principal?.keyId ?? 'unknown';

/** REST admin: viewer keys read, admin keys change. Bad bodies → 400 with the reason. */
@ApiTags('admin')
@ApiSecurity('api-key')
@Controller('admin')
@UseGuards(ApiKeyGuard)
@UseFilters(UnknownEntityFilter)
@UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }))
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly audit: AuditLog,
    private readonly stats: GatewayStats,
  ) {}

  @Get('exchanges')
  @ApiOperation({ summary: 'Exchanges with their symbols and connectors (live state)' })
  exchanges() {
    return this.admin.exchanges();
  }

  @Get('connectors')
  @ApiOperation({ summary: 'Connectors: state, msgs/s, lag, reconnects, gaps' })
  connectors() {
    return this.admin.connectors();
  }

  @Post('connectors/:id/stop')
  @HttpCode(200)
  @RequireRole('admin')
  stop(@Param('id') id: string, @Req() req: AuthedRequest) {
    return this.admin.setConnectorEnabled(actor(req), id, false);
  }

  @Post('connectors/:id/start')
  @HttpCode(200)
  @RequireRole('admin')
  start(@Param('id') id: string, @Req() req: AuthedRequest) {
    return this.admin.setConnectorEnabled(actor(req), id, true);
  }

  @Put('exchanges/:id/symbols')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Add an exchange or replace its symbols (persisted)' })
  setSymbols(@Param('id') id: string, @Body() body: SetSymbolsDto, @Req() req: AuthedRequest) {
    return this.admin.setSymbols(actor(req), id, body.symbols);
  }

  @Get('keys')
  @RequireRole('admin')
  keys() {
    return this.admin.keysList();
  }

  @Post('keys')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Create an API key: the plain key is in this response only' })
  createKey(@Body() body: CreateApiKeyDto, @Req() req: AuthedRequest) {
    return this.admin.createKey(actor(req), body.name, body.role);
  }

  @Delete('keys/:id')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Revoke an API key: refused from then on, its open sockets closed' })
  revokeKey(@Param('id') id: string, @Req() req: AuthedRequest) {
    return this.admin.revokeKey(actor(req), id);
  }

  @Get('audit')
  @RequireRole('admin')
  auditList(@Query('limit') limit?: string) {
    const n = Number(limit ?? 100);
    return this.audit.list(Number.isInteger(n) && n > 0 && n <= 1000 ? n : 100);
  }

  @Get('gateway')
  @ApiOperation({ summary: 'WebSocket gateway: clients, subscriptions, fan-out counters' })
  gateway() {
    return this.stats.snapshot();
  }
}

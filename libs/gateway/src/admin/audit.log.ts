import { Injectable, Logger } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway.config';

export interface AuditEntry {
  readonly at: string;
  /** API key id of the caller (`bootstrap` for FEEDGATE_ADMIN_KEY). */
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly detail?: unknown;
}

/**
 * Who changed what, when: every admin change goes to the Nest logger (the durable trail, as
 * shipped by the log pipeline) and to a bounded in-memory list for GET /admin/audit.
 */
@Injectable()
export class AuditLog {
  private readonly logger = new Logger('Audit');
  private readonly entries: AuditEntry[] = [];

  constructor(private readonly config: GatewayConfig) {}

  record(actor: string, action: string, target: string, detail?: unknown): AuditEntry {
    const entry: AuditEntry = { at: new Date().toISOString(), actor, action, target, detail };
    this.entries.push(entry);
    if (this.entries.length > this.config.auditCapacity) this.entries.shift();
    this.logger.log(
      `${actor} ${action} ${target}${detail === undefined ? '' : ` ${JSON.stringify(detail)}`}`,
    );
    return entry;
  }

  /** Newest first. */
  list(limit = 100): AuditEntry[] {
    return this.entries.slice(-limit).reverse();
  }
}

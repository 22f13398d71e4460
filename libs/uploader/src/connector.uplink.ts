import type { StatusEvent, UnifiedEvent } from '@feedgate/core';
import {
  CONNECTION_SYMBOL,
  type ConnectorActor,
  type ExchangeConnector,
} from '@feedgate/connector';
import { Subscription } from 'rxjs';
import type { EpochClock } from './epoch.clock';
import type { Uploader } from './uploader';

export interface UplinkHooks {
  /** Every market event before it is written (metrics: lag, counts). Must not throw. */
  readonly onEvent?: (event: UnifiedEvent, actorId: string) => void;
  /** Every status of an actor (connection and symbol level), before it is uploaded. */
  readonly onStatus?: (status: StatusEvent, actorId: string) => void;
  /** A new connection epoch began on an actor (a connect or reconnect). */
  readonly onEpoch?: (actorId: string, epoch: number) => void;
}

/**
 * Wires one ExchangeConnector's actors to an Uploader and tracks each actor's connection
 * epoch: a new epoch from the shared EpochClock whenever the actor reports `connecting`
 * (every connect and reconnect begins with it, before any event of that connection).
 * Subscribe it BEFORE starting the connector so the first connection gets its epoch.
 */
export class ConnectorUplink {
  private readonly subs = new Subscription();
  private readonly epochs = new Map<string, number>();

  constructor(
    private readonly connector: ExchangeConnector,
    private readonly uploader: Uploader,
    private readonly clock: EpochClock,
    private readonly hooks: UplinkHooks = {},
  ) {}

  /** Current epoch per actor id (`exchange#shard`). */
  get currentEpochs(): ReadonlyMap<string, number> {
    return this.epochs;
  }

  start(): this {
    for (const actor of this.connector.actors) this.attach(actor);
    return this;
  }

  stop(): void {
    this.subs.unsubscribe();
  }

  private attach(actor: ConnectorActor): void {
    const id = actor.id;
    const { uploader, hooks } = this;
    this.subs.add(
      actor.status$.subscribe((s) => {
        if (s.symbol === CONNECTION_SYMBOL && s.state === 'connecting') this.newEpoch(id);
        hooks.onStatus?.(s, id);
        uploader.writeStatus(s, this.epochOf(id));
      }),
    );
    this.subs.add(
      actor.events$.subscribe((e) => {
        hooks.onEvent?.(e, id);
        uploader.write(e, this.epochOf(id));
      }),
    );
    this.subs.add(actor.deadLetters$.subscribe((d) => uploader.writeDeadLetter(d)));
  }

  private epochOf(id: string): number {
    return this.epochs.get(id) ?? this.newEpoch(id);
  }

  private newEpoch(id: string): number {
    const epoch = this.clock.next();
    this.epochs.set(id, epoch);
    this.hooks.onEpoch?.(id, epoch);
    return epoch;
  }
}

import type { StatusEvent, UnifiedEvent } from '@feedgate/core';
import { ConnectorActor } from '../connector.actor';
import { ConnectorMetrics } from '../connector.metrics';
import type { ConnectorActorOptions, DeadLetter } from '../connector.options';
import { ConnectorSupervisor, type SupervisorOptions } from '../connector.supervisor';
import { InMemoryRest } from '../ports/in-memory.rest';
import { InMemorySocket } from '../ports/in-memory.socket';
import type { ChannelSubscription } from '../protocol/channel-subscription';
import type { ConnectorProtocol } from '../protocol/connector-protocol';
import { SnapshotBudget } from '../book/snapshot-budget';
import { createTestProtocol, frames, type TestProtocolOptions } from './test-protocol';
import { VirtualTime } from './virtual-time';

/** Test rig: virtual time, a scripted in-memory server, a fake REST, one supervised actor. */
export class ActorHarness {
  readonly time = new VirtualTime();
  /** The fake server answers app pings while true. */
  answerPings = true;
  readonly socket = new InMemorySocket({
    onMessage: (conn, data) => {
      if (this.answerPings && data === '{"op":"ping"}') conn.send(frames.pong());
    },
  });
  readonly rest = new InMemoryRest(0, this.time.scheduler);
  readonly metrics = new ConnectorMetrics();
  readonly protocol: ConnectorProtocol;
  readonly actor: ConnectorActor;
  readonly supervisor: ConnectorSupervisor;
  readonly events: UnifiedEvent[] = [];
  readonly status: StatusEvent[] = [];
  readonly deadLetters: DeadLetter[] = [];

  constructor(
    subscriptions: readonly ChannelSubscription[],
    protocolOptions: TestProtocolOptions = {},
    extra: Partial<ConnectorActorOptions> = {},
    supervisorOptions: SupervisorOptions = { random: () => 0.5, baseMs: 500 },
  ) {
    this.protocol = createTestProtocol(protocolOptions);
    this.actor = new ConnectorActor({
      protocol: this.protocol,
      subscriptions,
      socket: this.socket,
      rest: this.rest,
      budget: new SnapshotBudget(100, 100, this.time.scheduler),
      scheduler: this.time.scheduler,
      metrics: this.metrics,
      ...extra,
    });
    this.supervisor = new ConnectorSupervisor(this.actor, supervisorOptions);
    this.actor.events$.subscribe((e) => this.events.push(e));
    this.actor.status$.subscribe((s) => this.status.push(s));
    this.actor.deadLetters$.subscribe((d) => this.deadLetters.push(d));
  }

  /** Connection-level states in order. */
  get states(): string[] {
    return this.status.filter((s) => s.symbol === '*').map((s) => s.state);
  }

  symbolStatus(nativeSymbol: string): StatusEvent[] {
    return this.status.filter((s) => s.nativeSymbol === nativeSymbol);
  }

  /** Subscribe args the server received on connection `index`. */
  subscribed(index: number, op = 'sub'): string[] {
    const conn = this.socket.connections[index];
    return conn.receivedText
      .filter((t) => t.startsWith('{"op":"sub') || t.startsWith('{"op":"unsub'))
      .map((t) => JSON.parse(t) as { op: string; args: string[] })
      .filter((m) => m.op === op)
      .flatMap((m) => m.args);
  }

  tradeIds(nativeSymbol?: string): string[] {
    return this.events.flatMap((e) =>
      e.type === 'trade' && (!nativeSymbol || e.nativeSymbol === nativeSymbol) ? [e.id] : [],
    );
  }

  bookSeqs(nativeSymbol: string): (string | null)[] {
    return this.events.flatMap((e) =>
      e.type === 'book' && e.nativeSymbol === nativeSymbol ? [e.seq] : [],
    );
  }
}

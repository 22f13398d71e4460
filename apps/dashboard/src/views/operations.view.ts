import {
  type AdminClient,
  AdminError,
  type Connector,
  type GatewaySnapshot,
  type Role,
} from '../api/admin.client';
import type { DataMessage, FeedSocket } from '../api/feed.socket';
import { LatencyTracker } from '../state/latency.tracker';
import { age, byId, clockTime, emptyRow, num, row, td, toast } from '../util/dom';

const POLL_MS = 1000;
const MAX_STATUS = 100;

export interface OperationsDebug {
  readonly connectors: readonly { id: string; state: string; enabled: boolean }[];
  readonly polls: number;
}

/**
 * Operations view: connectors polled from the admin REST (state, msgs/s, lag, reconnects,
 * gaps) with stop/start for admin keys, end-to-end latency measured on the live feed, and
 * feed status events. Polling runs only while the view is shown.
 */
export class OperationsView {
  private connectors: Connector[] = [];
  private gateway: GatewaySnapshot | null = null;
  private role: Role = 'none';
  private timer: number | undefined;
  private polls = 0;
  private readonly pending = new Set<string>();
  private readonly latency = new LatencyTracker();
  private readonly status: Record<string, unknown>[] = [];

  constructor(
    private readonly admin: AdminClient,
    feed: FeedSocket,
  ) {
    feed.onData((m) => this.receive(m));
    feed.subscribe({ channel: 'status' });
    byId('connectors-body').addEventListener('click', (ev) => {
      const button = (ev.target as HTMLElement).closest('button');
      const id = button?.dataset.connector;
      if (button && id) void this.toggle(id, button.dataset.action === 'start');
    });
  }

  setRole(role: Role): void {
    this.role = role;
    this.render();
  }

  show(visible: boolean): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
    if (!visible) return;
    void this.poll();
    this.timer = window.setInterval(() => void this.poll(), POLL_MS);
  }

  debug(): OperationsDebug {
    return {
      connectors: this.connectors.map((c) => ({ id: c.id, state: c.state, enabled: c.enabled })),
      polls: this.polls,
    };
  }

  private receive(m: DataMessage): void {
    const d = m.data;
    if (m.channel === 'trades' || m.channel === 'bbo') {
      this.latency.record(String(d.exchange), Number(d.ts), Number(d.localTs), Date.now());
    } else if (m.channel === 'status') {
      this.status.unshift(d);
      if (this.status.length > MAX_STATUS) this.status.pop();
    }
  }

  private async poll(): Promise<void> {
    try {
      const [connectors, gateway] = await Promise.all([
        this.admin.connectors(),
        this.admin.gateway(),
      ]);
      this.connectors = connectors.sort((a, b) => a.id.localeCompare(b.id));
      this.gateway = gateway;
      this.polls++;
      byId('ops-updated').textContent = `updated ${clockTime(Date.now())}`;
    } catch (error) {
      byId('ops-updated').textContent =
        error instanceof AdminError ? error.message : 'gateway unreachable';
    }
    this.render();
  }

  private async toggle(id: string, start: boolean): Promise<void> {
    this.pending.add(id);
    this.render();
    try {
      const updated = await this.admin.setConnector(id, start);
      this.connectors = this.connectors.map((c) => (c.id === id ? updated : c));
      toast(`${id}: ${start ? 'started' : 'stopped'} (${updated.state})`);
    } catch (error) {
      toast(error instanceof Error ? error.message : String(error));
    } finally {
      this.pending.delete(id);
      this.render();
    }
  }

  private renderCards(): void {
    const g = this.gateway;
    const live = this.connectors.filter((c) => c.state === 'live').length;
    const rate = this.connectors.reduce((sum, c) => sum + (c.msgsPerSec || 0), 0);
    const lat = this.latency.rows();
    const worst = lat.reduce(
      (m, r) => (Number.isFinite(r.totalP99) ? Math.max(m, r.totalP99) : m),
      -Infinity,
    );
    const cards: [string, string][] = [
      ['connectors live', `${live} / ${this.connectors.length}`],
      ['msgs/s in', num(rate)],
      ['e2e p99 worst', Number.isFinite(worst) ? `${num(worst)} ms` : '–'],
      ['ws clients', num(g?.clients)],
      ['subscriptions', num(g?.subscriptions)],
      ['messages sent', num(g?.sent)],
    ];
    byId('cards').replaceChildren(
      ...cards.map(([k, v]) => {
        const card = document.createElement('div');
        card.className = 'card';
        const key = document.createElement('div');
        key.className = 'k';
        key.textContent = k;
        const value = document.createElement('div');
        value.className = 'v';
        value.textContent = v;
        card.append(key, value);
        return card;
      }),
    );
  }

  private render(): void {
    const now = Date.now();
    this.renderCards();
    byId('connectors-body').replaceChildren(
      ...(this.connectors.length
        ? this.connectors.map((c) => this.connectorRow(c, now))
        : [emptyRow(10, 'no connectors reported')]),
    );
    const lat = this.latency.rows();
    byId('latency-body').replaceChildren(
      ...(lat.length
        ? lat.map((r) =>
            row([
              td(r.exchange),
              td(num(r.events)),
              td(`${num(r.toGateP50, 1)}`),
              td(`${num(r.fromGateP50, 1)}`),
              td(`${num(r.totalP50, 1)}`),
              td(`${num(r.totalP99, 1)}`),
            ]),
          )
        : [emptyRow(6, 'no trades or quotes received yet (market view subscriptions)')]),
    );
    byId('status-body').replaceChildren(
      ...(this.status.length
        ? this.status.map((s) =>
            row([
              td(clockTime(Number(s.ts))),
              td(String(s.exchange ?? '')),
              td(String(s.symbol ?? '')),
              td(String(s.state ?? ''), `state-${String(s.state)}`),
              td(String(s.reason ?? ''), 'left'),
            ]),
          )
        : [emptyRow(5, 'no status events')]),
    );
  }

  private connectorRow(c: Connector, now: number): HTMLTableRowElement {
    const actions = td('');
    if (this.role === 'admin') {
      const start = !c.enabled;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = start ? 'start' : 'stop';
      button.className = start ? 'go' : 'danger';
      button.dataset.connector = c.id;
      button.dataset.action = start ? 'start' : 'stop';
      button.setAttribute('data-testid', `toggle-${c.id}`);
      button.disabled = this.pending.has(c.id);
      actions.append(button);
    }
    const state = td('');
    const badge = document.createElement('span');
    badge.className = `state state-${c.state}`;
    badge.textContent = c.state;
    badge.setAttribute('data-testid', `state-${c.id}`);
    state.append(badge);
    return row([
      td(c.id),
      td(c.exchange),
      state,
      td(String(c.symbols.length)),
      td(num(c.msgsPerSec)),
      td(c.lagMs === null ? '–' : num(c.lagMs, 1)),
      td(num(c.reconnects)),
      td(num(c.gaps), c.gaps > 0 ? 'sev-warning' : ''),
      td(age(c.lastMessageAt, now)),
      actions,
    ]);
  }
}

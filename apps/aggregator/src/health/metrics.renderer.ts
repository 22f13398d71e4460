import type { PipelineStats, RunnerStats } from '@feedgate/aggregator';

/**
 * Prometheus text exposition of the runner and pipeline counters. Rendered from the stats on
 * each scrape (no registry state to keep in sync; the numbers live in the runner).
 */
export function renderMetrics(r: RunnerStats, p: PipelineStats): string {
  const lines: string[] = [];
  const metric = (
    name: string,
    type: 'counter' | 'gauge',
    help: string,
    samples: [string, number][],
  ) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, v] of samples) lines.push(`${name}${labels} ${v}`);
  };
  const one = (v: number): [string, number][] => [['', v]];
  const byLabel = (label: string, o: Readonly<Record<string, number>>): [string, number][] =>
    Object.entries(o).map(([k, v]) => [`{${label}="${k}"}`, v]);
  metric(
    'feedgate_agg_up',
    'gauge',
    'Consumer running (1) or not (0).',
    one(r.state === 'running' ? 1 : 0),
  );
  metric(
    'feedgate_agg_paused',
    'gauge',
    'Consumption paused by backpressure.',
    one(r.paused ? 1 : 0),
  );
  metric('feedgate_agg_batches_total', 'counter', 'md.unified batches handled.', one(r.batches));
  metric('feedgate_agg_frames_total', 'counter', 'md.unified frames decoded.', one(r.frames));
  metric(
    'feedgate_agg_bad_frames_total',
    'counter',
    'Undecodable md.unified records skipped.',
    one(r.badFrames),
  );
  metric(
    'feedgate_agg_events_total',
    'counter',
    'Unified events aggregated, by type.',
    byLabel('type', p.events),
  );
  metric(
    'feedgate_agg_outputs_total',
    'counter',
    'Outputs produced, by kind.',
    byLabel('kind', p.outputs),
  );
  metric(
    'feedgate_agg_published_total',
    'counter',
    'Records acknowledged by the bus.',
    one(r.published),
  );
  metric('feedgate_agg_publish_errors_total', 'counter', 'Failed publishes.', one(r.publishErrors));
  metric(
    'feedgate_agg_pending_records',
    'gauge',
    'Records published, not yet acknowledged.',
    one(r.pendingRecords),
  );
  metric('feedgate_agg_commits_total', 'counter', 'Offset commits.', one(r.commits));
  metric(
    'feedgate_agg_candles_late_dropped_total',
    'counter',
    'Trades past the allowed lateness.',
    one(p.candles.droppedLate),
  );
  metric(
    'feedgate_agg_candle_amendments_total',
    'counter',
    'Candle amendments published.',
    one(p.candles.amendments),
  );
  metric(
    'feedgate_agg_alerts_total',
    'counter',
    'Alerts emitted, by kind.',
    byLabel('kind', p.anomalies.emitted),
  );
  metric(
    'feedgate_agg_alerts_suppressed_total',
    'counter',
    'Alerts withheld by cooldown.',
    one(p.anomalies.suppressed),
  );
  return `${lines.join('\n')}\n`;
}

import type { TimelinePoint } from './load-result';

const W = 800;
const H = 360;
const PAD = { l: 70, r: 70, t: 40, b: 40 };

/**
 * Hand-written SVG: achieved rate (left axis, blue) and p99 latency to md.unified and to the
 * gateway clients (right axis, orange / red) per second of the measured window(s).
 */
export function renderChart(points: readonly TimelinePoint[], title: string): string {
  const pw = W - PAD.l - PAD.r;
  const ph = H - PAD.t - PAD.b;
  const tMax = Math.max(1, ...points.map((p) => p.t));
  const rMax = niceMax(Math.max(1, ...points.map((p) => p.rate)));
  const lMax = niceMax(Math.max(1, ...points.flatMap((p) => [p.p99UnifiedMs, p.p99GatewayMs])));
  const x = (t: number): number => PAD.l + (t / tMax) * pw;
  const yR = (v: number): number => PAD.t + ph - (v / rMax) * ph;
  const yL = (v: number): number => PAD.t + ph - (v / lMax) * ph;
  const path = (f: (p: TimelinePoint) => number, y: (v: number) => number): string =>
    points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(f(p)).toFixed(1)}`).join('');
  const grid: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const gy = PAD.t + (ph * i) / 4;
    grid.push(
      `<line x1="${PAD.l}" y1="${gy}" x2="${W - PAD.r}" y2="${gy}" stroke="#ddd"/>`,
      `<text x="${PAD.l - 6}" y="${gy + 4}" text-anchor="end" fill="#1f77b4">${fmt(rMax * (1 - i / 4))}</text>`,
      `<text x="${W - PAD.r + 6}" y="${gy + 4}" fill="#d62728">${fmt(lMax * (1 - i / 4))}</text>`,
    );
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${escape(title)}</text>`,
    ...grid,
    `<line x1="${PAD.l}" y1="${PAD.t + ph}" x2="${W - PAD.r}" y2="${PAD.t + ph}" stroke="#333"/>`,
    `<text x="${W / 2}" y="${H - 8}" text-anchor="middle">seconds of measured window</text>`,
    `<text x="14" y="${PAD.t + ph / 2}" transform="rotate(-90 14 ${PAD.t + ph / 2})" text-anchor="middle" fill="#1f77b4">events/s to md.unified</text>`,
    `<text x="${W - 12}" y="${PAD.t + ph / 2}" transform="rotate(90 ${W - 12} ${PAD.t + ph / 2})" text-anchor="middle" fill="#d62728">p99 latency, ms</text>`,
    `<path d="${path((p) => p.rate, yR)}" fill="none" stroke="#1f77b4" stroke-width="2"/>`,
    `<path d="${path((p) => p.p99UnifiedMs, yL)}" fill="none" stroke="#ff7f0e" stroke-width="1.5"/>`,
    `<path d="${path((p) => p.p99GatewayMs, yL)}" fill="none" stroke="#d62728" stroke-width="1.5" stroke-dasharray="4 2"/>`,
    `<text x="${PAD.l + 8}" y="${PAD.t + 12}" fill="#1f77b4">— rate</text>`,
    `<text x="${PAD.l + 70}" y="${PAD.t + 12}" fill="#ff7f0e">— p99 md.unified</text>`,
    `<text x="${PAD.l + 180}" y="${PAD.t + 12}" fill="#d62728">- - p99 gateway clients</text>`,
    `</svg>`,
    '',
  ].join('\n');
}

function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function fmt(v: number): string {
  return v >= 1000 ? `${Math.round(v / 100) / 10}k` : String(Math.round(v * 10) / 10);
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

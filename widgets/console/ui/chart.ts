import { area, curveMonotoneX, line } from 'd3-shape';
import { css, html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

/**
 * Small SVG charts. d3-shape turns the values into path data (strings: no DOM, no styles);
 * Lit renders the SVG, so the charts need nothing a strict CSP forbids and take their colors
 * from the tokens. Every chart has a text summary and its numbers as a table for screen readers.
 */
export interface ChartSeries {
  label: string;
  values: number[];
}

export interface ChartOptions {
  id: string;
  title: string;
  /** One label per point (days). */
  labels: string[];
  series: ChartSeries[];
  kind: 'line' | 'bar';
  format: (value: number) => string;
  /** Label of the table toggle, "Show the numbers". */
  tableLabel: string;
  /** Header of the label column, "Day". */
  labelHeader: string;
}

const W = 640;
const H = 200;
const PAD = { top: 12, right: 12, bottom: 30, left: 60 };

/** A round-ish upper bound for the y axis. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value) ?? 10;
  return step * magnitude;
}

export function chart(options: ChartOptions): TemplateResult {
  const { labels, series, format } = options;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const n = Math.max(labels.length, 1);
  const band = innerW / n;
  const x = (i: number) => PAD.left + band * i + band / 2;
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const ticks = [0, max / 2, max];
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  const summary = series
    .map((s) => `${s.label}: ${format(s.values.reduce((sum, v) => sum + v, 0))}`)
    .join('; ');
  return html`<figure class="chart">
    <figcaption id="${options.id}-title">${options.title}</figcaption>
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${options.id}-title ${options.id}-desc">
      <desc id="${options.id}-desc">${summary}</desc>
      ${ticks.map(
        (tick) =>
          svg`<line class="grid" x1=${PAD.left} x2=${W - PAD.right} y1=${y(tick)} y2=${y(tick)}></line>
            <text class="tick" x=${PAD.left - 6} y=${y(tick) + 4} text-anchor="end">${format(tick)}</text>`,
      )}
      ${labels.map((label, i) =>
        i % labelEvery === 0
          ? svg`<text class="tick" x=${x(i)} y=${H - 8} text-anchor="middle">${label}</text>`
          : nothing,
      )}
      ${series.map((s, index) => (options.kind === 'bar' ? bars(s, index, series.length, x, y, band) : lines(s, index, x, y)))}
    </svg>
    <ul class="legend">
      ${series.map((s, index) => html`<li><span class="swatch s${index}"></span>${s.label}</li>`)}
    </ul>
    <details>
      <summary>${options.tableLabel}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">${options.labelHeader}</th>
            ${series.map((s) => html`<th scope="col" class="num">${s.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${labels.map(
            (label, i) =>
              html`<tr>
                <th scope="row">${label}</th>
                ${series.map((s) => html`<td class="num">${format(s.values[i] ?? 0)}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </details>
  </figure>`;
}

function lines(
  s: ChartSeries,
  index: number,
  x: (i: number) => number,
  y: (v: number) => number,
): SVGTemplateResult {
  const points = s.values.map((v, i) => [x(i), y(v)] as [number, number]);
  const path = line().curve(curveMonotoneX)(points) ?? '';
  const fill = index === 0 ? (area().curve(curveMonotoneX).y0(y(0))(points) ?? '') : '';
  return svg`${fill ? svg`<path class="area s${index}" d=${fill}></path>` : nothing}
    <path class="line s${index}" d=${path}></path>`;
}

function bars(
  s: ChartSeries,
  index: number,
  count: number,
  x: (i: number) => number,
  y: (v: number) => number,
  band: number,
): SVGTemplateResult {
  const width = (band * 0.7) / count;
  return svg`${s.values.map(
    (v, i) =>
      svg`<rect class="bar s${index}" x=${x(i) - (band * 0.7) / 2 + width * index} y=${y(v)} width=${width} height=${Math.max(0, y(0) - y(v))}></rect>`,
  )}`;
}

/** Styles of the charts; series colors from the tokens. */
export const chartStyles = css`
  .chart {
    margin: 0;
  }
  figcaption {
    font-weight: 600;
    margin-block-end: 4px;
  }
  svg {
    width: 100%;
    height: auto;
    display: block;
  }
  .grid {
    stroke: var(--_crm-color-border);
  }
  .tick {
    fill: var(--_crm-color-muted);
    font-size: 14px;
  }
  .line {
    fill: none;
    stroke-width: 2.5;
  }
  .area {
    stroke: none;
    opacity: 0.12;
  }
  .line.s0,
  .swatch.s0 {
    stroke: var(--_crm-color-accent);
  }
  .area.s0,
  .bar.s0,
  .swatch.s0 {
    fill: var(--_crm-color-accent);
    background: var(--_crm-color-accent);
  }
  .line.s1 {
    stroke: var(--_crm-color-success);
  }
  .bar.s1,
  .swatch.s1 {
    fill: var(--_crm-color-success);
    background: var(--_crm-color-success);
  }
  .legend {
    display: flex;
    gap: var(--_crm-space);
    list-style: none;
    padding: 0;
    margin: 4px 0;
    font-size: 0.875rem;
  }
  .swatch {
    display: inline-block;
    width: 12px;
    height: 12px;
    border-radius: 2px;
    margin-inline-end: 6px;
    vertical-align: -1px;
  }
  details {
    font-size: 0.875rem;
  }
  summary {
    cursor: pointer;
    color: var(--_crm-color-accent);
  }
`;

/** The figures row, chart grid and period switch of the report pages (home, service, help, scoring). */
export const reportStyles = css`
  .totals {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
    gap: var(--_crm-space);
    margin: 0 0 var(--_crm-space);
    padding: 0;
    list-style: none;
  }
  .totals li {
    margin: 0;
  }
  .total {
    display: block;
    font-size: 1.5rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .charts {
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 440px), 1fr));
  }
  .period {
    display: flex;
    gap: 4px;
    margin-block-end: var(--_crm-space);
  }
  .period a[aria-current='true'] {
    background: var(--_crm-color-accent);
    color: var(--_crm-color-surface);
  }
`;

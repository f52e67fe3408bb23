// A small chart of yearly figures: bars (the register's counts), lines (the model's, or the
// cascade's steps), dashed targets, a line's 95% bounds as a shaded band; the axis from zero, so a
// band's width reads as it is. Used by the estimates and the dashboard's trend.
import { formatNumber } from '../factsheet/format';

export type YearSeries = {
  key: string;
  label: string;
  /** 'target': a dashed line (a goal to compare a line with). */
  kind: 'bar' | 'line' | 'target';
  values: readonly number[];
  bounds?: readonly ([number, number] | null)[];
};

const W = 460;
const H = 200;
const LEFT = 44;
const BOTTOM = 22;
const TOP = 10;

/** 1, 2 or 5 times a power of ten, at least a quarter of `max`: four steps to the top. */
function step(max: number): number {
  const raw = max / 4;
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? raw;
}

export function YearChart({
  title,
  years,
  series,
  language,
  testId,
  source,
}: {
  title: string;
  /** Whose figures, which years, as of when: a chart copied or printed alone still says so. */
  source?: string;
  years: readonly number[];
  series: readonly YearSeries[];
  language: string;
  testId: string;
}) {
  const top = Math.max(
    1,
    ...series.flatMap((s) => [...s.values, ...(s.bounds ?? []).flatMap((b) => (b ? [b[1]] : []))]).filter(Number.isFinite),
  );
  const tick = step(top);
  const yMax = Math.ceil(top / tick) * tick;
  const n = years.length;
  const slot = (W - LEFT - 8) / Math.max(n, 1);
  const x = (i: number) => LEFT + slot * (i + 0.5);
  const y = (v: number) => TOP + (H - TOP - BOTTOM) * (1 - Math.min(Math.max(v, 0), yMax) / yMax);
  const ticks = Array.from({ length: Math.round(yMax / tick) + 1 }, (_, i) => i * tick);
  const labelEvery = Math.ceil(n / 8);
  return (
    <figure className="year-chart" data-testid={testId}>
      <figcaption>
        {title}
        {source ? <span className="chart-source">{source}</span> : null}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={LEFT} x2={W - 8} y1={y(v)} y2={y(v)} className="grid" />
            <text x={LEFT - 4} y={y(v) + 4} textAnchor="end" className="axis">
              {formatNumber(v, 1, language)}
            </text>
          </g>
        ))}
        {years.map((yr, i) =>
          i % labelEvery === 0 || i === n - 1 ? (
            <text key={yr} x={x(i)} y={H - 6} textAnchor="middle" className="axis">
              {yr}
            </text>
          ) : null,
        )}
        {series.map((s, k) =>
          s.kind === 'bar' ? (
            <g key={s.key} className={`series series-${k}`} data-series={s.key}>
              {s.values.map((v, i) => (
                <rect key={i} x={x(i) - slot * 0.35} width={slot * 0.7} y={y(v)} height={y(0) - y(v)} className="bar-fill" />
              ))}
            </g>
          ) : (
            <g key={s.key} className={`series series-${k}`} data-series={s.key}>
              {s.bounds && s.bounds.every(Boolean) ? (
                <polygon
                  className="band"
                  points={[
                    ...s.bounds.map((b, i) => `${x(i)},${y(b![1])}`),
                    ...s.bounds.map((b, i) => `${x(i)},${y(b![0])}`).reverse(),
                  ].join(' ')}
                />
              ) : null}
              <polyline
                className={s.kind === 'target' ? 'line target' : 'line'}
                points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}
              />
            </g>
          ),
        )}
      </svg>
      <ul className="legend">
        {series.map((s, k) => (
          <li key={s.key} className={`series-${k}`}>
            <span className={`swatch ${s.kind}`} aria-hidden="true" /> {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}

// The breakdown as small multiples: one little cascade per group (diagnosed, in care, on ART,
// suppressed), all on one scale so groups compare by height, each bar with its count and its share
// of the step before. The table below holds the same figures for screen readers and copying.
import { useTranslation } from 'react-i18next';
import type { BreakdownColumn, IndicatorResult } from '../../shared/indicators/api';
import { formatCount, pct } from './format';

const STEPS = ['diagnosed', 'inCare', 'onArt', 'suppressedOnArt'] as const;

type Props = {
  groups: IndicatorResult['groups'];
  label: (key: string) => string;
  /** A count hidden as it leaves the centre: no bar, the mark instead. */
  hidden: (group: string, column: BreakdownColumn) => boolean;
};

export function BreakdownChart({ groups, label, hidden }: Props) {
  const { t } = useTranslation();
  const shown = groups.filter((g) => g.tally.diagnosed > 0);
  if (shown.length === 0) return null;
  const max = Math.max(1, ...shown.map((g) => g.tally.diagnosed));
  const W = 200,
    H = 110,
    top = 30,
    barW = 38,
    gap = 10,
    left = 6;
  return (
    <div className="breakdown-charts" data-testid="breakdown-charts" aria-hidden="true">
      {shown.map((g) => (
        <figure key={g.key} className="breakdown-chart" data-group={g.key}>
          <figcaption>{label(g.key)}</figcaption>
          <svg viewBox={`0 0 ${W} ${top + H + 34}`}>
            {STEPS.map((step, i) => {
              const x = left + i * (barW + gap);
              const value = g.tally[step];
              // No share beside a hidden step before: with the count shown, it would give the hidden one away.
              const before = i === 0 || hidden(g.key, STEPS[i - 1]!) ? null : g.tally[STEPS[i - 1]!];
              const h = (value / max) * H;
              return (
                <g key={step} data-bar={step}>
                  {hidden(g.key, step) ? (
                    <text x={x + barW / 2} y={top + H - 4} textAnchor="middle" className="bar-value">
                      •
                    </text>
                  ) : (
                    <>
                      <rect x={x} y={top + H - h} width={barW} height={h} className={`bar bar-${step}`} />
                      <text x={x + barW / 2} y={top + H - h - 16} textAnchor="middle" className="bar-value">
                        {formatCount(value)}
                      </text>
                      {before ? (
                        <text x={x + barW / 2} y={top + H - h - 4} textAnchor="middle" className="bar-share">
                          {pct(value / before)}
                        </text>
                      ) : null}
                    </>
                  )}
                  {/* Every other label a line lower, the outer ones held inside the chart: a longer
                      language's short words (Tajik, Turkmen) then neither touch nor get cut. */}
                  <text
                    x={i === 0 ? x : i === STEPS.length - 1 ? x + barW : x + barW / 2}
                    y={top + H + 14 + (i % 2) * 13}
                    textAnchor={i === 0 ? 'start' : i === STEPS.length - 1 ? 'end' : 'middle'}
                    className="bar-label"
                  >
                    {t(`indicators.stepShort.${step}`)}
                  </text>
                </g>
              );
            })}
          </svg>
        </figure>
      ))}
      <p className="muted small breakdown-legend">{t('indicators.breakdownLegend')}</p>
    </div>
  );
}

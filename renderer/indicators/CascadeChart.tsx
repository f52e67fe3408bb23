// The cascade as bars: estimate, diagnosed, in care, on ART, suppressed; the target of each step
// (90-81-73% of the estimate, or 95-90-86% from 2021) drawn as a mark where an estimate exists;
// each bar says its count and its share of the step before.
import { useTranslation } from 'react-i18next';
import type { IndicatorResult } from '../../shared/indicators/api';
import { formatCount, pct } from './format';

/** A bar's label in lines that fit under it (longer languages need two or three); the last one cut with … if need be. */
export function wrapLabel(text: string, perLine: number, most = 3): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= perLine) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= most) return lines;
  const kept = lines.slice(0, most);
  kept[most - 1] = `${kept[most - 1]!.slice(0, perLine - 1)}…`;
  return kept;
}

export function CascadeChart({ result }: { result: IndicatorResult }) {
  const { t } = useTranslation();
  const { tally, cascade } = result.total;
  const target = cascade.target;
  const bars = [
    { key: 'estimate', value: result.estimate === null ? null : Math.round(result.estimate), goal: null as number | null },
    { key: 'diagnosed', value: tally.diagnosed, goal: result.estimate === null ? null : result.estimate * target },
    { key: 'inCare', value: tally.inCare, goal: null },
    { key: 'onArt', value: tally.onArt, goal: result.estimate === null ? null : result.estimate * target * target },
    { key: 'suppressedOnArt', value: tally.suppressedOnArt, goal: result.estimate === null ? null : result.estimate * target ** 3 },
  ];
  // Each step as a share of the step before it (where both are known): where the cascade loses people.
  const ofBefore = (i: number): number | null => {
    const before = bars[i - 1]?.value;
    const now = bars[i]!.value;
    return before && now !== null ? now / before : null;
  };
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value ?? 0, b.goal ?? 0)));
  const W = 640,
    H = 240,
    left = 10,
    barW = 100,
    gap = 24,
    top = 24;
  return (
    <svg className="cascade-chart" viewBox={`0 0 ${W} ${H + 84}`} role="img" aria-label={t('indicators.cascade')}>
      {bars.map((b, i) => {
        const x = left + i * (barW + gap);
        const h = b.value === null ? 0 : (b.value / max) * H;
        return (
          <g key={b.key} data-bar={b.key}>
            {b.value === null ? (
              <text x={x + barW / 2} y={top + H - 4} textAnchor="middle" className="muted-text">
                {t('indicators.noEstimate')}
              </text>
            ) : (
              <>
                <rect x={x} y={top + H - h} width={barW} height={h} className={`bar bar-${b.key}`} />
                <text x={x + barW / 2} y={top + H - h - 6} textAnchor="middle" className="bar-value">
                  {formatCount(b.value)}
                  {ofBefore(i) === null ? '' : ` · ${pct(ofBefore(i)!)}`}
                  <title>
                    {ofBefore(i) === null ? '' : t('indicators.ofStepBefore', { step: t(`indicators.measures.${bars[i - 1]!.key}`) })}
                  </title>
                </text>
              </>
            )}
            {b.goal !== null ? (
              <line x1={x - 4} x2={x + barW + 4} y1={top + H - (b.goal / max) * H} y2={top + H - (b.goal / max) * H} className="goal" />
            ) : null}
            <text x={x + barW / 2} y={top + H + 20} textAnchor="middle" className="bar-label">
              {wrapLabel(t(`indicators.measures.${b.key}`), 15).map((line, n) => (
                <tspan key={n} x={x + barW / 2} dy={n === 0 ? 0 : '1.15em'}>
                  {line}
                </tspan>
              ))}
              <title>{t(`indicators.measures.${b.key}`)}</title>
            </text>
          </g>
        );
      })}
    </svg>
  );
}

// The figure of new cases by year: plain SVG bars, so it prints exactly as shown.
import { useTranslation } from 'react-i18next';

export function NewCasesFigure({ series }: { series: readonly { year: number; newCases: number }[] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...series.map((p) => p.newCases));
  const W = 640,
    H = 160,
    top = 18,
    barW = W / series.length - 8;
  return (
    <figure className="fact-figure">
      <svg viewBox={`0 0 ${W} ${H + top + 22}`} role="img" aria-label={t('factsheet.figure')}>
        {series.map((p, i) => {
          const h = (p.newCases / max) * H;
          const x = i * (barW + 8) + 4;
          return (
            <g key={p.year} data-year={p.year}>
              <rect x={x} y={top + H - h} width={barW} height={h} className="bar bar-diagnosed" />
              <text x={x + barW / 2} y={top + H - h - 4} textAnchor="middle" className="bar-value">
                {p.newCases}
              </text>
              <text x={x + barW / 2} y={top + H + 16} textAnchor="middle" className="bar-label">
                {p.year}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{t('factsheet.figure')}</figcaption>
    </figure>
  );
}

// The cascade as FHIR R4 MeasureReports (summary) of the WHO SMART HIV measures, one per measure,
// in a Bundle: the period, the org unit as reporter, numerator and denominator populations with
// the score, and a stratifier per breakdown. It leaves the centre, so small counts are hidden as
// in every outside export: a total whose counts are hidden has no counts or score; a stratifier in
// which any stratum would show a count from 1 to the threshold is left out whole (one hidden
// stratum could be worked out from the total and the others).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { IndicatorResult, ProportionSchema } from '../../../shared/indicators/api.js';
import { PERCENTAGE_TERMS } from '../../../shared/indicators/cascade-suppression.js';
import { FHIR_STRATIFIERS, SMART_HIV_CANONICAL, SMART_MEASURES } from '../../../shared/fhir/api.js';
import type { Period } from '../../../shared/periods.js';

type Proportion = z.infer<typeof ProportionSchema>;
const POPULATION = 'http://terminology.hl7.org/CodeSystem/measure-population';
const population = (code: 'numerator' | 'denominator', count?: number) => ({
  code: { coding: [{ system: POPULATION, code }] },
  ...(count === undefined ? {} : { count }),
});

/** Populations and score of a proportion; the denominator is left out where there is none (no estimate). */
function scored(p: Proportion) {
  if (!p.computable) return { population: [population('numerator', p.numerator)] };
  return {
    population: [population('numerator', p.numerator), population('denominator', p.denominator)],
    ...(p.denominator > 0 ? { measureScore: { value: Number(p.value.toFixed(6)) } } : {}),
  };
}

const small = (n: number, max: number) => n >= 1 && n <= max;

export function measureReportBundle(
  total: IndicatorResult,
  byStratifier: Record<(typeof FHIR_STRATIFIERS)[number], IndicatorResult>,
  period: Period,
  reporter: { id: number; name: string },
  now: Date = new Date(),
): object {
  const max = total.outside.maxCount;
  const reports = SMART_MEASURES.map(({ measure, percentage }) => {
    const p = total.total.cascade[percentage];
    const hidden = PERCENTAGE_TERMS[percentage].some((term) => total.outside.counts.includes(term));
    const stratifier = FHIR_STRATIFIERS.flatMap((dim) => {
      const groups = byStratifier[dim].groups;
      const shows = (q: Proportion) => !small(q.numerator, max) && !small(q.denominator, max);
      if (hidden || groups.some((g) => !shows(g.cascade[percentage]))) return [];
      return [
        {
          code: [{ text: dim }],
          stratum: groups.map((g) => ({ value: { text: g.key }, ...scored(g.cascade[percentage]) })),
        },
      ];
    });
    return {
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource: {
        resourceType: 'MeasureReport',
        status: 'complete',
        type: 'summary',
        measure: `${SMART_HIV_CANONICAL}${measure}`,
        date: now.toISOString(),
        reporter: { display: reporter.name, identifier: { system: 'urn:migrant-hiv-desk:org-unit', value: String(reporter.id) } },
        period: { start: period.start, end: period.end },
        group: [
          {
            ...(hidden ? { population: [population('numerator'), population('denominator')] } : scored(p)),
            ...(stratifier.length ? { stratifier } : {}),
          },
        ],
      },
    };
  });
  return { resourceType: 'Bundle', id: randomUUID(), type: 'collection', timestamp: now.toISOString(), entry: reports };
}

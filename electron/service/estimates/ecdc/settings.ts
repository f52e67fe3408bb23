// The model's settings, as the ECDC tool's model file gives them, checked: years in order, fit
// windows inside the data (or empty), knots and intervals that make a model. What cannot make a
// model is refused with the reason, before anything runs.
import { z } from 'zod';

const year = z.number().int().min(1900).max(2100);

export const ModelSettingsSchema = z
  .object({
    firstYear: year,
    lastYear: year,
    /** Fit windows, inclusive; a window ending before it starts, or before the first year, fits nothing. */
    fit: z.object({
      total: z.tuple([year, year]),
      cd4: z.tuple([year, year]),
      aids: z.tuple([year, year]),
      hivAids: z.tuple([year, year]),
    }),
    intervals: z
      .array(z.object({ startYear: year, jump: z.boolean(), changing: z.boolean(), byCd4: z.boolean() }))
      .min(1)
      .max(20),
    knots: z.number().int().min(1).max(20),
    startIncidenceAtZero: z.boolean(),
    lastWeightByExtrapolation: z.boolean(),
    distribution: z.enum(['poisson', 'negative_binomial']),
    /** "NL" weights pre-1996 diagnoses by survival to 1996 (the Dutch cohort's reporting). */
    country: z.string().max(10),
    delta4Fac: z.number().finite(),
  })
  .superRefine((s, ctx) => {
    if (s.lastYear < s.firstYear) ctx.addIssue({ code: 'custom', path: ['lastYear'], message: 'years_reversed' });
    if (s.lastYear - s.firstYear > 80) ctx.addIssue({ code: 'custom', path: ['lastYear'], message: 'too_many_years' });
    // A window wholly before the first year is the tool's way of fitting a series not at all (its
    // own test data: 1979-1979); one that reaches outside the years otherwise is a mistake.
    const used = ([from, to]: readonly [number, number]) => to >= from && to >= s.firstYear;
    for (const [name, w] of Object.entries(s.fit)) {
      if (used(w) && (w[0] < s.firstYear || w[1] > s.lastYear))
        ctx.addIssue({ code: 'custom', path: ['fit', name], message: 'fit_window_outside_years' });
    }
    if (!Object.values(s.fit).some(used)) ctx.addIssue({ code: 'custom', path: ['fit'], message: 'nothing_to_fit' });
    const starts = s.intervals.map((i) => i.startYear);
    if (starts[0] !== s.firstYear) ctx.addIssue({ code: 'custom', path: ['intervals', 0], message: 'first_interval_not_at_first_year' });
    if (starts.some((y, i) => i > 0 && y <= starts[i - 1]!))
      ctx.addIssue({ code: 'custom', path: ['intervals'], message: 'intervals_not_in_order' });
    if (starts.some((y) => y > s.lastYear)) ctx.addIssue({ code: 'custom', path: ['intervals'], message: 'interval_after_last_year' });
  });
export type ModelSettings = z.infer<typeof ModelSettingsSchema>;

/** The series a register gives the model, per model year (missing years as 0, as the tool reads them). */
export type ModelData = {
  hiv: number[];
  cd4: [number[], number[], number[], number[]];
  hivAids: number[];
  aids: number[];
  dead: number[];
};

// The estimates screen's own labels for the fields a refusal names (read by its error messages and tests).
/** The screen's labels for the fields a refusal names. */
export const fieldLabels = (t: (k: string) => string): Record<string, string> => ({
  orgUnitId: t('settings.orgUnit'),
  firstYear: t('estimates.from'),
  lastYear: t('estimates.to'),
  population: t('estimates.populationTitle'),
  bootstrap: t('estimates.bootstrap'),
  knots: t('estimates.knots'),
  rateChangeYears: t('estimates.rateYears'),
  runId: t('estimates.runWord'),
});

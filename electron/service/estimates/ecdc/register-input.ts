// From the register to the ECDC model: the register's counts (db/ecdc-series.ts) as the model's
// data, with settings the tool would start from, and a folder in the tool's own input format, so a
// centre can also run the ECDC tool on the same figures (or hand the files to ECDC) and compare.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegisterSeries } from '../../../../db/ecdc-series.js';
import { AIDS_RECORDED_TO_FIT } from '../../../../shared/estimates/api.js';
import { ModelSettingsSchema, type ModelData, type ModelSettings } from './settings.js';

/** Whether the register records AIDS at diagnosis for enough of the cases to fit the HIV/AIDS series. */
export const fitsHivAids = (series: RegisterSeries) => {
  const all = series.hiv.reduce((a, b) => a + b, 0);
  return all > 0 && series.aidsKnown.reduce((a, b) => a + b, 0) >= AIDS_RECORDED_TO_FIT * all;
};

/**
 * The model's input from the register's series. Where AIDS at diagnosis is recorded for at least
 * 95% of the cases, the HIV/AIDS series is fitted over every year and those cases leave the CD4
 * series (the model's CD4 stages are diagnoses before AIDS); otherwise it is not fitted and every
 * case counts at its CD4 stage. The AIDS series (first AIDS diagnoses) is given but not fitted: the
 * tool fits it only where AIDS reporting is complete and HIV reporting is not. Diagnosis rates: one
 * per CD4 stage from the first year, and again from each year the user names; incidence with 4
 * interior knots (the tool's default) unless asked otherwise.
 */
export function modelInputFromRegister(
  series: RegisterSeries,
  options: { knots?: number; rateChangeYears?: readonly number[] } = {},
): { settings: ModelSettings; data: ModelData } {
  const first = series.years[0]!;
  const last = series.years.at(-1)!;
  const none: [number, number] = [first - 1, first - 1];
  const withAids = fitsHivAids(series);
  const settings = ModelSettingsSchema.parse({
    firstYear: first,
    lastYear: last,
    fit: { total: none, cd4: [first, last], aids: none, hivAids: withAids ? [first, last] : none },
    intervals: [first, ...(options.rateChangeYears ?? [])].map((startYear) => ({ startYear, jump: true, changing: false, byCd4: true })),
    knots: options.knots ?? 4,
    startIncidenceAtZero: true,
    lastWeightByExtrapolation: true,
    distribution: 'poisson',
    country: 'OTHER',
    delta4Fac: 0,
  });
  const zeros = series.years.map(() => 0);
  return {
    settings,
    data: {
      hiv: [...series.hiv],
      cd4: series.cd4.map((c, s) => c.map((n, i) => (withAids ? n - series.hivAidsCd4[s]![i]! : n))) as ModelData['cd4'],
      hivAids: withAids ? [...series.hivAids] : zeros,
      aids: [...series.aids],
      dead: [...series.dead],
    },
  };
}

const xmlBool = (b: boolean) => (b ? 'true' : 'false');
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The files of a folder the ECDC tool (and `npm run ecdc-model`) reads: the model file and the counts as CSV. */
export function referenceFiles(settings: ModelSettings, data: ModelData, name = 'Model'): Map<string, string> {
  const files = new Map<string, string>();
  const years = Array.from({ length: settings.lastYear - settings.firstYear + 1 }, (_, i) => settings.firstYear + i);
  const csv = (yearColumn: string, values: readonly number[]) =>
    [`${yearColumn},pop_0`, ...years.map((y, i) => `${y},${values[i]}`)].join('\n') + '\n';
  files.set('HIV.csv', csv('YearPos', data.hiv));
  data.cd4.forEach((c, s) => files.set(`HIV_CD4_${s + 1}.csv`, csv('YearPos', c)));
  files.set('HIVAIDS.csv', csv('YearPos', data.hivAids));
  files.set('AIDS.csv', csv('YearFirstAIDS', data.aids));
  files.set('Dead.csv', csv('YearDeath', data.dead));
  const f = settings.fit;
  const intervals = settings.intervals
    .map(
      (i, k) => `      <Interval>
        <Description>Time interval ${k + 1}</Description>
        <StartYear>${i.startYear}</StartYear>
        <Jump>${xmlBool(i.jump)}</Jump>
        <ChangingInInterval>${xmlBool(i.changing)}</ChangingInInterval>
        <DifferentByCD4>${xmlBool(i.byCd4)}</DifferentByCD4>
      </Interval>`,
    )
    .join('\n');
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Model>
  <FileVersion>2</FileVersion>
  <Meta>
    <Name>${escape(name)}</Name>
    <RiskGroups>
      <RiskGroup>
        <Name>pop_0</Name>
        <RiskCategories>
          <RiskCategory>
            <Name>pop_0</Name>
            <IsSelected>true</IsSelected>
          </RiskCategory>
        </RiskCategories>
      </RiskGroup>
    </RiskGroups>
  </Meta>
  <IncidenceModel>
    <Run>true</Run>
    <MinYear>${settings.firstYear}</MinYear>
    <MaxYear>${settings.lastYear}</MaxYear>
    <MinFitPos>${f.total[0]}</MinFitPos>
    <MaxFitPos>${f.total[1]}</MaxFitPos>
    <MinFitCD4>${f.cd4[0]}</MinFitCD4>
    <MaxFitCD4>${f.cd4[1]}</MaxFitCD4>
    <MinFitAIDS>${f.aids[0]}</MinFitAIDS>
    <MaxFitAIDS>${f.aids[1]}</MaxFitAIDS>
    <MinFitHIVAIDS>${f.hivAids[0]}</MinFitHIVAIDS>
    <MaxFitHIVAIDS>${f.hivAids[1]}</MaxFitHIVAIDS>
    <DiagnosisRates>
${intervals}
    </DiagnosisRates>
    <Country>${escape(settings.country)}</Country>
    <KnotsCount>${settings.knots}</KnotsCount>
    <StartIncZero>${xmlBool(settings.startIncidenceAtZero)}</StartIncZero>
    <DistributionFit>${settings.distribution === 'negative_binomial' ? 'Negative binomial' : 'Poisson'}</DistributionFit>
    <Delta4Fac>${settings.delta4Fac}</Delta4Fac>
    <MaxIncCorr>${xmlBool(settings.lastWeightByExtrapolation)}</MaxIncCorr>
    <SplineType>B-splines</SplineType>
    <FullData>true</FullData>
  </IncidenceModel>
</Model>
`;
  files.set(`${name.replace(/[^\p{L}\p{N} _-]/gu, '_')}.xml`, xml);
  return files;
}

/** The same files written into a folder. */
export function writeReferenceFolder(dir: string, settings: ModelSettings, data: ModelData, name = 'Model'): void {
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of referenceFiles(settings, data, name)) writeFileSync(join(dir, file), content);
}

// Reads a folder in the ECDC HIV Modelling Tool's input format: the model file (XML) and the
// CSV files of counts per year (HIV, HIV_CD4_1..4, HIVAIDS, AIDS, Dead), as the tool reads them:
// the first column the year, the others populations summed; years outside the model's years
// ignored, and years before or after a series' fit window, if missing, as 0. Every file is hostile
// until read: sizes, rows and values are capped; a negative or non-numeric count, or a year missing
// within the window the series is fitted over, is refused with the reason.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { AppFailure, fail } from '../../../../shared/result.js';
import { ModelSettingsSchema, type ModelData, type ModelSettings } from './settings.js';

const MAX_FILE_BYTES = 1_000_000;
const MAX_ROWS = 500;
const CSV_FILES = ['HIV', 'HIV_CD4_1', 'HIV_CD4_2', 'HIV_CD4_3', 'HIV_CD4_4', 'HIVAIDS', 'AIDS', 'Dead'] as const;

/** Where the problem is, for the message: the file, its row, the setting. */
const whereOf = (p: Record<string, unknown>) =>
  Object.entries(p)
    .map(([k, v]) => `, ${k} ${String(v)}`)
    .join('');
const refuse = (reason: string, params: Record<string, unknown> = {}): never =>
  fail('model_input_refused', { reason, where: whereOf(params) });

function readCapped(file: string): string {
  const size = statSync(file).size;
  if (size > MAX_FILE_BYTES) refuse('file_too_large', { file: file.split(/[\\/]/).pop(), max: MAX_FILE_BYTES });
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

const bool = (v: unknown) => /^true$/i.test(String(v ?? '').trim());
const num = (v: unknown) => (v === undefined || String(v).trim() === '' ? NaN : Number(String(v).trim()));

/** The model file's settings, in the tool's element names (Model/IncidenceModel/...). */
export function parseModelFile(xml: string): ModelSettings {
  let doc: Record<string, unknown>;
  try {
    doc = new XMLParser({ parseTagValue: false, ignoreAttributes: true, processEntities: false }).parse(xml) as Record<string, unknown>;
  } catch {
    return refuse('model_file_not_xml');
  }
  const model = doc['Model'] as Record<string, unknown> | undefined;
  if (!model || String(model['FileVersion'] ?? '').trim() !== '2') return refuse('model_file_not_version_2');
  const im = (model['IncidenceModel'] ?? {}) as Record<string, unknown>;
  const raw = (im['DiagnosisRates'] as Record<string, unknown> | undefined)?.['Interval'];
  const intervals = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Record<string, unknown>[];
  const window = (a: string, b: string): [number, number] => [num(im[`MinFit${a}`]), num(im[`MaxFit${b ?? a}`])];
  const candidate = {
    firstYear: num(im['MinYear']),
    lastYear: num(im['MaxYear']),
    fit: { total: window('Pos', 'Pos'), cd4: window('CD4', 'CD4'), aids: window('AIDS', 'AIDS'), hivAids: window('HIVAIDS', 'HIVAIDS') },
    intervals: intervals.map((i) => ({
      startYear: num(i['StartYear']),
      jump: bool(i['Jump']),
      changing: bool(i['ChangingInInterval']),
      byCd4: bool(i['DifferentByCD4']),
    })),
    knots: num(im['KnotsCount']),
    startIncidenceAtZero: im['StartIncZero'] === undefined ? true : bool(im['StartIncZero']),
    lastWeightByExtrapolation: im['MaxIncCorr'] === undefined ? true : bool(im['MaxIncCorr']),
    distribution: /^negative binomial$/i.test(String(im['DistributionFit'] ?? '').trim()) ? 'negative_binomial' : 'poisson',
    country: String(im['Country'] ?? 'OTHER')
      .trim()
      .toUpperCase()
      .slice(0, 10),
    delta4Fac: im['Delta4Fac'] === undefined ? 0 : num(im['Delta4Fac']),
  };
  const parsed = ModelSettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return refuse('model_settings_invalid', { field: issue.path.join('.'), problem: issue.code === 'custom' ? issue.message : issue.code });
  }
  return parsed.data;
}

/** One CSV of counts: per year, the sum over the population columns; negative values missing, repeated years after the first dropped. */
export function parseCounts(text: string, file: string): Map<number, number> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length > MAX_ROWS + 1) refuse('too_many_rows', { file, max: MAX_ROWS });
  const out = new Map<number, number>();
  for (const [i, line] of lines.slice(1).entries()) {
    const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    if (cells.length < 2) refuse('row_without_counts', { file, row: i + 2 });
    const year = Number(cells[0]);
    if (!Number.isInteger(year)) continue;
    if (out.has(year)) continue;
    let sum = 0;
    let any = false;
    for (const c of cells.slice(1)) {
      if (c === '' || /^(na|nan)$/i.test(c)) continue;
      const v = Number(c);
      if (!Number.isFinite(v)) refuse('count_not_a_number', { file, row: i + 2 });
      if (v < 0) refuse('count_negative', { file, row: i + 2 });
      if (v > 1e7) refuse('count_too_large', { file, row: i + 2 });
      sum += v;
      any = true;
    }
    if (any) out.set(year, sum);
  }
  return out;
}

/** The settings and the series of a folder in the tool's input format. */
export function readReferenceFolder(dir: string): { settings: ModelSettings; data: ModelData } {
  try {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) refuse('not_a_folder');
    const xml = readdirSync(dir)
      .filter((f) => f.toLowerCase().endsWith('.xml'))
      .sort()[0];
    if (!xml) refuse('no_model_file');
    const settings = parseModelFile(readCapped(join(dir, xml!)));
    const years = Array.from({ length: settings.lastYear - settings.firstYear + 1 }, (_, i) => settings.firstYear + i);
    const windows: Record<(typeof CSV_FILES)[number], readonly [number, number] | null> = {
      HIV: settings.fit.total,
      HIV_CD4_1: settings.fit.cd4,
      HIV_CD4_2: settings.fit.cd4,
      HIV_CD4_3: settings.fit.cd4,
      HIV_CD4_4: settings.fit.cd4,
      HIVAIDS: settings.fit.hivAids,
      AIDS: settings.fit.aids,
      Dead: null,
    };
    const series = Object.fromEntries(
      CSV_FILES.map((name) => {
        const file = join(dir, `${name}.csv`);
        if (!existsSync(file)) refuse('missing_file', { file: `${name}.csv` });
        const counts = parseCounts(readCapped(file), `${name}.csv`);
        const w = windows[name];
        const gap = w ? years.find((y) => y >= w[0] && y <= w[1] && !counts.has(y)) : undefined;
        if (gap !== undefined) refuse('year_missing_in_fit_window', { file: `${name}.csv`, year: gap });
        return [name, years.map((y) => counts.get(y) ?? 0)];
      }),
    ) as Record<(typeof CSV_FILES)[number], number[]>;
    return {
      settings,
      data: {
        hiv: series.HIV,
        cd4: [series.HIV_CD4_1, series.HIV_CD4_2, series.HIV_CD4_3, series.HIV_CD4_4],
        hivAids: series.HIVAIDS,
        aids: series.AIDS,
        dead: series.Dead,
      },
    };
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    return refuse('unreadable', { error: (e as { code?: string }).code ?? 'unknown' });
  }
}

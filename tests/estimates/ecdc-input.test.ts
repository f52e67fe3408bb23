// A folder in the ECDC tool's input format is hostile until read: impossible settings and bad
// counts are refused with the reason, before any fit runs.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readReferenceFolder } from '../../electron/service/estimates/ecdc/reference-format.js';
import { failureOf } from '../helpers/failure.js';
import { useTempDirs } from '../helpers/tmp.js';

const tempDir = useTempDirs();
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'ecdc', 'test-1');
const MODEL = 'Full data model.xml';

/** A copy of test-1 with one file changed. */
function folderWith(file: string, change: (text: string) => string): string {
  const dir = join(tempDir(), 'in');
  cpSync(FIXTURE, dir, { recursive: true });
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  return dir;
}
const reasonOf = (dir: string) => failureOf(() => readReferenceFolder(dir)).params;

describe('reading the ECDC input format', () => {
  it('refuses impossible model settings, naming the setting', () => {
    expect(reasonOf(folderWith(MODEL, (x) => x.replace('<KnotsCount>6</KnotsCount>', '<KnotsCount>0</KnotsCount>')))).toMatchObject({
      reason: 'model_settings_invalid',
      where: expect.stringContaining('knots'),
    });
    expect(reasonOf(folderWith(MODEL, (x) => x.replace('<MaxYear>2016</MaxYear>', '<MaxYear>1975</MaxYear>')))).toMatchObject({
      reason: 'model_settings_invalid',
      where: expect.stringContaining('years_reversed'),
    });
    expect(reasonOf(folderWith(MODEL, (x) => x.replace('<MaxFitCD4>2016</MaxFitCD4>', '<MaxFitCD4>2020</MaxFitCD4>')))).toMatchObject({
      reason: 'model_settings_invalid',
      where: expect.stringContaining('fit_window_outside_years'),
    });
    expect(reasonOf(folderWith(MODEL, (x) => x.replace('<FileVersion>2</FileVersion>', '<FileVersion>1</FileVersion>')))).toMatchObject({
      reason: 'model_file_not_version_2',
    });
    expect(reasonOf(folderWith(MODEL, () => '<Model><FileVersion>2'))).toMatchObject({ reason: expect.stringMatching(/^model_/) });
  });

  it('refuses counts that are negative, not numbers, or missing within the fit window, naming file and row', () => {
    expect(reasonOf(folderWith('AIDS.csv', (x) => x.replace('1983,22', '1983,-4')))).toMatchObject({
      reason: 'count_negative',
      where: expect.stringContaining('AIDS.csv'),
    });
    expect(reasonOf(folderWith('HIV_CD4_2.csv', (x) => x.replace(/\n1990,\d+/, '\n1990,many')))).toMatchObject({
      reason: 'count_not_a_number',
      where: expect.stringContaining('HIV_CD4_2.csv'),
    });
    expect(reasonOf(folderWith('HIVAIDS.csv', (x) => x.replace(/\n2001,[^\n]*/, '')))).toMatchObject({
      reason: 'year_missing_in_fit_window',
      where: expect.stringContaining('2001'),
    });
    // Years before a series' window (HIVAIDS.csv starts in 1985; its window in 1996) read as 0, as the tool reads them.
    expect(readReferenceFolder(FIXTURE).data.hivAids.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('the command refuses a folder that is not in the format in one line, and writes the tool’s columns for one that is', () => {
    const cli = join(import.meta.dirname, '..', '..', 'dist', 'node', 'electron', 'cli', 'ecdc-model.js');
    const bad = spawnSync(process.execPath, [cli, tempDir()], { encoding: 'utf8', timeout: 120_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringContaining('no_model_file')]);
    const out = join(tempDir(), 'results.csv');
    const good = spawnSync(process.execPath, [cli, FIXTURE, '--out', out], { encoding: 'utf8', timeout: 300_000 });
    expect(good.status).toBe(0);
    const [head, first] = readFileSync(out, 'utf8').split('\n');
    expect(head!.split(',')).toEqual(
      expect.arrayContaining(['run', 'year', 'N_HIV_M', 'N_Inf_M', 'N_Und', 'N_Alive', 't_diag', 't_diag_p50', 'delta1', 'delta4']),
    );
    expect(first!.startsWith('0,1980,')).toBe(true);
  }, 300_000);
});

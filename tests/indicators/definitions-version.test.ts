// Derived status rows are thrown away only when STATUS_DEFINITIONS_VERSION changes. This test holds
// the hash of the code that decides what a case counts as: when that code changes, the test fails
// until the version is raised and the new hash recorded here, so old rows are never served.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATUS_DEFINITIONS_VERSION } from '../../shared/indicators/case-status.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** The definitions, and how a case's rows are derived from them. */
const SOURCES = ['shared/indicators/case-status.ts', 'shared/indicators/status-intervals.ts', 'db/status-intervals.ts'];
// Version 3 kept at 2026-11-30's change: refreshStatusIntervals gained a limit per call (derivation when idle); the rows it
// derives are the same, as the engine-vs-definitions property tests show, so registers are not derived again.
// Kept again at 2026-12-01's: a case linked with others as one person is derived with their events (person_link,
// new in schema 18); a register without links derives the same rows as before.
const RECORDED = { version: 3, sha256: '699b161697898a42dad3d6cd7e3838c2e723eba3ba7a092582a76ac7d6f3a5f9' };

describe('the definitions version', () => {
  it('is raised whenever the code that derives a case status changes', () => {
    const hash = createHash('sha256');
    for (const file of SOURCES) hash.update(readFileSync(join(ROOT, file), 'utf8').replace(/\r\n/g, '\n'));
    const now = { version: STATUS_DEFINITIONS_VERSION, sha256: hash.digest('hex') };
    expect(now, 'the definitions changed: raise STATUS_DEFINITIONS_VERSION in case-status.ts and record the new hash here').toEqual(
      RECORDED,
    );
  });
});

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
const RECORDED = { version: 3, sha256: '7ad1d296698872c6feee7be18b2c3aacd755fa6b2bffa6f3a2114e6b893cbfba' };

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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELECTRON_FILES, ROOT, sourceFiles, violations } from './imports.js';

describe('layering (docs/architecture.md: dependencies point one way)', () => {
  it('holds for every source file', () => {
    const files = ['renderer', 'db', 'shared', 'electron'].flatMap((d) => sourceFiles(d));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) => violations(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('keeps the files that import electron few, and each of them does', () => {
    for (const f of ELECTRON_FILES) expect(readFileSync(join(ROOT, f), 'utf8')).toMatch(/from 'electron'/);
  });

  it('catches the mistakes it is there for', () => {
    expect(violations('renderer/cases/List.tsx', "import { openDeskDatabase } from '../../db/open';")[0]?.rule).toBe(
      'renderer may not import db',
    );
    expect(violations('renderer/x.ts', "import { dispatch } from '../electron/service/dispatch.js';")[0]?.rule).toBe(
      'renderer may not import electron',
    );
    expect(violations('renderer/x.ts', "import fs from 'node:fs';")[0]?.rule).toMatch(/no Node modules/);
    expect(violations('db/x.ts', "import type { X } from '../electron/service/session.js';")[0]?.rule).toBe('db may not import electron');
    expect(violations('shared/x.ts', "export * from '../db/open.js';")[0]?.rule).toBe('shared may not import db');
    expect(violations('electron/service/x.ts', "import { app } from 'electron';")[0]?.rule).toMatch(/thin Electron files/);
    expect(violations('db/x.ts', "const { shell } = require('electron');")[0]?.rule).toMatch(/thin Electron files/);
    expect(violations('electron/service/x.ts', "import { x } from '../../db/open.js';")).toEqual([]);
    expect(violations('db/migrations/0004-x.ts', "import { DATA_ELEMENTS } from '../../shared/forms/definitions.js';")[0]?.rule).toMatch(
      /a migration may import only/,
    );
    expect(violations('db/migrations/0004-x.ts', "import { RULES_V4 } from './data/0004-aggregate-forms.js';")).toEqual([]);
  });
});

// The packaged binary cannot be built on this machine (no Electron download), so its hardening is
// checked where it is decided: the packaging configuration.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './imports.js';

describe('packaging', () => {
  it('flips every Electron fuse that closes a way into a running app', () => {
    const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
      electronFuses?: Record<string, boolean>;
      asar?: unknown;
    };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
    expect(config.asar).not.toBe(false); // the asar whose integrity is checked must be built
  });
});

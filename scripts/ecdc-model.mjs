// `npm run ecdc-model -- DIR [--out FILE.csv]`: builds if needed, then runs the ECDC model's main
// fit on a folder in the ECDC tool's input format (electron/cli/ecdc-model.ts).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, build, ensureInstalled } from './setup.mjs';

ensureInstalled();
build({ renderer: false });
const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'node', 'electron', 'cli', 'ecdc-model.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);

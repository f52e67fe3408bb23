// Reads import specifiers from source files, for the layering rules of docs/architecture.md.
import { readdirSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|cts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const IMPORT =
  /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The top-level folder a relative import lands in, or the package name of a bare one. */
export function target(file: string, specifier: string): { layer: string } | { pkg: string } {
  if (!specifier.startsWith('.')) return { pkg: specifier };
  const abs = resolve(ROOT, dirname(file), specifier);
  return { layer: relative(ROOT, abs).split(sep)[0]! };
}

export type Violation = { file: string; specifier: string; rule: string };

export const ELECTRON_FILES = ['electron/main.ts', 'electron/ipc.ts', 'electron/preload.cts'];

/** renderer -> shared; db -> shared; shared -> nothing; electron -> db, shared; `electron` only in ELECTRON_FILES. */
export function violations(file: string, source: string): Violation[] {
  const layer = file.split('/')[0]!;
  const allowed: Record<string, string[]> = {
    renderer: ['renderer', 'shared'],
    db: ['db', 'shared'],
    shared: ['shared'],
    electron: ['electron', 'db', 'shared'],
  };
  const found: Violation[] = [];
  for (const specifier of importsOf(source)) {
    const t = target(file, specifier);
    if ('layer' in t && allowed[layer] && !allowed[layer].includes(t.layer))
      found.push({ file, specifier, rule: `${layer} may not import ${t.layer}` });
    if ('pkg' in t && (t.pkg === 'electron' || t.pkg.startsWith('electron/')) && !ELECTRON_FILES.includes(file))
      found.push({ file, specifier, rule: 'only the thin Electron files may import electron' });
    if ('pkg' in t && layer === 'renderer' && (t.pkg.startsWith('node:') || t.pkg.startsWith('better-sqlite3')))
      found.push({ file, specifier, rule: 'the renderer runs in a browser: no Node modules' });
    // A migration is frozen: it builds the schema of its day whatever the code becomes, so it reads only itself, its data and Node.
    if (
      file.startsWith('db/migrations/') &&
      !(specifier.startsWith('./') || specifier.startsWith('node:') || specifier === 'better-sqlite3-multiple-ciphers')
    )
      found.push({ file, specifier, rule: 'a migration may import only its own folder, Node and SQLite' });
  }
  return found;
}

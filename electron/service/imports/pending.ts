// Checked files wait here for the user's confirmation: a few at most, in memory, never on disk,
// and only for the database they were checked against.
import { fail } from '../../../shared/result.js';
import type { DeskSession } from '../session.js';

const KEEP = 3;

export class PendingImports<T extends { id: string; databasePath: string }> {
  private readonly items = new Map<string, T>();

  put(p: T): T {
    this.items.set(p.id, p);
    for (const id of [...this.items.keys()].slice(0, -KEEP)) this.items.delete(id);
    return p;
  }

  get(s: DeskSession, id: string): T {
    const p = this.items.get(id);
    if (!p || p.databasePath !== s.status().database?.path) fail('import_expired');
    return p!;
  }

  delete(id: string): void {
    this.items.delete(id);
  }
}

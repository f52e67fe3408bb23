// Checked files wait here for the user's confirmation: a few at most, in memory, never on disk,
// and only for the database and the sign-in they were checked under (not for the next account).
import { fail } from '../../../shared/result.js';
import type { DeskSession } from '../session.js';

const KEEP = 3;

export class PendingImports<T extends { id: string; databasePath: string }> {
  private readonly items = new Map<string, { p: T; generation: number }>();

  put(s: DeskSession, p: T): T {
    this.items.set(p.id, { p, generation: s.currentGeneration });
    for (const id of [...this.items.keys()].slice(0, -KEEP)) this.items.delete(id);
    return p;
  }

  get(s: DeskSession, id: string): T {
    const item = this.items.get(id);
    if (!item || item.generation !== s.currentGeneration || item.p.databasePath !== s.status().database?.path)
      return fail('import_expired');
    return item.p;
  }

  delete(id: string): void {
    this.items.delete(id);
  }
}

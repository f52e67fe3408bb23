// One pass over a register package's lines, as they are decrypted: each record checked as the
// entry screen checks it, valid cases handed on one at a time and never kept. The preview runs it
// to sort and count; the confirmation runs it again over the same bytes to write, so both see
// exactly the same cases without the plan holding any of them.
import type { IncomingCase } from '../../../db/exchange.js';
import { checkApproval, checkValue, type OutgoingApproval, type OutgoingValue } from '../../../db/exchange-forms.js';
import { eventIssues, type CaseInput, type EventInput } from '../../../shared/cases/schema.js';
import { PackageCaseSchema, type PackagePreview } from '../../../shared/exchange/api.js';
import { LINE_HASH_CHARS, type ContentLine } from './package-file.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { translationIssue } from '../../../shared/translations/check.js';

/** Refused records named in the preview; the rest are counted. */
const SHOWN = 20;

export type RegisterScan = {
  /** The sender's units a loaded record sits in, by their path of names. */
  units: Map<number, string[]>;
  deleted: number[];
  refused: PackagePreview['refused'];
  refusedTotal: number;
  values: OutgoingValue[];
  approvals: OutgoingApproval[];
  formsRefused: number;
  /** Every case id the package names, loaded or refused. */
  seen: Set<number>;
  /** Ids of loaded cases whose checks changed them (a space trimmed): the confirmation checks these again to write them as checked. */
  reshaped: Set<number>;
  /** Corrected texts the sender chose to send, each checked as a workbook's row; the last for a text counts (the others refused). */
  translations: Map<string, { language: Language; key: string; text: string }>;
  translationsRefused: number;
};

/** More corrected texts than every text of every language is not a centre's corrections. */
const MAX_TRANSLATIONS = 20_000;

/**
 * Units come first in a package (as the sender writes them): a record may sit in any unit of the
 * sender's region (as its key file said, and the administrator accepted), never elsewhere, and
 * never in this centre's own unit; a record naming a unit not listed before it is refused.
 */
export async function scanRegister(
  lines: Iterable<ContentLine>,
  senderPath: readonly string[],
  ownPath: readonly string[],
  /** Each valid case, with the number of its line (what the confirmation reads again). */
  onCase: (c: IncomingCase, line: number) => void,
  /** Cases passed over unchecked (a package loaded before, read again for its corrected texts). */
  skipCases = false,
  /** Gives other calls their turn between lines (service/pace.ts), each a line read; no statement is held open across it. */
  pace: () => Promise<void> | undefined = () => undefined,
): Promise<RegisterScan> {
  const region = JSON.stringify(senderPath.slice(1, 2));
  const here = JSON.stringify(ownPath.slice(1));
  const within = (path: readonly string[]) =>
    path.length >= Math.min(2, senderPath.length) && JSON.stringify(path.slice(1, 2)) === region && JSON.stringify(path.slice(1)) !== here;
  const scan: RegisterScan = {
    units: new Map(),
    deleted: [],
    refused: [],
    refusedTotal: 0,
    values: [],
    approvals: [],
    formsRefused: 0,
    seen: new Set(),
    reshaped: new Set(),
    translations: new Map(),
    translationsRefused: 0,
  };
  const outside = new Set<number>();
  const used = new Set<number>();
  const refuse = (issue?: { originId: number; path: string; messageKey: string }) => {
    scan.refusedTotal++;
    if (issue && scan.refused.length < SHOWN) scan.refused.push(issue);
  };
  for (const read of lines) {
    const turn = pace();
    if (turn) await turn; // only when a slice has passed: most lines go on without a pause
    if (!read) {
      refuse();
      continue;
    }
    const line = read.line;
    if (line.t === 'unit') {
      if (within(line.path)) scan.units.set(line.id, line.path);
      else outside.add(line.id);
    } else if (line.t === 'abroad')
      refuse(); // counts of citizens abroad have no place in a register package
    else if (line.t === 'translation') {
      const id = `${line.language}:${line.key}`;
      if (translationIssue(line.key, line.text) || scan.translations.size >= MAX_TRANSLATIONS) scan.translationsRefused++;
      else {
        // Said twice (an app writes each text once): the last counts, the one before is refused, so the preview shows it.
        if (scan.translations.has(id)) scan.translationsRefused++;
        scan.translations.set(id, { language: line.language, key: line.key, text: line.text });
      }
    } else if (line.t === 'deleted') scan.deleted.push(line.id);
    else if (line.t === 'value' || line.t === 'approval') {
      const checked = !scan.units.has(line.unit) ? null : line.t === 'value' ? checkValue(line) : checkApproval(line);
      if (!checked) scan.formsRefused++;
      else if (line.t === 'value') scan.values.push(checked as OutgoingValue);
      else scan.approvals.push(checked as OutgoingApproval);
      if (checked) used.add(line.unit);
    } else if (skipCases) scan.seen.add(line.id);
    else {
      // Checked as the entry screen checks a case, one by one: one bad case is refused alone.
      const checked = PackageCaseSchema.safeParse({ case: line.case, events: line.events });
      let issue: { path: string; messageKey: string } | undefined;
      if (scan.seen.has(line.id)) issue = { path: 'id', messageKey: 'packages.repeatedRecord' };
      else if (!checked.success) {
        // zod's own messages (a wrong type) are not for people: said as "not a valid value".
        const first = checked.error.issues[0]!;
        issue = {
          path: first.path.join('.'),
          messageKey: first.message.startsWith('validation.') ? first.message : 'validation.invalid_value',
        };
      } else if (!scan.units.has(line.unit))
        issue = { path: 'unit', messageKey: outside.has(line.unit) ? 'packages.outsideSender' : 'validation.invalid_value' };
      else
        issue = checked.data.events.flatMap((e, j) =>
          eventIssues(e, checked.data.case.diagnosisDate).map((x) => ({ ...x, path: `events.${j}.${x.path}` })),
        )[0];
      scan.seen.add(line.id);
      if (issue || !checked.success) refuse(issue && { originId: line.id, ...issue });
      else {
        used.add(line.unit);
        if (!sameJson({ case: line.case, events: line.events }, checked.data)) scan.reshaped.add(line.id);
        onCase({ id: line.id, unit: line.unit, case: checked.data.case, events: checked.data.events, lineHash: read.lineHash }, read.n);
      }
    }
  }
  // Only units a loaded record sits in are made here.
  for (const id of [...scan.units.keys()]) if (!used.has(id)) scan.units.delete(id);
  return scan;
}

/**
 * The lines a preview found cases to write at, with each line's hash, in the order read: the
 * confirmation reads only these lines again and takes their hashes from here instead of hashing
 * them twice (the content's MAC proves the bytes it reads are the ones hashed). Both are kept
 * outside the JavaScript heap (20 bytes a case), which a large preview otherwise fills with its
 * sets of ids: a load of 200,000 cases runs in a 48 MB heap.
 */
export class LinesToWrite {
  private lines = new Uint32Array(1024);
  private hashes = Buffer.alloc(1024 * HASH_BYTES);
  private size = 0;
  /** Lines are added in the order read (increasing numbers). */
  add(line: number, lineHash: string): void {
    if (lineHash.length !== HASH_BYTES * 2 || (this.size > 0 && line <= this.lines[this.size - 1]!))
      throw new Error('a line out of order, or a hash of another length');
    if (this.size === this.lines.length) {
      const lines = new Uint32Array(this.lines.length * 2);
      lines.set(this.lines);
      this.lines = lines;
      this.hashes = Buffer.concat([this.hashes, Buffer.alloc(this.hashes.length)]);
    }
    this.lines[this.size] = line;
    this.hashes.write(lineHash, this.size++ * HASH_BYTES, HASH_BYTES, 'hex');
  }
  /** For one reading, asked line numbers in increasing order: whether each is a line to write. */
  picker(): (line: number) => boolean {
    let i = 0;
    return (line) => {
      while (i < this.size && this.lines[i]! < line) i++;
      return i < this.size && this.lines[i] === line;
    };
  }
  /** The hash of the i-th line added. */
  hashAt(i: number): string {
    if (i >= this.size) throw new Error('more lines read again than the preview found');
    return this.hashes.toString('hex', i * HASH_BYTES, (i + 1) * HASH_BYTES);
  }
}
const HASH_BYTES = LINE_HASH_CHARS / 2;

/**
 * The confirmation's reading: the lines of the cases to write, by the numbers the preview found
 * them at (`contentLines` with `picked`), each handed on as read, except those the checks reshaped,
 * which are checked again to be written as checked. A case the preview found valid as written is
 * not checked again (the same answer on the same bytes: ~10% of a load).
 */
export function replayCases(
  lines: Iterable<ContentLine>,
  toWrite: LinesToWrite,
  reshaped: ReadonlySet<number>,
  onCase: (c: IncomingCase) => void,
): void {
  let i = 0;
  for (const read of lines) {
    if (!read || read.line.t !== 'case') throw new Error('a line the preview did not read as a case');
    const { id, unit, case: c, events } = read.line;
    const lineHash = toWrite.hashAt(i++);
    if (!reshaped.has(id)) {
      onCase({ id, unit, case: c as CaseInput, events: events as EventInput[], lineHash });
      continue;
    }
    const checked = PackageCaseSchema.parse({ case: c, events });
    onCase({ id, unit, case: checked.case, events: checked.events, lineHash });
  }
}

/** The same JSON value (objects' keys in any order; a key absent and a key undefined alike, as JSON has no undefined). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]));
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // Every key of x matched in y, and y has no defined key x lacks (counted, not collected: a preview runs this per case).
  let defined = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    defined++;
    if (!sameJson(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) defined--;
  return defined === 0;
}

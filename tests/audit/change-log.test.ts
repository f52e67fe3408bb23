// The change log in a person's words (issue 17, item 6): searched by person, days, kind and case,
// a page at a time; each entry names its item and shows old → new values, with no code name.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, dispatchAsync } from '../../electron/service/dispatch.js';
import { silentLogger } from '../../electron/service/log.js';
import type { DeskSession } from '../../electron/service/session.js';
import type { AuditEntry } from '../../shared/contract.js';
import { TOTAL } from '../../shared/forms/definitions.js';
import { groupSaves } from '../../renderer/audit/describe.js';
import { CODE_IN_WORDS, flat, words } from '../helpers/audit-words.js';
import { aCase } from '../helpers/cases.js';
import { useSessions, withDemo } from '../helpers/session.js';

const session = useSessions();

function ok<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}
const call = (s: DeskSession, channel: string, input: unknown) => ok(dispatch(s, channel as never, input as never, silentLogger) as never);
const search = (s: DeskSession, q: object) => call(s, 'audit.search', q) as { entries: AuditEntry[]; more: boolean };

/** The demo with one case saved, given a CD4, edited, given a viral load; a form cell, a fact-sheet figure, a setting changed. */
function demoWithChanges() {
  const { s, unit } = withDemo(session(mkdtempSync(join(tmpdir(), 'desk-log-'))));
  // The same person's code already in the register: LOG-1 is saved despite the warning.
  call(s, 'cases.create', { case: aCase({ registerNo: 'LOG-0' }), allowDuplicate: false });
  const created = call(s, 'cases.create', { case: aCase({ registerNo: 'LOG-1', diagnosisDate: '2017-02-01' }), allowDuplicate: true }) as {
    id: number;
  };
  const id = created.id;
  call(s, 'events.save', { caseId: id, eventId: null, event: { kind: 'cd4', date: '2017-02-10', cd4: 310 } });
  call(s, 'cases.update', { id, case: aCase({ registerNo: 'LOG-1', diagnosisDate: '2017-02-03', sex: 'female' }), allowDuplicate: true });
  call(s, 'events.save', {
    caseId: id,
    eventId: null,
    event: { kind: 'viral_load', date: '2017-09-01', undetectable: true, copies: null },
  });
  call(s, 'forms.save', {
    form: 'testing',
    orgUnitId: unit.id,
    period: '2017',
    cells: [{ de: 'tested_voluntary', coc: TOTAL, value: '1250' }],
  });
  call(s, 'factsheet.saveContext', {
    country: 'KAZ',
    year: 2017,
    values: [
      { indicator: 'population', value: 18.2, low: null, high: null, text: null, dataYear: '2017', source: 'Бюро статистики', note: null },
    ],
  });
  call(s, 'settings.setSuppression', { maxCount: 7 });
  return { s, id, unit };
}

describe('the change log, searched and in words', () => {
  it('finds a case by its register number, a kind, a person and days, and pages through the rest without gaps', async () => {
    const { s } = demoWithChanges();
    const ofCase = search(s, { registerNo: 'LOG-1' });
    expect(ofCase.entries.map((e) => `${e.action} ${e.entity}`)).toEqual([
      'create case_event',
      'update case',
      'create case_event',
      'create case',
    ]);
    expect(ofCase.entries.every((e) => e.registerNo === 'LOG-1')).toBe(true);
    expect(search(s, { registerNo: 'NO-SUCH' }).entries).toEqual([]);

    expect(search(s, { kind: 'forms' }).entries.map((e) => e.entity)).toContain('data_value');
    expect(search(s, { kind: 'forms' }).entries.every((e) => ['data_value', 'form_period'].includes(e.entity))).toBe(true);
    expect(search(s, { kind: 'settings', limit: 1 }).entries[0]).toMatchObject({ entity: 'setting', entityId: 'suppression_max_count' });

    const actor = ofCase.entries[0]!.actor;
    expect(search(s, { actor: 'nobody-here' }).entries).toEqual([]);
    expect(search(s, { actor, limit: 5 }).entries).toHaveLength(5);
    // Days: everything is from now; tomorrow on is empty, yesterday to tomorrow holds all.
    const day = 24 * 3600 * 1000;
    expect(search(s, { fromAt: new Date(Date.now() + day).toISOString() }).entries).toEqual([]);
    const window = { fromAt: new Date(Date.now() - day).toISOString(), toAt: new Date(Date.now() + day).toISOString() };
    const all = search(s, { ...window, limit: 200 });

    // Pages of 7 below each other's last id: the same entries, in order, with none twice.
    const paged: number[] = [];
    let before: number | null = null;
    for (;;) {
      const p = search(s, { ...window, before, limit: 7 });
      paged.push(...p.entries.map((e) => e.id));
      if (!p.more) break;
      before = p.entries[p.entries.length - 1]!.id;
    }
    expect(paged.slice(0, all.entries.length)).toEqual(all.entries.map((e) => e.id));
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged.length).toBeGreaterThan(all.entries.length); // the demo's log is longer than a page of 200
    expect(paged).toEqual([...paged].sort((a, b) => b - a));
  });

  it('says which item and old → new in Russian and English; the case history holds the same entries', async () => {
    const { s, id } = demoWithChanges();
    const ru = await words('ru');
    const en = await words('en');
    const [added, updated, cd4, created] = search(s, { registerNo: 'LOG-1' }).entries as [AuditEntry, AuditEntry, AuditEntry, AuditEntry];

    expect(ru(updated).item).toBe('Случай № LOG-1');
    expect(ru(updated).changes).toEqual([
      { field: 'Пол', before: 'Мужской', after: 'Женский' },
      { field: 'Дата диагноза ВИЧ', before: '01.02.2017', after: '03.02.2017' },
    ]);
    expect(en(updated).changes[1]).toEqual({ field: 'Date of HIV diagnosis', before: '01.02.2017', after: '03.02.2017' });
    expect(ru(added).detail).toBe('событие: Вирусная нагрузка, 01.09.2017, неопределяемая');
    expect(ru(cd4).detail).toBe('событие: CD4, 10.02.2017, 310');
    const born = flat(ru(created));
    expect(born).toContain('Гражданство | — | Узбекистан');
    expect(born).toContain('сохранён, несмотря на предупреждение');
    // A demo case saved with its events in one go: each event listed under the creation.
    const demoCase = search(s, { kind: 'cases', limit: 200 }).entries.find(
      (e) => e.action === 'create' && JSON.stringify(e.newValue).includes('"events"'),
    );
    expect(flat(ru(demoCase!))).toMatch(/Добавлено событие \| — \| [^|]+, \d\d\.\d\d\.\d{4}/);

    const [cell] = search(s, { kind: 'forms', limit: 1 }).entries as [AuditEntry];
    expect(ru(cell).item).toMatch(/^Тестирование мигрантов на ВИЧ · Unit \d+ · 2017 · .+ · Итого$/);
    expect(ru(cell).changes.at(-1)).toMatchObject({ field: 'Значение', after: '1250' });
    const [fact] = search(s, { kind: 'factSheet', limit: 1 }).entries as [AuditEntry];
    expect(flat(ru(fact))).toMatch(/^Казахстан 2017 · .+ \| Значение \| [\d,]+ \| 18,2 \| Источник \| .* \| Бюро статистики/);
    const [setting] = search(s, { kind: 'settings', limit: 1 }).entries as [AuditEntry];
    expect(ru(setting).changes).toEqual([{ field: 'Скрывать в выгрузках числа до', before: expect.any(String), after: '7' }]);

    // The case's own history: the same entries, each save its own.
    const history = call(s, 'cases.audit', { id }) as AuditEntry[];
    expect(history.map((e) => e.id)).toEqual([added.id, updated.id, cd4.id, created.id]);
  });

  it('names an account by its sign-in name, a month, a figure\'s "no data", a text\'s language', async () => {
    const ru = await words('ru');
    const entry = (over: Partial<AuditEntry>): AuditEntry => ({
      id: 1,
      at: '2026-12-01T10:00:00.000Z',
      actor: 'a',
      action: 'update',
      entity: 'setting',
      entityId: null,
      oldValue: null,
      newValue: null,
      ...over,
    });
    expect(ru(entry({ action: 'sign_in', entity: 'account', entityId: '1' })).item).toBe('учётная запись Айгуль');
    expect(ru(entry({ entity: 'data_value', entityId: '3/201703/tested_voluntary/' })).item).toContain('март 2017');
    const noData = ru(entry({ entity: 'fact_sheet_value', entityId: 'KAZ/2017/hiv_incidence', newValue: { text: 'no_data' } }));
    expect(noData.changes).toEqual([{ field: 'Значение', before: '—', after: 'Нет данных' }]);
    const ratified = ru(entry({ entity: 'fact_sheet_value', entityId: 'KAZ/2017/refugee_convention_1951', newValue: { text: 'yes' } }));
    expect(ratified.changes[0]!.field).toBe('Ратификация');
    const note = ru(
      entry({ entity: 'fact_sheet_value', entityId: 'KAZ/2017/population', newValue: { note: 'an estimate', noteLanguage: 'en' } }),
    );
    expect(note.changes).toEqual([{ field: 'Примечание (English)', before: '—', after: 'an estimate' }]);
    expect(ru(entry({ entity: 'fact_sheet_text', entityId: 'KAZ/2017/hiv/ru', newValue: 'текст' })).item).toBe(
      'Казахстан 2017 · 3. Ситуация с ВИЧ-инфекцией (Русский)',
    );
  });

  it('groups the entries one save wrote (one instant, one person, ids in a row) and nothing else', () => {
    const e = (id: number, at: string, actor = 'a'): AuditEntry => ({
      id,
      at,
      actor,
      action: 'create',
      entity: 'case_event',
      entityId: '1/1',
      oldValue: null,
      newValue: null,
    });
    const t0 = '2026-12-01T10:00:00.000Z';
    const t1 = '2026-12-01T10:00:05.000Z';
    expect(groupSaves([e(9, t1), e(8, t1), e(7, t0), e(5, t0), e(4, t0, 'b')]).map((g) => g.map((x) => x.id))).toEqual([
      [9, 8],
      [7],
      [5],
      [4],
    ]);
  });

  it('names every entry of the demo and of these changes without a code, in both languages', async () => {
    const { s } = demoWithChanges();
    ok(
      await dispatchAsync(
        s,
        'exports.indicatorWorkbook',
        { period: '2017', dimensions: ['sex'], language: 'ru', outside: true },
        silentLogger,
      ),
    );
    for (const lang of ['ru', 'en'] as const) {
      const say = await words(lang);
      let before: number | null = null;
      let seen = 0;
      for (;;) {
        const p = search(s, { before, limit: 200 });
        for (const e of p.entries) {
          const text = flat(say(e));
          // No snake_case code, no key path, nothing unprintable.
          expect(text, `${e.entity} ${e.action}`).not.toMatch(CODE_IN_WORDS);
          seen++;
        }
        if (!p.more || seen > 5000) break;
        before = p.entries[p.entries.length - 1]!.id;
      }
      expect(seen).toBeGreaterThan(5);
    }
  });
});

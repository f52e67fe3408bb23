// Each language's share of the texts, printed on every run; Russian and English complete; a drafted
// text keeps exactly the placeholders of its Russian original and names no key Russian lacks.
import { describe, expect, it } from 'vitest';
import { FALLBACK, LANGUAGES, SHIPPED, leafKeys, overlay, texts, textAt } from '../shared/i18n/languages.js';
import { placeholders, translationIssue } from '../shared/translations/check.js';
import { CATEGORIES } from '../shared/categories.js';

const at = textAt;

const ALL = leafKeys(SHIPPED.ru);

describe('translation coverage', () => {
  it('prints each language: keys translated / total; Russian and English have every key', () => {
    const coverage = Object.fromEntries(LANGUAGES.map((l) => [l, leafKeys(SHIPPED[l]).filter((k) => ALL.includes(k)).length]));
    // The figure the issue asks every run to show.
    console.log(
      `Translation coverage (of ${ALL.length}): ${LANGUAGES.map((l) => `${l} ${coverage[l]} (${Math.round((100 * coverage[l]!) / ALL.length)}%)`).join(', ')}`,
    );
    expect(coverage.ru).toBe(ALL.length);
    expect(coverage.en).toBe(ALL.length);
    // The merged texts every non-i18next output reads are whole in every language (fallback fills the gaps).
    for (const l of LANGUAGES) expect(leafKeys(texts(l)).length, l).toBe(ALL.length);
  });

  it('every category and option has its label, by key, in Russian and English (no label kept beside the codes)', () => {
    for (const lang of FALLBACK)
      for (const c of CATEGORIES) {
        const labels = SHIPPED[lang].categories?.[c.code];
        expect(labels?._label, `${lang} ${c.code}`).toBeTruthy();
        expect(
          Object.keys(labels ?? {})
            .filter((k) => k !== '_label')
            .sort(),
          `${lang} ${c.code}`,
        ).toEqual(c.options.map((o) => o.code).sort());
      }
    expect(CATEGORIES.flatMap((c) => Object.keys(c))).not.toContain('label');
  });

  it('drafted texts: no unknown key, none empty, the same {{placeholders}} as Russian', () => {
    const problems: string[] = [];
    for (const l of LANGUAGES) {
      for (const key of leafKeys(SHIPPED[l])) {
        const own = at(SHIPPED[l], key);
        const ru = at(SHIPPED.ru, key);
        if (typeof ru !== 'string') problems.push(`${l} ${key}: no such key in Russian`);
        else if (typeof own !== 'string' || own.trim() === '') problems.push(`${l} ${key}: empty`);
        else if (placeholders(own).join() !== placeholders(ru).join())
          problems.push(`${l} ${key}: placeholders ${placeholders(own).join() || '—'} instead of ${placeholders(ru).join() || '—'}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('a drafted language lacking a text shows the Russian one, never a raw key', () => {
    // A draft with one text (as a language starts): its own where it has one, Russian's elsewhere.
    const merged = overlay(texts(FALLBACK[0]!), { nav: { cases: 'Ýagdaýlar' } });
    expect(at(merged, 'nav.cases')).toBe('Ýagdaýlar');
    expect(at(merged, 'nav.forms')).toBe(at(SHIPPED.ru, 'nav.forms'));
    expect(leafKeys(merged)).toHaveLength(ALL.length);
    // A list of texts (a definition's numerator and denominator) stays a list in every language.
    for (const l of LANGUAGES) expect(Array.isArray(at(texts(l), 'workbook.definitions.first90')), l).toBe(true);
    // A branch where a text should be (or the reverse) never replaces the text.
    expect(at(overlay(texts(FALLBACK[0]!), { app: { title: { x: 'y' } } }), 'app.title')).toBe(at(SHIPPED.ru, 'app.title'));
  });

  it('a correction is refused when it would make i18next do more than show it: nesting, unescaped or renamed values, no key', () => {
    expect(translationIssue('nav.forms', 'Жиынтық есеп нысандары')).toBeNull();
    expect(translationIssue('nav.forms', '$t(app.title)')).toBe('translations.placeholders');
    expect(translationIssue('cases.position', 'Жағдай {{n}} / {{total}}')).toBeNull();
    expect(translationIssue('cases.position', 'Жағдай {{- n}} / {{total}}')).toBe('translations.placeholders');
    expect(translationIssue('cases.position', 'Жағдай {{n}}')).toBe('translations.placeholders');
    expect(translationIssue('nav', 'x')).toBe('translations.unknownKey');
    expect(translationIssue('nav.forms', 'x'.repeat(5000))).toBe('translations.tooLong');
  });
});

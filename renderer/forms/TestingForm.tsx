// HIV testing among migrants, per testing setting: totals, then tested and positive by age band
// and sex for one migrant type and legal status at a time, and by key population.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES } from '../../shared/categories';
import { cocKey, parseCoc, TESTING_SETTINGS, TOTAL, type TestingSetting } from '../../shared/forms/definitions';
import { LEGAL_STATUSES, MIGRANT_TYPES } from '../../shared/cases/schema';
import { Grid, type GridColumn, type GridRow } from './Grid';
import type { CellRef, CellStatus } from './grid-model';

type GridCommon = {
  /** The period's stored values (which parts of the form hold some: its tabs and pickers say so). */
  held: readonly { de: string; coc: string }[];
  text: (c: CellRef) => string;
  status: (c: CellRef) => CellStatus | undefined;
  flagged: (c: CellRef) => string | undefined;
  readOnly: boolean;
  onType: (c: CellRef, t: string) => void;
  onCommit: (cells: { ref: CellRef; text: string }[]) => void;
  onBlockError: (k: string) => void;
  onFocusCell: (c: CellRef) => void;
};

const options = (code: string) => CATEGORIES.find((c) => c.code === code)!.options.map((o) => o.code);

export function TestingForm(props: GridCommon) {
  const { t } = useTranslation();
  const [setting, setSetting] = useState<TestingSetting>('voluntary');
  const [migrantType, setMigrantType] = useState<string>('immigrant');
  const [legalStatus, setLegalStatus] = useState<string>('irregular');
  const label = (cat: string, code: string) => t(`categories.${cat}.${code}`);
  // How many values each part holds, shown beside its name (" · 12"): where the clerk has entered data.
  const count = (test: (de: string, coc: Record<string, string>) => boolean) =>
    props.held.filter((v) => test(v.de, parseCoc(v.coc))).length;
  const mark = (n: number) => (n ? ` · ${n}` : '');
  const ofSetting = (de: string, s: string) => de.endsWith(`_${s}`);

  const measures = ['tested', 'positive'] as const;
  const totalsRows: GridRow[] = [{ key: 'total', label: t('forms.allMigrants') }];
  const measureCols: GridColumn[] = measures.map((m) => ({ key: m, label: t(`forms.measure.${m}`) }));
  const ageRows: GridRow[] = options('age_band').map((a) => ({ key: a, label: label('age_band', a) }));
  const sexCols: GridColumn[] = options('sex').map((s) => ({ key: s, label: label('sex', s) }));
  const kpRows: GridRow[] = options('key_population').map((k) => ({ key: k, label: label('key_population', k) }));

  return (
    <div className="testing-form">
      <div className="form-tabs secondary-tabs" role="tablist" aria-label={t('forms.setting')}>
        {TESTING_SETTINGS.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={setting === s}
            className={setting === s ? '' : 'secondary'}
            onClick={() => setSetting(s)}
          >
            {t(`forms.settings.${s}`)}
            {mark(count((de) => ofSetting(de, s)))}
          </button>
        ))}
      </div>
      <Grid
        id={`total-${setting}`}
        caption={t('forms.totalsCaption')}
        rows={totalsRows}
        columns={measureCols}
        cell={(_r, c) => ({ de: `${c.key}_${setting}`, coc: TOTAL })}
        {...props}
      />
      <div className="period-bar">
        <label className="filter">
          <span>{t('fields.migrantType')}</span>
          <select id="grid-migrant-type" value={migrantType} onChange={(e) => setMigrantType(e.target.value)}>
            {MIGRANT_TYPES.map((m) => (
              <option key={m} value={m}>
                {label('migrant_type', m)}
                {mark(count((de, coc) => ofSetting(de, setting) && coc.migrant_type === m))}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('fields.legalStatus')}</span>
          <select id="grid-legal-status" value={legalStatus} onChange={(e) => setLegalStatus(e.target.value)}>
            {LEGAL_STATUSES.map((l) => (
              <option key={l} value={l}>
                {label('legal_status', l)}
                {mark(count((de, coc) => ofSetting(de, setting) && coc.migrant_type === migrantType && coc.legal_status === l))}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="grid-pair">
        {measures.map((m) => (
          <Grid
            key={m}
            id={`${m}-${setting}`}
            caption={t(`forms.measure.${m}`)}
            rows={ageRows}
            columns={sexCols}
            totals
            cell={(r, c) => ({
              de: `${m}_${setting}`,
              coc: cocKey({ sex: c.key, age_band: r.key, legal_status: legalStatus, migrant_type: migrantType }),
            })}
            {...props}
          />
        ))}
      </div>
      <Grid
        id={`kp-${setting}`}
        caption={t('forms.byKeyPopulation')}
        rows={kpRows}
        columns={measureCols}
        cell={(r, c) => ({ de: `${c.key}_kp_${setting}`, coc: cocKey({ key_population: r.key }) })}
        {...props}
      />
    </div>
  );
}

export type { GridCommon };

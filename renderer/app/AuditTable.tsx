import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../shared/contract';
import { useDescribe } from '../audit/useDescribe';
import { formatDateTime } from '../../shared/dates';
import { TableBox } from './TableBox';

type Props = {
  /** Rows: one entry each, or (a case's history) the entries of one save together. */
  groups: AuditEntry[][];
  /** Show which item each row is about (the whole log); a case's history leaves it out. */
  showItem?: boolean;
  label?: string;
};

/** Change-log rows in words: when, who, what was done to which item, and each field's old → new value. */
export function AuditTable({ groups, showItem = false, label }: Props) {
  const { t } = useTranslation();
  const describe = useDescribe();
  const what = (e: AuditEntry) => {
    const entity = t(`audit.entities.${e.entity}`, { defaultValue: '' });
    return `${t(`audit.actions.${e.action}`, { defaultValue: '' })}${entity ? ` (${entity})` : ''}`;
  };
  return (
    <TableBox label={label ?? t('settings.audit')}>
      <table className="audit">
        <thead>
          <tr>
            <th>{t('settings.auditWhen')}</th>
            <th>{t('settings.auditWho')}</th>
            <th>{t('settings.auditWhat')}</th>
            {showItem ? <th>{t('audit.log.item')}</th> : null}
            <th>{t('audit.log.change')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => {
            const first = group[0]!;
            const described = group.map((e) => ({ e, d: describe(e) }));
            const head = described[0]!.d;
            return (
              <tr key={first.id}>
                <td>{formatDateTime(first.at)}</td>
                <td>{first.actor}</td>
                <td>{group.length > 1 ? t('audit.save') : what(first)}</td>
                {showItem ? <td>{[head.item, head.detail].filter(Boolean).join(' · ')}</td> : null}
                <td>
                  <ul className="changes">
                    {described.map(({ e, d }) => (
                      <li key={e.id}>
                        {/* In a save of several entries (or a case's own history), each says what it did. */}
                        {(group.length > 1 || !showItem) && d.detail ? (
                          <span className="change-what">
                            {what(e)} — {d.detail}
                          </span>
                        ) : null}
                        {group.length > 1 && !d.detail && d.changes.length === 0 ? <span className="change-what">{what(e)}</span> : null}
                        {d.changes.length ? (
                          <ul>
                            {d.changes.map((c, i) => (
                              <li key={i}>
                                <span className="change-field">{c.field}:</span> {c.before} → <strong>{c.after}</strong>
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableBox>
  );
}

import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../shared/contract';
import { TableBox } from './TableBox';

/** Change-log entries: when, who, what, on which item (translated; codes shown if unknown). */
export function AuditTable({ entries, showItemId = false }: { entries: AuditEntry[]; showItemId?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <TableBox label={t('settings.audit')}>
      <table className="audit">
        <thead>
          <tr>
            <th>{t('settings.auditWhen')}</th>
            <th>{t('settings.auditWho')}</th>
            <th>{t('settings.auditWhat')}</th>
            <th>{t('settings.auditEntity')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((a) => (
            <tr key={a.id}>
              <td>{new Date(a.at).toLocaleString(i18n.language)}</td>
              <td>{a.actor}</td>
              <td>{t(`audit.actions.${a.action}`, { defaultValue: a.action })}</td>
              <td>
                {t(`audit.entities.${a.entity}`, { defaultValue: a.entity })}
                {showItemId && a.entityId ? ` ${a.entityId}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}

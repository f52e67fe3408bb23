// Data exchange: the indicator workbook and line list out; a case register and aggregate forms in.
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import { ExportWorkbook } from './ExportWorkbook';
import { ImportRegister } from './ImportRegister';
import { ExportLineList } from './ExportLineList';
import { ImportForms } from './ImportForms';
import { PackagesSection } from '../packages/PackagesSection';
import { Dhis2Section } from '../dhis2/Dhis2Section';
import { FhirExport } from '../fhir/FhirExport';

export function ExchangePage({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  return (
    <section className="exchange-page">
      <div className="toolbar">
        <h2>{t('exchange.title')}</h2>
      </div>
      <ExportWorkbook status={status} />
      <ExportLineList status={status} />
      <ImportRegister />
      <ImportForms />
      {status.user?.permissions.includes('analysis') ? <Dhis2Section status={status} /> : null}
      {status.user?.permissions.includes('analysis') ? <FhirExport status={status} /> : null}
      {status.user?.permissions.includes('admin') ? <PackagesSection /> : null}
    </section>
  );
}

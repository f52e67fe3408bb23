// The demo database: the six countries of the 2018 report, each with a national AIDS centre.
// It carries the report's fact-sheet figures and a clearly labelled synthetic register.
import type { Db } from '../../db/connection.js';
import { ensureFacility } from '../../db/org-units.js';
import { setSetting } from '../../db/settings.js';
import { fillDemoRegister } from './demo-register.js';
import { fillDemoFactSheets } from './demo-fact-sheets.js';

export const DEMO_ACTOR = 'demo';

export const DEMO_CENTRES = [
  { countryCode: 'KAZ', region: 'г. Алматы', facility: 'Казахский научный центр дерматологии и инфекционных заболеваний (демо)' },
  { countryCode: 'KGZ', region: 'г. Бишкек', facility: 'Республиканский центр «СПИД» (демо)' },
  { countryCode: 'TJK', region: 'г. Душанбе', facility: 'Республиканский центр по профилактике и борьбе со СПИД (демо)' },
  { countryCode: 'TKM', region: 'г. Ашхабад', facility: 'Национальный центр по профилактике СПИД (демо)' },
  { countryCode: 'UZB', region: 'г. Ташкент', facility: 'Республиканский центр по борьбе со СПИДом (демо)' },
  { countryCode: 'RUS', region: 'г. Москва', facility: 'Федеральный научно-методический центр по профилактике и борьбе со СПИДом (демо)' },
] as const;

export function fillDemo(db: Db): void {
  const units = DEMO_CENTRES.map((c) => ensureFacility(db, DEMO_ACTOR, c));
  setSetting(db, DEMO_ACTOR, 'database_kind', 'demo');
  setSetting(db, DEMO_ACTOR, 'installation_org_unit', String(units[0]!.id));
  // Clearly synthetic: generated from a fixed seed, register numbers start with "Д-".
  fillDemoRegister(
    db,
    DEMO_ACTOR,
    units.map((u) => u.id),
  );
  // The report's own figures and text for the six countries' 2017 fact sheets.
  fillDemoFactSheets(db, DEMO_ACTOR);
}

// Dates travel and are stored as ISO YYYY-MM-DD; clerks read and type them as ДД.ММ.ГГГГ.

/** '15.03.2017', '15/03/2017', '2017-03-15' -> '2017-03-15'; anything else is returned trimmed, for the schema to refuse. */
export function parseDateInput(text: string): string {
  const s = text.trim();
  const dmy = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s);
  if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  return s;
}

/** An instant as the clerk reads it, in this computer's time: "01.12.2026 03:09". */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

// The field a refused record's path names ("case.birthYear", "events.0.date"), as the entry screen labels it.
export function fieldLabelKey(path: string): string {
  const name =
    path
      .split('.')
      .filter((p) => p !== 'case' && !/^\d+$/.test(p))
      .pop() ?? '';
  if (name === 'unit') return 'packages.unit';
  if (path.startsWith('events') && name === 'events') return 'packages.events';
  return name ? `fields.${name}` : 'packages.record';
}

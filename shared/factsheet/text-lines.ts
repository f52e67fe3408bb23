// A section's text as the sheet prints it: one item per line, the typed bullet dropped; a first
// line wholly in parentheses is a note about the text (the demo's "translated from English"), set
// apart from the items.
export function textLines(body: string | undefined): { note: string | null; items: string[] } {
  const lines = (body ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const note = lines[0] && /^\(.*\)$/.test(lines[0]) ? lines[0] : null;
  return { note, items: (note ? lines.slice(1) : lines).map((l) => l.replace(/^[•\-–]\s*/, '').trim()).filter(Boolean) };
}

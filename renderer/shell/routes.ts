// Addresses of the app's views, in the fragment so they work in Electron's window and in a browser
// tab alike: #/cases/123 (a case), #/forms/testing/2017/Q1 (a form period), #/indicators/2017/sex/4
// (a dashboard view: year, breakdown, org unit). wouter reads and changes them; these helpers
// name the parts, so a page never parses an address itself.
import { useHashLocation } from 'wouter/use-hash-location';

export { useHashLocation };

/** The path's segments, decoded, each in its place; one that does not decode (a mangled link) reads as empty. */
export function routeSegments(location: string): string[] {
  return location
    .replace(/^\/+/, '')
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return '';
      }
    });
}

/** An address from its parts: empty trailing parts are left out. */
export function routeOf(...parts: (string | number | null | undefined)[]): string {
  const kept = parts.map((p) => (p === null || p === undefined ? '' : String(p)));
  while (kept.length && kept.at(-1) === '') kept.pop();
  return `/${kept.map((p) => encodeURIComponent(p)).join('/')}`;
}

/** A positive whole number (a case or org unit id) from an address segment, else null. */
export function idSegment(s: string | undefined): number | null {
  return s !== undefined && /^[1-9]\d{0,14}$/.test(s) ? Number(s) : null;
}

/** The address as segments, and a way to go to another (replace: no new step back, for typing). */
export function useAddress(): { segments: string[]; go: (path: string, opts?: { replace?: boolean }) => void } {
  const [location, navigate] = useHashLocation();
  return { segments: routeSegments(location), go: (path, opts) => navigate(path, opts) };
}

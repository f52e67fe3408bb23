// What the bridge sends with every response, and its keys. The bridge listens on 127.0.0.1 only;
// keys keep other local users and web pages out, the Host check defeats DNS rebinding, and the
// Origin check refuses calls from any other site.
//
// The address the app prints (and hands the browser) carries a one-time launch code in its
// fragment, which the server never sees in a request line; the page trades it for a session
// secret that it keeps itself and sends as a header. So the key is never a cookie (cookies for
// 127.0.0.1 go to every port on it), a used address in the history or in `ps` opens nothing, and
// the page removes the code from the address bar at once.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Launch codes (each good once) and the session secrets they were traded for. */
export class BridgeKeys {
  private readonly codes = new Set<string>();
  private readonly secrets: string[] = [];

  newLaunchCode(): string {
    const code = randomBytes(32).toString('hex');
    this.codes.add(code);
    return code;
  }

  /** The code's session secret, once; null for a code never issued or already used. */
  redeem(code: string | undefined): string | null {
    const found = [...this.codes].find((c) => sameToken(code, c));
    if (!found) return null;
    this.codes.delete(found);
    const secret = randomBytes(32).toString('hex');
    this.secrets.push(secret);
    return secret;
  }

  isSecret(given: string | undefined): boolean {
    return this.secrets.some((s) => sameToken(given, s));
  }
}

// Wrong passwords in a row: the first five cost only the key derivation (~0.35 s each); from
// the fifth on, each failure makes the next attempt wait longer (30 s, 1 min, 2 min … 15 min).
export const FREE_ATTEMPTS = 5;
const MAX_DELAY_MS = 15 * 60_000;

export class LoginThrottle {
  private failures = 0;
  private notBefore = 0;

  constructor(private readonly now: () => number) {}

  /** Seconds to wait before another attempt is heard, or 0. */
  waitSeconds(): number {
    return Math.max(0, Math.ceil((this.notBefore - this.now()) / 1000));
  }

  failed(): number {
    this.failures++;
    if (this.failures >= FREE_ATTEMPTS) this.notBefore = this.now() + Math.min(MAX_DELAY_MS, 30_000 * 2 ** (this.failures - FREE_ATTEMPTS));
    return this.failures;
  }

  /** A success ends the run; returns how many failures preceded it (for the change log). */
  succeeded(): number {
    const n = this.failures;
    this.failures = 0;
    this.notBefore = 0;
    return n;
  }
}

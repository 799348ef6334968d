/**
 * Per-rule token buckets: each rule may emit `rate` alerts per second on average with bursts of
 * up to `burst`; alerts over the budget are dropped and counted (Falco's outputs rate/max_burst,
 * kept per rule so one noisy rule cannot silence the others).
 */
export interface RateLimitOptions {
  /** Sustained alerts per second per rule; 0 or undefined disables limiting. */
  rate?: number;
  /** Bucket size (default: max(1, rate)). */
  burst?: number;
}

export class RuleRateLimiter {
  private buckets = new Map<string, { tokens: number; last: number }>();
  readonly dropped = new Map<string, number>();
  private readonly rate: number;
  private readonly burst: number;

  constructor(
    opts: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.rate = opts.rate ?? 0;
    this.burst = opts.burst ?? Math.max(1, this.rate);
  }

  get enabled(): boolean {
    return this.rate > 0;
  }

  /** True when the rule may emit one more alert now (and takes a token). */
  allow(rule: string): boolean {
    if (!this.enabled) return true;
    const t = this.now();
    let b = this.buckets.get(rule);
    if (!b) {
      b = { tokens: this.burst, last: t };
      this.buckets.set(rule, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.last) / 1000) * this.rate);
    b.last = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return true;
    }
    this.dropped.set(rule, (this.dropped.get(rule) ?? 0) + 1);
    return false;
  }
}

/** Virtual clock and a `Date` replacement that reads it. */

/** The host's real Date, captured before anything can be installed over it. */
export const RealDate: DateConstructor = Date;

export class VirtualClock {
  private t: number;
  constructor(startMs: number) {
    this.t = startMs;
  }
  /** Current virtual epoch ms (integer). */
  now(): number {
    return Math.floor(this.t);
  }
  /** Precise virtual time (may carry fractions of a ms from per-cell costs). */
  exact(): number {
    return this.t;
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`clock.advance: invalid ms ${ms}`);
    this.t += ms;
  }
  set(ms: number): void {
    if (typeof ms !== 'number' || !isFinite(ms)) throw new Error(`clock.set: invalid ms ${ms}`);
    this.t = ms;
  }
}

export function isDateLike(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/**
 * A Date constructor whose no-argument form and `now()` read the virtual clock.
 * It shares the real Date.prototype, so every host Date is `instanceof` it and
 * every Date it makes is a real Date.
 */
export function makeVirtualDate(clock: { now(): number }): DateConstructor {
  const VDate = function (this: unknown, ...args: unknown[]) {
    if (!new.target) return new RealDate(clock.now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [clock.now()] : args, new.target);
  } as unknown as DateConstructor & { now(): number };
  Object.setPrototypeOf(VDate, RealDate);
  Object.defineProperty(VDate, 'prototype', { value: RealDate.prototype, writable: false });
  Object.defineProperty(VDate, 'now', { value: () => clock.now(), writable: true, configurable: true });
  Object.defineProperty(VDate, 'name', { value: 'Date' });
  return VDate;
}

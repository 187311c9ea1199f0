/**
 * Seeded randomness for the WB emulator. Everything the emulator makes up (orders,
 * ids, keys, request ids) comes from these functions, so one seed and one clock
 * always give the same data.
 */

// Jest runs tests in a vm context where every global lookup (Math, String, Date...) is
// slow and blocks optimisation: hot code uses these module-level aliases instead.
const { PI, cos, exp, floor, imul, log, max, round, sqrt } = Math;

/** A bijective 32-bit mixer (lowbias32): distinct inputs give distinct outputs. */
export function mix32(x: number): number {
  x >>>= 0;
  x ^= x >>> 16;
  x = imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hashes numbers (any size, e.g. epoch ms) into 32 bits. */
export function hash32(...parts: number[]): number {
  let h = mix32(0x811c9dc5 ^ parts.length);
  for (const p of parts) {
    const lo = p >>> 0;
    const hi = floor(p / 4294967296) >>> 0;
    h = mix32(h ^ lo);
    h = mix32((h + 0x9e3779b9) ^ hi);
  }
  return h;
}

/** Domains keep the random streams apart. */
export const Domain = {
  Catalog: 1,
  Hour: 2,
  Key: 3,
  Request: 4,
  Change: 5,
  Batch: 6,
  Secret: 7,
  Ids: 8,
  Supply: 9,
  Task: 10,
  Finance: 11,
  Extras: 12,
} as const;

const HEX = '0123456789abcdef';

/** sfc32: small, fast, good enough for test data. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seedParts: number[]) {
    const h = hash32(...seedParts);
    this.a = h;
    this.b = mix32(h ^ 0x9e3779b9);
    this.c = mix32(h ^ 0x85ebca6b);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[floor(this.float() * items.length)];
  }

  /** Index chosen with the given (non-negative) weights. */
  weighted(weights: readonly number[], total?: number): number {
    let sum = total;
    if (sum === undefined) {
      sum = 0;
      for (const w of weights) sum += w;
    }
    let x = this.float() * sum;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  hex(n: number): string {
    let out = '';
    while (out.length < n) {
      let v = this.u32();
      for (let k = 0; k < 8 && out.length < n; k++) {
        out += HEX[v & 15];
        v >>>= 4;
      }
    }
    return out;
  }

  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += (this.u32() % 10).toString();
    return out;
  }

  /** Standard normal (Box-Muller). */
  gauss(): number {
    const u = 1 - this.float();
    const v = this.float();
    return sqrt(-2 * log(u)) * cos(2 * PI * v);
  }

  /** Poisson-distributed count (normal approximation for large means). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return max(0, round(lambda + sqrt(lambda) * this.gauss()));
    const limit = exp(-lambda);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** A UUID v4-looking string. */
  uuid(): string {
    const h = this.hex(32).split('');
    h[12] = '4';
    h[16] = HEX[8 + (parseInt(h[16], 16) & 3)];
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/** 8 hex digits of a uint32. */
export function hex8(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}

/** What a method handler of the newer WB hosts gets from the emulator for one request. */
import { FakeResponse } from '../shared/http';
import { LimitedRoute } from './buckets';
import { ErrorIds } from './errors';

export interface RequestCtx {
  nowMs: number;
  /** the key's seller */
  sid: string;
  /** the key's seller is the emulated one (other sellers have no data) */
  mine: boolean;
  /** the key's `acc` claim (1 Base, 2 Test, 3 Personal, 4 Service) */
  acc: unknown;
  params: URLSearchParams;
  payload: string | undefined;
  ids: ErrorIds;
  /** takes a token from the seller's bucket of the method: a 429 response, or the headers of a success */
  take(route: LimitedRoute): FakeResponse | { headers: Record<string, string> };
}

/** Go's strconv.ParseBool. */
export function goBool(text: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return null;
}

/** A JSON request body that must be an object; null when it is missing or not an object. */
export function jsonObject(payload: string | undefined): Record<string, unknown> | null {
  if (payload === undefined || payload.trim() === '') return null;
  try {
    const v = JSON.parse(payload);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

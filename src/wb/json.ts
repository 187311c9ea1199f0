/**
 * Strict parsing of WB bodies. A truncated or HTML body is an error, never
 * "repaired": a guessed page would silently lose rows.
 */
import { WbError } from './errors';

export function parseRowArray(body: string, status: number): Record<string, unknown>[] {
  const text = body.trim();
  if (text === '') throw new WbError('bad_body', status, 'empty body');
  if (text[0] !== '[') throw new WbError('bad_body', status, text[0] === '<' ? 'HTML instead of JSON' : 'not a JSON array');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WbError('bad_body', status, 'truncated or invalid JSON');
  }
  if (!Array.isArray(parsed)) throw new WbError('bad_body', status, 'not a JSON array');
  for (const row of parsed) {
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw new WbError('bad_body', status, 'array of non-objects');
  }
  return parsed as Record<string, unknown>[];
}

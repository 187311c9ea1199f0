/**
 * google.script.run's rules for what crosses between the sidebar and the server
 * (apps-script.md §3.5): primitives, null, and plain objects/arrays made of them.
 * A Date, a function, a DOM node or any other object anywhere inside an argument or
 * a result fails the whole call: the failure handler gets an error and the success
 * handler is never called with a half-copied object.
 *
 * Stricter than the docs in one place, never kinder: the platform turns `undefined`
 * inside an array into null; here it fails the call, so the client never meets a
 * null the server did not mean to send. An `undefined` object member is dropped, as
 * a copy drops it.
 */

/**
 * The first illegal member of a value as "path: what", or null when it may cross.
 * Self-contained (no imports, no helpers) because the Chromium sidebar test injects
 * its source into the page to check the client's arguments where Apps Script does.
 * Works across realms: the bundle's objects come from a vm context with its own
 * Object.prototype.
 */
export function illegalMember(value: unknown, root: string): string | null {
  const seen: unknown[] = [];
  const walk = (v: unknown, path: string, inArray: boolean): string | null => {
    if (v === null) return null;
    const type = typeof v;
    if (type === 'string' || type === 'number' || type === 'boolean') return null;
    if (type === 'undefined') return inArray ? path + ': undefined inside an array' : null;
    if (type !== 'object') return path + ': ' + type;
    const tag = Object.prototype.toString.call(v);
    if (seen.indexOf(v) >= 0) return path + ': cyclic reference';
    if (Array.isArray(v)) {
      seen.push(v);
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) return path + '[' + i + ']: hole inside an array';
        const bad = walk(v[i], path + '[' + i + ']', true);
        if (bad) return bad;
      }
      seen.pop();
      return null;
    }
    const proto = Object.getPrototypeOf(v);
    const plain =
      tag === '[object Object]' &&
      (proto === null || (Object.getPrototypeOf(proto) === null && typeof proto.constructor === 'function' && proto.constructor.name === 'Object'));
    if (!plain) {
      const name = tag === '[object Object]' && proto && proto.constructor ? proto.constructor.name : tag.slice(8, -1);
      return path + ': ' + (name || 'object') + ' object';
    }
    seen.push(v);
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const bad = walk(record[key], path + '.' + key, false);
      if (bad) return bad;
    }
    seen.pop();
    return null;
  };
  return walk(value, root, false);
}

/** What the failure handler receives when a value may not cross. */
export class ScriptRunError extends Error {
  constructor(readonly problem: string) {
    super('Failed due to illegal value in property: ' + problem);
    this.name = 'ScriptRunError';
  }
}

/** The copy the other side receives: checked first, so nothing half-copied ever arrives. */
export function scriptRunCopy<T>(value: T, root: string): T {
  const bad = illegalMember(value, root);
  if (bad) throw new ScriptRunError(bad);
  return value === undefined ? (null as unknown as T) : JSON.parse(JSON.stringify(value));
}

/**
 * One google.script.run call into server code: the arguments are checked and copied
 * on the way in, the result on the way out. Throws ScriptRunError (the failure
 * handler's error) instead of returning anything partial.
 */
export function callThroughScriptRun(server: (...args: any[]) => unknown, args: unknown[]): any {
  const copied = args.map((a, i) => scriptRunCopy(a, 'arguments[' + i + ']'));
  return scriptRunCopy(server(...copied), 'result');
}

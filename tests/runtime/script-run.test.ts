/** The google.script.run copy rules the sidebar tests hold the server and the client to. */
import * as vm from 'vm';
import { ScriptRunError, callThroughScriptRun, illegalMember, scriptRunCopy } from './script-run';

describe('what may cross google.script.run', () => {
  it('lets primitives, null and plain objects/arrays of them through, copied', () => {
    const value = { a: 'x', n: 1.5, ok: false, none: null, list: [1, 'b', null, { deep: [true] }], empty: {}, bare: Object.create(null) };
    expect(illegalMember(value, 'result')).toBeNull();
    const copy = scriptRunCopy(value, 'result');
    expect(copy).toEqual(value);
    expect(copy).not.toBe(value);
    expect(copy.list).not.toBe(value.list);
    // A member the server left undefined is dropped, as a copy drops it.
    expect(scriptRunCopy({ a: 1, b: undefined }, 'result')).toEqual({ a: 1 });
    // Shared (not cyclic) objects are fine.
    const shared = { s: 1 };
    expect(illegalMember({ x: shared, y: [shared] }, 'result')).toBeNull();
  });

  it('names the first illegal member anywhere inside a value', () => {
    expect(illegalMember({ labels: { nextRunAbout: (w: string) => w } }, 'result')).toBe('result.labels.nextRunAbout: function');
    expect(illegalMember({ at: new Date(0) }, 'result')).toBe('result.at: Date object');
    expect(illegalMember([{ rows: [1, new Date(0)] }], 'arguments[0]')).toBe('arguments[0][0].rows[1]: Date object');
    expect(illegalMember({ list: [1, undefined] }, 'result')).toBe('result.list[1]: undefined inside an array');
    // eslint-disable-next-line no-sparse-arrays
    expect(illegalMember({ list: [1, , 3] }, 'result')).toBe('result.list[1]: hole inside an array');
    expect(illegalMember({ m: new Map() }, 'result')).toBe('result.m: Map object');
    expect(illegalMember({ e: new Error('x') }, 'result')).toBe('result.e: Error object');
    expect(illegalMember({ r: /x/ }, 'result')).toBe('result.r: RegExp object');
    class View {
      a = 1;
    }
    expect(illegalMember({ v: new View() }, 'result')).toBe('result.v: View object');
    expect(illegalMember({ s: Symbol('s') }, 'result')).toBe('result.s: symbol');
    expect(illegalMember({ b: BigInt(1) }, 'result')).toBe('result.b: bigint');
    expect(illegalMember(new Date(0), 'result')).toBe('result: Date object');
    expect(illegalMember(() => 1, 'result')).toBe('result: function');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(illegalMember(cyclic, 'result')).toBe('result.self.back: cyclic reference');
  });

  it('judges values made in another realm (the bundle runs in a vm context) the same way', () => {
    const other = vm.runInNewContext('({ plain: { a: [1, { b: "x" }] }, withDate: { at: new Date(0) }, withFn: { f: function () {} }, arr: [1, undefined] })');
    expect(Object.getPrototypeOf(other.plain)).not.toBe(Object.prototype);
    expect(illegalMember(other.plain, 'result')).toBeNull();
    expect(scriptRunCopy(other.plain, 'result')).toEqual({ a: [1, { b: 'x' }] });
    expect(illegalMember(other.withDate, 'result')).toBe('result.at: Date object');
    expect(illegalMember(other.withFn, 'result')).toBe('result.f: function');
    expect(illegalMember(other.arr, 'result')).toBe('result[1]: undefined inside an array');
  });

  it('fails the whole call instead of handing over a half-copied value', () => {
    const server = jest.fn((x: unknown) => ({ ok: true, echo: x, labels: { later: (s: string) => s } }));
    expect(() => callThroughScriptRun(server, ['k'])).toThrow(ScriptRunError);
    expect(() => callThroughScriptRun(server, ['k'])).toThrow('Failed due to illegal value in property: result.labels.later: function');
    // An illegal argument fails before the server runs at all.
    server.mockClear();
    expect(() => callThroughScriptRun(server, [{ when: new Date(0) }])).toThrow('arguments[0].when: Date object');
    expect(server).not.toHaveBeenCalled();
    // Legal both ways: the server gets a copy, the caller gets a copy.
    const arg = { mode: 'daily', hour: 8 };
    const ok = callThroughScriptRun((a: typeof arg) => {
      expect(a).toEqual(arg);
      expect(a).not.toBe(arg);
      return { got: a.hour };
    }, [arg]);
    expect(ok).toEqual({ got: 8 });
    expect(callThroughScriptRun(() => undefined, [])).toBeNull();
  });
});

/**
 * Loads the built add-on (dist/) into a Node vm context exactly as Apps Script would:
 * every .js file of dist/ in one global scope, with the offline runtime's services as
 * globals and the WB emulator behind UrlFetchApp.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { createRuntime, Runtime, RuntimeOptions } from '../runtime';
import { WbEmulator, EmulatorOptions } from '../emulator';
import { callThroughScriptRun } from '../runtime/script-run';

/** Scripts bundled elsewhere (demo, bench) set WB_SHEETS_ROOT, since their __dirname is a temp folder. */
export const ROOT = process.env.WB_SHEETS_ROOT || path.resolve(__dirname, '../..');
export const DIST = path.join(ROOT, 'dist');

export interface Harness {
  rt: Runtime;
  wb: WbEmulator;
  /** The script's global scope. */
  scope: Record<string, any>;
  /** Runs a global function as a user action (menu item; for sidebar calls prefer run): AuthMode.FULL. */
  call(name: string, ...args: unknown[]): any;
  /**
   * Runs a global function as the sidebar's google.script.run does: arguments and
   * result must be plain data, or the call throws ScriptRunError (the failure handler's error).
   */
  run(name: string, ...args: unknown[]): any;
  /** Runs a custom function as Sheets would: AuthMode.CUSTOM_FUNCTION. */
  formula(name: string, ...args: unknown[]): any;
}

export interface HarnessOptions extends Partial<RuntimeOptions> {
  emulator?: Partial<EmulatorOptions>;
}

export function distFiles(): { scripts: Record<string, string>; html: Record<string, string>; manifest: any } {
  if (!fs.existsSync(path.join(DIST, 'Code.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const scripts: Record<string, string> = {};
  const html: Record<string, string> = {};
  for (const f of fs.readdirSync(DIST)) {
    const text = fs.readFileSync(path.join(DIST, f), 'utf8');
    if (f.endsWith('.js') || f.endsWith('.gs')) scripts[f] = text;
    if (f.endsWith('.html')) html[f.replace(/\.html$/, '')] = text;
  }
  return { scripts, html, manifest: JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8')) };
}

/**
 * The custom functions a formula can call: like Sheets, any function the script declares
 * at top level (case-insensitive, not ending with '_'), never a runtime service.
 */
export function scriptFunctions(context: Record<string, any>, rt: Runtime): (name: string) => Function | undefined {
  const usable = (k: string) =>
    Object.prototype.hasOwnProperty.call(context, k) && typeof context[k] === 'function' && !(k in rt.globals) && !k.endsWith('_') ? (context[k] as Function) : undefined;
  return (name: string) => {
    const direct = usable(name);
    if (direct) return direct;
    const upper = name.toUpperCase();
    for (const k of Object.getOwnPropertyNames(context)) if (k.toUpperCase() === upper && usable(k)) return usable(k);
    return undefined;
  };
}

export function loadBundle(opts: HarnessOptions = {}): Harness {
  const { scripts, html } = distFiles();
  const startTime = opts.startTime ?? Date.UTC(2026, 10, 27, 7, 0, 0);
  const wb = new WbEmulator({ seed: 7, now: startTime, ...(opts.emulator || {}) });
  const rt = createRuntime({
    ...opts,
    startTime,
    htmlFiles: html,
    fetchHandler: (req, now) => wb.handle(req, now),
  });
  const context: Record<string, any> = {};
  rt.install(context);
  vm.createContext(context);
  for (const name of Object.keys(scripts).sort()) vm.runInContext(scripts[name], context, { filename: name });
  rt.setCustomFunctionResolver(scriptFunctions(context, rt));
  return {
    rt,
    wb,
    scope: context,
    call: (name, ...args) => rt.run(() => context[name](...args), { authMode: 'FULL' }),
    run: (name, ...args) => {
      // Only top-level functions not ending with '_' are reachable from the client.
      if (name.endsWith('_') || !Object.prototype.hasOwnProperty.call(context, name) || typeof context[name] !== 'function') throw new Error('google.script.run: ' + name + ' is not a server function');
      return callThroughScriptRun((...copied) => rt.run(() => context[name](...copied), { authMode: 'FULL' }), args);
    },
    formula: (name, ...args) => rt.run(() => context[name](...args), { authMode: 'CUSTOM_FUNCTION' }),
  };
}

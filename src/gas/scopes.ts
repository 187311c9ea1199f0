/**
 * OAuth scopes under Apps Script's granular consent: a user may grant some of the
 * manifest's scopes and not others, so a feature that needs a scope of its own (BigQuery)
 * checks it and asks for it only when the seller turns that feature on.
 *
 * ScriptApp.getAuthorizationInfo(authMode, scopes).getAuthorizedScopes() lists which of
 * the given scopes are granted; ScriptApp.requireScopes(authMode, scopes) shows the
 * consent prompt for the missing ones and ENDS the current execution (nothing after it
 * runs), so call it last in a user-invoked function, never from a trigger.
 */

export const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';

export interface ScopeGate {
  /** Whether the running user granted `scope`. */
  granted(scope: string): boolean;
  /** Asks for the scopes not yet granted; when any is missing, the execution ends here. */
  requireScopes(scopes: string[]): void;
}

type InfoWithList = (mode: GoogleAppsScript.Script.AuthMode, scopes: string[]) => GoogleAppsScript.Script.AuthorizationInfo & {
  getAuthorizedScopes(): string[] | null;
};

export const appsScriptScopes: ScopeGate = {
  granted(scope: string): boolean {
    // the typings know only the one-argument form; the scope list is documented since granular consent
    const info = (ScriptApp.getAuthorizationInfo as unknown as InfoWithList)(ScriptApp.AuthMode.FULL, [scope]);
    const got = info.getAuthorizedScopes();
    return !!got && got.indexOf(scope) >= 0;
  },
  requireScopes(scopes: string[]): void {
    ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, scopes);
  },
};

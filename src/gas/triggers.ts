/** The user's time-driven triggers for this document, through ScriptApp. */
import { TriggerGateway } from './types';

function mine(handler: string): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()).filter((t) => t.getHandlerFunction() === handler);
}

export const appsScriptTriggers: TriggerGateway = {
  count: (handler) => mine(handler).length,
  remove(handler) {
    const list = mine(handler);
    list.forEach((t) => ScriptApp.deleteTrigger(t));
    return list.length;
  },
  createEveryHours(handler, hours) {
    ScriptApp.newTrigger(handler).timeBased().everyHours(hours).create();
  },
  createDaily(handler, hour, timeZone) {
    ScriptApp.newTrigger(handler).timeBased().everyDays(1).atHour(hour).inTimezone(timeZone).create();
  },
};

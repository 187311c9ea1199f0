/** SpreadsheetApp.getUi(): menus, sidebars, dialogs, alerts. */
import { Ctx, signatureError, Svc } from './context';
import { FakeHtmlOutput } from './html';
import type { UiRecord } from './ui-record';

export const Button = Object.freeze({ CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' });
export const ButtonSet = Object.freeze({ OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' });

interface MenuItem {
  caption: string;
  functionName: string;
}

export class FakeMenu extends Svc {
  _items: (MenuItem | { sub: FakeMenu } | { separator: true })[] = [];
  constructor(
    ctx: Ctx,
    readonly _name: string,
    readonly _ui: UiRecord,
  ) {
    super(ctx, 'ui', 'Menu');
  }
  addItem(caption: string, functionName: string): FakeMenu {
    if (typeof caption !== 'string' || typeof functionName !== 'string') throw signatureError(this._ctx, 'Menu.addItem', [caption, functionName]);
    this._items.push({ caption, functionName });
    return this;
  }
  addSeparator(): FakeMenu {
    this._items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: FakeMenu): FakeMenu {
    if (!(menu instanceof FakeMenu)) throw signatureError(this._ctx, 'Menu.addSubMenu', [menu]);
    this._items.push({ sub: menu });
    return this;
  }
  _flatten(prefix = ''): MenuItem[] {
    const out: MenuItem[] = [];
    for (const it of this._items) {
      if ('sub' in it) out.push(...it.sub._flatten(`${prefix}${it.sub._name} > `));
      else if ('caption' in it) out.push({ caption: prefix + it.caption, functionName: it.functionName });
    }
    return out;
  }
  addToUi(): void {
    const entry = { name: this._name, items: this._flatten() };
    const i = this._ui.menus.findIndex((m) => m.name === this._name);
    if (i >= 0) this._ui.menus[i] = entry;
    else this._ui.menus.push(entry);
  }
}

export class FakePromptResponse extends Svc {
  constructor(ctx: Ctx) {
    super(ctx, 'ui', 'PromptResponse');
  }
  getResponseText(): string {
    return '';
  }
  getSelectedButton(): string {
    return Button.CANCEL;
  }
}

export class FakeUi extends Svc {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(
    ctx: Ctx,
    readonly _ui: UiRecord,
  ) {
    super(ctx, 'ui', 'Ui');
  }
  createAddonMenu(): FakeMenu {
    return new FakeMenu(this._ctx, 'Add-on', this._ui);
  }
  createMenu(caption: string): FakeMenu {
    if (typeof caption !== 'string') throw signatureError(this._ctx, 'Ui.createMenu', [caption]);
    return new FakeMenu(this._ctx, caption, this._ui);
  }
  showSidebar(userInterface: FakeHtmlOutput): void {
    if (!(userInterface instanceof FakeHtmlOutput)) throw signatureError(this._ctx, 'Ui.showSidebar', [userInterface]);
    this._ui.sidebars.push({ title: userInterface._title, html: userInterface._content });
  }
  showModalDialog(userInterface: FakeHtmlOutput, title: string): void {
    if (!(userInterface instanceof FakeHtmlOutput)) throw signatureError(this._ctx, 'Ui.showModalDialog', [userInterface, title]);
    this._ui.dialogs.push({ title: String(title), html: userInterface._content, modal: true });
  }
  showModelessDialog(userInterface: FakeHtmlOutput, title: string): void {
    if (!(userInterface instanceof FakeHtmlOutput)) throw signatureError(this._ctx, 'Ui.showModelessDialog', [userInterface, title]);
    this._ui.dialogs.push({ title: String(title), html: userInterface._content, modal: false });
  }
  /** alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons). Records the text; answers OK (YES for yes/no sets). */
  alert(a: unknown, b?: unknown, c?: unknown): string {
    let text: string;
    let buttons: unknown = ButtonSet.OK;
    if (c !== undefined) {
      text = `${String(a)}: ${String(b)}`;
      buttons = c;
    } else {
      text = String(a);
      if (b !== undefined) buttons = b;
    }
    this._ui.alerts.push(text);
    return buttons === ButtonSet.YES_NO || buttons === ButtonSet.YES_NO_CANCEL ? Button.YES : Button.OK;
  }
  prompt(a: unknown, b?: unknown, c?: unknown): FakePromptResponse {
    this._ui.alerts.push(c !== undefined ? `${String(a)}: ${String(b)}` : String(a));
    return new FakePromptResponse(this._ctx);
  }
}

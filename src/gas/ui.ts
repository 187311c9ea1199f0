/** Menus, sidebars and toasts through SpreadsheetApp's Ui. */
export interface MenuItem {
  caption: string;
  functionName: string;
}

export function addonMenu(items: MenuItem[]): void {
  // createAddonMenu works in a published add-on and in a bound script alike.
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of items) menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}

export function showSidebarPanel(file: string, title: string): void {
  const html = HtmlService.createHtmlOutputFromFile(file).setTitle(title);
  SpreadsheetApp.getUi().showSidebar(html);
}

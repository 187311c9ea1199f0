/** What the UI services recorded, for assertions. */
export interface UiRecord {
  toasts: { message: string; title: string }[];
  sidebars: { title: string; html: string }[];
  dialogs: { title: string; html: string; modal: boolean }[];
  alerts: string[];
  menus: { name: string; items: { caption: string; functionName: string }[] }[];
}

export function newUiRecord(): UiRecord {
  return { toasts: [], sidebars: [], dialogs: [], alerts: [], menus: [] };
}

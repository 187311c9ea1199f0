/** The wire between the offline Apps Script runtime's UrlFetchApp and the WB emulator. */
export interface FakeRequest {
  url: string; // full URL including query string, e.g. https://statistics-api.wildberries.ru/api/v1/supplier/sales?dateFrom=...&flag=0
  method: string; // upper case: GET, POST, ...
  headers: Record<string, string>; // as the script sent them (header names as given)
  payload?: string; // request body for POST
}

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Answers one request at virtual time `nowMs` (epoch ms). */
export type FetchHandler = (req: FakeRequest, nowMs: number) => FakeResponse;

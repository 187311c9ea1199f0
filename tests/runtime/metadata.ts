/** Developer metadata on the spreadsheet, sheets, whole rows and whole columns. */
import { Ctx, Svc } from './context';
import type { FakeSheet } from './sheet';
import type { FakeSpreadsheet } from './spreadsheet';

export interface VisibilityEnum {
  readonly name: 'DOCUMENT' | 'PROJECT';
  toString(): string;
  toJSON(): string;
}
function visEnum(name: 'DOCUMENT' | 'PROJECT'): VisibilityEnum {
  return Object.freeze({ name, toString: () => name, toJSON: () => name });
}
export const DeveloperMetadataVisibility = Object.freeze({ DOCUMENT: visEnum('DOCUMENT'), PROJECT: visEnum('PROJECT') });
export const DeveloperMetadataLocationType = Object.freeze({
  SPREADSHEET: 'SPREADSHEET',
  SHEET: 'SHEET',
  ROW: 'ROW',
  COLUMN: 'COLUMN',
});

export type MdLoc =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheet: FakeSheet }
  | { type: 'ROW' | 'COLUMN'; sheet: FakeSheet; start: number; end: number };

export interface MdRecord {
  id: number;
  key: string;
  value: string | null;
  visibility: VisibilityEnum;
  loc: MdLoc;
  removed?: boolean;
}

/** Characters of developer metadata allowed per location (the spreadsheet, each sheet with its rows/columns). */
export const METADATA_CHARS_PER_LOCATION = 30000;

export function isVisibility(x: unknown): x is VisibilityEnum {
  return x === DeveloperMetadataVisibility.DOCUMENT || x === DeveloperMetadataVisibility.PROJECT;
}

/** Decodes the (key), (key, value), (key, visibility), (key, value, visibility) overloads. */
export function metadataArgs(ctx: Ctx, method: string, args: unknown[]): { key: string; value: string | null; visibility: VisibilityEnum } {
  const [key, a, b] = args;
  if (typeof key !== 'string' || key === '') throw ctx.error(`Invalid argument: key`);
  let value: string | null = null;
  let visibility: VisibilityEnum = DeveloperMetadataVisibility.DOCUMENT;
  if (isVisibility(a)) visibility = a;
  else if (a !== undefined && a !== null) value = String(a);
  if (b !== undefined && b !== null) {
    if (!isVisibility(b)) throw ctx.error(`The parameters (String,String,${typeof b}) don't match the method signature for ${method}.`);
    visibility = b;
  }
  if (key.length > 30000 || (value !== null && value.length > 30000)) throw ctx.error('Argument too large: value');
  return { key, value, visibility };
}

export class FakeDeveloperMetadata extends Svc {
  constructor(
    ctx: Ctx,
    readonly _ss: FakeSpreadsheet,
    readonly _rec: MdRecord,
  ) {
    super(ctx, 'spreadsheet', 'DeveloperMetadata');
  }
  private _live(): MdRecord {
    if (this._rec.removed) throw this._ctx.error('The developer metadata has been removed.');
    return this._rec;
  }
  getId(): number {
    return this._live().id;
  }
  getKey(): string {
    return this._live().key;
  }
  getValue(): string | null {
    return this._live().value;
  }
  getVisibility(): VisibilityEnum {
    return this._live().visibility;
  }
  setKey(key: string): FakeDeveloperMetadata {
    if (typeof key !== 'string' || key === '') throw this._ctx.error('Invalid argument: key');
    const r = this._live();
    this._ss._mdCheckSize(r.loc, key.length + (r.value?.length ?? 0) - r.key.length - (r.value?.length ?? 0));
    r.key = key;
    return this;
  }
  setValue(value: string): FakeDeveloperMetadata {
    const r = this._live();
    const v = value === null || value === undefined ? null : String(value);
    this._ss._mdCheckSize(r.loc, (v?.length ?? 0) - (r.value?.length ?? 0));
    r.value = v;
    return this;
  }
  setVisibility(visibility: VisibilityEnum): FakeDeveloperMetadata {
    if (!isVisibility(visibility)) throw this._ctx.error('Invalid argument: visibility');
    this._live().visibility = visibility;
    return this;
  }
  remove(): void {
    this._ss._mdRemove(this._live());
  }
  getLocation(): FakeDeveloperMetadataLocation {
    return new FakeDeveloperMetadataLocation(this._ctx, this._ss, this._live().loc);
  }
  moveToSpreadsheet(): FakeDeveloperMetadata {
    this._live().loc = { type: 'SPREADSHEET' };
    return this;
  }
  moveToSheet(sheet: FakeSheet): FakeDeveloperMetadata {
    this._live().loc = { type: 'SHEET', sheet };
    return this;
  }
}

export class FakeDeveloperMetadataLocation extends Svc {
  constructor(
    ctx: Ctx,
    readonly _ss: FakeSpreadsheet,
    readonly _loc: MdLoc,
  ) {
    super(ctx, 'spreadsheet', 'DeveloperMetadataLocation');
  }
  getLocationType(): string {
    return this._loc.type;
  }
  getSpreadsheet(): FakeSpreadsheet | null {
    return this._loc.type === 'SPREADSHEET' ? this._ss : null;
  }
  getSheet(): FakeSheet | null {
    return this._loc.type === 'SHEET' ? this._loc.sheet : null;
  }
  getRow(): unknown {
    const l = this._loc;
    if (l.type !== 'ROW') return null;
    return l.sheet._range(l.start, 1, l.end - l.start + 1, l.sheet._maxCols, { openCols: true });
  }
  getColumn(): unknown {
    const l = this._loc;
    if (l.type !== 'COLUMN') return null;
    return l.sheet._range(1, l.start, l.sheet._maxRows, l.end - l.start + 1, { openRows: true });
  }
}

export type FinderScope =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheet: FakeSheet }
  | { type: 'RANGE'; sheet: FakeSheet; row: number; col: number; numRows: number; numCols: number };

export class FakeDeveloperMetadataFinder extends Svc {
  private _key?: string;
  private _value?: string;
  private _id?: number;
  private _locType?: string;
  private _vis?: VisibilityEnum;
  constructor(
    ctx: Ctx,
    readonly _ss: FakeSpreadsheet,
    readonly _scope: FinderScope,
  ) {
    super(ctx, 'spreadsheet', 'DeveloperMetadataFinder');
  }
  withKey(key: string): FakeDeveloperMetadataFinder {
    this._key = String(key);
    return this;
  }
  withValue(value: string): FakeDeveloperMetadataFinder {
    this._value = String(value);
    return this;
  }
  withId(id: number): FakeDeveloperMetadataFinder {
    this._id = Number(id);
    return this;
  }
  withLocationType(t: string): FakeDeveloperMetadataFinder {
    this._locType = String(t);
    return this;
  }
  withVisibility(v: VisibilityEnum): FakeDeveloperMetadataFinder {
    this._vis = v;
    return this;
  }
  onIntersectingLocations(): FakeDeveloperMetadataFinder {
    return this;
  }
  find(): FakeDeveloperMetadata[] {
    const s = this._scope;
    return this._ss._mdAll().filter((r) => {
      if (this._key !== undefined && r.key !== this._key) return false;
      if (this._value !== undefined && r.value !== this._value) return false;
      if (this._id !== undefined && r.id !== this._id) return false;
      if (this._locType !== undefined && r.loc.type !== this._locType) return false;
      if (this._vis !== undefined && r.visibility !== this._vis) return false;
      if (s.type === 'SPREADSHEET') return true;
      if (r.loc.type === 'SPREADSHEET') return false;
      if (r.loc.sheet !== s.sheet) return false;
      if (s.type === 'SHEET') return true;
      if (r.loc.type === 'SHEET') return false;
      if (r.loc.type === 'ROW') return r.loc.start <= s.row + s.numRows - 1 && r.loc.end >= s.row;
      return r.loc.start <= s.col + s.numCols - 1 && r.loc.end >= s.col;
    }).map((r) => this._ss._mdObject(r));
  }
}

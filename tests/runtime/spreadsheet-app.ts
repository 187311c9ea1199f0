/** The SpreadsheetApp global. */
import { BooleanCriteria, FakeConditionalFormatRuleBuilder, InterpolationType, newCfState, RelativeDate } from './conditional';
import { Ctx, Svc } from './context';
import { DataValidationCriteria, FakeDataValidationBuilder, newDvState } from './validation';
import { DeveloperMetadataLocationType, DeveloperMetadataVisibility } from './metadata';
import type { FakeRange } from './range';
import type { FakeSheet } from './sheet';
import type { FakeSpreadsheet } from './spreadsheet';
import { FakeUi } from './ui';

export class FakeSpreadsheetApp extends Svc {
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  readonly DeveloperMetadataLocationType = DeveloperMetadataLocationType;
  readonly Dimension = Object.freeze({ COLUMNS: 'COLUMNS', ROWS: 'ROWS' });
  readonly WrapStrategy = Object.freeze({ WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' });
  readonly BorderStyle = Object.freeze({ DOTTED: 'DOTTED', DASHED: 'DASHED', SOLID: 'SOLID', SOLID_MEDIUM: 'SOLID_MEDIUM', SOLID_THICK: 'SOLID_THICK', DOUBLE: 'DOUBLE' });
  readonly CopyPasteType = Object.freeze({ PASTE_NORMAL: 'PASTE_NORMAL', PASTE_VALUES: 'PASTE_VALUES', PASTE_FORMAT: 'PASTE_FORMAT' });
  readonly BooleanCriteria = BooleanCriteria;
  readonly RelativeDate = RelativeDate;
  readonly InterpolationType = InterpolationType;
  readonly DataValidationCriteria = DataValidationCriteria;
  constructor(
    ctx: Ctx,
    readonly _ss: FakeSpreadsheet,
    readonly _uiObj: FakeUi,
  ) {
    super(ctx, 'spreadsheet', 'SpreadsheetApp');
  }
  getActive(): FakeSpreadsheet {
    return this._ss;
  }
  getActiveSpreadsheet(): FakeSpreadsheet {
    return this._ss;
  }
  getActiveSheet(): FakeSheet {
    return this._ss._active;
  }
  getActiveRange(): FakeRange | null {
    return this._ss.getActiveRange();
  }
  getCurrentCell(): FakeRange {
    return this._ss.getActiveCell();
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    return this._ss.setActiveSheet(sheet);
  }
  getUi(): FakeUi {
    return this._uiObj;
  }
  flush(): void {}
  newDataValidation(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder(this._ctx, newDvState());
  }
  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this._ctx, newCfState());
  }
  openById(id: string): FakeSpreadsheet {
    if (id === this._ss._id) return this._ss;
    throw this._ctx.error('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
  }
  openByUrl(url: string): FakeSpreadsheet {
    if (typeof url === 'string' && url.includes(this._ss._id)) return this._ss;
    throw this._ctx.error('Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.');
  }
}

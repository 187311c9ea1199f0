/** HtmlService: outputs from project files or strings, minimal templates. */
import { Ctx, signatureError, Svc } from './context';
import { FakeBlob } from './utilities';

export const SandboxMode = Object.freeze({ EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' });
export const XFrameOptionsMode = Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' });

export class FakeHtmlOutput extends Svc {
  _title = '';
  _width = 300;
  _height = 500;
  _sandbox = 'IFRAME';
  _xframe = 'DEFAULT';
  _meta: { name: string; content: string }[] = [];
  _favicon: string | null = null;
  constructor(
    ctx: Ctx,
    public _content: string,
  ) {
    super(ctx, 'html', 'HtmlOutput');
  }
  getContent(): string {
    return this._content;
  }
  setContent(content: string): FakeHtmlOutput {
    this._content = String(content);
    return this;
  }
  append(addedContent: string): FakeHtmlOutput {
    this._content += String(addedContent);
    return this;
  }
  appendUntrusted(addedContent: string): FakeHtmlOutput {
    this._content += escapeHtml(String(addedContent));
    return this;
  }
  clear(): FakeHtmlOutput {
    this._content = '';
    return this;
  }
  setTitle(title: string): FakeHtmlOutput {
    this._title = String(title);
    return this;
  }
  getTitle(): string {
    return this._title;
  }
  setWidth(width: number): FakeHtmlOutput {
    this._width = Number(width);
    return this;
  }
  getWidth(): number {
    return this._width;
  }
  setHeight(height: number): FakeHtmlOutput {
    this._height = Number(height);
    return this;
  }
  getHeight(): number {
    return this._height;
  }
  setSandboxMode(mode: string): FakeHtmlOutput {
    this._sandbox = String(mode);
    return this;
  }
  getSandboxMode(): string {
    return this._sandbox;
  }
  setXFrameOptionsMode(mode: string): FakeHtmlOutput {
    this._xframe = String(mode);
    return this;
  }
  addMetaTag(name: string, content: string): FakeHtmlOutput {
    this._meta.push({ name: String(name), content: String(content) });
    return this;
  }
  setFaviconUrl(iconUrl: string): FakeHtmlOutput {
    this._favicon = String(iconUrl);
    return this;
  }
  getFaviconUrl(): string | null {
    return this._favicon;
  }
  getBlob(): FakeBlob {
    return new FakeBlob(this._ctx, Buffer.from(this._content, 'utf8'), 'text/html', this._title || null);
  }
  getAs(contentType: string): FakeBlob {
    return this.getBlob().getAs(contentType);
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export class FakeHtmlTemplate extends Svc {
  [key: string]: unknown;
  constructor(
    ctx: Ctx,
    readonly _source: string,
  ) {
    super(ctx, 'html', 'HtmlTemplate');
  }
  getRawContent(): string {
    return this._source;
  }
  getCode(): string {
    return this._source;
  }
  /** Evaluates static content plus `<?= name ?>` / `<?!= name ?>` for properties set on the template. */
  evaluate(): FakeHtmlOutput {
    const out = this._source.replace(/<\?(!?=)?([\s\S]*?)\?>/g, (_m, kind: string | undefined, body: string) => {
      const expr = body.trim();
      if (!kind || !/^[A-Za-z_$][\w$]*$/.test(expr) || !(expr in this)) {
        throw this._ctx.error(`The offline runtime only evaluates <?= name ?> scriptlets of template properties; got <?${kind ?? ''} ${expr} ?>`);
      }
      const v = this[expr];
      return kind === '=' ? escapeHtml(String(v)) : String(v);
    });
    return new FakeHtmlOutput(this._ctx, out);
  }
}

export class FakeHtmlService extends Svc {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  constructor(
    ctx: Ctx,
    readonly _files: Record<string, string>,
  ) {
    super(ctx, 'html', 'HtmlService');
  }
  private _file(filename: string): string {
    if (typeof filename !== 'string') throw signatureError(this._ctx, 'HtmlService.createHtmlOutputFromFile', [filename]);
    const name = filename.replace(/\.html$/i, '');
    const content = this._files[name];
    if (content === undefined) throw this._ctx.error(`No HTML file named ${name} was found.`);
    return content;
  }
  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    return new FakeHtmlOutput(this._ctx, this._file(filename));
  }
  createHtmlOutput(html?: unknown): FakeHtmlOutput {
    const content = html instanceof FakeBlob ? html.getDataAsString() : html === undefined || html === null ? '' : String(html);
    return new FakeHtmlOutput(this._ctx, content);
  }
  createTemplate(html: unknown): FakeHtmlTemplate {
    const content = html instanceof FakeBlob ? html.getDataAsString() : String(html);
    return new FakeHtmlTemplate(this._ctx, content);
  }
  createTemplateFromFile(filename: string): FakeHtmlTemplate {
    return new FakeHtmlTemplate(this._ctx, this._file(filename));
  }
  getUserAgent(): string {
    return 'Mozilla/5.0 (offline runtime)';
  }
}

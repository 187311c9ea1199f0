/** Session: the active user, locale and script time zone. */
import * as crypto from 'crypto';
import { Ctx, Svc } from './context';

export class FakeUser extends Svc {
  constructor(
    ctx: Ctx,
    readonly _email: string,
  ) {
    super(ctx, 'session', 'User');
  }
  getEmail(): string {
    return this._email;
  }
  getUserLoginId(): string {
    return this._email;
  }
}

export class FakeSession extends Svc {
  constructor(
    ctx: Ctx,
    readonly _scriptTimeZone: string,
  ) {
    super(ctx, 'session', 'Session');
  }
  getActiveUser(): FakeUser {
    const e = this._ctx.exec();
    // custom functions run anonymously: no active user e-mail
    return new FakeUser(this._ctx, e.authMode === 'CUSTOM_FUNCTION' ? '' : e.user);
  }
  getEffectiveUser(): FakeUser {
    const e = this._ctx.exec();
    return new FakeUser(this._ctx, e.authMode === 'CUSTOM_FUNCTION' ? this._ctx.owner : e.user);
  }
  getActiveUserLocale(): string {
    return this._ctx.locale;
  }
  getScriptTimeZone(): string {
    return this._scriptTimeZone;
  }
  getTimeZone(): string {
    return this._scriptTimeZone;
  }
  getTemporaryActiveUserKey(): string {
    return crypto.createHash('sha256').update('temp-key:' + this._ctx.activeUser()).digest('base64').slice(0, 43);
  }
}

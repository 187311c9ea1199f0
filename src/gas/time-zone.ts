/**
 * Converts between JS Dates (instants) and Sheets serials (wall clock in the
 * spreadsheet's time zone), as Sheets does when it hands Dates to scripts.
 */
const HOUR_MS = 3600000;
const DAY_MS = 86400000;
const UNIX_EPOCH_SERIAL = 25569;

export class ZoneConverter {
  private offsets = new Map<number, number>();

  constructor(private readonly timeZone: string) {}

  /** Offset of the zone from UTC at an instant, memoised per hour (offsets change on the hour). */
  offsetMs(instant: number): number {
    const hour = Math.floor(instant / HOUR_MS);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      const z = Utilities.formatDate(new Date(instant), this.timeZone, 'Z'); // e.g. +0300
      const sign = z[0] === '-' ? -1 : 1;
      offset = sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60000;
      this.offsets.set(hour, offset);
    }
    return offset;
  }

  dateToSerial(date: Date): number {
    const instant = date.getTime();
    return (instant + this.offsetMs(instant)) / DAY_MS + UNIX_EPOCH_SERIAL;
  }
}

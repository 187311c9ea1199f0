/**
 * Buyer reviews, in rounds. A round reads
 *   1. the unanswered list (isAnswered=false) in full: every review WB shows unanswered
 *      (WB archives unanswered ones after 30 days, so this list stays short);
 *   2. the answered list (isAnswered=true) from a lower bound: everything on the first
 *      load; later, from the older of "an hour before the previous round began" (new
 *      reviews) and "the oldest review the previous round found unanswered" (their
 *      answers arrive later, and an answered review moves to this list).
 * Both lists are read oldest first, page by page (take 5000), each page starting at
 * the second the previous one ended (dateFrom), so an answer arriving mid-read shifts
 * nothing; `skip` only walks a page's worth of reviews sharing one second. Rows of
 * that boundary second come again and are upserted by id: nothing doubles.
 *
 * The round's position is saved after each page is in the sheet: a killed execution
 * reads that page again, never skips one. A Base key (5 requests an hour) reads one page
 * per hourly refresh and finishes the round over the next ones.
 */
import type { ReportRun } from './engine';
import { ANSWER_SEEN, isAnswered } from '../reports/reviews';
import type { RequestParts } from '../wb/client';
import { ENDPOINTS, Endpoint } from '../wb/endpoints';
import { WbError } from '../wb/errors';
import { instantToMoscowWall, parseWbMoscow, wallMsToSerial } from '../wb/moscow-time';

export const SKIP_MAX = 199990;
/** New reviews are looked for from this long before the previous round began (WB's own lag). */
const OVERLAP_S = 3600;
const MOSCOW_OFFSET_S = 3 * 3600;

interface Round {
  phase: 'unanswered' | 'answered';
  /** dateFrom (Unix s) of the next page; null: from the beginning */
  from: number | null;
  skip: number;
  /** lower bound of the answered list this round (null: everything) */
  answeredFrom: number | null;
  /** oldest unanswered review of this round (Unix s) */
  oldestUnanswered: number | null;
  /** when the round began (Unix s) */
  startedAt: number;
}

const ROUND = 'reviewsRound';
/** Lower bound (Unix s) of the next round's answered list; absent before the first round ends. */
const NEXT_FROM = 'reviewsNextFrom';

function pageParts(round: Round): RequestParts {
  const query: Record<string, string> = {
    isAnswered: round.phase === 'answered' ? 'true' : 'false',
    take: String(ENDPOINTS.feedbacks.pageLimit),
    skip: String(round.skip),
    order: 'dateAsc',
  };
  if (round.from !== null) query.dateFrom = String(round.from);
  return { query };
}

/** Unix seconds of a WB review date (it carries its zone). */
export function unixSeconds(createdDate: unknown): number | null {
  const wall = parseWbMoscow(createdDate);
  return wall === null ? null : Math.floor(wall / 1000) - MOSCOW_OFFSET_S;
}

function newRound(run: ReportRun): Round {
  const nextFrom = run.state<number>(NEXT_FROM);
  return {
    phase: 'unanswered',
    from: null,
    skip: 0,
    answeredFrom: typeof nextFrom === 'number' ? nextFrom : null,
    oldestUnanswered: null,
    startedAt: Math.floor(run.now() / 1000),
  };
}

function currentRound(run: ReportRun): Round {
  // A deleted sheet is loaded again from the start.
  if (run.sheetMissing()) {
    run.setState(NEXT_FROM, null);
    run.setState(ROUND, null);
  }
  const saved = run.state<Round>(ROUND);
  return saved && (saved.phase === 'unanswered' || saved.phase === 'answered') ? saved : newRound(run);
}

/** The request syncReviews sends first: the next page of the current round. */
export function firstReviewsRequest(run: ReportRun): { endpoint: Endpoint; parts: RequestParts } {
  return { endpoint: ENDPOINTS.feedbacks, parts: pageParts(currentRound(run)) };
}

/** The reviews of a list answer; a malformed answer is WB's fault, not an empty list. */
function feedbacksOf(answer: Record<string, unknown> | null): Record<string, unknown>[] {
  const data = answer && answer.data;
  const list = data && typeof data === 'object' ? (data as Record<string, unknown>).feedbacks : undefined;
  if (answer && answer.error === true) throw new WbError('bad_request', 200, String(answer.errorText || ''));
  if (!Array.isArray(list)) throw new WbError('bad_body', 200, 'no data.feedbacks');
  return list as Record<string, unknown>[];
}

export function syncReviews(run: ReportRun): void {
  const endpoint = ENDPOINTS.feedbacks;
  let round = currentRound(run);
  const firstLoad = run.state<number>(NEXT_FROM) === null;
  // Answer dates already in the sheet (read once, when a page brings an answered review).
  let seen: Map<string, number | null> | null = null;
  const answerSeen = (): Map<string, number | null> => {
    if (seen) return seen;
    seen = new Map();
    const table = run.table();
    const cols = table.readColumns(['id', 'answered', 'answerDate']);
    const ids = cols.get('id') || [];
    const answered = cols.get('answered') || [];
    const dates = cols.get('answerDate') || [];
    ids.forEach((id, i) => {
      if (id === null || id === '' || answered[i] !== true) return;
      seen?.set(String(id), typeof dates[i] === 'number' ? (dates[i] as number) : null);
    });
    return seen;
  };
  // The answer's "seen" time is when the refresh that first found it began.
  const nowSerial = wallMsToSerial(instantToMoscowWall(run.now() - run.elapsed()));
  let pages = 0;
  for (;;) {
    const parts = pageParts(round);
    if (!run.hasTime() || !run.waitFor(endpoint, undefined, parts)) {
      if (run.outcome.status === 'done') run.defer(run.t.syncPartial(run.title));
      return;
    }
    const page = feedbacksOf(run.client.fetchObject(endpoint, run.creds, parts));
    const rows = page.map((r) => {
      if (!isAnswered(r)) return r;
      const id = String(r.id);
      const known = answerSeen();
      // First seen answered: now, unless this is the first load (the answer may be old).
      const at = known.has(id) ? known.get(id) : firstLoad ? null : nowSerial;
      known.set(id, at === undefined ? null : at);
      return { ...r, [ANSWER_SEEN]: at };
    });
    if (rows.length) run.upsert(rows);
    pages++;
    run.progress(pages);
    const next: Round = { ...round };
    if (round.phase === 'unanswered') {
      for (const r of page) {
        const s = unixSeconds(r.createdDate);
        if (s !== null && (next.oldestUnanswered === null || s < next.oldestUnanswered)) next.oldestUnanswered = s;
      }
    }
    if (page.length < endpoint.pageLimit) {
      if (round.phase === 'unanswered') {
        round = { ...next, phase: 'answered', from: next.answeredFrom, skip: 0 };
        run.setState(ROUND, round);
        continue;
      }
      // Round complete: the next one looks for new reviews and answers from here.
      const bound = next.startedAt - OVERLAP_S;
      run.setState(NEXT_FROM, next.oldestUnanswered === null ? bound : Math.min(bound, next.oldestUnanswered));
      run.setState(ROUND, null);
      return;
    }
    const first = unixSeconds(page[0].createdDate);
    const last = unixSeconds(page[page.length - 1].createdDate);
    if (last === null || first === last) {
      // A whole page in one second: walk it with skip (WB allows up to 199990).
      next.skip = Math.min(round.skip + endpoint.pageLimit, SKIP_MAX);
    } else {
      next.from = last;
      next.skip = 0;
    }
    round = next;
    run.setState(ROUND, round);
  }
}

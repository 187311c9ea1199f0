/**
 * «Проверить» on the storage settings says whether rows will disappear: the sandbox gives
 * a dataset a 60-day expiration (and it stays after billing is linked, until cleared); a
 * dataset without one keeps everything; before the dataset exists the rule is stated.
 */
import { loadBundle } from '../bundle/harness';
import { BIGQUERY_SCOPE } from '../runtime';
import { connect } from './helpers';
import { scheduled } from './bigquery-helpers';

function shop(billing: boolean) {
  const h = loadBundle({ emulator: { seed: 3, articles: 2, ordersPerDay: 10 } });
  connect(h);
  h.rt.grantScopes([BIGQUERY_SCOPE]);
  h.rt.bigquery.addProject('my-shop-123', { billing });
  const settings = { mode: 'bigquery', project: 'my-shop-123', dataset: 'wb', location: 'EU', keepRawInSheets: true };
  const saved = h.run('saveStorage', settings);
  if (!saved.ok) throw new Error(saved.message);
  return { h, check: () => h.run('checkStorage', settings) as { ok: boolean; message: string } };
}

describe('«Проверить» and how long BigQuery keeps rows', () => {
  it('a sandbox project: the rule before the dataset exists, then the dataset\'s own 60 days', () => {
    const { h, check } = shop(false);
    const before = check();
    expect(before.ok).toBe(true);
    expect(before.message).toContain('будет создан');
    expect(before.message).toContain('старше 60 дней');
    scheduled(h);
    const after = check();
    expect(after.ok).toBe(true);
    expect(after.message).toContain('Набор данных wb есть (EU)');
    expect(after.message).toContain('срок хранения 60 дн.');
    expect(after.message).not.toContain('не задан');
  });

  it('a project with billing: the dataset keeps everything', () => {
    const { h, check } = shop(true);
    scheduled(h);
    const after = check();
    expect(after.ok).toBe(true);
    expect(after.message).toContain('Срок хранения в наборе данных wb не задан');
    expect(after.message).not.toContain('60');
  });
});

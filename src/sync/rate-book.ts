/** Rate bucket states kept in document properties: WB limits are per seller, and one document is one seller. */
import { KeyValueStore } from '../gas/types';
import { RateBook } from '../wb/client';
import { BucketState } from '../wb/rate-limit';

const PROPERTY = 'wb.rateBuckets';

function parse(raw: string | null): Record<string, BucketState> {
  try {
    const parsed = JSON.parse(raw || '{}');
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

export class PropertyRateBook implements RateBook {
  private states: Record<string, BucketState>;

  constructor(private readonly props: KeyValueStore) {
    this.states = parse(props.get(PROPERTY));
  }

  get(endpointId: string): BucketState | undefined {
    return this.states[endpointId];
  }

  /**
   * Writes one bucket over what the property holds NOW: another execution (the sidebar
   * checking a key while a refresh runs) may have spent other buckets since this book
   * was read, and writing back our stale copy of theirs would let a request go early.
   */
  set(endpointId: string, state: BucketState): void {
    this.states = { ...parse(this.props.get(PROPERTY)), [endpointId]: state };
    this.props.set(PROPERTY, JSON.stringify(this.states));
  }
}

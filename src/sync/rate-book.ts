/** Rate bucket states kept in document properties: WB limits are per seller, and one document is one seller. */
import { KeyValueStore } from '../gas/types';
import { RateBook } from '../wb/client';
import { BucketState } from '../wb/rate-limit';

const PROPERTY = 'wb.rateBuckets';

export class PropertyRateBook implements RateBook {
  private states: Record<string, BucketState>;

  constructor(private readonly props: KeyValueStore) {
    let parsed: Record<string, BucketState> = {};
    try {
      parsed = JSON.parse(props.get(PROPERTY) || '{}');
    } catch {
      parsed = {};
    }
    this.states = parsed && typeof parsed === 'object' ? parsed : {};
  }

  get(endpointId: string): BucketState | undefined {
    return this.states[endpointId];
  }

  set(endpointId: string, state: BucketState): void {
    this.states[endpointId] = state;
    this.props.set(PROPERTY, JSON.stringify(this.states));
  }
}

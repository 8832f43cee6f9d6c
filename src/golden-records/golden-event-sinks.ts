import { Injectable } from '@nestjs/common';
import type { Tx } from '../common/database/tx';
import type { GoldenEvent, GoldenState } from './golden-record.types';

/** A golden change as it commits: the event and the golden record after it. */
export interface GoldenChangeCommitted {
  readonly event: GoldenEvent;
  readonly golden: GoldenState;
}

/** Something that must record golden changes in the same transaction as the change (the webhook outbox). */
export interface GoldenEventSink {
  onEvents(tx: Tx, changes: readonly GoldenChangeCommitted[]): Promise<void>;
}

/**
 * Where modules that follow golden changes plug in, so that the core never imports them: the webhooks
 * module registers its outbox here, and every golden event is handed to it inside its transaction.
 */
@Injectable()
export class GoldenEventSinks {
  private readonly sinks: GoldenEventSink[] = [];

  register(sink: GoldenEventSink): void {
    this.sinks.push(sink);
  }

  async publish(tx: Tx, changes: readonly GoldenChangeCommitted[]): Promise<void> {
    if (changes.length === 0) return;
    for (const sink of this.sinks) await sink.onEvents(tx, changes);
  }
}

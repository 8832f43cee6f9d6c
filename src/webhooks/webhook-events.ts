import type { GoldenChangeCommitted } from '../golden-records/golden-event-sinks';
import type { AttributeChange, GoldenEventType } from '../golden-records/golden-record.types';
import type { AttributeValue } from '../matching/engine/types';
import { maskAttribute, maskAttributes } from '../auth/pii/pii-mask';

/** What subscribers can subscribe to, per entity type: `customer.created`, … */
export const WEBHOOK_ACTIONS = ['created', 'updated', 'merged', 'unmerged', 'deleted'] as const;
const ENTITIES = ['customer', 'product'];

/** A steward's pin or not-a-match changes a record's content or version: subscribers see an update. */
export function webhookEventType(entityType: string, type: GoldenEventType): string {
  const action = (WEBHOOK_ACTIONS as readonly string[]).includes(type) ? type : 'updated';
  return `${entityType}.${action}`;
}

/** `customer.updated`, `customer.*`, `*.deleted` or `*`: problems with a pattern, if any. */
export function patternProblem(pattern: string): string | null {
  const [entity, action, extra] = pattern.split('.');
  if (pattern === '*') return null;
  if (extra !== undefined || action === undefined) return `"${pattern}" is not an event type: use entity.action, e.g. customer.updated or customer.*`;
  if (entity !== '*' && !ENTITIES.includes(entity)) return `"${pattern}": unknown entity "${entity}" (customer, product or *)`;
  if (action !== '*' && !(WEBHOOK_ACTIONS as readonly string[]).includes(action)) return `"${pattern}": unknown action "${action}" (${WEBHOOK_ACTIONS.join(', ')} or *)`;
  return null;
}

export function matchesAny(patterns: readonly string[], type: string): boolean {
  const [entity, action] = type.split('.');
  return patterns.some((pattern) => {
    if (pattern === '*') return true;
    const [e, a] = pattern.split('.');
    return (e === '*' || e === entity) && (a === '*' || a === action);
  });
}

export interface WebhookPayload {
  readonly id: string;
  readonly type: string;
  readonly timestamp: string;
  readonly data: {
    readonly entityType: string;
    readonly id: string;
    readonly version: number;
    /** The full golden record after the change. */
    readonly record: Readonly<Record<string, AttributeValue | string | number | null>>;
    readonly changes: readonly AttributeChange[];
    readonly survivorId?: string;
    readonly mergedIds?: readonly string[];
    /** For a subscription bound to a source system: that system's own ids for the record. */
    sourceIds?: readonly string[];
  };
}

/** The payload of a golden change, built inside its transaction so that it shows the record as of that version. */
export function buildPayload({ event, golden }: GoldenChangeCommitted): WebhookPayload {
  const details = event.payload as unknown as Record<string, unknown>;
  const mergedInto = event.payload.mergedInto;
  const survivorId = (details.survivorId as string | undefined) ?? mergedInto;
  const mergedIds = (details.mergedIds as string[] | undefined) ?? (mergedInto ? [golden.id] : undefined);
  return {
    id: event.id,
    type: webhookEventType(event.entityType, event.type),
    timestamp: event.at,
    data: {
      entityType: event.entityType,
      id: golden.id,
      version: golden.version,
      record: { id: golden.id, version: golden.version, status: golden.status, mergedInto: golden.mergedInto, ...golden.attributes },
      changes: event.payload.changes,
      ...(event.type === 'merged' && survivorId ? { survivorId, mergedIds } : {}),
    },
  };
}

/** The payload as a subscription without PII scope receives it: personal data masked as for a reader key. */
export function maskPayload(payload: WebhookPayload): WebhookPayload {
  const { record, changes } = payload.data;
  // A test event carries no record.
  if (!record) return payload;
  return {
    ...payload,
    data: {
      ...payload.data,
      record: maskAttributes(record),
      changes: (changes ?? []).map((c) => ({ ...c, before: maskAttribute(c.attribute, c.before), after: maskAttribute(c.attribute, c.after) }) as AttributeChange),
    },
  };
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A downstream system that wants golden changes, and how to reach and sign for it. */
@Entity('webhook_subscription')
export class WebhookSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** JSON array of event type patterns: `customer.updated`, `customer.*`, `*`. */
  @Column({ name: 'event_types', type: 'text' })
  eventTypes: string;

  /** A source system whose own ids each payload carries (`sourceIds`). */
  @Column({ name: 'source_system', type: 'varchar', length: 64, nullable: true })
  sourceSystem: string | null;

  /** Only changes of golden records that hold (or, merged away, held) a record of `source_system`: what that system knows. */
  @Column({ name: 'linked_only', type: 'boolean', default: false })
  linkedOnly: boolean;

  @Column({ type: 'boolean' })
  active: boolean;

  /** Whether payloads carry personal data in clear; without this scope they are masked like a reader's view. */
  @Column({ type: 'boolean', default: false })
  pii: boolean;

  /** The signing secret, encrypted (AES-256-GCM) with the hub's secret key. */
  @Column({ type: 'text' })
  secret: string;

  /** The secret before the last rotation, encrypted; still signs until `previous_secret_until`. */
  @Column({ name: 'previous_secret', type: 'text', nullable: true })
  previousSecret: string | null;

  @Column({ name: 'previous_secret_until', type: 'varchar', length: 32, nullable: true })
  previousSecretUntil: string | null;

  /** Since when every attempt has failed (null: the last one succeeded). */
  @Column({ name: 'failing_since', type: 'varchar', length: 32, nullable: true })
  failingSince: string | null;

  @Column({ name: 'disabled_at', type: 'varchar', length: 32, nullable: true })
  disabledAt: string | null;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;
}

/** The body of one golden event as subscribers receive it: built once, inside the change's transaction. */
@Entity('webhook_message')
export class WebhookMessageEntity {
  /** The golden event id: the `webhook-id` of every delivery and retry of it. */
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;

  @Column({ type: 'text' })
  payload: string;
}

/**
 * One message to one subscription: the outbox row, written with the golden change. The dispatcher sends
 * a record's deliveries to a subscription strictly in version order (UUIDv7 ids are not monotonic
 * within a millisecond, nor across hosts; versions are).
 */
@Entity('webhook_delivery')
@Index('ix_webhook_delivery_due', ['status', 'nextAttemptAt'])
@Index('ix_webhook_delivery_order', ['subscriptionId', 'goldenId', 'goldenVersion'])
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'subscription_id', type: 'varchar', length: 36 })
  subscriptionId: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;

  @Column({ name: 'golden_id', type: 'varchar', length: 36 })
  goldenId: string;

  /** The golden record's version after the change: deliveries of one record go out in this order. */
  @Column({ name: 'golden_version', type: 'integer' })
  goldenVersion: number;

  /** `customer.updated`, … */
  @Column({ name: 'event_type', type: 'varchar', length: 32 })
  eventType: string;

  /** pending | delivered | dead */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'varchar', length: 32 })
  nextAttemptAt: string;

  /** A dispatcher holds it until then; a crashed one's lease runs out and another sends it again. */
  @Column({ name: 'lease_until', type: 'varchar', length: 32, nullable: true })
  leaseUntil: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ name: 'delivered_at', type: 'varchar', length: 32, nullable: true })
  deliveredAt: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}

/** One HTTP attempt of a delivery. */
@Entity('webhook_attempt')
@Index('ix_webhook_attempt_delivery', ['deliveryId'])
export class WebhookAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'delivery_id', type: 'varchar', length: 36 })
  deliveryId: string;

  @Column({ type: 'varchar', length: 32 })
  at: string;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The first 64 KB of the response body. */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody: string | null;
}

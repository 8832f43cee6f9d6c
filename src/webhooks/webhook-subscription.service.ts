import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditLogService, changesBetween, SYSTEM_ACTOR } from '../audit/audit-log.service';
import { Database } from '../common/database/database';
import type { Row } from '../common/database/tx';
import { uuidv7 } from '../common/database/uuid';
import { CANON_CONFIG, type CanonConfig } from '../config/canon-config';
import { SourceSystemService } from '../source-systems/source-system.service';
import { SecretBox } from './secret-box';
import { checkWebhookUrl, SsrfError, type SsrfPolicy } from './ssrf-guard';
import { webhookSettings, type WebhookSettings } from './webhook-config';
import { patternProblem } from './webhook-events';
import { WebhookException, WebhookExceptionCode as Code } from './webhook.exception';

export interface WebhookSubscription {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  readonly eventTypes: readonly string[];
  readonly sourceSystem: string | null;
  /** Only changes of golden records holding a record of `sourceSystem` (or, merged away, that held one). */
  readonly linkedOnly: boolean;
  /** Payloads carry personal data in clear; without this scope it is masked. */
  readonly pii: boolean;
  readonly active: boolean;
  readonly previousSecretUntil: string | null;
  readonly failingSince: string | null;
  readonly disabledAt: string | null;
  readonly disabledReason: string | null;
  readonly createdAt: string;
}

/** A subscription with its secrets opened: what the dispatcher signs with. */
export interface SigningSubscription extends WebhookSubscription {
  /** The current secret first, then the previous one while its grace period lasts. */
  readonly secrets: readonly string[];
}

export interface SubscriptionInput {
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly description?: string | null;
  readonly sourceSystem?: string | null;
  readonly linkedOnly?: boolean | null;
  readonly pii?: boolean | null;
}

/** Registers the systems that receive golden changes; their secrets are shown once and kept encrypted. */
@Injectable()
export class WebhookSubscriptionService {
  readonly settings: WebhookSettings;
  readonly policy: SsrfPolicy;
  private sealer: SecretBox | null = null;

  constructor(
    private readonly database: Database,
    private readonly sourceSystems: SourceSystemService,
    private readonly audit: AuditLogService,
    @Inject(CANON_CONFIG) private readonly config: CanonConfig,
  ) {
    this.settings = webhookSettings();
    this.policy = { allow: this.settings.allow, production: config.production || this.settings.production };
  }

  /** Opened on first use, so that a process that never touches a secret never creates the key file. */
  private get box(): SecretBox {
    this.sealer ??= SecretBox.fromSettings(this.settings.secretKey, this.config.dataDir);
    return this.sealer;
  }

  async create(input: SubscriptionInput, actor: string = SYSTEM_ACTOR): Promise<{ subscription: WebhookSubscription; secret: string }> {
    const url = this.checkUrl(input.url);
    const eventTypes = checkEventTypes(input.eventTypes);
    if (input.sourceSystem) await this.sourceSystems.get(input.sourceSystem);
    const linkedOnly = checkLinkedOnly(input.linkedOnly === true, input.sourceSystem ?? null);
    const secret = newSecret();
    const id = uuidv7();
    await this.database.transaction(async (tx) => {
      await tx.insertMany(
        'webhook_subscription',
        ['id', 'url', 'description', 'event_types', 'source_system', 'linked_only', 'pii', 'active', 'secret', 'previous_secret', 'previous_secret_until', 'failing_since', 'disabled_at', 'disabled_reason', 'created_at'],
        [[id, url, input.description ?? null, JSON.stringify(eventTypes), input.sourceSystem ?? null, linkedOnly, input.pii === true, true, this.box.seal(secret), null, null, null, null, null, new Date().toISOString()]],
      );
      // Never the secret: only where deliveries go and what they carry.
      const details = { url, eventTypes, description: input.description ?? null, sourceSystem: input.sourceSystem ?? null, linkedOnly, pii: input.pii === true };
      await this.audit.record({ actor, action: 'webhook_subscription.created', targetType: 'webhook_subscription', targetId: id, details }, tx);
    });
    return { subscription: await this.get(id), secret };
  }

  async update(id: string, input: Partial<SubscriptionInput> & { active?: boolean | null }, actor: string = SYSTEM_ACTOR): Promise<WebhookSubscription> {
    const current = await this.get(id);
    const next = {
      ...current,
      url: input.url ? this.checkUrl(input.url) : current.url,
      eventTypes: input.eventTypes ? checkEventTypes(input.eventTypes) : current.eventTypes,
      description: input.description === undefined ? current.description : input.description,
      active: input.active ?? current.active,
      pii: input.pii ?? current.pii,
      linkedOnly: checkLinkedOnly(input.linkedOnly ?? current.linkedOnly, current.sourceSystem),
    };
    await this.database.transaction(async (tx) => {
      await tx.execute('UPDATE webhook_subscription SET url = ?, event_types = ?, description = ?, pii = ?, linked_only = ?, active = ? WHERE id = ?', [
        next.url,
        JSON.stringify(next.eventTypes),
        next.description,
        next.pii,
        next.linkedOnly,
        next.active,
        id,
      ]);
      // Turning a subscription off or on is its own entry (as enable is), so the log answers "who switched it off".
      const target = { actor, targetType: 'webhook_subscription', targetId: id };
      const changes = changesBetween(current, next, ['url', 'eventTypes', 'description', 'pii', 'linkedOnly']);
      if (Object.keys(changes).length > 0) await this.audit.record({ ...target, action: 'webhook_subscription.updated', details: { changes } }, tx);
      if (next.active !== current.active) await this.audit.record({ ...target, action: next.active ? 'webhook_subscription.enabled' : 'webhook_subscription.disabled' }, tx);
    });
    return this.get(id);
  }

  /** A new secret; for `gracePeriodSeconds` every delivery is signed with both, so receivers can switch over. */
  async rotateSecret(id: string, gracePeriodSeconds: number, actor: string = SYSTEM_ACTOR): Promise<{ subscription: WebhookSubscription; secret: string }> {
    if (!Number.isInteger(gracePeriodSeconds) || gracePeriodSeconds < 0 || gracePeriodSeconds > 30 * 86400) {
      throw new WebhookException(Code.INVALID_GRACE_PERIOD, 'gracePeriodSeconds is a whole number from 0 to 2592000 (30 days)', 'gracePeriodSeconds');
    }
    const secret = newSecret();
    await this.database.transaction(async (tx) => {
      const [row] = await tx.query('SELECT secret FROM webhook_subscription WHERE id = ?', [id]);
      if (!row) throw notFound(id);
      const until = new Date(Date.now() + gracePeriodSeconds * 1000).toISOString();
      await tx.execute('UPDATE webhook_subscription SET secret = ?, previous_secret = ?, previous_secret_until = ? WHERE id = ?', [
        this.box.seal(secret),
        row.secret as string,
        until,
        id,
      ]);
      const details = { gracePeriodSeconds, previousSecretUntil: until };
      await this.audit.record({ actor, action: 'webhook_subscription.secret_rotated', targetType: 'webhook_subscription', targetId: id, details }, tx);
    });
    return { subscription: await this.get(id), secret };
  }

  /** Turns a disabled endpoint back on; its pending deliveries go out again. */
  async enable(id: string, actor: string = SYSTEM_ACTOR): Promise<WebhookSubscription> {
    const current = await this.get(id);
    await this.database.transaction(async (tx) => {
      if (!current.active) {
        const details = { disabledReason: current.disabledReason };
        await this.audit.record({ actor, action: 'webhook_subscription.enabled', targetType: 'webhook_subscription', targetId: id, details }, tx);
      }
      await tx.execute('UPDATE webhook_subscription SET active = ?, disabled_at = NULL, disabled_reason = NULL, failing_since = NULL WHERE id = ?', [true, id]);
      // Deliveries paused while it was off are due at once.
      await tx.execute("UPDATE webhook_delivery SET next_attempt_at = ? WHERE subscription_id = ? AND status = 'pending'", [new Date().toISOString(), id]);
    });
    return this.get(id);
  }

  async list(): Promise<WebhookSubscription[]> {
    return (await this.database.query('SELECT * FROM webhook_subscription ORDER BY id')).map(toSubscription);
  }

  async get(id: string): Promise<WebhookSubscription> {
    const [row] = await this.database.query('SELECT * FROM webhook_subscription WHERE id = ?', [id]);
    if (!row) throw notFound(id);
    return toSubscription(row);
  }

  /** The subscriptions with their secrets opened, for signing. */
  async forSigning(ids: readonly string[], now: string): Promise<Map<string, SigningSubscription>> {
    const out = new Map<string, SigningSubscription>();
    for (const id of new Set(ids)) {
      const [row] = await this.database.query('SELECT * FROM webhook_subscription WHERE id = ?', [id]);
      if (!row) continue;
      const secrets = [this.box.open(row.secret as string)];
      if (row.previous_secret && (row.previous_secret_until as string) > now) secrets.push(this.box.open(row.previous_secret as string));
      out.set(id, { ...toSubscription(row), secrets });
    }
    return out;
  }

  private checkUrl(url: string): string {
    try {
      return checkWebhookUrl(url, this.policy).toString();
    } catch (error) {
      if (!(error instanceof SsrfError)) throw error;
      const code = error.code === 'BLOCKED_ADDRESS' || error.code === 'HTTPS_REQUIRED' ? Code.BLOCKED_URL : Code.INVALID_URL;
      throw new WebhookException(code, error.message, 'url');
    }
  }
}

function checkEventTypes(eventTypes: readonly string[]): string[] {
  if (eventTypes.length === 0) throw new WebhookException(Code.INVALID_EVENT_TYPE, 'name at least one event type, e.g. customer.* or *', 'eventTypes');
  const problems = eventTypes.map(patternProblem).filter((p): p is string => p !== null);
  if (problems.length > 0) throw new WebhookException(Code.INVALID_EVENT_TYPE, problems.join('; '), 'eventTypes');
  return [...new Set(eventTypes)];
}

// Linked-only follows what one source system holds: without a source system there is nothing to follow.
function checkLinkedOnly(linkedOnly: boolean, sourceSystem: string | null): boolean {
  if (linkedOnly && !sourceSystem) {
    throw new WebhookException(Code.LINKED_ONLY_NEEDS_SOURCE, 'linkedOnly follows the records of one source system: name it in sourceSystem', 'linkedOnly');
  }
  return linkedOnly;
}

/** `whsec_` and 24 random bytes in base64, as the Standard Webhooks libraries expect. */
function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

function notFound(id: string): WebhookException {
  return new WebhookException(Code.SUBSCRIPTION_NOT_FOUND, `no webhook subscription ${id}`, 'id');
}

function toSubscription(row: Row): WebhookSubscription {
  return {
    id: row.id as string,
    url: row.url as string,
    description: (row.description as string | null) ?? null,
    eventTypes: JSON.parse(row.event_types as string) as string[],
    sourceSystem: (row.source_system as string | null) ?? null,
    linkedOnly: Boolean(row.linked_only),
    pii: Boolean(row.pii),
    active: Boolean(row.active),
    previousSecretUntil: (row.previous_secret_until as string | null) ?? null,
    failingSince: (row.failing_since as string | null) ?? null,
    disabledAt: (row.disabled_at as string | null) ?? null,
    disabledReason: (row.disabled_reason as string | null) ?? null,
    createdAt: row.created_at as string,
  };
}

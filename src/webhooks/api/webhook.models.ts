import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { connectionTypes } from '../../common/graphql/connection';
import { GraphQLDateTime } from '../../common/graphql/date-time.scalar';
import { UserError } from '../../common/graphql/user-error.model';

@ObjectType('WebhookSubscription', { description: 'A system that receives golden changes by signed webhooks.' })
export class WebhookSubscriptionModel {
  @Field(() => ID) id: string;
  @Field() url: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => [String], { description: 'customer.created … product.deleted, customer.*, *' }) eventTypes: string[];
  @Field(() => String, { nullable: true, description: 'Payloads carry this source system\'s own ids (sourceIds).' }) sourceSystem: string | null;
  @Field({ description: 'Only changes of golden records that hold a record of sourceSystem, or held one before a merge: what that system knows.' }) linkedOnly: boolean;
  @Field({ description: 'Payloads carry email, phone, birth date and street address in clear; otherwise masked as for a reader.' }) pii: boolean;
  @Field() active: boolean;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Until then deliveries are signed with the old secret too.' }) previousSecretUntil: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Every attempt has failed since then.' }) failingSince: string | null;
  @Field(() => GraphQLDateTime, { nullable: true }) disabledAt: string | null;
  @Field(() => String, { nullable: true }) disabledReason: string | null;
  @Field(() => GraphQLDateTime) createdAt: string;
}

@InputType()
export class CreateWebhookSubscriptionInput {
  @Field({ description: 'http(s) URL of the receiver; private and loopback addresses only when CANON_WEBHOOK_ALLOW allows them.' }) url: string;
  @Field(() => [String]) eventTypes: string[];
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) sourceSystem?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only changes of golden records holding a record of sourceSystem (which it then requires). Default false: every change.' }) linkedOnly?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'PII scope: payloads carry personal data in clear. Default false (masked).' }) pii?: boolean | null;
}

@InputType()
export class UpdateWebhookSubscriptionInput {
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => [String], { nullable: true }) eventTypes?: string[] | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, { nullable: true }) pii?: boolean | null;
  @Field(() => Boolean, { nullable: true }) linkedOnly?: boolean | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

@ObjectType()
export class WebhookSecretPayload {
  @Field(() => WebhookSubscriptionModel, { nullable: true }) subscription: WebhookSubscriptionModel | null;
  @Field(() => String, { nullable: true, description: 'whsec_…: shown this once, stored encrypted.' }) secret: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class WebhookSubscriptionPayload {
  @Field(() => WebhookSubscriptionModel, { nullable: true }) subscription: WebhookSubscriptionModel | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType('WebhookAttempt', { description: 'One HTTP attempt of a delivery.' })
export class WebhookAttemptModel {
  @Field(() => GraphQLDateTime) at: string;
  @Field(() => Int, { nullable: true }) statusCode: number | null;
  @Field(() => Int) durationMs: number;
  @Field(() => String, { nullable: true }) error: string | null;
}

@ObjectType('WebhookDelivery', { description: 'One message to one subscription.' })
export class WebhookDeliveryModel {
  @Field(() => ID) id: string;
  @Field(() => ID) subscriptionId: string;
  @Field(() => ID, { description: 'The golden event: the webhook-id of every attempt.' }) eventId: string;
  @Field(() => ID) goldenId: string;
  @Field() eventType: string;
  @Field({ description: 'pending | delivered | dead' }) status: string;
  @Field(() => Int) attempts: number;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the next attempt is due; null once delivered or dead.' }) nextAttemptAt: string | null;
  @Field(() => GraphQLDateTime) createdAt: string;
  @Field(() => GraphQLDateTime, { nullable: true }) deliveredAt: string | null;
  @Field(() => String, { nullable: true }) lastError: string | null;
}
export const WebhookDeliveryConnectionTypes = connectionTypes(WebhookDeliveryModel, 'WebhookDelivery');

@ObjectType()
export class WebhookDeliveryPayload {
  @Field(() => WebhookDeliveryModel, { nullable: true }) delivery: WebhookDeliveryModel | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class WebhookReplayPayload {
  @Field(() => Int, { description: 'Deliveries queued again.' }) queued: number;
  @Field(() => [UserError]) userErrors: UserError[];
}

import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { principalOf, type GraphQLContext } from '../../auth/graphql-context';
import { actorOf } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';
import { GraphQLDateTime } from '../../common/graphql/date-time.scalar';
import { withUserErrors } from '../../common/graphql/user-error.model';
import { pageArgs, type Connection } from '../../common/pagination';
import { WebhookDeliveryService, type WebhookDeliveryView } from '../webhook-delivery.service';
import { WebhookSubscriptionService, type WebhookSubscription } from '../webhook-subscription.service';
import {
  CreateWebhookSubscriptionInput,
  UpdateWebhookSubscriptionInput,
  WebhookAttemptModel,
  WebhookDeliveryConnectionTypes,
  WebhookDeliveryModel,
  WebhookDeliveryPayload,
  WebhookReplayPayload,
  WebhookSecretPayload,
  WebhookSubscriptionModel,
  WebhookSubscriptionPayload,
} from './webhook.models';

type SecretResult = Omit<WebhookSecretPayload, 'userErrors'>;

/** Webhook subscriptions and deliveries: admin only. */
@Resolver(() => WebhookDeliveryModel)
export class WebhookResolver {
  constructor(
    private readonly subscriptions: WebhookSubscriptionService,
    private readonly deliveries: WebhookDeliveryService,
  ) {}

  @Query(() => [WebhookSubscriptionModel])
  @Roles('admin')
  webhookSubscriptions(): Promise<WebhookSubscription[]> {
    return this.subscriptions.list();
  }

  @Query(() => WebhookDeliveryConnectionTypes.connection, { description: 'Deliveries of one subscription, oldest first, with their attempts.' })
  @Roles('admin')
  webhookDeliveries(
    @Args('subscriptionId', { type: () => ID }) subscriptionId: string,
    @Args('status', { type: () => String, nullable: true, description: 'pending | delivered | dead' }) status: string | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Connection<WebhookDeliveryView>> {
    const page = pageArgs(first, after);
    return this.deliveries.page(subscriptionId, status, page.limit, page.after);
  }

  @ResolveField(() => [WebhookAttemptModel], { description: 'Every attempt: status code, duration, error.' })
  attemptLog(@Parent() delivery: WebhookDeliveryView) {
    return this.deliveries.attempts(delivery.id);
  }

  @Mutation(() => WebhookSecretPayload, { description: 'Registers a receiver; its signing secret is returned this once.' })
  @Roles('admin')
  createWebhookSubscription(@Args('input') input: CreateWebhookSubscriptionInput, @Context() context: GraphQLContext): Promise<WebhookSecretPayload> {
    return withUserErrors<WebhookSecretPayload>(async () => (await this.subscriptions.create(input, actorOf(principalOf(context)))) as SecretResult, {
      subscription: null,
      secret: null,
    });
  }

  @Mutation(() => WebhookSubscriptionPayload, { description: 'Changes the URL, event types, description, PII scope or active flag.' })
  @Roles('admin')
  updateWebhookSubscription(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateWebhookSubscriptionInput,
    @Context() context: GraphQLContext,
  ): Promise<WebhookSubscriptionPayload> {
    return withUserErrors<WebhookSubscriptionPayload>(
      async () => ({
        subscription: (await this.subscriptions.update(
          id,
          {
            url: input.url ?? undefined,
            eventTypes: input.eventTypes ?? undefined,
            description: input.description,
            pii: input.pii,
            linkedOnly: input.linkedOnly,
            active: input.active,
          },
          actorOf(principalOf(context)),
        )) as WebhookSubscriptionModel,
      }),
      { subscription: null },
    );
  }

  @Mutation(() => WebhookSecretPayload, { description: 'A new secret; during the grace period deliveries carry signatures by both.' })
  @Roles('admin')
  rotateWebhookSecret(
    @Args('id', { type: () => ID }) id: string,
    @Args('gracePeriodSeconds', { type: () => Int, defaultValue: 86400 }) gracePeriodSeconds: number,
    @Context() context: GraphQLContext,
  ): Promise<WebhookSecretPayload> {
    return withUserErrors<WebhookSecretPayload>(async () => (await this.subscriptions.rotateSecret(id, gracePeriodSeconds, actorOf(principalOf(context)))) as SecretResult, {
      subscription: null,
      secret: null,
    });
  }

  @Mutation(() => WebhookSubscriptionPayload, { description: 'Turns a disabled endpoint back on.' })
  @Roles('admin')
  enableWebhookSubscription(@Args('id', { type: () => ID }) id: string, @Context() context: GraphQLContext): Promise<WebhookSubscriptionPayload> {
    const actor = actorOf(principalOf(context));
    return withUserErrors<WebhookSubscriptionPayload>(async () => ({ subscription: (await this.subscriptions.enable(id, actor)) as WebhookSubscriptionModel }), {
      subscription: null,
    });
  }

  @Mutation(() => WebhookDeliveryPayload, { description: 'Sends a delivery again, with the same webhook-id.' })
  @Roles('admin')
  replayWebhookDelivery(@Args('id', { type: () => ID }) id: string): Promise<WebhookDeliveryPayload> {
    return withUserErrors<WebhookDeliveryPayload>(async () => ({ delivery: await this.deliveries.replay(id) }), { delivery: null });
  }

  @Mutation(() => WebhookReplayPayload, { description: 'Sends everything the subscription was sent since a time again, in order, with the same ids.' })
  @Roles('admin')
  replayWebhookDeliveries(
    @Args('subscriptionId', { type: () => ID }) subscriptionId: string,
    @Args('since', { type: () => GraphQLDateTime }) since: string,
  ): Promise<WebhookReplayPayload> {
    return withUserErrors<WebhookReplayPayload>(async () => ({ queued: await this.deliveries.replaySince(subscriptionId, new Date(since).toISOString()) }), {
      queued: 0,
    });
  }

  @Mutation(() => WebhookDeliveryPayload, { description: 'Sends a webhook.test event to the subscription.' })
  @Roles('admin')
  sendTestWebhookEvent(@Args('subscriptionId', { type: () => ID }) subscriptionId: string): Promise<WebhookDeliveryPayload> {
    return withUserErrors<WebhookDeliveryPayload>(async () => ({ delivery: await this.deliveries.sendTest(subscriptionId) }), { delivery: null });
  }
}

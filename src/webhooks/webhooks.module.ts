import { Module } from '@nestjs/common';
import { GoldenRecordsModule } from '../golden-records/golden-records.module';
import { SourceSystemsModule } from '../source-systems/source-systems.module';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookSubscriptionService } from './webhook-subscription.service';

/** Subscriptions and the outbox: every process that changes golden records writes deliveries. */
@Module({
  imports: [GoldenRecordsModule, SourceSystemsModule],
  providers: [WebhookOutbox, WebhookSubscriptionService, WebhookDeliveryService],
  exports: [WebhookOutbox, WebhookSubscriptionService, WebhookDeliveryService],
})
export class WebhooksModule {}

/** The dispatcher, which sends the outbox: run by the server, not by the CLI. */
@Module({ imports: [WebhooksModule], providers: [WebhookDispatcher] })
export class WebhookDispatchModule {}

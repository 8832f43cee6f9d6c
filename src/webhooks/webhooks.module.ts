import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { GoldenRecordsModule } from '../golden-records/golden-records.module';
import { SourceSystemsModule } from '../source-systems/source-systems.module';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookSubscriptionService } from './webhook-subscription.service';

/** Subscriptions and the outbox: every process that changes golden records writes deliveries. */
@Module({
  imports: [GoldenRecordsModule, SourceSystemsModule, AuditModule],
  providers: [WebhookOutbox, WebhookSubscriptionService, WebhookDeliveryService],
  exports: [WebhookOutbox, WebhookSubscriptionService, WebhookDeliveryService],
})
export class WebhooksModule {}

/** The dispatcher, which sends the outbox: run by the server, not by the CLI. */
@Module({ imports: [WebhooksModule, AuditModule], providers: [WebhookDispatcher] })
export class WebhookDispatchModule {}

import { categorisedError, type ErrorCategory } from '../common/errors/canon-error';

export enum WebhookExceptionCode {
  INVALID_URL = 'INVALID_URL',
  BLOCKED_URL = 'BLOCKED_URL',
  INVALID_EVENT_TYPE = 'INVALID_EVENT_TYPE',
  SUBSCRIPTION_NOT_FOUND = 'SUBSCRIPTION_NOT_FOUND',
  DELIVERY_NOT_FOUND = 'DELIVERY_NOT_FOUND',
  INVALID_GRACE_PERIOD = 'INVALID_GRACE_PERIOD',
  LINKED_ONLY_NEEDS_SOURCE = 'LINKED_ONLY_NEEDS_SOURCE',
}

const CATEGORY: Record<WebhookExceptionCode, ErrorCategory> = {
  [WebhookExceptionCode.INVALID_URL]: 'BAD_USER_INPUT',
  [WebhookExceptionCode.BLOCKED_URL]: 'BAD_USER_INPUT',
  [WebhookExceptionCode.INVALID_EVENT_TYPE]: 'BAD_USER_INPUT',
  [WebhookExceptionCode.SUBSCRIPTION_NOT_FOUND]: 'NOT_FOUND',
  [WebhookExceptionCode.DELIVERY_NOT_FOUND]: 'NOT_FOUND',
  [WebhookExceptionCode.INVALID_GRACE_PERIOD]: 'BAD_USER_INPUT',
  [WebhookExceptionCode.LINKED_ONLY_NEEDS_SOURCE]: 'BAD_USER_INPUT',
};

export class WebhookException extends categorisedError(CATEGORY) {}

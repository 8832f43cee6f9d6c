import { categorisedError, type ErrorCategory } from '../common/errors/canon-error';

export enum StewardExceptionCode {
  GOLDEN_NOT_FOUND = 'GOLDEN_NOT_FOUND',
  /** The golden record was merged into another: act on the survivor (named in the message). */
  GOLDEN_RETIRED = 'GOLDEN_RETIRED',
  STALE_VERSION = 'STALE_VERSION',
  ENTITY_TYPE_MISMATCH = 'ENTITY_TYPE_MISMATCH',
  SAME_RECORD = 'SAME_RECORD',
  UNKNOWN_ATTRIBUTE = 'UNKNOWN_ATTRIBUTE',
  INVALID_VALUE = 'INVALID_VALUE',
  /** A value as Canon shows it masked to keys without PII access (`j***@example.com`): send the real one. */
  MASKED_VALUE = 'MASKED_VALUE',
  NOT_PINNED = 'NOT_PINNED',
  NOT_A_MEMBER = 'NOT_A_MEMBER',
  NOTHING_TO_UNMERGE = 'NOTHING_TO_UNMERGE',
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  TASK_CLOSED = 'TASK_CLOSED',
  WRONG_TASK_KIND = 'WRONG_TASK_KIND',
  INVALID_CHOICE = 'INVALID_CHOICE',
  TOO_MANY_ITEMS = 'TOO_MANY_ITEMS',
}

const CATEGORY: Record<StewardExceptionCode, ErrorCategory> = {
  [StewardExceptionCode.GOLDEN_NOT_FOUND]: 'NOT_FOUND',
  [StewardExceptionCode.GOLDEN_RETIRED]: 'CONFLICT',
  [StewardExceptionCode.STALE_VERSION]: 'CONFLICT',
  [StewardExceptionCode.ENTITY_TYPE_MISMATCH]: 'BAD_USER_INPUT',
  [StewardExceptionCode.SAME_RECORD]: 'BAD_USER_INPUT',
  [StewardExceptionCode.UNKNOWN_ATTRIBUTE]: 'BAD_USER_INPUT',
  [StewardExceptionCode.INVALID_VALUE]: 'BAD_USER_INPUT',
  [StewardExceptionCode.MASKED_VALUE]: 'BAD_USER_INPUT',
  [StewardExceptionCode.NOT_PINNED]: 'BAD_USER_INPUT',
  [StewardExceptionCode.NOT_A_MEMBER]: 'BAD_USER_INPUT',
  [StewardExceptionCode.NOTHING_TO_UNMERGE]: 'BAD_USER_INPUT',
  [StewardExceptionCode.TASK_NOT_FOUND]: 'NOT_FOUND',
  [StewardExceptionCode.TASK_CLOSED]: 'CONFLICT',
  [StewardExceptionCode.WRONG_TASK_KIND]: 'BAD_USER_INPUT',
  [StewardExceptionCode.INVALID_CHOICE]: 'BAD_USER_INPUT',
  [StewardExceptionCode.TOO_MANY_ITEMS]: 'BAD_USER_INPUT',
};

export class StewardException extends categorisedError(CATEGORY) {}

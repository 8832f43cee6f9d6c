import { CanonError, type ErrorCategory } from '../common/errors/canon-error';

export enum IngestionExceptionCode {
  BATCH_EMPTY = 'BATCH_EMPTY',
  BATCH_TOO_LARGE = 'BATCH_TOO_LARGE',
}

export class IngestionException extends CanonError {
  readonly category: ErrorCategory = 'BAD_USER_INPUT';

  constructor(code: IngestionExceptionCode, message: string) {
    super(code, message, 'records');
  }
}

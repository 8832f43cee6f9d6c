import { categorisedError, type ErrorCategory } from '../common/errors/canon-error';

export enum SourceSystemExceptionCode {
  UNKNOWN_SOURCE = 'UNKNOWN_SOURCE',
  SOURCE_EXISTS = 'SOURCE_EXISTS',
  INVALID_SOURCE_CODE = 'INVALID_SOURCE_CODE',
  INVALID_TRUST = 'INVALID_TRUST',
  INVALID_COUNTRY = 'INVALID_COUNTRY',
}

const CATEGORY: Record<SourceSystemExceptionCode, ErrorCategory> = {
  [SourceSystemExceptionCode.UNKNOWN_SOURCE]: 'NOT_FOUND',
  [SourceSystemExceptionCode.SOURCE_EXISTS]: 'CONFLICT',
  [SourceSystemExceptionCode.INVALID_SOURCE_CODE]: 'BAD_USER_INPUT',
  [SourceSystemExceptionCode.INVALID_TRUST]: 'BAD_USER_INPUT',
  [SourceSystemExceptionCode.INVALID_COUNTRY]: 'BAD_USER_INPUT',
};

export class SourceSystemException extends categorisedError(CATEGORY) {}

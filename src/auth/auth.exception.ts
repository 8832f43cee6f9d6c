import { categorisedError, type ErrorCategory } from '../common/errors/canon-error';

export enum AuthExceptionCode {
  MISSING_KEY = 'MISSING_KEY',
  INVALID_KEY = 'INVALID_KEY',
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
  WRONG_SOURCE = 'WRONG_SOURCE',
  INVALID_ROLE = 'INVALID_ROLE',
  SOURCE_REQUIRED = 'SOURCE_REQUIRED',
  SOURCE_NOT_ALLOWED = 'SOURCE_NOT_ALLOWED',
  KEY_NOT_FOUND = 'KEY_NOT_FOUND',
  INVALID_EXPIRY = 'INVALID_EXPIRY',
  PII_REQUIRED = 'PII_REQUIRED',
  DUPLICATE_NAME = 'DUPLICATE_NAME',
}

const CATEGORY: Record<AuthExceptionCode, ErrorCategory> = {
  [AuthExceptionCode.MISSING_KEY]: 'UNAUTHENTICATED',
  [AuthExceptionCode.INVALID_KEY]: 'UNAUTHENTICATED',
  [AuthExceptionCode.ROLE_NOT_ALLOWED]: 'FORBIDDEN',
  [AuthExceptionCode.WRONG_SOURCE]: 'FORBIDDEN',
  [AuthExceptionCode.INVALID_ROLE]: 'BAD_USER_INPUT',
  [AuthExceptionCode.SOURCE_REQUIRED]: 'BAD_USER_INPUT',
  [AuthExceptionCode.SOURCE_NOT_ALLOWED]: 'BAD_USER_INPUT',
  [AuthExceptionCode.KEY_NOT_FOUND]: 'NOT_FOUND',
  [AuthExceptionCode.INVALID_EXPIRY]: 'BAD_USER_INPUT',
  [AuthExceptionCode.PII_REQUIRED]: 'FORBIDDEN',
  [AuthExceptionCode.DUPLICATE_NAME]: 'CONFLICT',
};

export class AuthException extends categorisedError(CATEGORY) {}

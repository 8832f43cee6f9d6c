/**
 * The category of an error as clients see it: the GraphQL `extensions.code` and the CLI exit message.
 * Each module throws its own exception class with a detailed code; `category` says how to report it.
 */
export type ErrorCategory = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

/** Base of every expected error: carries a stable machine code, a category and optionally the offending field. */
export abstract class CanonError extends Error {
  abstract readonly category: ErrorCategory;

  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The exception class of a module whose codes each map to one category: `class XException extends
 * categorisedError(CATEGORY) {}` instead of the same constructor written in every module.
 */
export function categorisedError<Code extends string>(categories: Readonly<Record<Code, ErrorCategory>>) {
  return class extends CanonError {
    readonly category: ErrorCategory;

    constructor(code: Code, message: string, field?: string) {
      super(code, message, field);
      this.category = categories[code];
    }
  };
}

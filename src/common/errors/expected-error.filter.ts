import { Catch, type ExceptionFilter } from '@nestjs/common';
import { CanonError } from './canon-error';

/**
 * Hands expected errors straight back to GraphQL, which formats them for the client. Without it Nest
 * logs each one with its stack, as if a bad page size were a server fault.
 */
@Catch(CanonError)
export class ExpectedErrorFilter implements ExceptionFilter {
  catch(error: CanonError): CanonError {
    return error;
  }
}

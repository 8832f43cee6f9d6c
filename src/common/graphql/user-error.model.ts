import { Field, ObjectType } from '@nestjs/graphql';
import { CanonError } from '../errors/canon-error';

@ObjectType({ description: 'A business error of a mutation: the request was valid GraphQL but could not be carried out.' })
export class UserError {
  @Field({ description: 'Stable machine-readable code, e.g. UNKNOWN_SOURCE, SOURCE_EXISTS.' })
  code: string;

  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault.' })
  field: string[] | null;

  @Field()
  message: string;
}

/**
 * Runs a mutation's work and turns an expected business error into `userErrors`, Shopify style;
 * authentication and authorisation errors stay top-level errors.
 */
export async function withUserErrors<P extends { userErrors: UserError[] }>(
  work: () => Promise<Omit<P, 'userErrors'>>,
  empty: Omit<P, 'userErrors'>,
): Promise<P> {
  try {
    return { ...(await work()), userErrors: [] } as unknown as P;
  } catch (error) {
    if (error instanceof CanonError && error.category !== 'UNAUTHENTICATED' && error.category !== 'FORBIDDEN') {
      const userError = { code: error.code, field: error.field ? [error.field] : null, message: error.message };
      return { ...empty, userErrors: [userError] } as unknown as P;
    }
    throw error;
  }
}

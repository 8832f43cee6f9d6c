import { categorisedError } from '../../common/errors/canon-error';

const CATEGORY = {
  /** Two records of different entity types were asked to be compared. */
  ENTITY_TYPES_DIFFER: 'BAD_USER_INPUT',
} as const;

/** An expected error of the matching API. */
export class MatchException extends categorisedError(CATEGORY) {}

import { CanonError, type ErrorCategory } from './errors/canon-error';

/** Relay page information. */
export interface PageInfoData {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** One page of a keyset-paginated list, in the shape of a Relay connection. */
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfoData;
  /** A getter, so the count query runs only when a client asks for `totalCount`. */
  readonly totalCount?: Promise<number> | null;
}

export const MAX_PAGE_SIZE = 100;

class PaginationError extends CanonError {
  readonly category: ErrorCategory = 'BAD_USER_INPUT';
}

/** Checks `first` (1..100) and decodes `after`, an opaque cursor over the sort key. */
export function pageArgs(first: number, after: string | null | undefined): { limit: number; after: string | null } {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new PaginationError('INVALID_PAGE_SIZE', `first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  if (!after) return { limit: first, after: null };
  const decoded = Buffer.from(after, 'base64url').toString('utf8');
  if (!decoded.startsWith('c:')) throw new PaginationError('INVALID_CURSOR', 'after is not a cursor from this API', 'after');
  return { limit: first, after: decoded.slice(2) };
}

export function encodeCursor(key: string): string {
  return Buffer.from(`c:${key}`, 'utf8').toString('base64url');
}

/** Builds a page from `limit + 1` rows sorted by key: the extra row only tells that there is a next page. */
export function toConnection<T>(rows: T[], limit: number, keyOf: (row: T) => string, hasPrevious: boolean): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Adds a lazily computed `totalCount` to a page. */
export function withTotalCount<T>(connection: Connection<T>, count: () => Promise<number>): Connection<T> {
  return Object.defineProperty(connection, 'totalCount', { get: count, enumerable: false });
}

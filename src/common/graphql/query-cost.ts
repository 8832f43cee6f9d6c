import { BREAK, GraphQLError, Kind, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * A field with a `first` argument (a connection, a search) returns up to `first` items, each as costly
 * as the field's selection: it costs first × (1 + its children).
 */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (typeof args.first === 'number') return Math.max(1, args.first) * (1 + childComplexity);
};

// Any other field costs 1 plus its children.
const ESTIMATORS = [pageEstimator, simpleEstimator({ defaultComplexity: 1 })];

/** The cost of running one operation of a document with these variables. */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown>, operationName?: string): number {
  return getComplexity({ schema, query: document, variables, operationName, estimators: ESTIMATORS });
}

/**
 * Rejects an operation costing more than `maxCost`. Cost may depend on the variables (`first: $n`), so
 * it is checked on every request, after Mercurius's validation (which it caches per document); a
 * document whose cost cannot depend on them (the usual case) is costed once.
 */
export function assertQueryCost(
  maxCost: number,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables?: Record<string, unknown>,
  operationName?: string,
): void {
  const cost = costOf(schema, document, variables, operationName);
  if (cost > maxCost) {
    const found = Number.isFinite(cost) ? String(cost) : 'more than 10,000 fields once fragments are expanded';
    throw new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${found}. A field with "first: n" costs n times its selection.`, {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  }
}

// Costs of documents that do not depend on variables, by operation name. Mercurius hands the same
// document object for the same query text, so this saves costing it on every request (tens of µs).
const fixedCosts = new WeakMap<DocumentNode, Map<string, number>>();

function costOf(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): number {
  const cached = fixedCosts.get(document)?.get(operationName ?? '');
  if (cached !== undefined) return cached;
  let cost: number;
  try {
    cost = queryCost(schema, document, variables, operationName);
  } catch (error) {
    // graphql-query-complexity stops expanding fragments after 10,000 nodes (a fragment bomb).
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) cost = Infinity;
    else throw error;
  }
  if (!costDependsOnVariables(document)) {
    const byOperation = fixedCosts.get(document) ?? new Map<string, number>();
    fixedCosts.set(document, byOperation.set(operationName ?? '', cost));
  }
  return cost;
}

/** Whether a variable sets a `first` argument or a directive's condition (@include, @skip): the cost's only inputs. */
function costDependsOnVariables(document: DocumentNode): boolean {
  let depends = false;
  const found = () => {
    depends = true;
    return BREAK;
  };
  visit(document, {
    Argument: (node) => (node.name.value === 'first' && node.value.kind === Kind.VARIABLE ? found() : undefined),
    Directive: (node) => (node.arguments?.some((arg) => arg.value.kind === Kind.VARIABLE) ? found() : undefined),
  });
  return depends;
}

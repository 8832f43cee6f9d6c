import { decideMatch } from '../decide';
import { normalizeCustomer } from './customer-normalizer';
import { foldForMatch } from '../normalize/text';
import type { Attributes, ComparisonOutcome, MatchCandidate, MatchEngine, MatchOutcome, NormalizeContext, NormalizeResult, PairScore } from '../types';

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Customer matching v1: deterministic rules. Same normalised email, or same E.164 phone with the same
 * family name and the same given-name initial, is the same customer. Blocks on email and on phone.
 */
export class CustomerEngineV1 implements MatchEngine {
  readonly entityType = 'customer' as const;

  normalize(attributes: Attributes, context?: NormalizeContext): NormalizeResult {
    return normalizeCustomer(attributes, context);
  }

  blockingKeys(attributes: Attributes): string[] {
    const keys: string[] = [];
    if (typeof attributes.email === 'string') keys.push(`email:${attributes.email}`);
    if (typeof attributes.phone === 'string' && E164.test(attributes.phone)) keys.push(`phone:${attributes.phone}`);
    return keys;
  }

  compare(a: Attributes, b: Attributes): PairScore {
    const comparisons: ComparisonOutcome[] = [];
    const sameEmail = agree(a.email, b.email);
    comparisons.push({ comparison: 'email', level: level(sameEmail), weight: sameEmail ? 1 : 0 });
    const samePhone = agree(a.phone, b.phone) && E164.test(String(a.phone));
    const sameFamily = agree(fold(a.familyName), fold(b.familyName));
    const sameInitial = agree(fold(a.givenName)?.[0], fold(b.givenName)?.[0]);
    const phoneRule = samePhone && sameFamily && sameInitial;
    comparisons.push({ comparison: 'phone', level: level(samePhone), weight: phoneRule ? 1 : 0 });
    comparisons.push({ comparison: 'familyName', level: level(sameFamily), weight: 0 });
    comparisons.push({ comparison: 'givenNameInitial', level: level(sameInitial), weight: 0 });
    const score = sameEmail || phoneRule ? 1 : 0;
    const decision = score === 1 ? 'match' : 'none';
    const rule = sameEmail ? 'same email' : phoneRule ? 'same phone, family name and given-name initial' : 'no rule';
    return { score, decision, explanation: { engine: `customer-rules-v1: ${rule}`, score, decision, comparisons } };
  }

  match(inbound: Attributes, candidates: readonly MatchCandidate[]): MatchOutcome {
    return decideMatch(inbound, candidates, (a, b) => this.compare(a, b));
  }
}

function fold(value: unknown): string | undefined {
  return typeof value === 'string' ? foldForMatch(value) || undefined : undefined;
}

function agree(a: unknown, b: unknown): boolean {
  return a !== undefined && a !== null && a === b;
}

function level(agreed: boolean): string {
  return agreed ? 'exact' : 'else';
}

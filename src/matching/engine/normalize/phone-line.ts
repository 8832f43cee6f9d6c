import { Metadata, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
// The 'max' metadata holds the patterns of each kind of line (the default 'min' has none). Through 'core':
// the CommonJS build of 'libphonenumber-js/max' does not export Metadata.
import maxMetadata from 'libphonenumber-js/metadata.max.json';

const metadata = maxMetadata as MetadataJson;

/**
 * What kind of line an E.164 number is: `fixed` (a landline, shared by a household), `mobile` (one
 * person's), or null when the numbering plan does not tell them apart (the US and Canada: both kinds
 * share every area code) or the number is neither (toll-free, VoIP…).
 *
 * libphonenumber's `getType()` needs a full parse with the 'max' metadata (about 10 µs, a regular
 * expression compiled per call); this reads the same fixed-line and mobile patterns, compiled once per
 * country, and costs a regular expression test or two.
 */
export function lineType(e164: string): 'fixed' | 'mobile' | null {
  const kind = lineKind(e164);
  return kind === 'fixed or mobile' ? null : kind;
}

/**
 * Whether the number is one its numbering plan cannot tell a landline from a mobile by (the US and
 * Canada): valid as a fixed line and as a mobile alike. A number that is neither is not such a one.
 */
export function isFixedOrMobile(e164: string): boolean {
  return lineKind(e164) === 'fixed or mobile';
}

function lineKind(e164: string): 'fixed' | 'mobile' | 'fixed or mobile' | null {
  if (!e164.startsWith('+')) return null;
  // Calling codes are prefix-free: one to three digits, and only one length is a code.
  for (let length = 1; length <= 3; length++) {
    // The countries of a calling code, its main one first (the US before the Caribbean plans of +1).
    const countries: readonly CountryCode[] | undefined = metadata.country_calling_codes[e164.slice(1, 1 + length)];
    if (!countries) continue;
    const national = e164.slice(1 + length);
    for (const country of countries) {
      const { fixed, mobile } = patternsOf(country);
      if (fixed?.test(national)) return mobile && !mobile.test(national) ? 'fixed' : 'fixed or mobile';
      if (mobile?.test(national)) return 'mobile';
    }
    return null;
  }
  return null;
}

interface LinePatterns {
  readonly fixed: RegExp | null;
  /** Null when the plan has no mobile pattern of its own (libphonenumber's FIXED_LINE_OR_MOBILE). */
  readonly mobile: RegExp | null;
}

// The typed surface of libphonenumber-js's Metadata stops at `numberingPlan`; this is what it holds.
interface NumberingPlan {
  type(name: 'FIXED_LINE' | 'MOBILE'): { pattern(): string } | undefined;
}

const patterns = new Map<CountryCode, LinePatterns>();

function patternsOf(country: CountryCode): LinePatterns {
  let found = patterns.get(country);
  if (!found) {
    const plans = new Metadata(metadata);
    plans.selectNumberingPlan(country);
    const plan = plans.numberingPlan as unknown as NumberingPlan;
    const compile = (name: 'FIXED_LINE' | 'MOBILE') => {
      const pattern = plan.type(name)?.pattern();
      return pattern ? new RegExp(`^(?:${pattern})$`) : null;
    };
    found = { fixed: compile('FIXED_LINE'), mobile: compile('MOBILE') };
    patterns.set(country, found);
  }
  return found;
}

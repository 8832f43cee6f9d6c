import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { isFixedOrMobile, lineType } from './phone-line';

describe('lineType', () => {
  it.each([
    ['+441171012191', 'fixed'], // Bristol
    ['+442079460958', 'fixed'], // London
    ['+447911123456', 'mobile'],
    ['+493023456700', 'fixed'], // Berlin
    ['+4915112345678', 'mobile'],
    ['+33142685300', 'fixed'], // Paris
    ['+33612345678', 'mobile'],
    ['+34912345678', 'fixed'],
    ['+34612345678', 'mobile'],
    ['+31201234567', 'fixed'],
    ['+31612345678', 'mobile'],
    ['+61298765432', 'fixed'],
    ['+61413583822', 'mobile'],
    ['+12015550123', null], // the US plan does not tell a landline from a mobile
    ['+14165550123', null], // nor does Canada's
    ['+448001111', null], // toll-free: neither
    ['0298765432', null], // not E.164
  ])('%s is %s', (e164, type) => {
    expect(lineType(e164)).toBe(type);
  });

  it("agrees with libphonenumber's getType() on fixed lines and mobiles", () => {
    const sample = ['+441171012191', '+447911123456', '+4930901820', '+4917612345678', '+390612345678', '+393123456789', '+81312345678', '+819012345678', '+5511987654321', '+551133334444', '+12015550123', '+18765550123', '+18768761234', '+441534123456', '+447781123456'];
    for (const number of sample) {
      const type = parsePhoneNumberFromString(number)?.getType();
      expect([number, lineType(number)]).toEqual([number, type === 'FIXED_LINE' ? 'fixed' : type === 'MOBILE' ? 'mobile' : null]);
    }
  });
});

describe('isFixedOrMobile', () => {
  it.each([
    ['+15126509899', true], // the US: one pattern for both kinds
    ['+16133307243', true], // Canada
    ['+447911123456', false], // a British mobile
    ['+441171012191', false], // a British landline
    ['+447700900001', false], // a number of neither kind (reserved for drama)
  ])('%s → %s', (e164, either) => expect(isFixedOrMobile(e164)).toBe(either));
});

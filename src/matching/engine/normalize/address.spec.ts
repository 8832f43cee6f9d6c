import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressTokens, houseNumber, normalizeAddressLine, normalizePostcode, splitLocality, splitUnit } from './address';

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
const streetWord = fc.constantFrom(
  'Street', 'St', 'St.', 'Str', 'Str.', 'Straße', 'Strasse', 'Road', 'Rd', 'Avenue', 'Ave', 'Av', 'Drive', 'Dr', 'Court', 'Crt', 'Ct',
  'Place', 'Pl', 'Platz', 'Lane', 'Ln', 'Boulevard', 'Blvd', 'Terrace', 'Tce', 'Terr', 'Crescent', 'Cres', 'Cr', 'Parade', 'Pde',
  'Highway', 'Hwy', 'Circuit', 'Cct', 'Close', 'Cl', 'Square', 'Sq', 'Weg', 'Allee', 'Gasse', 'North', 'N', 'South', 'S', 'East', 'E',
  'West', 'W', 'Apartment', 'Apt', 'Suite', 'Ste', 'Unit', 'P.O.', 'Box',
);
const nameWord = fc.constantFrom('Haupt', 'Markt', 'Birken', 'Linden', 'George', 'King', 'Main', "O'Connell", 'Müller', 'Königs', 'St Kilda');
/** Address lines as typed: numbers, street names glued or not to a street type, punctuation. */
const addressLine = fc
  .array(fc.oneof(streetWord, nameWord, fc.nat({ max: 999 }).map(String), fc.constantFrom(',', '-', '/', '#', '.')), { maxLength: 8 })
  .chain((words) => fc.array(fc.constantFrom(' ', '', '  '), { minLength: words.length, maxLength: words.length }).map((gaps) => words.map((w, i) => w + gaps[i]).join('')));

describe(normalizeAddressLine.name, () => {
  it.each([
    ['12 George Street', '12 george st'],
    ['12 George St.', '12 george st'],
    ['Flat 3, 45 North Terrace', 'flat 3 45 n tce'],
    ['Apartment 7/21 King Road', 'apt 7 21 king rd'],
    ['Suite 400, 1 Main Avenue West', 'ste 400 1 main ave w'],
    ['Unit 5 14 Smith Crescent', 'unit 5 14 smith cres'],
    ['99 Pacific Highway', '99 pacific hwy'],
    ['3 Wattle Close', '3 wattle cl'],
    ['7 Oak Crt', '7 oak ct'],
    ['Hauptstraße 5', 'haupt str 5'],
    ['Hauptstrasse 5', 'haupt str 5'],
    ['Hauptstr. 5', 'haupt str 5'],
    ['Haupt Straße 5', 'haupt str 5'],
    ['Marktplatz 1', 'markt pl 1'],
    ['Birkenweg 12a', 'birken weg 12a'],
    ['Lindenallee 3', 'linden allee 3'],
    ['Königsallee 92', 'konigs allee 92'],
    ['Straße des 17. Juni 135', 'str des 17 juni 135'],
    ['P.O. Box 123', 'po box 123'],
    ["12 O'Connell St", '12 oconnell st'],
    ['', ''],
  ])('standardises %j as %j', (input, expected) => {
    expect(normalizeAddressLine(input)).toBe(expected);
  });

  it('writes every spelling of a street type and direction with one abbreviation', () => {
    const spellings: [string[], string][] = [
      [['street', 'st'], 'st'],
      [['strasse', 'straße', 'str'], 'str'],
      [['road', 'rd'], 'rd'],
      [['avenue', 'ave', 'av'], 'ave'],
      [['drive', 'dr'], 'dr'],
      [['court', 'crt', 'ct'], 'ct'],
      [['place', 'pl', 'platz'], 'pl'],
      [['lane', 'ln'], 'ln'],
      [['boulevard', 'blvd'], 'blvd'],
      [['terrace', 'tce', 'terr'], 'tce'],
      [['crescent', 'cres', 'cr'], 'cres'],
      [['parade', 'pde'], 'pde'],
      [['highway', 'hwy'], 'hwy'],
      [['circuit', 'cct'], 'cct'],
      [['close', 'cl'], 'cl'],
      [['square', 'sq'], 'sq'],
      [['apartment', 'apt'], 'apt'],
      [['suite', 'ste'], 'ste'],
      [['unit'], 'unit'],
      [['north', 'n'], 'n'],
      [['south', 's'], 's'],
      [['east', 'e'], 'e'],
      [['west', 'w'], 'w'],
      [['weg'], 'weg'],
      [['allee'], 'allee'],
    ];
    for (const [words, abbreviation] of spellings) {
      for (const word of words) {
        expect(normalizeAddressLine(`1 Long ${word.toUpperCase()}`)).toBe(`1 long ${abbreviation}`);
        expect(normalizeAddressLine(`1 Long ${word}.`)).toBe(`1 long ${abbreviation}`);
      }
    }
  });

  it('splits a German street type off the name it is glued to only when a word is left', () => {
    expect(normalizeAddressLine('Strasse')).toBe('str');
    expect(normalizeAddressLine('Xstr')).toBe('xstr');
    expect(normalizeAddressLine('Abcweg')).toBe('abc weg');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(addressLine, anyText), (input) => {
        const once = normalizeAddressLine(input);
        expect(normalizeAddressLine(once)).toBe(once);
      }),
    );
  });

  it('keeps the numbers of the line, in order', () => {
    fc.assert(
      fc.property(addressLine, (input) => {
        expect(normalizeAddressLine(input).match(/\d+/g) ?? []).toEqual(input.match(/\d+/g) ?? []);
      }),
    );
  });
});

describe(addressTokens.name, () => {
  it('gives the words of normalizeAddressLine', () => {
    expect(addressTokens('Hauptstraße 5')).toEqual(['haupt', 'str', '5']);
    expect(addressTokens(' , ')).toEqual([]);
    fc.assert(
      fc.property(fc.oneof(addressLine, anyText), (input) => {
        expect(addressTokens(input).join(' ')).toBe(normalizeAddressLine(input));
      }),
    );
  });
});

describe(normalizePostcode.name, () => {
  it.each([
    ['sw1a 1aa', 'SW1A1AA'],
    ['12345-6789', '123456789'],
    [' 2000 ', '2000'],
    ['k1a\u00a00b1', 'K1A0B1'],
    ['1011 AB', '1011AB'],
  ])('writes %j as %j', (input, expected) => {
    expect(normalizePostcode(input)).toBe(expected);
  });

  it('is idempotent and leaves no space, hyphen or lower-case letter', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab12 -\tXY9'), maxLength: 12 }), (input) => {
        const once = normalizePostcode(input);
        expect(normalizePostcode(once)).toBe(once);
        expect(once).not.toMatch(/[\s\-a-z]/);
      }),
    );
  });
});

describe('houseNumber', () => {
  it.each([
    ['12 Wattle Street', '12'],
    ['Hauptstraße 12a', '12a'],
    ['Keizersgracht 123-II', '123'],
    ['Flat 3, 12 High Street', '12'],
    ['Calle Mayor 5, 2º B', '5'],
    ['High Street', null],
  ])('%s → %s', (line, number) => expect(houseNumber(normalizeAddressLine(line))).toBe(number));
});

describe('splitLocality', () => {
  it.each([
    ['Via Roma 12, 20121 Milano', 'Via Roma 12', '20121', 'Milano'],
    ['ul. Długa 5/3, 00-950 Warszawa', 'ul. Długa 5/3', '00-950', 'Warszawa'],
    ['Storgatan 12, 111 22 Stockholm', 'Storgatan 12', '111 22', 'Stockholm'],
    ['Vesterbrogade 12, 1620 København V', 'Vesterbrogade 12', '1620', 'København V'],
    ['Bahnhofstrasse 1, CH-8001 Zürich', 'Bahnhofstrasse 1', 'CH-8001', 'Zürich'],
    ['Keizersgracht 1, 1015 CJ Amsterdam', 'Keizersgracht 1', '1015 CJ', 'Amsterdam'],
    ['12 Rue Sherbrooke, H2X 1L4 Montréal', '12 Rue Sherbrooke', 'H2X 1L4', 'Montréal'],
    ['8 Shop Street, Limerick V94 T9PX', '8 Shop Street', 'V94 T9PX', 'Limerick'],
    ['10 Downing Street, London SW1A 2AA', '10 Downing Street', 'SW1A 2AA', 'London'],
  ])('%s', (line, street, postalCode, city) => expect(splitLocality(line)).toEqual({ street, postalCode, city }));

  it.each(['Hauptstr. 12', '12 High St, Flat 3', 'Unit 5, 1200 Main Street', '123 Main St, Springfield, IL 62701', ', 20121 Milano', 'Via Roma 12, Milano'])(
    'leaves %s whole',
    (line) => expect(splitLocality(line)).toBeNull(),
  );
});

describe('splitUnit', () => {
  it.each([
    ['Flat 7, 108 Victoria Close', '108 Victoria Close', 'Flat 7'],
    ['12 High St, Flat 3', '12 High St', 'Flat 3'],
    ['7071 Washington Rd, Apt 6E', '7071 Washington Rd', 'Apt 6E'],
    ['Bât. C, apt 4, 108 avenue Pasteur', '108 avenue Pasteur', 'Bât. C, apt 4'],
    ['Résidence les Pins, 11 allée Gambetta', '11 allée Gambetta', 'Résidence les Pins'],
    ['Pº de la Constitución, 77, 4º C', 'Pº de la Constitución 77', '4º C'],
    ['Piazza Verdi, 155, int. 15', 'Piazza Verdi 155', 'int. 15'],
    ['Hauptstr. 3, 2. Stock', 'Hauptstr. 3', '2. Stock'],
    ['Schillerstraße 86, c/o Weber', 'Schillerstraße 86', null],
  ])('%s → %s | %s', (line, street, unit) => expect(splitUnit(line)).toEqual({ street, unit }));

  it.each(['146, rue Gambetta', 'International Dr, 5', 'Hauptstr. 12', 'Flat 3', '123 Main St, Columbia, SC 29201', 'Co Rd 12, Springfield'])('leaves %s whole', (line) =>
    expect(splitUnit(line)).toEqual({ street: line, unit: null }),
  );
});

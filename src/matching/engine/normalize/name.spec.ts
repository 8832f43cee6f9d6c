import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NICKNAME_GROUPS } from '../data/nicknames';
import { areDistinctKnownNames, areGenderedForms, areNicknames, familyNameForm, isParticleRun, nameTokens, nicknameKeys, normalizeName, withoutParticles, withoutTitle } from './name';

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 15 }));
/** Latin-script names as people type them: accents, apostrophes, hyphens, stray punctuation and spaces. */
const latinName = fc.string({ unit: fc.constantFrom(...'aBcDéÉüÜßẞæÆøØłŁñçœ’\'-. ,\t'), maxLength: 20 });
const anyGroup = fc.constantFrom(...NICKNAME_GROUPS);

describe(normalizeName.name, () => {
  it.each([
    ['José', 'jose'],
    ['MÜLLER', 'muller'],
    ['Straße', 'strasse'],
    ['GROẞ', 'gross'],
    ['Ærøskøbing', 'aeroskobing'],
    ['Łukasz Wałęsa', 'lukasz walesa'],
    ['Søren Kierkegaard', 'soren kierkegaard'],
    ["O'Brien", 'obrien'],
    ['O’Brien', 'obrien'],
    ['D´Angelo', 'dangelo'],
    ['Anne-Marie', 'anne marie'],
    ['  Jean   Luc ', 'jean luc'],
    ['Dr. J.R.R. Tolkien', 'dr j r r tolkien'],
    ['Ｊｏｓé', 'jose'], // full-width forms fold by compatibility
    ['Björn_Borg!!', 'bjorn borg'],
    ['Иван Петров', 'иван петров'], // other scripts are lower-cased, not dropped
    ['---', ''],
    ['', ''],
  ])('folds %j to %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('writes any Latin-script name as lower-case ASCII words separated by single spaces', () => {
    fc.assert(
      fc.property(latinName, (input) => {
        expect(normalizeName(input)).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
      }),
    );
  });

  it('keeps letters and digits only, in single-space separated words, for any text', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const name = normalizeName(input);
        expect(name).toMatch(/^(?:[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*)?$/u);
        expect(name).toBe(name.toLowerCase());
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, latinName), (input) => {
        const once = normalizeName(input);
        expect(normalizeName(once)).toBe(once);
      }),
    );
  });

  it('ignores case, and a hyphen is a space', () => {
    fc.assert(
      fc.property(latinName, (input) => {
        expect(normalizeName(input.toUpperCase())).toBe(normalizeName(input.toLowerCase()));
        expect(normalizeName(input.replace(/ /g, '-'))).toBe(normalizeName(input));
      }),
    );
  });
});

describe(nameTokens.name, () => {
  it.each([
    ['Anne-Marie  de la Cruz', ['anne', 'marie', 'de', 'la', 'cruz']],
    ["O'Neil", ['oneil']],
    ['  ', []],
  ])('splits %j into %j', (input, expected) => {
    expect(nameTokens(input)).toEqual(expected);
  });

  it('gives the words of normalizeName', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, latinName), (input) => {
        const tokens = nameTokens(input);
        expect(tokens.join(' ')).toBe(normalizeName(input));
        expect(tokens.every((token) => token !== '')).toBe(true);
      }),
    );
  });
});

describe(nicknameKeys.name, () => {
  it.each([
    ['Bob', ['robert']],
    ['ROBERT', ['robert']],
    ['Peggy Sue', ['margaret']], // the first token only
    ['Sepp', ['josef']],
    ['Pepe', ['jose']],
    ['José', ['jose', 'joseph']], // José is also in Joseph's group
    ['Zebedee', ['zebedee']], // in no group: itself
    ['', []],
    ['  -  ', []],
  ])('gives %j the keys %j', (input, expected) => {
    expect(nicknameKeys(input)).toEqual(expected);
  });

  it('gives a name in several groups all their canonical names', () => {
    expect(nicknameKeys('Al')).toEqual(expect.arrayContaining(['alan', 'albert', 'alfred']));
    expect(nicknameKeys('bert')).toEqual(expect.arrayContaining(['albert', 'gilbert', 'herbert', 'hubert', 'robert']));
  });

  it('returns sorted, distinct keys, including the canonical name of every group the name is in', () => {
    fc.assert(
      fc.property(anyGroup, fc.nat(), (group, pick) => {
        const name = group[pick % group.length];
        const keys = nicknameKeys(name);
        expect(keys).toContain(group[0]);
        expect([...new Set(keys)].sort()).toEqual(keys);
      }),
    );
  });

  it('returns a fresh array each time', () => {
    const keys = nicknameKeys('bob');
    keys.push('mutated');
    expect(nicknameKeys('bob')).toEqual(['robert']);
  });
});

describe(areNicknames.name, () => {
  it.each([
    ['Bob', 'Robert'],
    ['bill', 'William'],
    ['Peggy', 'Margaret'],
    ['Liz', 'Betty'], // two short forms of one name
    ['Hans', 'Johannes'],
    ['Sepp', 'Josef'],
    ['Paco', 'Francisco'],
    ['Pepe', 'José'],
    ['Beppe', 'Giuseppe'],
    ['Kasia', 'Katarzyna'],
    ['Gosia', 'Małgorzata'],
    ['Kuba', 'Jakub'],
    ['Tomek', 'Tomasz'],
    ['Krzysiek', 'Krzysztof'],
    ['Wojtek', 'Wojciech'],
    ['Stina', 'Kristina'],
    ['Micke', 'Mikael'],
    ['Kalle', 'Karl'],
    ['Lasse', 'Lars'],
    ['Kajsa', 'Katarina'],
    ['Honza', 'Jan'],
    ['Bob Smith', 'Robert Jones'], // first tokens only
  ])('is true for %j and %j', (a, b) => {
    expect(areNicknames(a, b)).toBe(true);
    expect(areNicknames(b, a)).toBe(true);
  });

  it.each([
    ['Robert', 'Robert'], // the same name is not a nickname
    ['Bob', 'BOB'],
    ['Bob', 'Bill'],
    ['Robert', 'Zebedee'],
    ['', ''],
    ['', 'Bob'],
  ])('is false for %j and %j', (a, b) => {
    expect(areNicknames(a, b)).toBe(false);
  });

  it.each([
    // German, Austrian and Swiss
    ['Franziska', 'Franzi'],
    ['Sebastian', 'Basti'],
    ['Johannes', 'Hannes'],
    ['Joachim', 'Jochen'],
    ['Elisabeth', 'Liesl'],
    ['Bärbel', 'Barbara'],
    ['Ruedi', 'Rudolf'],
    ['Vreni', 'Verena'],
    // Dutch and Flemish
    ['Kees', 'Cornelis'],
    ['Toon', 'Antonius'],
    ['Sjef', 'Josephus'],
    ['Thijs', 'Matthijs'],
    ['Truus', 'Geertruida'],
    ['Marieke', 'Maria'],
    // French
    ['Stéphane', 'Stephen'],
    ['Pierrot', 'Pierre'],
    ['Véro', 'Véronique'],
    // Spanish and Latin American
    ['Jesús', 'Chus'],
    ['Ramón', 'Moncho'],
    ['Memo', 'Guillermo'],
    ['Pepa', 'Josefa'],
    ['Merche', 'Mercedes'],
    ['Montse', 'Montserrat'],
    // Portuguese and Brazilian
    ['Zé', 'José'],
    ['Tião', 'Sebastião'],
    ['Bia', 'Beatriz'],
    ['Guga', 'Gustavo'],
    // Italian
    ['Giuseppe', 'Pino'],
    ['Gigi', 'Luigi'],
    ['Ciccio', 'Francesco'],
    ['Pina', 'Giuseppina'],
    // Finnish
    ['Katariina', 'Kati'],
    ['Jussi', 'Juhani'],
    ['Heikki', 'Henrik'],
    // Swedish, Norwegian and Danish
    ['Jocke', 'Joakim'],
    ['Olle', 'Olof'],
    ['Mads', 'Matthias'],
    ['Bente', 'Benedikte'],
    // Polish
    ['Zbyszek', 'Zbigniew'],
    ['Jadzia', 'Jadwiga'],
    ['Bartek', 'Bartłomiej'],
    ['Ola', 'Aleksandra'],
    // English
    ['Howie', 'Howard'],
    ['Gwen', 'Gwendolyn'],
    ['Paulie', 'Paul'],
  ])('knows the everyday short form: %j and %j', (a, b) => {
    expect(areNicknames(a, b)).toBe(true);
    expect(areDistinctKnownNames(a, b)).toBe(false);
  });

  it.each([
    ['Francesco', 'Francesca'],
    ['Antonio', 'Antonia'],
    ['Daniel', 'Daniela'],
    ['Gabriel', 'Gabriela'],
    ['Fernando', 'Fernanda'],
    ['Rafael', 'Rafaela'],
    ['Emil', 'Emilia'],
    ['Michael', 'Michaela'],
    ['Hendrik', 'Hendrika'],
    ['Bent', 'Bente'],
    ['Julio', 'Julia'],
  ])('keeps %j and %j apart, though a short form may stand for either', (a, b) => {
    expect(areNicknames(a, b)).toBe(false);
    expect(areGenderedForms(a, b)).toBe(true);
    expect(areDistinctKnownNames(a, b)).toBe(true);
  });

  it.each([
    ['Toni', 'Antonio', 'Antonia'],
    ['Dani', 'Daniel', 'Daniela'],
    ['Gabi', 'Gabriel', 'Gabriela'],
    ['Fer', 'Fernando', 'Fernanda'],
    ['Uli', 'Ulrich', 'Ulrike'],
  ])('a short form for both, %j, is a nickname of %j and of %j without joining them', (short, masculine, feminine) => {
    expect(areNicknames(short, masculine)).toBe(true);
    expect(areNicknames(short, feminine)).toBe(true);
    expect(areNicknames(masculine, feminine)).toBe(false);
  });

  it.each([
    ['Jörg', 'Georg'], // names in their own right, not short forms
    ['Jürgen', 'Georg'],
    ['Bengt', 'Benedikt'],
    ['Juha', 'Hannes'],
    ['Thijs', 'Thomas'], // Thijs is Matthijs
    ['Jean', 'John'], // Jean is also a woman's name in English
  ])('does not make %j and %j one name', (a, b) => {
    expect(areNicknames(a, b)).toBe(false);
  });

  it('puts no name in more groups than a blocking rule keeps keys for, and heads no two groups with one name', () => {
    const groupsOf = new Map<string, number>();
    for (const group of NICKNAME_GROUPS) for (const name of new Set(group)) groupsOf.set(name, (groupsOf.get(name) ?? 0) + 1);
    // MAX_KEYS_PER_RULE in rules-engine.ts: a record keeps the first 8 keys of a blocking rule
    expect(Math.max(...groupsOf.values())).toBeLessThanOrEqual(8);
    const canonical = NICKNAME_GROUPS.map((group) => group[0]);
    expect(new Set(canonical).size).toBe(canonical.length);
    for (const group of NICKNAME_GROUPS) {
      expect(new Set(group).size).toBe(group.length);
      for (const name of group) expect(name).toMatch(/^[a-z]+$/);
    }
  });

  it('is true for any two different names of one group', () => {
    fc.assert(
      fc.property(anyGroup, fc.nat(), fc.nat(), (group, i, j) => {
        const [a, b] = [group[i % group.length], group[j % group.length]];
        expect(areNicknames(a, b)).toBe(a !== b);
      }),
    );
  });

  it('is symmetric and irreflexive', () => {
    const name = fc.oneof(anyGroup.chain((group) => fc.constantFrom(...group)), latinName);
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(areNicknames(a, b)).toBe(areNicknames(b, a));
        expect(areNicknames(a, a)).toBe(false);
      }),
    );
  });

  it('agrees with nicknameKeys: nicknames share a key', () => {
    const name = anyGroup.chain((group) => fc.constantFrom(...group));
    fc.assert(
      fc.property(name, name, (a, b) => {
        if (!areNicknames(a, b)) return;
        const keys = new Set(nicknameKeys(a));
        expect(nicknameKeys(b).some((key) => keys.has(key))).toBe(true);
      }),
    );
  });
});

describe('withoutTitle and withoutParticles', () => {
  it.each([
    ['dr marie claire', 'marie claire'],
    ['frau dr anna', 'anna'],
    ['dr', 'dr'], // all there is
    ['m francois', 'm francois'], // M. is Monsieur or an initial
  ])('a name led by titles: %s → %s', (name, bare) => expect(withoutTitle(name)).toBe(bare));

  it.each([
    ['van der berg', 'berg'],
    ['meer van der', 'meer'],
    ['de la cruz', 'cruz'],
    ['van', 'van'], // a particle alone is the name
    ['ortiz de zarate', 'ortiz de zarate'], // inside a name, a particle stays
  ])('a family name with its particles: %s → %s', (name, bare) => expect(withoutParticles(name)).toBe(bare));

  it('reads particles run together, as a mailbox keeps them, and nothing else', () => {
    expect(['van', 'vander', 'vanden', 'dela', 'vonder'].filter(isParticleRun)).toHaveLength(5);
    expect(['', 'vanx', 'berg', 'va'].some(isParticleRun)).toBe(false);
  });

  it('compares a name in the family-name form: no particles, no inner spaces', () => {
    expect(familyNameForm('de wit')).toBe('wit');
    expect(familyNameForm('van der meer')).toBe('meer');
    expect(familyNameForm('ortiz de zarate')).toBe('ortizdezarate');
  });
});

describe(areGenderedForms.name, () => {
  it.each([
    ['Andreas', 'Andrea'],
    ['Julien', 'Julie'],
    ['Louis', 'Louise'],
    ['Daniel', 'Daniela'],
    ['Daniel', 'Danielle'],
    ['Paul', 'Paula'],
    ['Paul', 'Pauline'],
    ['Francesco', 'Francesca'],
    ['Michael', 'Michaela'],
    ['Antonio', 'Antonia'],
    ['Antoine', 'Antoinette'],
    ['Alexander', 'Alexandra'],
    ['Jan', 'Jana'],
    ['Simon', 'Simone'],
    ['Martin', 'Martina'],
    ['Christian', 'Christiane'],
    ['Patrick', 'Patricia'],
    ['Eric', 'Erica'],
    ['Julius', 'Julia'],
    ['Carlos', 'Carla'],
    ['Victor', 'Victoria'],
    ['Johann', 'Johanna'],
    ['Adrien', 'Adrienne'],
    ['René', 'Renée'],
    ['Andre', 'Andrea'],
    ['Juliana Maria', 'Julian'],
  ])('%s and %s are a masculine and a feminine name', (a, b) => {
    expect(areGenderedForms(a, b)).toBe(true);
    expect(areGenderedForms(b, a)).toBe(true);
    expect(areDistinctKnownNames(a, b)).toBe(true);
  });

  it.each([
    ['Andreas', 'Andreas'],
    ['Ann', 'Anne'], // nicknames of one name
    ['Helen', 'Helena'],
    ['Jean', 'Jeanne'],
    ['Rebecca', 'Rebecc'], // a known name that lost its last letter
    ['Kayla', 'Kayl a'], // a space keyed in
    ['Sara', 'Saraa'], // a letter added after a vowel
    ['Isabella', 'Isabell'], // a doubled consonant is no masculine ending
    ['Kyle', 'Kyl'], // a silent e lost, or a short name
    ['Luke', 'Luk'],
    ['Blake', 'Blak'],
    ['Zara', 'Zar'],
    ['Christoph', 'Christophe'], // one man, in German and in French
    ['Luc', 'Luca'],
    ['Lukas', 'Luka'],
    ['Mari', 'Maria'],
  ])('%s and %s are not', (a, b) => {
    expect(areGenderedForms(a, b)).toBe(false);
    expect(areGenderedForms(b, a)).toBe(false);
  });
});

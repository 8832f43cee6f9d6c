import { describe, expect, it } from 'vitest';
import { coloursIn, colourShadesIn, colourwayOf, finerShade, neighbourTone } from './colours';

const shades = (title: string) => colourShadesIn(title.toLowerCase().split(/[^a-z]+/).filter(Boolean));

describe('neighbourTone', () => {
  it('reads one two-tone finish named with a neighbouring tone as one finish', () => {
    expect(neighbourTone(shades('Orange And Silver'), shades('Grey/Orange'))).toBe(true);
    expect(neighbourTone(shades('Grey/Orange'), shades('Orange & Silver'))).toBe(true);
  });

  it('never reads a single colour so, nor two-tone finishes whose other tones are not neighbours', () => {
    expect(neighbourTone(shades('Silver'), shades('Space Gray'))).toBe(false); // two MacBooks
    expect(neighbourTone(shades('White/Black'), shades('White/Red'))).toBe(false); // two colourways
    expect(neighbourTone(shades('White/Black'), shades('Grey/Silver'))).toBe(false); // no tone shared
    expect(neighbourTone(shades('Orange/Silver'), shades('Orange/Silver'))).toBe(false); // the same: another level
  });
});

describe('colour words', () => {
  const colours = (title: string) => coloursIn(title.toLowerCase().split(/[^a-z]+/).filter(Boolean));

  it('reads a German compound shade as a shade of its own in its family', () => {
    expect(colours('Sony WH-1000XM5 Mitternachtsblau')).toEqual(['blue']);
    expect(shades('Sony WH-1000XM5 Mitternachtsblau')).toEqual(['mitternachtsblau']);
    expect(colours('Anthrazitgrau')).toEqual(['grey']);
    expect(finerShade(shades('Mitternachtsblau'), shades('Blau'))).toBe(true);
    expect(finerShade(shades('Mitternachtsblau'), shades('Himmelblau'))).toBe(false);
    expect(colours('Vollkornbrot 500 g')).toEqual([]);
  });

  it('reads rose as pink and teal as a colour of its own, not a blue', () => {
    expect(colours('Pixel 8 128GB Rose')).toEqual(['pink']);
    expect(colours('Redmi Note 13 Ocean Teal')).toEqual(['teal']);
    expect(finerShade(shades('Ocean Teal'), shades('Ice Blue'))).toBe(false);
  });

  it('reads a colourway written with slashes in its order', () => {
    const way = (text: string) => colourwayOf(text.toLowerCase().split(/[^a-z]+/).filter(Boolean), text);
    expect(way('Samba OG - Core Black / Cloud White')).toBe('black/white');
    expect(way('Cloud White / Core Black')).toBe('white/black');
    expect(way('Samba OG Core Black Cloud White')).toBeNull();
    expect(way('MX Keys Mac/PC Space Grey')).toBeNull();
  });

  it('reads Marineblau as navy, the abbreviation NVY is', () => {
    expect(colours('Levi\'s Housemark Tee L Marineblau')).toEqual(colours('LEVI\'S HOUSEMARK TEE L NVY'));
    expect(colours('Marine Battery 12V')).toEqual([]);
  });

  it('reads no colour in a name that holds one: Earl Grey is a tea', () => {
    expect(colours('Twinings Earl Grey 100 tea bags')).toEqual([]);
    expect(colours('Lady Grey tea')).toEqual([]);
    expect(colours('Grey hoodie')).toEqual(['grey']);
  });
});

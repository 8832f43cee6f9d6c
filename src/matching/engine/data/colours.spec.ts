import { describe, expect, it } from 'vitest';
import { colourShadesIn, neighbourTone } from './colours';

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

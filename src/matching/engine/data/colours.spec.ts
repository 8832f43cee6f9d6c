import { describe, expect, it } from 'vitest';
import { coloursIn } from './colours';

describe(coloursIn.name, () => {
  it.each([
    [['apple', 'iphone', 'black'], ['black']],
    [['jet', 'schwarz', 'noir'], ['black']], // one colour in three languages
    [['grey', 'gray'], ['grey']],
    [['navy', 'blue'], ['blue', 'navy']], // different variants stay apart
    [['white', 'red', 'white'], ['red', 'white']],
    [['hp', '61', 'cyan', 'ink'], ['cyan']],
    [['espresso', 'machine', 'coffee'], []], // words that are more often something else
    [['sony', 'blu', 'ray', 'player', 'black'], ['black']], // a Blu-ray player is not blue
    [['red', 'eye', 'correction'], []],
    [['pg', '246', 'tri', 'color', 'ink'], ['tricolour']], // "Tri-Color" ink is not the black one
    [['tintenpatrone', 'dreifarbig'], ['tricolour']],
    [['blu', 'red'], ['blue', 'red']],
    [['creme'], ['beige']], // cream in German, French and Spanish
    [['graphit'], ['black']], // graphite in German
    [[], []],
  ])('finds in %j the colours %j', (tokens, expected) => {
    expect(coloursIn(tokens)).toEqual(expected);
  });
});

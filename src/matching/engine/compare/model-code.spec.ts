import { describe, expect, it } from 'vitest';
import { fitsOwnCode, openingCode, baseCode, containedCode, differentVariants, extendedCode, otherModelNumbers, otherPrefix } from './model-code';

describe('baseCode', () => {
  it('drops a variant suffix of one to three letters after the last digit', () => {
    expect(baseCode('CLI8C')).toBe('CLI8');
    expect(baseCode('YSP4000BK')).toBe('YSP4000');
    expect(baseCode('KXTSC14W')).toBe('KXTSC14');
  });

  it('keeps a code whole when too little would be left, or it ends in a digit', () => {
    expect(baseCode('A1B')).toBe('A1B');
    expect(baseCode('PSLX350')).toBe('PSLX350');
  });
});

describe('differentVariants', () => {
  it('is true for one base with suffixes that differ from their first letter', () => {
    expect(differentVariants(['CLI8C'], ['0621B002', 'CLI8Y'])).toBe(true);
    expect(differentVariants(['DC50W'], ['DC50B'])).toBe(true);
  });

  it('is false when a code is shared, a suffix is missing on one side, or both start alike', () => {
    expect(differentVariants(['CLI8C', 'CLI8Y'], ['CLI8Y'])).toBe(false);
    expect(differentVariants(['DMCTZ5S'], ['DMCTZ5'])).toBe(false);
    expect(differentVariants(['YSP4000BK'], ['YSP4000BL'])).toBe(false);
    // One compatible pair is enough: the listing names the same variant among others.
    expect(differentVariants(['NNH965WH'], ['NNH965BF', 'NNH965WF'])).toBe(false);
  });

  it('is false for codes of different models', () => {
    expect(differentVariants(['KDL40V4100'], ['KDL46V4100'])).toBe(false);
  });

  it('is symmetric', () => {
    const pairs: [string[], string[]][] = [[['CLI8C'], ['CLI8Y']], [['DMCTZ5S'], ['DMCTZ5']], [['KXTSC14W', 'X100'], ['KXTSC14B']]];
    for (const [a, b] of pairs) expect(differentVariants(a, b)).toBe(differentVariants(b, a));
  });
});

describe('otherModelNumbers', () => {
  it('is true for alike codes whose numbers differ: other models of one line', () => {
    expect(otherModelNumbers(['LX2000'], ['LX2001'], 0.9)).toBe(true);
    expect(otherModelNumbers(['KDL40V4100'], ['KDL40V4150'], 0.9)).toBe(true);
    expect(otherModelNumbers(['DU1055SS'], ['DU1100SS'], 0.8)).toBe(true);
  });

  it('is false when the numbers agree or one goes on from the other, a code is shared, or no codes are alike', () => {
    expect(otherModelNumbers(['DU1100SS'], ['DU1100XTPS'], 0.9)).toBe(false);
    expect(otherModelNumbers(['U5140'], ['U5140900'], 0.9)).toBe(false);
    expect(otherModelNumbers(['LX2000', 'LX2001'], ['LX2001'], 0.9)).toBe(false);
    expect(otherModelNumbers(['CL41CL'], ['0617B002'], 0.9)).toBe(false);
    expect(otherModelNumbers(['LCSCST'], ['LCSCSTB'], 0.9)).toBe(false);
  });

  it('is symmetric', () => {
    const pairs: [string[], string[]][] = [[['LX2000'], ['LX2001']], [['U5140'], ['U5140900']], [['DU1100SS', 'X1'], ['DU1100XTPS']]];
    for (const [a, b] of pairs) expect(otherModelNumbers(a, b, 0.9)).toBe(otherModelNumbers(b, a, 0.9));
  });
});

describe('extendedCode', () => {
  it.each([
    [['TV24734'], ['24734']], // a series prefix one shop leaves out
    [['SDV02GU1A'], ['RPSDV02GU1A', 'SECRPSDV02GU1A']],
    [['961464', 'STX961464'], ['9614640403']], // a region number after a hyphen: 961464-0403
    [['U5140'], ['U5140900']],
  ])('%j and %j are one code written longer', (a, b) => {
    expect(extendedCode(a, b)).toBe(true);
    expect(extendedCode(b, a)).toBe(true);
  });

  it.each([
    [['DSCW150B'], ['DSCW150']], // a variant suffix of letters: the variant levels decide
    [['RX100'], ['RX1000']], // a digit that goes on from the number makes another number
    [['LX2000'], ['LX20001']],
    [['H1000'], ['H1000']], // the same code is not an extension
    [['X100'], ['X100900']], // too short to tell
    [['390BL'], ['NSAW390BL']], // a prefix of four letters is another model line
    [['RX100'], ['RX100M3']], // a generation
    [['WF1000X'], ['WF1000XM3']],
    [['ATHM50X'], ['ATHM50XBT2']], // a Bluetooth model of the line
    [['VF2012'], ['VF2012B1']], // a tail with letters: a variant, for the variant levels
    [['UX3402ZA'], ['UX3402ZAKM218W']], // a laptop's configuration
  ])('%j and %j are not', (a, b) => {
    expect(extendedCode(a, b)).toBe(false);
  });
});

describe('differentVariants with an edition suffix', () => {
  it.each([
    [['PG545'], ['PG545XL'], 'a high-yield ink'],
    [['ATHM50'], ['ATHM50BT'], 'the Bluetooth edition'],
    [['ATHM50NC'], ['ATHM50BT'], 'two editions'],
  ])('tells %j from %j (%s)', (a, b) => {
    expect(differentVariants(a, b)).toBe(true);
  });

  it('still reads a missing colour suffix as the same variant', () => {
    expect(differentVariants(['DMCTZ5'], ['DMCTZ5S'])).toBe(false);
    expect(differentVariants(['PG545XL'], ['PG545XL'])).toBe(false);
  });
});

describe('containedCode', () => {
  it.each([
    [['U64'], ['43U64']],
    [['S90B'], ['QN50S90BAFXZA']],
    [['NANO754'], ['43NANO754PUA']],
    [['XR50A95K'], ['A95K']],
  ])('finds the series code %j inside the full code %j', (a, b) => {
    expect(containedCode(a, b)).toBe(true);
    expect(containedCode(b, a)).toBe(true);
  });

  it.each([
    [['RX100'], ['DSCRX100M3'], 'a tail with digits: another generation'],
    [['X100'], ['X100F'], 'no prefix: another variant'],
    [['Q60'], ['QN55Q600B'], 'the number goes on'],
    [['U64'], ['43U65'], 'another series'],
    [['64'], ['43U64'], 'digits only'],
  ])('is false for %j and %j (%s)', (a, b) => {
    expect(containedCode(a, b)).toBe(false);
  });
});

describe(fitsOwnCode.name, () => {
  it('finds a code one record fits and the other names as its own', () => {
    expect(fitsOwnCode(['fits:RX100'], ['own:DSCRX100M4B', 'own:RX100'])).toBe(true);
    expect(fitsOwnCode(['own:7415E'], ['own:123', 'fits:7415E'])).toBe(true);
  });

  it('is not an accessory and its device when both fit the code, or when the codes are both own', () => {
    expect(fitsOwnCode(['own:NPBX1', 'fits:RX100'], ['fits:RX100'])).toBe(false);
    expect(fitsOwnCode(['own:NPBX1', 'fits:RX100'], ['own:NPBX1'])).toBe(false);
    expect(fitsOwnCode(['own:RX100'], ['own:RX100'])).toBe(false);
  });
});

describe(openingCode.name, () => {
  it('finds a code a description opens with among the other’s own codes or openings', () => {
    expect(openingCode(['opening:0101072303'], ['own:0101072303'])).toBe(true);
    expect(openingCode(['own:ST660P'], ['opening:ST660P'])).toBe(true);
    expect(openingCode(['opening:ST660P'], ['opening:ST660P'])).toBe(true);
  });

  it('is not two title codes, nor a code the other fits', () => {
    expect(openingCode(['own:ST660P'], ['own:ST660P'])).toBe(false);
    expect(openingCode(['opening:MFCJ5740'], ['fits:MFCJ5740'])).toBe(false);
  });
});

describe('extendedCode with codes of letters only', () => {
  it('finds a letters-only code of six or more inside a longer one with a short prefix', () => {
    expect(extendedCode(['NDSUSGSRMKB'], ['USGSRMKB'])).toBe(true);
    expect(extendedCode(['XLCDS'], ['LCDS'])).toBe(false);
    expect(extendedCode(['ABTVLCD'], ['TVLCD'])).toBe(false);
  });
});

describe('short codes of one shape, and one code under two prefixes', () => {
  it('takes codes with the same letters around other digits for other models, however short', () => {
    expect(otherModelNumbers(['XT4'], ['XT5'], 0.9)).toBe(true);
    expect(otherModelNumbers(['DHP485'], ['DHP486'], 0.9)).toBe(true);
    // one code written longer, or the same numbers, is not another model
    expect(otherModelNumbers(['XT4'], ['XT4'], 0.9)).toBe(false);
    expect(otherModelNumbers(['A5'], ['A54'], 0.9)).toBe(false);
  });

  it('finds one code under other letter prefixes (WH-1000XM4 headphones, WF-1000XM4 earbuds)', () => {
    expect(otherPrefix(['1000XM4', 'WH1000XM4'], ['1000XM4', 'WF1000XM4'])).toBe(true);
    expect(otherPrefix(['40V4100', 'KDL40V4100'], ['40V4100', 'XBR40V4100'])).toBe(true);
  });

  it('is false for one code written with and without its prefix, or named whole by both', () => {
    expect(otherPrefix(['1000XM4', 'WH1000XM4'], ['1000XM4'])).toBe(false);
    expect(otherPrefix(['1000XM4', 'WH1000XM4'], ['WH1000XM4'])).toBe(false);
    expect(otherPrefix(['40V4100', 'KDL40V4100'], ['KDL40V4100', 'XBR40V4100'])).toBe(false);
    expect(otherPrefix(['LX2000'], ['LX2001'])).toBe(false);
    // a series prefix glued on one side, the brand before the number on the other: one code (GE TV24746)
    expect(otherPrefix(['TV24746'], ['24746', 'GE24746'])).toBe(false);
    // another code both name is the same product
    expect(otherPrefix(['36IP', 'KP36IP', '7737A001'], ['36IP', 'XX36IP', '7737A001'])).toBe(false);
  });
});

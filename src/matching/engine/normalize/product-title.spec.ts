import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeTitle } from './product-title';

const codesOf = (title: string) => analyzeTitle(title).modelCodes;
const measuresOf = (title: string) => analyzeTitle(title).measures;

const letters = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKLMNPRSTVWXZ'), minLength: min, maxLength: max });
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
/** A model code such as KDL40V4100 written as its maker does: letters, digits, maybe a letter suffix. */
const modelCode = fc.tuple(letters(1, 4), digits(2, 5), letters(0, 2)).map(([a, b, c]) => a + b + c);
const word = fc.constantFrom('Sony', 'Bose', 'black', 'Turntable', 'Speaker', 'System', 'Series', 'III', 'Digital', 'camera', 'with', 'for', 'the', 'and', 'in', 'a', 'of', '&', '-', '/', 'Pack', 'x', 'TV', 'LCD', 'screen', 'is', 'KDL', 'PS');
const measure = fc.constantFrom('500 ml', '0.5L', '50cl', '1 TB', '512GB', '16MB', '6-pack', 'pack of 6', '6 x 330ml', '12ct', '350W', '46"', "13'", '15-inch', '1.5 kg', '8 oz', '2m', '6 ft', '12 fl oz', '4.2 cu. ft.');
/** Product titles assembled from brand and common words, model codes written in several ways, and measures. */
const title = fc
  .array(
    fc.oneof(
      { arbitrary: word, weight: 4 },
      { arbitrary: modelCode, weight: 2 },
      { arbitrary: fc.tuple(letters(2, 3), fc.constantFrom('-', ' ', '/', ''), modelCode).map(([a, sep, b]) => a + sep + b), weight: 1 },
      { arbitrary: measure, weight: 2 },
      { arbitrary: digits(1, 6), weight: 1 },
    ),
    { maxLength: 10 },
  )
  .chain((words) => fc.array(fc.constantFrom(' ', '  ', ' - ', ', ', '/ '), { minLength: words.length, maxLength: words.length }).map((gaps) => words.map((w, i) => w + gaps[i]).join('')));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom(...'ab12 x-/."\'mlgkinw0,', 'pack', 'of', 'tb', 'tv'), maxLength: 30 }));

describe(analyzeTitle.name, () => {
  describe('tokens', () => {
    it('folds, splits on punctuation and drops stop words', () => {
      expect(analyzeTitle('Bose Acoustimass 5 Series III Speaker System & Remote, for the Home').tokens).toEqual([
        'bose', 'acoustimass', '5', 'series', 'iii', 'speaker', 'system', 'remote', 'home',
      ]);
      expect(analyzeTitle('Café-Crème (Größe) w/ Löffel').tokens).toEqual(['cafe', 'creme', 'grosse', 'loffel']);
      expect(analyzeTitle('Sony 7.1-Channel A/V Receiver').tokens).toEqual(['sony', '7.1', 'channel', 'v', 'receiver']);
    });

    it('keeps a model code written with hyphens or slashes as one token', () => {
      expect(analyzeTitle('Sony PS-LX350H Belt-Drive Turntable').tokens).toEqual(['sony', 'pslx350h', 'belt', 'drive', 'turntable']);
      expect(analyzeTitle('Apple iPod nano Armband - MB769G/A').tokens).toContain('mb769ga');
    });

    it('puts a canonical token in place of each measure', () => {
      expect(analyzeTitle('Evian Water 6 x 330ml bottles').tokens).toEqual(['evian', 'water', 'pack:6', 'vol:330ml', 'bottles']);
      expect(analyzeTitle('Seagate 1 TB drive, 32MB cache').tokens).toEqual(['seagate', 'storage:1000gb', 'drive', 'storage:0.032gb', 'cache']);
    });

    it('gives nothing for an empty or punctuation-only title', () => {
      expect(analyzeTitle('')).toEqual({ tokens: [], modelCodes: [], measures: {} });
      expect(analyzeTitle(' - / & ')).toEqual({ tokens: [], modelCodes: [], measures: {} });
    });
  });

  describe('measures', () => {
    it.each([
      ['500 ml', { volumeMl: 500 }],
      ['500ml', { volumeMl: 500 }],
      ['0.5 l', { volumeMl: 500 }],
      ['0.5L', { volumeMl: 500 }],
      ['0,5 L', { volumeMl: 500 }], // decimal comma
      ['50cl', { volumeMl: 500 }],
      ['.5 litre', { volumeMl: 500 }],
      ['12 fl. oz', { volumeMl: 354.882 }],
      ['2.0 Cu. Ft.', { volumeMl: 56633.7 }],
      ['1 TB', { storageGb: 1000 }],
      ['512GB', { storageGb: 512 }],
      ['512 gb', { storageGb: 512 }],
      ['512-GB', { storageGb: 512 }],
      ['256MB', { storageGb: 0.256 }],
      ['500GB 16MB cache', { storageGb: 500 }], // the capacity, not the cache
      ['1.5 kg', { massG: 1500 }],
      ['250g', { massG: 250 }],
      ['2 lb', { massG: 907.185 }],
      ['8 oz', { massG: 226.796 }],
      ['500 mg', { massG: 0.5 }],
      ['20 mm', { lengthMm: 20 }],
      ['2.5cm', { lengthMm: 25 }],
      ['1.8 m', { lengthMm: 1800 }],
      ['6 ft', { lengthMm: 1828.8 }],
      ["6' cable", { lengthMm: 1828.8 }],
      ['7" photo frame', { lengthMm: 177.8 }],
      ['2.5in drive', { lengthMm: 63.5 }],
      ['6-pack', { pack: 6 }],
      ['pack of 6', { pack: 6 }],
      ['6 pk', { pack: 6 }],
      ['12ct', { pack: 12 }],
      ['24 count', { pack: 24 }],
      ['Espresso Capsules x10, Intensity 9', { pack: 10 }],
      ['Capsules x 100', { pack: 100 }],
      ['100 tea bags', { pack: 100 }],
      ['Dishwasher tablets 40 tablets', { pack: 40 }],
      ['Energizer Max AAA Batteries x4, LR03', { pack: 4 }],
      ['Ink 2 cartridges', { pack: 2 }],
      ['9V Batteries', {}], // a voltage, not a count
      ['Ariel All-in-1 PODS 36PK', { pack: 36 }], // the 1 of all-in-1 is no pack
      ['Ariel All-in-1 PODS', {}],
      ['Tide 3 in 1 pods 42 count', { pack: 42 }],
      ['Air Wick Plug in 2 pack', { pack: 2 }],
      ['Fujifilm X100', {}], // a camera's model, not a pack
      ['Xperia X10 bags', {}],
      ['6 x 330ml', { pack: 6, volumeMl: 330 }],
      ['6×330 ml', { pack: 6, volumeMl: 330 }],
      ['2 x 1TB', { pack: 2, storageGb: 1000 }],
      ['10 x 20 cm', { lengthMm: 200 }], // a size, not a pack of ten
      ['350W', { powerW: 350 }],
      ['100 watts', { powerW: 100 }],
      ['1,000 W', { powerW: 1000 }], // thousands separator
      ['1.2kW', { powerW: 1200 }],
    ])('reads %j as %j', (input, expected) => {
      expect(measuresOf(input)).toEqual(expected);
    });

    it.each([
      ['Samsung 46" Class LCD', 46],
      ['Samsung 46-inch LCD HDTV', 46],
      ['LCD TV 32 inch', 32],
      ['Apple MacBook 13.3-in. laptop', 13.3],
      ['15.4" notebook', 15.4],
      ['Samsung 46\u201d TV', 46],
      ["Samsung 46'' TV", 46],
      ["Samsung 46' Series 5 LCD", 46], // a foot mark beside a screen word is an inch mark
      ['Dell 24in monitor', 24],
      ['Philips 22" speakers', 22], // any NN" is a screen size
    ])('reads the screen size of %j as %f', (input, inches) => {
      expect(measuresOf(input)).toEqual({ screenInch: inches });
    });

    it.each(['2 in 1 card reader', '3-in-1 printer', '2-1/2\' drivers', '33-1/3 RPM', 'KDL-40V4100', 'TX-L42G10', 'F360W', 'Model X500W', 'Class 10 card'])(
      'finds no measure in %j',
      (input) => {
        expect(measuresOf(input)).toEqual({});
      },
    );

    it('keeps the first measure of a kind', () => {
      expect(measuresOf('Water 500ml (was 750ml)')).toEqual({ volumeMl: 500 });
      expect(measuresOf('6 pack, pack of 12')).toEqual({ pack: 6 });
    });

    it('reads any quantity in any unit spelling, glued, spaced or hyphenated', () => {
      const units: [string[], keyof ReturnType<typeof measuresOf>, number][] = [
        [['ml', 'ML', 'milliliters'], 'volumeMl', 1],
        [['l', 'L', 'litres'], 'volumeMl', 1000],
        [['cl'], 'volumeMl', 10],
        [['g', 'grams'], 'massG', 1],
        [['kg', 'KG'], 'massG', 1000],
        [['GB', 'gb'], 'storageGb', 1],
        [['TB'], 'storageGb', 1000],
        [['mm'], 'lengthMm', 1],
        [['cm'], 'lengthMm', 10],
        [['W', 'watt'], 'powerW', 1],
      ];
      fc.assert(
        fc.property(fc.constantFrom(...units), fc.nat(), fc.integer({ min: 1, max: 99_999 }), fc.constantFrom('', ' ', '-'), ([spellings, kind, factor], pick, amount, gap) => {
          const spelling = spellings[pick % spellings.length];
          // Glued G after 3-5 or a memory size is a network or gigabytes (5G, 512G): tested on its own below.
          fc.pre(!(spelling === 'g' && gap === '' && [3, 4, 5, 16, 32, 64, 128, 256, 512, 1024].includes(amount)));
          const measures = measuresOf(`Brand ${amount}${gap}${spelling} thing`);
          expect(Object.keys(measures)).toEqual([kind]);
          expect(measures[kind]).toBeCloseTo(amount * factor, 6);
        }),
      );
    });
  });

  describe('model codes', () => {
    it.each([
      ['Sony Turntable - PSLX350H', ['PSLX350H']],
      ['Sony PS-LX350H Belt-Drive Turntable', ['PSLX350H']],
      ['Bose Acoustimass 5 Series III Speaker System - AM53BK', ['AM53BK']],
      ['Sony KDL-40V4100 40" LCD', ['40V4100', 'KDL40V4100']],
      ['Sony Cyber-shot DSC-W120/B', ['DSCW120B']],
      ['Canon PowerShot SX200IS', ['SX200IS']],
      ['Canon PowerShot SX200 IS', ['SX200', 'SX200IS']],
      ['Apple iPod nano Armband - MB769G/A', ['MB769GA']],
      ['Garmin GA 25MCX antenna - 010-10702-00', ['0101070200', '25MCX', 'GA25MCX']],
      ['Logitech mouse 910-000298', ['910000298']],
      ['Kensington lock 64068', ['64068']],
      ['Griffin SmartTalk 3016-SMRTLKB', ['3016SMRTLKB']],
      ['Speck case MB13-RED-SEE-V2', ['MB13REDSEEV2']],
    ])('finds in %j the codes %j', (input, expected) => {
      expect(codesOf(input)).toEqual(expected);
    });

    it('joins a short prefix to the code after it, spaced or hyphenated, and keeps the code alone too', () => {
      expect(codesOf('PS LX350H')).toEqual(['LX350H', 'PSLX350H']);
      expect(codesOf('KDL 40V4100')).toEqual(['40V4100', 'KDL40V4100']);
      expect(codesOf('KDL-40V4100')).toEqual(['40V4100', 'KDL40V4100']);
    });

    it('shares a code between two listings of one product', () => {
      const shared = (a: string, b: string) => codesOf(a).filter((code) => codesOf(b).includes(code));
      expect(shared('Sony Turntable - PSLX350H', 'Sony PS-LX350H Belt-Drive Turntable')).toEqual(['PSLX350H']);
      expect(shared('Samsung Blu-ray Disc Player - BDP2500', 'Samsung BDP2500 - BD-P2500')).toEqual(['BDP2500']);
      expect(shared('Toshiba DVD Recorder - DR410', 'Toshiba D-R410 DVD Player/Recorder')).toEqual(['DR410']);
      expect(shared('Sony Bravia 40V4100 LCD', 'Sony KDL-40V4100')).toEqual(['40V4100']);
    });

    it.each([
      'Sony 512GB 1080p 120Hz 10MP 4th generation', // measures and units
      'MP3-Player 802.11n DDR3 USB 2.0 for PS3', // standards and platforms
      'Netgear 16 Port 10/100 Switch 100-240V', // numbers, a fraction-like pair and a range
      'Sony 7.1-Channel receiver',
      'Dell 3-in-1 2-way',
      'abc de 1234',
    ])('finds no model code in %j', (input) => {
      expect(codesOf(input)).toEqual([]);
    });

    it('finds a code written with or without its hyphens, spaces and slashes', () => {
      // A stop word ("an", "the") is a word, not a code prefix: "AN A00" is the word "an" and the code A00.
      const prefixes = letters(2, 3).filter((p) => !['an', 'the', 'and', 'for', 'of', 'in'].includes(p.toLowerCase()));
      fc.assert(
        fc.property(prefixes, modelCode, fc.constantFrom('-', ' ', '/', ''), (prefix, code, separator) => {
          expect(codesOf(`Brand ${prefix}${separator}${code} thing`)).toContain(prefix + code);
          expect(codesOf(`Brand ${code} thing`)).toContain(code);
        }),
      );
    });

    it('writes codes upper case, letters and digits only, sorted and distinct', () => {
      fc.assert(
        fc.property(fc.oneof(title, anyText), (input) => {
          const codes = codesOf(input);
          for (const code of codes) expect(code).toMatch(/^(?=.*\d)[A-Z0-9]{3,}$/);
          expect([...new Set(codes)].sort()).toEqual(codes);
        }),
      );
    });
  });

  it('writes tokens lower case, without stop words, each a word, a decimal number or a measure', () => {
    fc.assert(
      fc.property(fc.oneof(title, anyText), (input) => {
        for (const token of analyzeTitle(input).tokens) {
          expect(token).toMatch(/^(?:[a-z0-9]+(?:\.[0-9][a-z0-9]*)*|(?:vol|mass|storage|len|screen|power|pack):\d+(?:\.\d+)?[a-z]*)$/);
          expect(['and', 'with', 'for', 'the', 'of', 'in', 'a', 'an']).not.toContain(token);
        }
      }),
    );
  });

  it('is idempotent: analysing the tokens again gives the same tokens, model codes and measures', () => {
    fc.assert(
      fc.property(fc.oneof(title, anyText), (input) => {
        const first = analyzeTitle(input);
        expect(analyzeTitle(first.tokens.join(' '))).toEqual(first);
      }),
      { numRuns: 1000 },
    );
  });

  it('ignores case and extra spaces (a screen word 40 characters away counts only once the spaces collapse)', () => {
    expect(analyzeTitle('Sony screen/      Sony,        AAAA0000A  -   /     15-inch').measures).toEqual({ screenInch: 15 });

    fc.assert(
      fc.property(title, (input) => {
        expect(analyzeTitle(input.toUpperCase())).toEqual(analyzeTitle(input.toLowerCase()));
        expect(analyzeTitle(` ${input.replace(/ /g, '   ')} `)).toEqual(analyzeTitle(input));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sizes retailers write in other ways', () => {
  it.each([
    ['Samsung Q60C 50 inch', { screenInch: 50 }],
    ['SAMSUNG CU7100 UE43CU7100 43IN', { screenInch: 43 }],
    ['Philips 55-inch Ambilight', { screenInch: 55 }],
    ['LG OLED 65 Zoll', { screenInch: 65 }],
    ['iPhone14, 512 Go, starlight', { storageGb: 512 }],
    ['Galaxy A15 5G 128G', { storageGb: 128 }],
    ['Espresso beans 500g', { massG: 500 }],
    ['HDMI cable 6 ft', { lengthMm: 1828.8 }],
  ])('%s', (title, measures) => {
    expect(analyzeTitle(title).measures).toEqual(measures);
  });
});

describe('German and French product words', () => {
  it('are read as the English words for them, and again the same', () => {
    const title = analyzeTitle('Sony WH-1000XM5 Kopfhörer, Farbe schwarz');
    expect(title.tokens).toEqual(['sony', 'wh', '1000xm5', 'headphones', 'schwarz']);
    expect(analyzeTitle(title.tokens.join(' ')).tokens).toEqual(title.tokens);
    expect(analyzeTitle('HP ENVY 6055e Tintenstrahldrucker').tokens).toEqual(['hp', 'envy', '6055e', 'inkjet', 'printer']);
    expect(analyzeTitle('Nikon Z50 Gehäuse').tokens).toEqual(['nikon', 'z50', 'body']);
    expect(analyzeTitle('Mounting Dream Wandhalterung für Sony A95K').tokens).toEqual(['mounting', 'dream', 'wall', 'mount', 'fur', 'sony', 'a95k']);
  });

  it('leave English words and codes alone', () => {
    expect(analyzeTitle('Handy Mixer Pro HX-100').tokens).toEqual(['handy', 'mixer', 'pro', 'hx100']);
  });
});

describe('a short code ending in a number and one letter', () => {
  it('is a code, not metres or litres', () => {
    expect(analyzeTitle('Canon CLI-8M Ink Cartridge')).toMatchObject({ modelCodes: ['CLI8M'], measures: {} });
    expect(analyzeTitle('Canon NB-5L Battery')).toMatchObject({ modelCodes: ['NB5L'], measures: {} });
  });

  it('reads "PC" glued to the number of such a code as the code’s, not a piece count', () => {
    expect(analyzeTitle('Canon CLI-8PC Photo Cyan Ink Cartridge')).toMatchObject({ modelCodes: ['CLI8PC'], measures: {} });
    expect(analyzeTitle('Olympus VN-4100PC Digital Voice Recorder')).toMatchObject({ modelCodes: ['VN4100PC'], measures: {} });
    expect(analyzeTitle('Duracell AA-4PK Batteries').measures).toEqual({ pack: 4 });
    expect(analyzeTitle('DeLonghi 6-pc. Replacement Filters').measures).toEqual({ pack: 6 });
  });

  it('leaves measures after a space, or with a longer unit, alone', () => {
    expect(analyzeTitle('Cable 2m').measures).toEqual({ lengthMm: 2000 });
    expect(analyzeTitle('Xbox HDD-120GB').measures).toEqual({ storageGb: 120 });
  });
});

describe('memory and batteries are not storage, packs or codes', () => {
  it.each([
    ['Lenovo IdeaPad Slim 5 16GB RAM, 1TB SSD', 16, 1000],
    ['Lenovo IdeaPad Slim 5 8 GB RAM 1 Terabyte SSD', 8, 1000],
    ['MacBook Air M3 13-inch 16GB/512GB Starlight', 16, 512],
    ['Dell XPS 15 RAM 32 GB, 1 TB SSD', 32, 1000],
    ['Galaxy Book4 16 GB LPDDR5X 512 GB', 16, 512],
    ['MacBook Pro 18GB unified memory 512GB SSD', 18, 512],
  ])('%s: memory %d GB, storage %d GB', (title, ram, storage) => {
    expect(analyzeTitle(title).measures).toMatchObject({ ramGb: ram, storageGb: storage });
  });

  it('keeps a memory card, two storage options and a lone capacity as storage', () => {
    expect(analyzeTitle('SanDisk Extreme 64GB Memory Card').measures).toEqual({ storageGb: 64 });
    expect(analyzeTitle('iPad Air 256GB/512GB').measures).toEqual({ storageGb: 512 });
    expect(analyzeTitle('iPhone 15 128GB').measures).toEqual({ storageGb: 128 });
  });

  it('reads a battery capacity in Ah or mAh, the count before it neither a pack nor part of a code', () => {
    for (const title of ['DHP486 Combi Drill 2x5.0Ah Kit', 'Makita DHP486 Combi Drill 2 x 5.0 Ah + Charger', 'Drill with 5000 mAh battery']) {
      const analysis = analyzeTitle(title);
      expect(analysis.measures, title).toEqual({ batteryMah: 5000 });
      expect(analysis.modelCodes.filter((code) => code.endsWith('AH')), title).toEqual([]);
    }
    expect(analyzeTitle('GSR 18V-55 Combi Drill 2 x 2.0Ah').measures.batteryMah).toBe(2000);
  });

  it('reads its canonical tokens back the same', () => {
    const first = analyzeTitle('IdeaPad 16GB/1TB 2 x 4.0Ah');
    expect(first.tokens).toEqual(expect.arrayContaining(['ram:16gb', 'storage:1000gb', 'battery:4000mah']));
    expect(analyzeTitle(first.tokens.join(' '))).toEqual(first);
  });
});

import { describe, expect, it } from 'vitest';
import { generationOf, nameWords } from './product-names';
import { productFeatures, trailingCode } from './product-features';
import { cameraPackageOf, cutOf, normalizeSize, sizeInTitle, tierOf } from './product-variants';
import { colourShadesIn, coloursIn, finerShade } from '../data/colours';
import { numbersReplaced, ownWordReplaced } from '../compare/token-set';
import { analyzeTitle } from '../normalize/product-title';

describe('trailingCode', () => {
  it.each([
    ['Sony Soft Cyber-Shot Carrying Case - LCSCST', 'LCSCST'],
    ['Sanus Television Turntable - TV/LCDS', 'TVLCDS'],
    ['Sanus Euro Foundation Series III Speaker Stand – EFSATBKIII', 'EFSATBKIII'],
    // letters and digits split around a word-like part, which the title analysis reads as two words
    ['Griffin iTrip FM Transmitter - 4052-TRPSEB', '4052TRPSEB'],
    ['TomTom ONE 130 Carry Bag - 9UEA.017.00', '9UEA01700'],
    ['Monster iCarPlay Wireless 250 FM Transmitter - AIPFM-CH250', 'AIPFMCH250'],
  ])('reads the model code that ends a retail title: %s', (title, code) => {
    expect(trailingCode(title)).toBe(code);
  });

  it.each([
    ['Bose Acoustimass Speaker - Black', 'a word in title case'],
    ['Logitech Remote - USB', 'too short for a code'],
    ['Apple Mouse - WHITE', 'a colour'],
    ['SONY CARRYING CASE - LCSCST', 'a title all in capitals: nothing tells a code from a word'],
    ['Sony LCSCST Carrying Case', 'not at the end after a dash'],
    ['Sony Stereo Bluetooth Headset - TMRBT10/TMRBT10A', 'a slash lists two codes'],
    ['Logitech Remote - 915-000035', 'digits only: the title analysis reads those'],
    ['TCL 43" Full HD LED TV - 4K-UHD', 'a specification, not a code'],
    ['SanDisk Ultra Flash Drive 64GB - USB-3.0', 'a specification'],
    ['Philips B10ZL-12 Battery - 2-PACK', 'a pack count'],
    ['Apple AirPods Pro - 2ND-GEN', 'a generation'],
    ['Calendar Software - 2009', 'a year'],
  ])('is null for %s (%s)', (title) => {
    expect(trailingCode(title)).toBeNull();
  });

  it('reads four digits after the last dash as the maker’s item number', () => {
    expect(trailingCode('Nikon Digital Camera Leather Case - 5811')).toBe('5811');
    expect(productFeatures({ name: 'Weber Premium Black Grill Cover - 7550' }).modelCodes).toEqual(['7550']);
  });

  it('adds the code to the model codes, once', () => {
    expect(productFeatures({ name: 'Sony Soft Carrying Case - LCSCST' }).modelCodes).toEqual(['LCSCST']);
    expect(productFeatures({ name: 'Sony Turntable SU-TVLCDS2 - TVLCDS' }).modelCodes).toContain('TVLCDS');
  });
});

describe('codes a description names', () => {
  it('are more codes, never the product’s own: a description names what the product fits, even without a "for"', () => {
    const ink = productFeatures({ name: 'Brother Black Ink Cartridge', description: 'MFC-J5740 black ink cartridge, genuine Brother quality' });
    expect(ink.modelCodes).toBeNull();
    expect(ink.allCodes).toContain('MFCJ5740');
    const features = productFeatures({ name: 'Canon PIXMA MX850 Printer', description: 'Canon 2436B002 Office All-In-One' });
    expect(features.modelCodes).toEqual(['MX850']);
    expect(features.allCodes).toContain('2436B002');
  });
});

describe('a title without a code or a colour, and its description', () => {
  it('takes the codes the description opens with after the brand, by role, not as title codes', () => {
    const mount = productFeatures({ name: 'Garmin Vehicle Suction Cup mount', description: 'Garmin 010-10723-03 - Vehicle Suction Cup Mount' });
    expect(mount.modelCodes).toBeNull();
    expect(mount.codeRoles).toEqual(['opening:0101072303']);
    const arm = productFeatures({ name: 'Peerless Universal Tilt Wall Mount', description: "Peerless Smart Mount ST660P Universal Tilt Wall Mount for 37' to 60' Screens, Black" });
    expect(arm.codeRoles).toEqual(['opening:ST660P']);
  });

  it('takes none from an opening without the brand, after a list separator or what it fits, nor beside a title code', () => {
    const opening = (name: string, description: string) => productFeatures({ name, description }).codeRoles;
    expect(opening('Brother Black Ink Cartridge', 'MFC-J5740 black ink cartridge, genuine Brother quality')).toBeNull();
    expect(opening('Weber Gas Barbecue Rotisserie', 'Weber Gas Barbecue Rotisserie/ Fits Genesis E-300 S-300 Gas Grills')).toBeNull();
    expect(opening('Weber Premium Grill Cover', 'Weber Premium Grill Cover for Spirit E-200 Series')).toBeNull();
    expect(opening('Canon PIXMA MX850 Printer', 'Canon 2436B002 Office All-In-One')).toEqual(['own:MX850']);
  });

  it('takes the colour a description names when the title and colour field name none, and only one', () => {
    expect(productFeatures({ name: 'Samsung YP-S2ZW 1GB Flash MP3 Player - YP-S2ZG/XAA', description: '1GB Flash Memory - Green' }).titleColours).toEqual(['green']);
    expect(productFeatures({ name: 'Apple iPod Nano 8GB', description: 'Available in black, white or red' }).titleColours).toBeNull();
    expect(productFeatures({ name: 'Sony VAIO Notebook', description: 'Intel Core 2 Duo, Blu-ray Drive, Vista Home Premium - Pink' }).colourShades).toEqual(['pink']);
    // the title's colour, or a colour field, is the record's own
    expect(productFeatures({ name: 'Samsung S2 White MP3 Player', description: 'Black earphones included' }).titleColours).toEqual(['white']);
    expect(productFeatures({ name: 'Moda Wall Shelf', color: 'Espresso', description: 'Tempered glass, black frame' }).titleColours).toBeNull();
  });
});

describe('sizes, tiers, kinds and conditions a title names', () => {
  it.each([
    ['NIKE AIR MAX 90 CN8490-100 UK 9 WHITE/WHITE', 'uk 9'],
    ['NIKE AIR MAX 90 CN8490100 GR. 44', '44'],
    ['Air Max 90 CN8490-100 EU 42 white', '42'],
    ['Adidas Samba OG Größe 41', '41'],
  ])('reads the size of %s, and no code suffix or grams from it', (name, size) => {
    const features = productFeatures({ name });
    expect(features.size ?? features.euSize).toBe(size);
    expect(features.massG).toBeNull();
    expect(features.modelCodes ?? []).not.toContain('CN8490100UK');
    expect(features.modelCodes ?? []).not.toContain('CN8490100EU');
  });

  it.each([
    ['EU 44', '44'],
    ['44 EU', '44'],
    ['Gr. 44', '44'],
    ['UK 9', 'uk 9'],
    ['XL', 'xl'],
    ['2XL', 'xxl'],
    ['Size M', 'm'],
  ])('compares the size field %s as %s', (size, normalized) => {
    expect(normalizeSize(size)).toBe(normalized);
  });

  it.each([
    ['Apple iPhone 14 Pro Max 256GB', 'max pro'],
    ['Apple iPhone 14 256GB', 'base'],
    ['Samsung Galaxy S24+ 256GB', 'plus'],
    ['Xiaomi Redmi Note 38 Pro+ 256GB White', 'plus pro'],
    ['Samsung Galaxy S23 FE', 'fe'],
    ['Panasonic Yeast Pro Automatic Breadmaker - SDYD250', 'base'],
    // no model number a tier could follow: the title cannot tell one
    ['Sony Mini DV Cassette - DVM63HD', null],
    ['Elgato TV Receiver And Video Converter - 10020780', null],
  ])('the tier of %s is %s', (name, tier) => {
    expect(productFeatures({ name }).tier).toBe(tier);
  });

  it.each([
    ['Screen Protector for Galaxy S24+, 3er Pack', 'accessory'],
    ['Galaxy S24 Case, matte black', 'accessory'],
    ['Samsung Galaxy S24 Ultra 256GB', 'device'],
    ['Samsung 55" QLED TV with carrying case', 'device'],
    ['Bose SoundLink Flex speaker', null],
  ])('%s is an %s', (name, kind) => {
    expect(productFeatures({ name }).kind).toBe(kind);
  });

  it('reads a German pack count, not a model code', () => {
    const features = productFeatures({ name: 'Screen Protector for Galaxy S24+, 3er Pack' });
    expect(features.pack).toBe(3);
    expect(features.allCodes).not.toContain('3ER');
  });

  it.each([
    ['OnePlus 12R 256GB | - Refurbished - Good', 'refurbished or used'],
    ['motorola edge 40 neo - 256 GB - (Renewed)', 'refurbished or used'],
    ['motorola edge 40 neo - 256 GB', 'new'],
  ])('%s is %s', (name, condition) => {
    expect(productFeatures({ name }).condition).toBe(condition);
  });
});

describe('product features from other retailers (blind test)', () => {
  it('reads a colour field in another language as the colour', () => {
    expect(productFeatures({ name: 'Mixer', color: 'grau' }).color).toBe('grey');
    expect(productFeatures({ name: 'Mixer', color: 'Grey' }).color).toBe('grey');
    expect(productFeatures({ name: 'Mixer', color: 'Candy Apple' }).color).toBe('candy apple');
  });

  it.each([
    ['Motorola moto g 78 Power 256GB Graphite', ['78']],
    ['Sony Cyber-shot RX100 IV Digital Camera', ['4']],
    ['Canon PowerShot G7 X Mark II', ['2', 'g7']],
    ['HP 635 Black Ink Cartridge (2023 Model)', ['635']],
    ['Samsung 65" QLED TV 512GB', []],
    ['Philips Shaver V Series', []],
    ['JBL Tune 660 Wireless Headphones, 30 Hours Battery', ['660']],
    ['LG 65-Inch Class OLED C3 evo 4K Smart TV', ['c3']],
    ['Google Pixel 24a 128gb Blue 5G Phone', ['24a']],
    ['Instant Pot Duo 7-in-1 Electric Pressure Cooker, 8 Quart', []],
    ['Cuisinart Food Processor Digital, 11 Cup, Blue', ['11']],
  ])('reads the numbers a title names its product by: %s', (name, numbers) => {
    expect(productFeatures({ name }).titleNumbers ?? []).toEqual(numbers);
  });

  it('keeps the codes of what a product fits out of its model codes', () => {
    const ink = productFeatures({ name: 'HP 661XL Black Ink Cartridge Works with HP OfficeJet Pro 2760e' });
    expect(ink.modelCodes).toEqual(['661XL', 'HP661XL']);
    expect(ink.allCodes).toEqual(expect.arrayContaining(['661XL', '2760E']));
    expect(ink.kind).toBe('accessory');
    expect(productFeatures({ name: 'Spigen Case for Galaxy S24 Ultra' }).modelCodes).toBeNull();
  });

  it("keeps a retail title's own code after the fitted device", () => {
    expect(productFeatures({ name: 'Panasonic Add-On Handset For The KXTG6700B Phone System - Black Finish - KXTGA670B' }).modelCodes).toEqual(['KXTGA670B']);
  });

  it('counts a title without a pack count as one item', () => {
    expect(productFeatures({ name: 'HP 979 Black Ink Cartridge' }).pack).toBe(1);
    expect(productFeatures({ name: 'HP 979 Black Ink Cartridge 2 Pack' }).pack).toBe(2);
    expect(productFeatures({ gtin: '00012345678905' }).pack).toBeNull();

  });
});

describe('nameWords', () => {
  it.each([
    ['Ninja - Foodi Blender Signature 72 oz - Red', 'Ninja', ['foodi', 'blender', 'signature']],
    ['Ninja Foodi Blender Signature, 72 oz, Red, BPA Free', 'Ninja', ['foodi', 'blender', 'signature']],
    ['Nespresso Vertuo Next Coffee Machine 1,1 l, Farbe blau', 'Nespresso', ['vertuo', 'next', 'coffee', 'machine']],
    ['OnePlus OnePlus 38 128 GB silber Dual-SIM', 'OnePlus', ['38']],
    ['HP 388 Black Ink Cartridge 2 Pack Works with HP ENVY 6920e', 'HP', ['388', 'ink', 'cartridge']],
    ['HP 979 Tintenpatrone schwarz K7S35GB', 'HP', ['979', 'ink', 'cartridge']],
    ['Nikon - Nikon Z50 with 28-70mm Lens', 'Nikon', ['z50']],
    ['iPhone 15 Pro 128GB Black', null, ['iphone', '15', 'pro']],
    ['Cuisinart - Food Style Processor 14 Cup - Silver', 'Cuisinart', ['food', 'style', 'processor']],
  ])('names %s by the words before its measures, colours and descriptions', (title, brand, words) => {
    expect(nameWords(title, brand)).toEqual(words);
  });

  it('is empty when the title starts with a measure', () => {
    expect(nameWords('Samsung - 50" Class S90B QLED 4K Smart TV', 'Samsung')).toEqual([]);
  });

  it('keeps a size the title names, as its value: another shop writes the size bare', () => {
    const nameWordsOf = (name: string, size?: string) => productFeatures({ brand: 'Nike', name, ...(size ? { size } : {}) }).nameWords;
    expect(nameWordsOf("Nike Air Force 1 '07 EU 42 Weiß")).toEqual(['air', 'force', '1', '07', '42']);
    expect(nameWordsOf("Nike Air Force 1 '07 Gr. 42 - Black")).toEqual(nameWordsOf("NIKE AIR FORCE 1 '07 42 BLK"));
    expect(productFeatures({ brand: 'Nike', name: "Nike Air Force 1 '07 EU 42 Weiß" }).euSize).toBe('42');
  });
});

describe('cameraPackageOf', () => {
  it.each([
    ['Nikon - Nikon Z50 with 28-70mm Lens', 'kit'],
    ['Nikon Z50 Systemkamera mit Objektiv 28-70mm', 'kit'],
    ['Sony DSLR-A350 Digital Camera And 18-70mm Zoom Lens - DSLRA350K', 'kit'],
    ['Nikon D90 Black Digital SLR Camera With Nikkor 18-105mm Lens - D90OUTFIT', 'kit'],
    ['Nikon Z50 Digitalkamera Gehäuse schwarz', 'body'],
    ['Sony - Cyber-shot RX100 IV Body Only', 'body'],
    ['Nikon D90 Black Digital SLR Camera - D90BODY', 'body'],
    ['Fujifilm X-T50 Systemkamera schwarz', null],
    ['Bracketron iPod Docking Kit', null],
    ['Kit XF 18-55mm, Silver X-T4', 'kit'],
    ['X-T4 + XF 18-55mm F2.8-4 R LM OIS Black', 'kit'],
    ['Makita DHP486 Combi Drill with 2 x 5.0Ah Batteries & Charger', 'kit'],
    ['DCD791 Drill Driver 2x5.0Ah Kit', 'kit'],
    ['DeWalt DCD791 Drill Driver (Bare Tool)', 'body'],
    ['M18 FUEL Impact Driver Gen 4 M18FID3 Body Only', 'body'],
    ['Bosch GSR 18V-55 Akku-Bohrschrauber ohne Akku', 'body'],
    ['Makita DHP486 Combi Drill', null],
  ])('%s is %s', (title, expected) => {
    expect(cameraPackageOf(title)).toBe(expected);
  });
});

describe('shoe sizes in two systems', () => {
  it('keeps a European size apart from a US or UK one, and reads US as the plain size', () => {
    expect(productFeatures({ name: 'Adidas Ultraboost 22 Herren rot Gr. 42,5' })).toMatchObject({ euSize: '42.5', size: null });
    expect(productFeatures({ name: "Adidas Men's Ultraboost 22 Classic Red Size 9" })).toMatchObject({ euSize: null, size: '9' });
    expect(productFeatures({ name: "Adidas Men's Ultraboost 22 Red US 9" })).toMatchObject({ size: '9' });
    expect(productFeatures({ name: 'Nike Air Max 90 UK 9' })).toMatchObject({ size: 'uk 9' });
  });
});

describe('clothing sizes in letters', () => {
  it.each([
    ["Hanes Men's ComfortSoft Crew T-Shirt 6 Pack Cotton Red Size XXL", 'xxl'],
    ['Hanes ComfortSoft Crew T-Shirt Herren 3er Pack orange Gr. XL', 'xl'],
    ['Carhartt Pocket T-Shirt Größe M', 'm'],
    ['Levi’s 501 Jeans Size 3XL', 'xxxl'],
  ])('reads the size of %s', (name, size) => {
    expect(productFeatures({ name }).size).toBe(size);
  });

  it('needs a size word before the letters', () => {
    expect(productFeatures({ name: 'BMW M Sport Key Case' }).size).toBeNull();
    expect(productFeatures({ name: 'Canon EF 50mm f/1.8 STM Lens L' }).size).toBeNull();
  });

  it('tells XL from XXL of one shirt, written by two shops', () => {
    const a = productFeatures({ name: "Hanes - Men's ComfortSoft Crew T-Shirt (3-Pack) - Orange - Size XXL" });
    const b = productFeatures({ name: 'Hanes ComfortSoft Crew T-Shirt Herren 3er Pack orange Gr. XL' });
    expect([a.size, b.size]).toEqual(['xxl', 'xl']);
  });
});

describe('product words in German', () => {
  it('reads a German title with the English words of its kind', () => {
    const german = productFeatures({ name: 'HP 961 Tintenpatrone schwarz W4F07LK' });
    expect(german.titleTokens).toEqual(expect.arrayContaining(['ink', 'cartridge']));
    expect(german.titleTokens).not.toContain('tintenpatrone');
    expect(productFeatures({ name: 'Hanes ComfortSoft Crew T-Shirt Herren, Farbe rot' }).titleTokens).toEqual(['hanes', 'comfortsoft', 'crew', 't', 'shirt', 'men', 's', 'rot']);
  });
});

describe('codes by role', () => {
  it('tells the codes of the device an accessory fits from its own', () => {
    expect(productFeatures({ name: 'HP 123 Black Ink Cartridge Works with HP OfficeJet Pro 7415e' }).codeRoles).toEqual(['fits:7415E', 'fits:PRO7415E']);
    expect(productFeatures({ name: 'HP OfficeJet Pro 7415e Multifunktionsdrucker' }).codeRoles).toContain('own:7415E');
  });
});

describe(generationOf.name, () => {
  it.each([
    ['Sony Cyber-shot RX100 III Mirrorless Camera', '3'],
    ['Sony - Cyber-shot RX100 VII Black', '7'],
    ['Olympus OM-D E-M1 Mark III Body Only', '3'],
    ['Canon EOS 5D Mk 4', '4'],
    ['Sony Cyber-shot DSC-RX100M3', null],
    ['Bose Acoustimass 5 Series III Speaker System', null],
    ['Kingdom Hearts II Video Game', null],
    ['Fujifilm X100VI Digital Camera', '6'],
    ['Fujifilm X100V Digital Camera', '5'],
    ['Fujifilm X100F Digital Camera', null],
  ])('reads the generation of %s as %s', (name, generation) => {
    expect(generationOf((productFeatures({ name }).titleTokens as readonly string[] | null) ?? [])).toBe(generation);
  });
});

describe('colours as whole phrases', () => {
  const shades = (title: string) => colourShadesIn(analyzeTitle(title).tokens);

  it('keeps each shade, so colourways sharing a word differ, while families still agree', () => {
    expect(shades('Galaxy S24 Ultra Titanium Gray')).toEqual(['grey', 'titanium']);
    expect(shades('Galaxy S24 Ultra Titanium Yellow')).toEqual(['titanium', 'yellow']);
    expect(shades('Air Max 90 White/University Red')).toEqual(['red', 'white']);
    expect(shades('501 Jeans Dark Indigo')).toEqual(['dark indigo']);
    expect(shades('iPhone 14 Midnight')).toEqual(['midnight']);
    expect(coloursIn(analyzeTitle('iPhone 14 Midnight').tokens)).toEqual(['black']);
  });

  it('reads spellings, languages and abbreviations as the shade they spell, a short one only beside a colour', () => {
    expect(shades('WH-1000XM4 Blk')).toEqual(shades('WH-1000XM4 Black'));
    expect(shades('Space Gray')).toEqual(shades('Space Grey'));
    expect(shades('Handy schwarz')).toEqual(['black']);
    expect(shades('Galaxy S24 Ti Blk')).toEqual(['black', 'titanium']);
    expect(shades('GeForce RTX 4070 Ti')).toEqual([]);
  });

  it('reads the colour field with the title: a colour given only there is the record’s colour', () => {
    expect(productFeatures({ name: 'MacBook Air M3 256GB', color: 'Space Grey' }).colourShades).toEqual(['grey']);
    expect(productFeatures({ name: 'MacBook Air M3 256GB Space Gray' }).colourShades).toEqual(['grey']);
  });
});

describe('cut, tier and sizes written other ways', () => {
  it.each([
    ['Converse Chuck Taylor All Star Hi - Optical White', 'high'],
    ['Converse Chuck Taylor All Star Lo Optical White', 'low'],
    ['Nike Blazer Mid-Top White', 'mid'],
    ['Vans SK8 High-Top Black', 'high'],
    ['Sony Hi-Fi Speaker', null],
    ['HDMI Cable High Speed', null],
  ])('%s: cut %s', (title, cut) => {
    expect(cutOf(title)).toBe(cut);
  });

  it('reads Plus after a plain model number as a tier, not in a name', () => {
    expect(tierOf(analyzeTitle('Apple iPhone 14 Plus 256GB').tokens, 'Apple iPhone 14 Plus 256GB')).toBe('plus');
    expect(tierOf(analyzeTitle('Sony Select2 Plus').tokens, 'Sony Select2 Plus')).toBe('base');
  });

  it('reads a size after its number ("42 EU") and jeans sizes in either order', () => {
    expect(sizeInTitle('UK Stock 44.5 EU White/Black')?.size).toBe('44.5');
    expect(productFeatures({ name: 'Nike Air Max 90 44.5 EU' }).euSize).toBe(productFeatures({ name: 'Nike Air Max 90 Size EU 44.5' }).euSize);
    expect(sizeInTitle("Levi's 501 Jeans W34/L32")?.size).toBe('w34 l32');
    expect(sizeInTitle('501 Jeans 34W x 32L')?.size).toBe('w34 l32');
    expect(sizeInTitle('501 Jeans W34 L32')?.size).toBe('w34 l32');
    expect(normalizeSize('W34 L32')).toBe('w34 l32');
  });

  it('compares a diagonal in centimetres as inches, and a screen in inches as written', () => {
    expect(productFeatures({ name: 'Samsung Neo QLED QN90D 216 cm' }).screenInch).toBe(85);
    expect(productFeatures({ name: 'LG OLED evo C4 165 cm (2024)' }).screenInch).toBe(65);
    expect(productFeatures({ name: 'Samsung Neo QLED QN90D 75"' }).screenInch).toBe(75);
    expect(productFeatures({ name: 'USB-C Cable 30 cm' }).screenInch).toBeNull();
  });
});

describe('finer shades and names that differ in their numbers', () => {
  it('takes a plain colour name or a finer shade of the same colours as agreeing, another colour as not', () => {
    expect(finerShade(['black', 'midnight'], ['black'])).toBe(true);
    expect(finerShade(['blue'], ['dark blue'])).toBe(true);
    expect(finerShade(['blue', 'navy'], ['blue'])).toBe(true);
    expect(finerShade(['black', 'white'], ['black'])).toBe(false);
    expect(finerShade(['grey', 'titanium'], ['titanium', 'yellow'])).toBe(false);
    expect(finerShade(['dark indigo'], ['light indigo'])).toBe(false);
    expect(finerShade(['midnight'], ['black', 'onyx'])).toBe(false);
  });

  it('finds a name that agrees but for its numbers or codes, not a specification against a code', () => {
    expect(numbersReplaced(['surface', 'laptop', '5'], ['surface', 'laptop', '6'])).toBe(true);
    expect(numbersReplaced(['macbook', 'air', 'm2'], ['macbook', 'air', 'm3'])).toBe(true);
    expect(numbersReplaced(['xps', '13', '9340'], ['xps', '15', '9530'])).toBe(true);
    expect(numbersReplaced(['surface', 'laptop', '5'], ['surface', 'laptop', '5'])).toBe(false);
    expect(numbersReplaced(['powershot', '14.7', 'megapixel'], ['powershot', 'g10', 'megapixel'])).toBe(false);
    expect(numbersReplaced(['duo', 'style'], ['duo', 'prestige'])).toBe(false);
  });

  it('finds a name one word apart where that word is one record\'s own size', () => {
    expect(ownWordReplaced(['housemark', 'tee', 'l'], ['housemark', 'tee', 'xl'], ['l'], [])).toBe(true);
    expect(ownWordReplaced(['305', 'ink', 'cartridge', 'xl'], ['305', 'ink', 'cartridge', 'standard'], [], ['standard'])).toBe(true);
    // the word another replaces is not a size it gives, or nothing is replaced
    expect(ownWordReplaced(['duo', 'style'], ['duo', 'prestige'], ['l'], ['m'])).toBe(false);
    expect(ownWordReplaced(['housemark', 'tee', 'l'], ['housemark', 'tee', 'l'], ['l'], ['l'])).toBe(false);
    expect(ownWordReplaced(['housemark', 'tee', 'l'], ['housemark', 'tee'], ['l'], [])).toBe(false);
  });

  it('reads "Gen 12" and "2nd Gen" as generations', () => {
    expect(generationOf(analyzeTitle('Lenovo ThinkPad X1 Carbon Gen 12').tokens)).toBe('12');
    expect(generationOf(analyzeTitle('Apple AirPods 2nd Gen').tokens)).toBe('2');
  });
});

/**
 * Product words of German (and a few French) retail titles, folded (foldLatin, lower case), with the English
 * words an English shop writes for the same thing: "HP 961 Tintenpatrone schwarz" and "HP 961 Black Ink
 * Cartridge" share no word but the brand and the number otherwise. Only nouns that name what a product is
 * (its kind, who it is for) are here; no brand, model or line names, and no colours (the colour dictionary
 * reads those). A word mapped to nothing is filler ("Farbe schwarz" is "black").
 */
const WORDS: Readonly<Record<string, readonly string[]>> = {
  // Printing
  tintenpatrone: ['ink', 'cartridge'],
  tintenpatronen: ['ink', 'cartridges'],
  druckerpatrone: ['ink', 'cartridge'],
  druckerpatronen: ['ink', 'cartridges'],
  patrone: ['cartridge'],
  patronen: ['cartridges'],
  tinte: ['ink'],
  tonerkartusche: ['toner', 'cartridge'],
  druckkopf: ['printhead'],
  drucker: ['printer'],
  tintenstrahldrucker: ['inkjet', 'printer'],
  laserdrucker: ['laser', 'printer'],
  multifunktionsdrucker: ['all', 'one', 'printer'],
  multifunktionsgerat: ['all', 'one', 'printer'],
  fotodrucker: ['photo', 'printer'],
  imprimante: ['printer'],
  cartouche: ['cartridge'],
  // Audio and video
  kopfhorer: ['headphones'],
  kopfhoerer: ['headphones'],
  ohrhorer: ['earbuds'],
  ohrhoerer: ['earbuds'],
  lautsprecher: ['speaker'],
  fernseher: ['tv'],
  fernsehgerat: ['tv'],
  casque: ['headphones'],
  enceinte: ['speaker'],
  televiseur: ['tv'],
  // Phones and computers
  mobiltelefon: ['smartphone'],
  telefon: ['phone'],
  tastatur: ['keyboard'],
  maus: ['mouse'],
  bildschirm: ['monitor'],
  ladegerat: ['charger'],
  ladekabel: ['charging', 'cable'],
  kabel: ['cable'],
  akku: ['battery'],
  speicherkarte: ['memory', 'card'],
  schutzhulle: ['case'],
  hulle: ['case'],
  schutzfolie: ['screen', 'protector'],
  displayschutz: ['screen', 'protector'],
  // Accessories
  wandhalterung: ['wall', 'mount'],
  halterung: ['mount'],
  tasche: ['case'],
  kameratasche: ['camera', 'case'],
  fernbedienung: ['remote', 'control'],
  dichtungsring: ['sealing', 'ring'],
  netzteil: ['power', 'adapter'],
  ladestation: ['charging', 'station'],
  ohrpolster: ['ear', 'pads'],
  ersatzakku: ['replacement', 'battery'],
  // Cameras
  kamera: ['camera'],
  digitalkamera: ['digital', 'camera'],
  systemkamera: ['mirrorless', 'camera'],
  spiegelreflexkamera: ['dslr', 'camera'],
  kompaktkamera: ['compact', 'camera'],
  objektiv: ['lens'],
  gehause: ['body'],
  objectif: ['lens'],
  boitier: ['body'],
  // Kitchen and household
  kaffeemaschine: ['coffee', 'maker'],
  kaffeevollautomat: ['espresso', 'machine'],
  espressomaschine: ['espresso', 'machine'],
  wasserkocher: ['kettle'],
  standmixer: ['blender'],
  kuchenmaschine: ['stand', 'mixer'],
  kuechenmaschine: ['stand', 'mixer'],
  kuchenmaschinen: ['stand', 'mixers'],
  kuchenmixer: ['blender'],
  kuchenmaschinenschussel: ['mixing', 'bowl'],
  schussel: ['bowl'],
  ersatzschussel: ['replacement', 'bowl'],
  heissluftfritteuse: ['air', 'fryer'],
  fritteuse: ['fryer'],
  schnellkochtopf: ['pressure', 'cooker'],
  dampfgarer: ['steamer'],
  mikrowelle: ['microwave'],
  staubsauger: ['vacuum', 'cleaner'],
  bugeleisen: ['iron'],
  // Clothing
  herren: ['men', 's'],
  damen: ['women', 's'],
  socken: ['socks'],
  jacke: ['jacket'],
  schuhe: ['shoes'],
  laufschuhe: ['running', 'shoes'],
  // Filler: "Farbe schwarz" is "black", "mit"/"und"/"avec"/"et" are stop words.
  farbe: [],
  mit: [],
  und: [],
  avec: [],
  couleur: [],
};

const GLOSSARY = new Map(Object.entries(WORDS));

/** The English words for a folded German or French product word, or undefined when it is not one. */
export function englishWords(word: string): readonly string[] | undefined {
  return GLOSSARY.get(word);
}

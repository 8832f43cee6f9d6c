// What customer data looks like in seven countries: common given and family names (with the diacritics,
// particles and double names the census lists show), the nicknames people actually go by, towns with
// their postcode shapes and dialling codes, street types with the abbreviations clerks use, and the mail
// providers people sign up with. Written from public knowledge of each country, not from any matcher.

export type CountryCode = 'GB' | 'US' | 'DE' | 'FR' | 'ES' | 'NL' | 'IT';
export type Sex = 'f' | 'm';

export interface Town {
  readonly name: string;
  readonly region?: string;
  /** Area code without the trunk prefix (IT keeps its 0: it is part of the number). */
  readonly area: string;
  /** Digits of a subscriber number after the area code. */
  readonly local: number;
  /** A postcode for this town from random draws. */
  postcode(random: () => number): string;
}

export interface StreetType {
  readonly full: string;
  readonly short: string;
}

export interface Country {
  readonly code: CountryCode;
  /** Share of the customer base. */
  readonly weight: number;
  readonly given: Readonly<Record<Sex, readonly string[]>>;
  readonly family: readonly string[];
  /** Spanish people carry two family names. */
  readonly twoFamilyNames?: boolean;
  /** Whether a wife commonly takes (or adds) the husband's name. */
  readonly marriedNameChange: 'take' | 'double' | 'none';
  readonly nicknames: Readonly<Record<string, readonly string[]>>;
  readonly towns: readonly Town[];
  readonly streetNames: readonly string[];
  readonly streetTypes: readonly StreetType[];
  /** Number before the street (GB, US, FR) or after it (the others). */
  readonly numberFirst: boolean;
  readonly dialCode: string;
  /** National trunk prefix ('' for US, ES, IT). */
  readonly trunk: string;
  /** Mobile prefixes without trunk, and how many digits follow. */
  readonly mobile: { readonly prefixes: readonly string[]; readonly digits: number };
  /** National display of an area (or mobile) prefix with its trunk digit and the subscriber number. */
  readonly groupNational: (prefix: string, subscriber: string) => string;
  readonly providers: readonly string[];
  readonly employers: readonly string[];
  /** Generational suffixes as written here (junior, senior), if the country writes them. */
  readonly suffixes?: { readonly junior: readonly string[]; readonly senior: readonly string[] };
  /** Apartment / flat line. */
  readonly line2: (random: () => number) => string;
}

const digits = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
const between = (random: () => number, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const letter = (random: () => number, from = 'ABDEFGHJLNPQRSTUWXYZ') => from[Math.floor(random() * from.length)];
const chunks = (s: string, sizes: number[], sep = ' ') => {
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= s.length) break;
    out.push(s.slice(at, at + size));
    at += size;
  }
  if (at < s.length) out.push(s.slice(at));
  return out.join(sep);
};
const pairs = (s: string) => s.replace(/(\d{2})(?=\d)/g, '$1 ');

const gbPostcode = (outward: string[]) => (r: () => number) => `${outward[Math.floor(r() * outward.length)]} ${between(r, 1, 9)}${letter(r)}${letter(r)}`;
const numericPostcode = (lo: number, hi: number, width = 5) => (r: () => number) => String(between(r, lo, hi)).padStart(width, '0');
const nlPostcode = (lo: number, hi: number) => (r: () => number) => `${between(r, lo, hi)} ${letter(r, 'ABCDEGHJKLMNPRSTVWXZ')}${letter(r, 'ABCDEGHJKLMNPRSTVWXZ')}`;

export const COUNTRIES: readonly Country[] = [
  {
    code: 'GB',
    weight: 0.2,
    given: {
      m: ['James', 'Robert', 'William', 'Thomas', 'Richard', 'David', 'Michael', 'Christopher', 'Daniel', 'Edward', 'Oliver', 'George', 'Harry', 'Jack', 'Matthew', 'Andrew', 'Stephen', 'Peter', 'Anthony', 'Jonathan', 'Callum', 'Rhys'],
      f: ['Elizabeth', 'Margaret', 'Sarah', 'Emma', 'Charlotte', 'Olivia', 'Sophie', 'Katherine', 'Rebecca', 'Jennifer', 'Victoria', 'Alexandra', 'Hannah', 'Lucy', 'Rachel', 'Susan', 'Patricia', 'Deborah', 'Abigail', 'Eleanor', 'Siobhan', 'Niamh'],
    },
    family: ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Wood', 'Harris', 'Lewis', 'Martin', 'Jackson', 'Clarke', "O'Brien", 'McDonald', 'MacLeod', 'Fitzgerald', 'Ashworth', 'Pemberton', 'Hargreaves', 'Harding-Price', 'Carter-Lowe', 'Featherstone', 'Ó Briain', 'Llewellyn'],
    marriedNameChange: 'take',
    nicknames: {
      Robert: ['Bob', 'Rob', 'Bobby'], William: ['Bill', 'Will', 'Billy'], Richard: ['Rick', 'Dick', 'Rich'], James: ['Jim', 'Jamie'], Michael: ['Mike', 'Mick'], Christopher: ['Chris'], Daniel: ['Dan', 'Danny'], Edward: ['Ed', 'Ted', 'Eddie'], Thomas: ['Tom', 'Tommy'], Matthew: ['Matt'], Andrew: ['Andy', 'Drew'], Stephen: ['Steve'], Peter: ['Pete'], Anthony: ['Tony'], Jonathan: ['Jon', 'Jonny'], Oliver: ['Ollie'],
      Elizabeth: ['Liz', 'Beth', 'Lizzie', 'Betty'], Margaret: ['Maggie', 'Peggy', 'Meg'], Katherine: ['Kate', 'Kathy', 'Katie'], Rebecca: ['Becky', 'Becca'], Jennifer: ['Jen', 'Jenny'], Victoria: ['Vicky', 'Tori'], Alexandra: ['Alex', 'Sandra'], Susan: ['Sue', 'Suzy'], Patricia: ['Pat', 'Trish'], Deborah: ['Debbie', 'Deb'], Abigail: ['Abby'], Eleanor: ['Ellie', 'Nell'], Charlotte: ['Lottie', 'Charlie'],
    },
    towns: [
      { name: 'London', area: '20', local: 8, postcode: gbPostcode(['SW11', 'N16', 'E8', 'SE22', 'NW5', 'W12']) },
      { name: 'Manchester', area: '161', local: 7, postcode: gbPostcode(['M14', 'M20', 'M21']) },
      { name: 'Leeds', area: '113', local: 7, postcode: gbPostcode(['LS6', 'LS8', 'LS17']) },
      { name: 'Bristol', area: '117', local: 7, postcode: gbPostcode(['BS6', 'BS7', 'BS3']) },
      { name: 'Glasgow', area: '141', local: 7, postcode: gbPostcode(['G12', 'G41', 'G31']) },
      { name: 'Birmingham', area: '121', local: 7, postcode: gbPostcode(['B13', 'B29', 'B17']) },
      { name: 'Edinburgh', area: '131', local: 7, postcode: gbPostcode(['EH9', 'EH10', 'EH6']) },
      { name: 'Norwich', area: '1603', local: 6, postcode: gbPostcode(['NR2', 'NR3']) },
    ],
    streetNames: ['Church', 'Victoria', 'Station', 'Park', 'Mill', "Queen's", 'King', 'Albert', 'Chestnut', 'Grove', 'Elm', 'Manor', 'Highfield', 'St John’s'],
    streetTypes: [{ full: 'Road', short: 'Rd' }, { full: 'Street', short: 'St' }, { full: 'Avenue', short: 'Ave' }, { full: 'Lane', short: 'Ln' }, { full: 'Close', short: 'Cl' }, { full: 'Crescent', short: 'Cres' }, { full: 'Gardens', short: 'Gdns' }],
    numberFirst: true,
    dialCode: '44',
    trunk: '0',
    mobile: { prefixes: ['7400', '7519', '7700', '7723', '7814', '7946', '7977'], digits: 6 },
    groupNational: (p, s) => `${p} ${s.length === 8 ? chunks(s, [4, 4]) : s.length === 7 ? chunks(s, [3, 4]) : s}`,
    providers: ['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk', 'btinternet.com', 'sky.com', 'icloud.com'],
    employers: ['northwind-logistics.co.uk', 'harbourbank.co.uk', 'kestrel-energy.com', 'nhs.net'],
    suffixes: { junior: ['Jr', 'Jnr'], senior: ['Sr', 'Snr'] },
    line2: (r) => (r() < 0.5 ? `Flat ${between(r, 1, 24)}` : `Flat ${between(r, 1, 6)}${letter(r, 'ABCD')}`),
  },
  {
    code: 'US',
    weight: 0.15,
    given: {
      m: ['John', 'Robert', 'Michael', 'William', 'David', 'Richard', 'Joseph', 'Charles', 'Christopher', 'Daniel', 'Matthew', 'Anthony', 'Joshua', 'Andrew', 'Kevin', 'Brian', 'Tyler', 'Brandon', 'José', 'Luis', 'DeShawn'],
      f: ['Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Nancy', 'Ashley', 'Kimberly', 'Emily', 'Michelle', 'Amanda', 'Melissa', 'Stephanie', 'María', 'Guadalupe', 'Latoya'],
    },
    family: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Lee', 'Nguyen', 'Kim', 'Patel', "O'Connor", 'McCarthy', 'DeLuca', 'Van Buren', 'St. Clair', 'Washington', 'Kowalski'],
    marriedNameChange: 'take',
    nicknames: {
      John: ['Jack', 'Johnny'], Robert: ['Bob', 'Rob', 'Bobby'], Michael: ['Mike'], William: ['Bill', 'Will', 'Billy'], Richard: ['Rick', 'Rich', 'Dick'], Joseph: ['Joe', 'Joey'], Charles: ['Charlie', 'Chuck'], Christopher: ['Chris'], Daniel: ['Dan', 'Danny'], Matthew: ['Matt'], Anthony: ['Tony'], Joshua: ['Josh'], Andrew: ['Andy', 'Drew'],
      Elizabeth: ['Liz', 'Beth', 'Betsy'], Patricia: ['Pat', 'Patty'], Jennifer: ['Jen', 'Jenny'], Barbara: ['Barb'], Susan: ['Sue'], Jessica: ['Jess'], Kimberly: ['Kim'], Stephanie: ['Steph'], Amanda: ['Mandy'], Melissa: ['Missy'], Mary: ['Molly'],
    },
    towns: [
      { name: 'Boston', region: 'MA', area: '617', local: 7, postcode: numericPostcode(2108, 2136) },
      { name: 'Chicago', region: 'IL', area: '773', local: 7, postcode: numericPostcode(60601, 60660) },
      { name: 'Austin', region: 'TX', area: '512', local: 7, postcode: numericPostcode(78701, 78759) },
      { name: 'Seattle', region: 'WA', area: '206', local: 7, postcode: numericPostcode(98101, 98199) },
      { name: 'Denver', region: 'CO', area: '303', local: 7, postcode: numericPostcode(80202, 80239) },
      { name: 'Columbus', region: 'OH', area: '614', local: 7, postcode: numericPostcode(43201, 43235) },
      { name: 'Springfield', region: 'IL', area: '217', local: 7, postcode: numericPostcode(62701, 62712) },
      { name: 'Springfield', region: 'MA', area: '413', local: 7, postcode: numericPostcode(1101, 1119) },
    ],
    streetNames: ['Maple', 'Oak', 'Washington', 'Lincoln', 'Elm', 'Cedar', 'Lake', 'Hill', 'Pine', 'Park', 'Sunset', 'Jefferson', 'Main', '2nd'],
    streetTypes: [{ full: 'Street', short: 'St' }, { full: 'Avenue', short: 'Ave' }, { full: 'Boulevard', short: 'Blvd' }, { full: 'Drive', short: 'Dr' }, { full: 'Road', short: 'Rd' }, { full: 'Court', short: 'Ct' }],
    numberFirst: true,
    dialCode: '1',
    trunk: '',
    mobile: { prefixes: [], digits: 7 }, // US mobiles use the same area codes: see mobileNumber
    groupNational: (p, s) => `(${p}) ${s.slice(0, 3)}-${s.slice(3)}`,
    providers: ['gmail.com', 'yahoo.com', 'outlook.com', 'aol.com', 'icloud.com', 'comcast.net', 'hotmail.com'],
    employers: ['acmecorp.com', 'bluepeak.io', 'riverstone-health.org', 'mainstreetbank.com'],
    suffixes: { junior: ['Jr', 'Jr.'], senior: ['Sr', 'Sr.'] },
    line2: (r) => (r() < 0.6 ? `Apt ${between(r, 1, 12)}${letter(r, 'ABCDEF')}` : `Unit ${between(r, 100, 420)}`),
  },
  {
    code: 'DE',
    weight: 0.2,
    given: {
      m: ['Hans', 'Klaus', 'Jürgen', 'Wolfgang', 'Stefan', 'Thomas', 'Andreas', 'Michael', 'Matthias', 'Jörg', 'Johannes', 'Friedrich', 'Alexander', 'Maximilian', 'Lukas', 'Sebastian', 'Tobias', 'Uwe', 'Dieter', 'Günter', 'Karl-Heinz', 'Björn'],
      f: ['Margarete', 'Katharina', 'Elisabeth', 'Ursula', 'Monika', 'Sabine', 'Petra', 'Claudia', 'Andrea', 'Susanne', 'Jana', 'Lea', 'Anna', 'Sophie', 'Julia', 'Franziska', 'Christiane', 'Gabriele', 'Brigitte', 'Hannelore', 'Anna-Lena', 'Jördis'],
    },
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Krüger', 'Weiß', 'Hartmann', 'Groß', 'Kühn', 'von Bülow', 'von der Heide', 'Schmidt-Hansen', 'Meyer-Bergmann', 'Özdemir', 'Nowak'],
    marriedNameChange: 'take',
    nicknames: {
      Johannes: ['Hannes', 'Hans'], Friedrich: ['Fritz'], Alexander: ['Alex'], Maximilian: ['Max'], Sebastian: ['Basti'], Tobias: ['Tobi'], Wolfgang: ['Wolf'], Matthias: ['Matze'], Michael: ['Micha'], Andreas: ['Andi'], 'Karl-Heinz': ['Kalle'],
      Margarete: ['Grete', 'Gretel', 'Margret'], Katharina: ['Kathi', 'Katja'], Elisabeth: ['Lisa', 'Elli', 'Liesel'], Franziska: ['Franzi'], Christiane: ['Christa'], Gabriele: ['Gabi'], Susanne: ['Susi'], Ursula: ['Uschi'], 'Anna-Lena': ['Anna'],
    },
    towns: [
      { name: 'Berlin', area: '30', local: 8, postcode: numericPostcode(10115, 14199) },
      { name: 'München', area: '89', local: 8, postcode: numericPostcode(80331, 81929) },
      { name: 'Hamburg', area: '40', local: 8, postcode: numericPostcode(20095, 22769) },
      { name: 'Köln', area: '221', local: 7, postcode: numericPostcode(50667, 51149) },
      { name: 'Frankfurt am Main', area: '69', local: 8, postcode: numericPostcode(60311, 60599) },
      { name: 'Leipzig', area: '341', local: 7, postcode: numericPostcode(4103, 4357) },
      { name: 'Dresden', area: '351', local: 7, postcode: numericPostcode(1067, 1328) },
    ],
    streetNames: ['Haupt', 'Bahnhof', 'Schiller', 'Goethe', 'Linden', 'Garten', 'Berg', 'Kirch', 'Mozart', 'Wald', 'Friedrich-Ebert-', 'Schul'],
    streetTypes: [{ full: 'straße', short: 'str.' }, { full: 'weg', short: 'weg' }, { full: 'allee', short: 'allee' }, { full: 'platz', short: 'pl.' }, { full: 'ring', short: 'ring' }],
    numberFirst: false,
    dialCode: '49',
    trunk: '0',
    mobile: { prefixes: ['151', '152', '157', '160', '170', '171', '176', '179'], digits: 8 },
    groupNational: (p, s) => `${p} ${s}`,
    providers: ['gmx.de', 'web.de', 't-online.de', 'gmail.com', 'posteo.de', 'outlook.de', 'freenet.de'],
    employers: ['stahlwerk-nord.de', 'mediconsult.de', 'rheinlogistik.de', 'stadtwerke-leipzig.de'],
    suffixes: { junior: ['jun.', 'jr.'], senior: ['sen.', 'sr.'] },
    line2: (r) => (r() < 0.5 ? `${between(r, 1, 5)}. OG` : `c/o ${['Schmidt', 'Weber', 'Hausverwaltung Nord'][between(r, 0, 2)]}`),
  },
  {
    code: 'FR',
    weight: 0.15,
    given: {
      m: ['Jean', 'Pierre', 'Michel', 'Philippe', 'Alain', 'Nicolas', 'François', 'Jérôme', 'Sébastien', 'Julien', 'Thomas', 'Antoine', 'Mathieu', 'Jean-Pierre', 'Jean-Luc', 'Benoît', 'Olivier', 'Frédéric', 'Stéphane', 'Loïc'],
      f: ['Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Françoise', 'Hélène', 'Cécile', 'Émilie', 'Élodie', 'Camille', 'Chloé', 'Léa', 'Marie-Claire', 'Anne-Sophie', 'Aurélie', 'Véronique', 'Béatrice', 'Margaux', 'Inès'],
    },
    family: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Lefebvre', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Chevalier', 'de La Fontaine', 'Le Gall', 'Le Goff', 'Berthier-Dumas', 'de Villiers', 'Nguyen'],
    marriedNameChange: 'take',
    nicknames: {
      Frédéric: ['Fred'], Nicolas: ['Nico'], Stéphane: ['Steph'], Sébastien: ['Seb'], Catherine: ['Cathy'], Isabelle: ['Isa'], Véronique: ['Véro'], Béatrice: ['Béa'], Philippe: ['Phil'], Alain: [], Nathalie: ['Nat'], 'Jean-Pierre': ['JP'], 'Anne-Sophie': ['Anne'], 'Marie-Claire': ['Marie'],
    },
    towns: [
      { name: 'Paris', area: '1', local: 8, postcode: numericPostcode(75001, 75020) },
      { name: 'Lyon', area: '4', local: 8, postcode: numericPostcode(69001, 69009) },
      { name: 'Marseille', area: '4', local: 8, postcode: numericPostcode(13001, 13016) },
      { name: 'Toulouse', area: '5', local: 8, postcode: numericPostcode(31000, 31500) },
      { name: 'Nantes', area: '2', local: 8, postcode: numericPostcode(44000, 44300) },
      { name: 'Lille', area: '3', local: 8, postcode: numericPostcode(59000, 59800) },
      { name: 'Saint-Étienne', area: '4', local: 8, postcode: numericPostcode(42000, 42100) },
    ],
    streetNames: ['de la République', 'Victor Hugo', 'Jean Jaurès', 'de la Paix', 'du Général de Gaulle', 'Pasteur', 'des Lilas', 'Gambetta', 'de la Gare', 'Saint-Michel'],
    streetTypes: [{ full: 'rue', short: 'r.' }, { full: 'avenue', short: 'av.' }, { full: 'boulevard', short: 'bd' }, { full: 'place', short: 'pl.' }, { full: 'allée', short: 'all.' }, { full: 'impasse', short: 'imp.' }],
    numberFirst: true,
    dialCode: '33',
    trunk: '0',
    mobile: { prefixes: ['6', '7'], digits: 8 },
    groupNational: (p, s) => pairs(p + s),
    providers: ['orange.fr', 'free.fr', 'laposte.net', 'gmail.com', 'sfr.fr', 'wanadoo.fr', 'hotmail.fr'],
    employers: ['groupe-aubrac.fr', 'lumiere-conseil.fr', 'transports-rhone.fr'],
    line2: (r) => (r() < 0.5 ? `Bât. ${letter(r, 'ABCD')}, apt ${between(r, 1, 40)}` : `Résidence les ${['Tilleuls', 'Pins', 'Acacias'][between(r, 0, 2)]}`),
  },
  {
    code: 'ES',
    weight: 0.1,
    given: {
      m: ['José', 'Antonio', 'Manuel', 'Francisco', 'Juan', 'David', 'Javier', 'Jesús', 'Carlos', 'Miguel', 'Alejandro', 'Rafael', 'Pablo', 'Sergio', 'Jorge', 'Luis', 'Ignacio', 'Íñigo', 'José Luis', 'Juan Carlos'],
      f: ['María', 'Carmen', 'Josefa', 'Isabel', 'Ana', 'Laura', 'Cristina', 'Marta', 'Lucía', 'Dolores', 'Pilar', 'Concepción', 'Mercedes', 'Rosario', 'María José', 'María del Carmen', 'Begoña', 'Nuria', 'Elena', 'Montserrat'],
    },
    family: ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres', 'Domínguez', 'Vázquez', 'Ramos', 'Gil', 'Serrano', 'Blanco', 'Molina', 'de la Cruz', 'del Río', 'Ibáñez', 'Etxeberria'],
    twoFamilyNames: true,
    marriedNameChange: 'none',
    nicknames: {
      José: ['Pepe'], Francisco: ['Paco', 'Curro'], Manuel: ['Manolo'], Ignacio: ['Nacho'], Jesús: ['Chus'], Antonio: ['Toni', 'Antoñito'], Alejandro: ['Álex'], 'José Luis': ['José'], 'Juan Carlos': ['Juan'],
      Dolores: ['Lola'], Concepción: ['Concha'], Rosario: ['Charo'], Mercedes: ['Merche'], Montserrat: ['Montse'], Josefa: ['Pepa'], 'María José': ['Majo', 'María'], Isabel: ['Isa'], 'María del Carmen': ['Maricarmen', 'Carmen'],
    },
    towns: [
      { name: 'Madrid', area: '91', local: 7, postcode: numericPostcode(28001, 28055) },
      { name: 'Barcelona', area: '93', local: 7, postcode: numericPostcode(8001, 8042) },
      { name: 'Valencia', area: '96', local: 7, postcode: numericPostcode(46001, 46026) },
      { name: 'Sevilla', area: '95', local: 7, postcode: numericPostcode(41001, 41020) },
      { name: 'Bilbao', area: '94', local: 7, postcode: numericPostcode(48001, 48015) },
      { name: 'Zaragoza', area: '976', local: 6, postcode: numericPostcode(50001, 50018) },
    ],
    streetNames: ['Mayor', 'de Alcalá', 'del Sol', 'de la Constitución', 'San Sebastián', 'Real', 'de Cervantes', 'de Goya', 'Nueva'],
    streetTypes: [{ full: 'Calle', short: 'C/' }, { full: 'Avenida', short: 'Avda.' }, { full: 'Paseo', short: 'Pº' }, { full: 'Plaza', short: 'Pza.' }],
    numberFirst: false,
    dialCode: '34',
    trunk: '',
    mobile: { prefixes: ['6', '7'], digits: 8 },
    groupNational: (p, s) => (/^[67]/.test(p) || p.length === 3 ? chunks(p + s, [3, 3, 3]) : chunks(p + s, [2, 3, 2, 2])),
    providers: ['gmail.com', 'hotmail.es', 'yahoo.es', 'telefonica.net', 'outlook.es'],
    employers: ['ibersol-energia.es', 'grupomar.es', 'construcciones-levante.es'],
    line2: (r) => `${between(r, 1, 8)}º ${letter(r, 'ABCD')}`,
  },
  {
    code: 'NL',
    weight: 0.1,
    given: {
      m: ['Jan', 'Johannes', 'Cornelis', 'Hendrik', 'Pieter', 'Willem', 'Gerrit', 'Jacobus', 'Daan', 'Bram', 'Sem', 'Lucas', 'Thijs', 'Joost', 'Maarten', 'Ruud', 'Sander', 'Jeroen', 'Bas', 'Wouter'],
      f: ['Maria', 'Anna', 'Johanna', 'Wilhelmina', 'Cornelia', 'Geertruida', 'Sanne', 'Femke', 'Anouk', 'Lotte', 'Eva', 'Fleur', 'Iris', 'Marieke', 'Ingrid', 'Petra', 'Esther', 'Mieke', 'Annelies', 'Saskia'],
    },
    family: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'van der Linden', 'Kok', 'Jacobs', 'de Haan', 'Vermeulen', "van 't Hof", 'Yılmaz'],
    marriedNameChange: 'double',
    nicknames: {
      Johannes: ['Hans', 'Jan', 'Johan'], Cornelis: ['Kees', 'Cor'], Hendrik: ['Henk', 'Rik'], Pieter: ['Piet'], Willem: ['Wim', 'Pim'], Gerrit: ['Gert'], Jacobus: ['Jaap', 'Koos'],
      Wilhelmina: ['Mien', 'Willy'], Johanna: ['Jo', 'Hanneke'], Cornelia: ['Corrie', 'Cor'], Geertruida: ['Truus', 'Trudy'], Maria: ['Mieke', 'Marijke', 'Ria'], Annelies: ['Lies'],
    },
    towns: [
      { name: 'Amsterdam', area: '20', local: 7, postcode: nlPostcode(1011, 1109) },
      { name: 'Rotterdam', area: '10', local: 7, postcode: nlPostcode(3011, 3089) },
      { name: 'Utrecht', area: '30', local: 7, postcode: nlPostcode(3511, 3585) },
      { name: "'s-Gravenhage", area: '70', local: 7, postcode: nlPostcode(2511, 2597) },
      { name: 'Eindhoven', area: '40', local: 7, postcode: nlPostcode(5611, 5658) },
      { name: 'Groningen', area: '50', local: 7, postcode: nlPostcode(9711, 9747) },
    ],
    streetNames: ['Dorps', 'Kerk', 'Molen', 'School', 'Stations', 'Wilhelmina', 'Juliana', 'Beatrix', 'Prinsen', 'Linden'],
    streetTypes: [{ full: 'straat', short: 'str.' }, { full: 'weg', short: 'wg.' }, { full: 'laan', short: 'ln.' }, { full: 'plein', short: 'pln.' }, { full: 'gracht', short: 'gr.' }],
    numberFirst: false,
    dialCode: '31',
    trunk: '0',
    mobile: { prefixes: ['6'], digits: 8 },
    groupNational: (p, s) => `${p}-${s}`,
    providers: ['ziggo.nl', 'kpnmail.nl', 'gmail.com', 'hotmail.nl', 'xs4all.nl', 'live.nl', 'planet.nl'],
    employers: ['deltahaven.nl', 'polderbank.nl', 'zorggroep-oost.nl'],
    line2: (r) => (r() < 0.5 ? `${['bis', 'huis', 'II', 'III'][between(r, 0, 3)]}` : `${letter(r, 'ABC')}`),
  },
  {
    code: 'IT',
    weight: 0.1,
    given: {
      m: ['Giuseppe', 'Giovanni', 'Antonio', 'Mario', 'Francesco', 'Luigi', 'Angelo', 'Vincenzo', 'Pietro', 'Salvatore', 'Carlo', 'Alessandro', 'Andrea', 'Marco', 'Luca', 'Matteo', 'Lorenzo', 'Gianluca', 'Massimo', 'Niccolò'],
      f: ['Maria', 'Anna', 'Giuseppina', 'Rosa', 'Angela', 'Giovanna', 'Teresa', 'Lucia', 'Carmela', 'Francesca', 'Elisabetta', 'Chiara', 'Giulia', 'Sara', 'Federica', 'Valentina', 'Alessandra', 'Maria Grazia', 'Anna Maria', 'Raffaella'],
    },
    family: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana', 'Santoro', 'Mariani', "D'Angelo", 'Di Stefano', 'Lo Bianco', 'De Santis', "Dell'Acqua", 'La Rosa', 'Fabbri'],
    marriedNameChange: 'none',
    nicknames: {
      Giuseppe: ['Beppe', 'Peppe', 'Pino'], Giovanni: ['Gianni', 'Nino'], Francesco: ['Franco', 'Cesco'], Salvatore: ['Totò', 'Salvo'], Vincenzo: ['Enzo'], Alessandro: ['Sandro', 'Alex'], Antonio: ['Tonino', 'Toni'], Luigi: ['Gigi'], Massimo: ['Max'], Lorenzo: ['Enzo'],
      Giuseppina: ['Pina', 'Giusy'], Elisabetta: ['Betta', 'Elisa'], Francesca: ['Franca'], Raffaella: ['Lella'], Federica: ['Fede'], Valentina: ['Vale'], Alessandra: ['Sandra'], 'Maria Grazia': ['Grazia'], 'Anna Maria': ['Anna'],
    },
    towns: [
      { name: 'Roma', region: 'RM', area: '06', local: 8, postcode: numericPostcode(118, 199) },
      { name: 'Milano', region: 'MI', area: '02', local: 8, postcode: numericPostcode(20121, 20162) },
      { name: 'Napoli', region: 'NA', area: '081', local: 7, postcode: numericPostcode(80121, 80147) },
      { name: 'Torino', region: 'TO', area: '011', local: 7, postcode: numericPostcode(10121, 10156) },
      { name: 'Bologna', region: 'BO', area: '051', local: 7, postcode: numericPostcode(40121, 40141) },
      { name: 'Firenze', region: 'FI', area: '055', local: 7, postcode: numericPostcode(50121, 50145) },
    ],
    streetNames: ['Roma', 'Garibaldi', 'Mazzini', 'Dante Alighieri', 'Cavour', 'Verdi', 'Vittorio Emanuele II', 'XX Settembre', 'Marconi', 'della Repubblica'],
    streetTypes: [{ full: 'Via', short: 'V.' }, { full: 'Piazza', short: 'P.zza' }, { full: 'Corso', short: 'C.so' }, { full: 'Viale', short: 'V.le' }],
    numberFirst: false,
    dialCode: '39',
    trunk: '',
    mobile: { prefixes: ['320', '328', '333', '338', '340', '347', '348', '349', '366', '393'], digits: 7 },
    groupNational: (p, s) => `${p} ${s.length === 8 ? chunks(s, [4, 4]) : chunks(s, [3, 4])}`,
    providers: ['libero.it', 'gmail.com', 'virgilio.it', 'alice.it', 'tiscali.it', 'hotmail.it', 'yahoo.it'],
    employers: ['tessuti-lombardi.it', 'studiolegale-conti.it', 'trasporti-sud.it'],
    line2: (r) => (r() < 0.5 ? `scala ${letter(r, 'ABC')}, int. ${between(r, 1, 20)}` : `int. ${between(r, 1, 30)}`),
  },
];

export function subscriberDigits(random: () => number, n: number): string {
  // A subscriber number never starts with 0 or 1 (those are trunk and service prefixes).
  return String(between(random, 2, 9)) + digits(random, n - 1);
}

export function randomBetween(random: () => number, lo: number, hi: number): number {
  return between(random, lo, hi);
}

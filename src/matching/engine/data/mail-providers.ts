/**
 * Mail domains anyone can have an address at: free-mail providers and the mailboxes internet and telephone
 * providers give their subscribers, per country. An address at any other domain is at an organisation's
 * (an employer's, a school's, a club's): a work address, the person's as much as a private one is, so a
 * work address in one system and a private one in another are two addresses of one person, not two people.
 *
 * Two lists: brands whose name is the domain's first label under any country's suffix (hotmail.co.uk,
 * yahoo.es, gmx.at), and single domains. Classing a provider's domain as an organisation's would weaken a
 * real disagreement between two private addresses, so the lists err on the side of more providers: an
 * organisation's domain missing from them only leaves the pair at "else", as before.
 */

/** Providers whose name is the registrable label under many country suffixes. */
export const MAIL_PROVIDER_BRANDS: readonly string[] = [
  'gmail', 'googlemail', 'hotmail', 'outlook', 'live', 'msn', 'windowslive', 'yahoo', 'ymail', 'rocketmail',
  'aol', 'aim', 'gmx', 'icloud', 'yandex', 'protonmail', 'proton', 'pm', 'zoho', 'zohomail', 'tutanota', 'tuta', 'tutamail',
  'fastmail', 'hushmail', 'lycos', 'mailfence', 'runbox', 'mail', 'email', 'inbox', 'rediffmail', 'hey', 'skiff', 'disroot',
];

/** Single domains: free mail and subscribers' mailboxes of telephone, cable and internet providers. */
export const MAIL_PROVIDER_DOMAINS: readonly string[] = [
  // Apple, and international free mail
  'me.com', 'mac.com', 'gmx.net', 'web.de', 'mail.ru', 'bk.ru', 'list.ru', 'inbox.ru', 'rambler.ru', 'ya.ru', 'qq.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'naver.com',
  'hanmail.net', 'daum.net', 'excite.com', 'juno.com', 'netzero.net', 'usa.net', 'mailbox.org', 'posteo.de', 'posteo.net', 'startmail.com', 'gmx.com', 'gmx.us',
  // United States and Canada
  'comcast.net', 'xfinity.com', 'verizon.net', 'att.net', 'sbcglobal.net', 'bellsouth.net', 'pacbell.net', 'ameritech.net', 'swbell.net', 'flash.net', 'prodigy.net',
  'cox.net', 'charter.net', 'spectrum.net', 'twc.com', 'rr.com', 'roadrunner.com', 'earthlink.net', 'mindspring.com', 'optonline.net', 'optimum.net', 'frontier.com',
  'frontiernet.net', 'windstream.net', 'centurylink.net', 'centurytel.net', 'q.com', 'embarqmail.com', 'suddenlink.net', 'mediacombb.net', 'wowway.com', 'netscape.net',
  'rogers.com', 'shaw.ca', 'sympatico.ca', 'bell.net', 'telus.net', 'videotron.ca', 'cogeco.ca', 'eastlink.ca', 'sasktel.net', 'mts.net',
  // United Kingdom and Ireland
  'btinternet.com', 'btopenworld.com', 'sky.com', 'virginmedia.com', 'virgin.net', 'ntlworld.com', 'blueyonder.co.uk', 'talktalk.net', 'tiscali.co.uk',
  'plus.com', 'plusnet.com', 'orange.net', 'o2.co.uk', 'ee.co.uk', 'freeserve.co.uk', 'wanadoo.co.uk', 'madasafish.com', 'zen.co.uk', 'eircom.net', 'eir.ie',
  'iol.ie', 'vodafone.ie', 'upcmail.ie',
  // Germany, Austria, Switzerland
  't-online.de', 'freenet.de', 'arcor.de', 'vodafone.de', 'kabelmail.de', 'online.de', '1und1.de', 'email.de', 'unitybox.de', 'ewetel.net', 'versanet.de', 'netcologne.de',
  'htp-tel.de', 'osnanet.de', 'mnet-online.de', 'o2online.de', 'alice-dsl.net', 'alice-dsl.de', 'aol.de', 'emailn.de', 'magenta.de',
  'chello.at', 'aon.at', 'a1.net', 'liwest.at', 'utanet.at', 'drei.at', 'kabsi.at', 'tele2.at', 'inode.at', 'sbg.at', 'tmo.at',
  'bluewin.ch', 'sunrise.ch', 'hispeed.ch', 'swissonline.ch', 'greenmail.ch', 'netplus.ch', 'quickline.ch', 'vtxmail.ch', 'green.ch', 'datacomm.ch', 'bluemail.ch',
  // France, Belgium, Luxembourg
  'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'neuf.fr', 'cegetel.net', 'club-internet.fr', 'laposte.net', 'bbox.fr', 'numericable.fr', 'noos.fr', 'aliceadsl.fr',
  'voila.fr', 'nordnet.fr', 'cario.fr', 'aol.fr',
  'skynet.be', 'telenet.be', 'proximus.be', 'scarlet.be', 'voo.be', 'belgacom.net', 'pandora.be', 'base.be', 'pt.lu', 'internet.lu',
  // Italy
  'libero.it', 'virgilio.it', 'tiscali.it', 'alice.it', 'tin.it', 'tim.it', 'fastwebnet.it', 'email.it', 'inwind.it', 'iol.it', 'blu.it', 'katamail.com', 'teletu.it',
  'vodafone.it', 'infinito.it', 'poste.it', 'postecert.it', 'pec.it', 'legalmail.it', 'aruba.it', 'jumpy.it', 'supereva.it',
  // Spain and Portugal
  'telefonica.net', 'movistar.es', 'terra.es', 'ya.com', 'orange.es', 'wanadoo.es', 'jazztel.es', 'ono.com', 'vodafone.es', 'euskaltel.net', 'telecable.es', 'r.com',
  'sapo.pt', 'clix.pt', 'netcabo.pt', 'iol.pt', 'meo.pt', 'nos.pt', 'vodafone.pt', 'mail.telepac.pt', 'portugalmail.pt',
  // The Netherlands
  'ziggo.nl', 'kpnmail.nl', 'kpnplanet.nl', 'planet.nl', 'home.nl', 'hetnet.nl', 'xs4all.nl', 'casema.nl', 'chello.nl', 'quicknet.nl', 'upcmail.nl', 'zonnet.nl',
  'tele2.nl', 'versatel.nl', 'online.nl', 'wxs.nl', 'freeler.nl', 'zeelandnet.nl', 'caiway.nl', 'solcon.nl', 'onsbrabantnet.nl', 'telfort.nl', 'kabelfoon.nl', 'delta.nl',
  // The Nordic countries
  'telia.com', 'telia.se', 'bredband.net', 'bredband2.com', 'comhem.se', 'tele2.se', 'spray.se', 'bahnhof.se', 'passagen.se', 'glocalnet.net', 'swipnet.se', 'home.se',
  'ownit.se', 'tyfon.se', 'bredbandsbolaget.se', 'telenor.se', 'algonet.se',
  'online.no', 'telenor.no', 'frisurf.no', 'c2i.net', 'start.no', 'broadpark.no', 'getmail.no', 'altibox.no', 'lyse.net', 'chello.no', 'sol.no', 'nextgentel.com',
  'tdcadsl.dk', 'tdcspace.dk', 'mail.dk', 'jubii.dk', 'ofir.dk', 'stofanet.dk', 'get2net.dk', 'youmail.dk', 'webspeed.dk', 'post.tele.dk', 'privat.dk', 'sol.dk',
  'youseeemail.dk', 'yousee.dk', 'fibianet.dk', 'kabelmail.dk', 'telia.dk', 'city.dk', 'hotmail.dk',
  'saunalahti.fi', 'elisanet.fi', 'kolumbus.fi', 'luukku.com', 'suomi24.fi', 'dnainternet.net', 'welho.com', 'netti.fi', 'pp.inet.fi', 'anvia.fi', 'simnet.is', 'internet.is',
  // Central and Eastern Europe
  'wp.pl', 'o2.pl', 'onet.pl', 'onet.eu', 'op.pl', 'interia.pl', 'interia.eu', 'poczta.fm', 'gazeta.pl', 'tlen.pl', 'vp.pl', 'autograf.pl', 'poczta.onet.pl', 'buziaczek.pl',
  'seznam.cz', 'centrum.cz', 'atlas.cz', 'volny.cz', 'post.cz', 'email.cz', 'azet.sk', 'centrum.sk', 'zoznam.sk', 'pobox.sk', 'freemail.hu', 'citromail.hu', 't-online.hu',
  'abv.bg', 'dir.bg', 'yahoo.ro', 'rdslink.ro', 'ukr.net', 'i.ua', 'meta.ua', 'inbox.lv', 'inbox.lt', 'takas.lt', 'hot.ee', 'mail.ee', 'siol.net', 'net.hr', 't-com.hr',
  // Australia and New Zealand
  'bigpond.com', 'bigpond.net.au', 'bigpond.com.au', 'optusnet.com.au', 'iinet.net.au', 'westnet.com.au', 'tpg.com.au', 'internode.on.net',
  'dodo.com.au', 'aapt.net.au', 'adam.com.au', 'exetel.com.au', 'ozemail.com.au', 'people.net.au', 'netspace.net.au', 'chariot.net.au', 'iprimus.com.au', 'activ8.net.au',
  'xtra.co.nz', 'clear.net.nz', 'paradise.net.nz', 'orcon.net.nz', 'slingshot.co.nz', 'vodafone.co.nz', 'spark.co.nz', 'ihug.co.nz', 'actrix.co.nz', 'snap.net.nz',
  // Latin America, Asia, Africa: the largest
  'uol.com.br', 'bol.com.br', 'terra.com.br', 'ig.com.br', 'globo.com', 'r7.com', 'oi.com.br', 'prodigy.net.mx', 'terra.com.mx', 'terra.cl', 'vtr.net', 'fibertel.com.ar',
  'speedy.com.ar', 'arnet.com.ar', 'rediff.com', 'sify.com', 'vsnl.net', 'bsnl.in', 'singnet.com.sg', 'pacific.net.sg', 'netvigator.com', 'hinet.net', 'ocn.ne.jp',
  'nifty.com', 'docomo.ne.jp', 'ezweb.ne.jp', 'softbank.ne.jp', 'i.softbank.jp', 'telkomsa.net', 'webmail.co.za', 'vodamail.co.za', 'mweb.co.za', 'afrihost.co.za',
];

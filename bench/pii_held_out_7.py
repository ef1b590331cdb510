"""Held-out PII test set 7 -- written BLIND.

How it was written
------------------
This file was written by an AI helper session (branch ``piiblind7``) working
only from a short brief. The writer did NOT open the redactor
(``voc_engine/nlp/redact.py``), its tests, the PII benchmark harness, the
PII form lists, the earlier held-out sets, the PII benchmark results or the
README's PII sections, and never ran the redactor or any benchmark on this
set. Templates, value formats and hard negatives were chosen from general
knowledge of how customers and agents write, not from knowledge of what the
redactor does or misses.

Everything is built at import time from templates and generators driven by a
single seeded ``random.Random`` (seed 7_0607_2024), using only the standard
library, so ``ITEMS`` is identical on every import.

Languages (items): en 355, de 55, fr 29, es 26, pl 22, it 20, ja 19, pt 18,
nl 18, sv 14, ru 13 (a template's language; values may come from another
country, as with expats).

Shape
-----
``ITEMS: list[dict]``; each item is
``{"text": str, "pii": [{"type": T, "value": str}, ...], "note": str}``
with ``T`` in EMAIL, URL, IBAN, CARD, SSN, PHONE. Items whose ``pii`` is
``[]`` are hard negatives. ``note`` reads
``"<types or NEG> | <channel> | <language> | <style>"``.

Counts (items that contain the type / values of the type)
---------------------------------------------------------
    total items      : 589
    EMAIL            : 141 items / 143 values
    CARD             : 125 items / 126 values
    PHONE            : 106 items / 110 values
    URL              : 40 items / 41 values
    IBAN             : 32 items / 32 values
    SSN              : 40 items / 40 values
    hard negatives   : 165 items (``pii == []``)
    multi-type items : 40 (signatures, forms, vCards, CSV/JSON rows, notes)
(``EXPECTED_COUNTS`` below holds the same numbers and is asserted at import.)

Span conventions (what ``value`` covers)
----------------------------------------
* The PII exactly as written, including obfuscation ("jane at gmx dot de",
  "(at)", "[dot]", spaces around "@"), typos in domains ("gmial.com"),
  upper/mixed case, and line breaks that fall inside the value.
* Wrappers and labels are outside: ``mailto:``, ``tel:``, ``<...>``,
  brackets, quotes, markdown/HTML around links, trailing sentence
  punctuation, "IBAN:", "SSN#", "Tel.:", "Kartennummer:" etc.
* Phone: ``+``, ``00`` and ``(0)`` prefixes are inside; area-code
  parentheses such as "(415)" or "(11)" are inside; extensions
  ("ext. 214", "x33", "poste 214", "int. 23", "tst. 12", "wew. 123",
  "App. 15") are outside. A US "1 "/"1-" trunk prefix and Japanese
  "03(1234)5678"-style parentheses are inside. Two values of one type in
  one item are listed separately, in order of appearance.
* Partial / masked values (card ending 4242, ****-****-****-4242,
  ***-**-1234, last 4 digits, masked e-mails like j***@gmail.com, masked
  IBANs) are never PII.
* A number inside a URL (order ids, wa.me phone numbers, tweet status ids,
  tracking numbers in query strings) belongs to the URL only; it is not
  listed again as PHONE/CARD.
* An e-mail's domain is not listed as a URL.

Cards
-----
Every CARD value is Luhn-valid (generated with a Luhn check digit); no
Luhn-invalid card numbers are counted as PII. Long Luhn-INVALID digit
strings appear only in hard negatives (invoice numbers, references,
tracking numbers). Import-time check: after removing the listed PII values
from an item's text, no run of 13-19 digits (digits joined by single
spaces, dots, dashes or slashes) contains a Luhn-valid window, so no item
hides an unlabelled card-like number. Card numbers read out with digits as
digits separated by spaces ("4 5 3 2 ...") count as CARD; card numbers
spelled out in words ("four five three two ...") are hard negatives.

Styles covered
--------------
* EMAIL: plain, first.last, initials, digits, plus-tags, hyphens and
  underscores, corporate sub-domains, country TLDs (.de .fr .co.uk .com.br
  .co.jp .ru ...), UPPER and Mixed case, typo domains (gmial.com,
  hotmail.con, outlok.com, gmx.ed ...), obfuscations ("at"/"dot", "(at)",
  "[at]"/"[dot]", "AT"/"DOT", spaces around "@"), glued punctuation and
  brackets, mailto: links and HTML hrefs, From:/Reply-To: headers, line break
  after the "@", CSV/JSON/pipe rows, forms, Japanese text with no spaces.
* CARD: Visa 13/16/19, Mastercard 51-55 and 2221-2720, Amex 15 (4-6-5),
  Discover (6011/644-649/65, 16 and 19), JCB, Diners 14 (4-6-4), UnionPay
  16/19, Maestro 16/19; grouped by 4 with spaces/dashes/dots, no
  separators, mixed separators, double spaces, split over two lines, digits
  read out one by one; after labels in 10 languages, with expiry/CVV nearby.
  Values per network: Visa16 24, Visa13 5, Visa19 5, MC 5-series 15,
  MC 2-series 15, Amex 17, Discover16 11, Discover19 2, JCB 8, Diners 10,
  UnionPay16 4, UnionPay19 3, Maestro 7.
* PHONE: US, UK, DE, FR, ES, IT, NL, BR, IN, AU, JP, PL, SE, PT, RU; national
  and international forms, +cc, 00cc, +cc (0), area code in parentheses,
  dots/dashes/slashes/spaces, compact E.164 in tel: links, line break
  inside, extensions outside the value.
* URL: https/http, www. without scheme, bare domains with paths, upper
  case, query strings and fragments, share links (Google Docs/Drive,
  Dropbox, YouTube, Instagram, maps), shorteners (bit.ly, t.co, tinyurl,
  forms.gle), profile links, tracking links with numbers inside,
  markdown/HTML/quotes/parentheses around the link, a link wrapped over two
  lines.
* IBAN: 26 countries (AT BE BR CZ DE DK EE ES FI FR GB GR HR HU IT LT LU LV
  MT NL NO PL PT RO SE SI), all with valid mod-97 check digits;
  grouped by 4, compact, lower case, grouped lower case, split over lines,
  after "IBAN:"/"IBAN-Nr.", in CSV/JSON rows, next to a BIC (not PII).
* SSN: valid area (001-899 except 666), group (01-99) and serial
  (0001-9999); dashes, spaces, dots, no separators; after "SSN", "SSN#",
  "SS#", "social", "Social Security Number", in forms, rows, chat, notes,
  Spanish.
* Hard negatives: order numbers (incl. Amazon 3-7-7), tracking numbers (UPS,
  DHL 20-digit, USPS 22-digit, Royal Mail), prices and amounts with
  thousand separators in several locales, dates, times, ISO and Unix
  timestamps, version/build strings (incl. IP-like 4-part versions),
  flight numbers, postcodes, masked/partial cards, SSNs, IBANs, phones and
  e-mails, last-4 digits, reference/case/ticket codes, SKUs and EAN-13,
  ISBNs, Luhn-invalid long invoice numbers, BICs, VAT/EIN/NIP ids, package
  specs like lodash@4.17.21, @handles, file names, coordinates, OTPs, card
  numbers spelled out in words, and plain text that mentions e-mail/phone
  without giving one.
"""

import random
import re

_R = random.Random(7_0607_2024)

VALID_TYPES = ("EMAIL", "URL", "IBAN", "CARD", "SSN", "PHONE")

# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------


def _d(n):
    return "".join(_R.choice("0123456789") for _ in range(n))


def _c(seq):
    return _R.choice(seq)


def _luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        v = int(ch)
        if i % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return total % 10 == 0


def _luhn_complete(partial):
    for x in "0123456789":
        if _luhn_ok(partial + x):
            return partial + x
    raise AssertionError("unreachable")


_RUN_RE = re.compile(r"\d(?:[ .\-/]?\d)*")


def _has_luhn_window(text):
    for m in _RUN_RE.finditer(text):
        ds = re.sub(r"\D", "", m.group())
        for length in range(13, 20):
            for i in range(0, len(ds) - length + 1):
                if _luhn_ok(ds[i:i + length]):
                    return True
    return False


# --------------------------------------------------------------------------
# e-mail
# --------------------------------------------------------------------------

_FIRST = ["john", "jane", "mike", "sarah", "juergen", "anna", "francois",
          "marie", "carlos", "lucia", "giulia", "marco", "sanne", "daan",
          "joao", "ana", "lukasz", "kasia", "asa", "erik", "priya", "rahul",
          "hiroshi", "yuki", "olga", "dmitri", "chloe", "liam", "emma", "noah",
          "sofia", "mateo", "lena", "felix", "ines", "pedro", "zofia", "nils",
          "aiko", "ivan", "tom", "beth", "kevin", "fatima", "omar", "mei"]
_LAST = ["smith", "doe", "mueller", "schmidt", "lefevre", "dupont", "garcia",
         "lopez", "rossi", "bianchi", "devries", "jansen", "silva", "santos",
         "kowalski", "nowak", "lindqvist", "andersson", "sharma", "patel",
         "tanaka", "sato", "ivanova", "petrov", "obrien", "murphy", "nguyen",
         "brown", "wagner", "moreau", "fernandez", "ricci", "bakker", "costa",
         "wisniewski", "berg", "kumar", "suzuki", "smirnov", "taylor",
         "hoffmann", "martin", "romano", "visser", "oliveira", "nilsson"]
_DOM_GENERIC = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com",
                "icloud.com", "protonmail.com", "aol.com", "live.com",
                "me.com", "gmail.com", "gmail.com", "outlook.com"]
_DOM_LANG = {
    "en": ["btinternet.com", "sky.com", "bigpond.com", "comcast.net",
           "verizon.net", "rediffmail.com", "yahoo.co.uk", "hotmail.co.uk"],
    "de": ["web.de", "gmx.de", "gmx.net", "t-online.de", "posteo.de",
           "freenet.de", "gmx.at", "bluewin.ch"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "sfr.fr",
           "hotmail.fr"],
    "es": ["yahoo.es", "telefonica.net", "hotmail.es", "gmail.com"],
    "it": ["libero.it", "virgilio.it", "tiscali.it", "alice.it"],
    "nl": ["ziggo.nl", "kpnmail.nl", "planet.nl", "hetnet.nl", "telenet.be"],
    "pt": ["uol.com.br", "bol.com.br", "sapo.pt", "terra.com.br",
           "hotmail.com.br"],
    "pl": ["wp.pl", "onet.pl", "o2.pl", "interia.pl", "gazeta.pl"],
    "sv": ["telia.com", "bredband.net", "spray.se", "hotmail.se"],
    "ja": ["yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "i.softbank.jp"],
    "ru": ["mail.ru", "yandex.ru", "rambler.ru", "bk.ru"],
}
_DOM_CORP = ["acme-corp.com", "mail.contoso.co.uk", "fabrikam.de",
             "northwind-traders.com", "globex.io", "initech.net",
             "umbrella-group.eu", "support.shopwave.com",
             "kunden.stadtwerke-musterstadt.de", "eng.bluefin.ai", "hooli.xyz",
             "client.banco-ejemplo.es", "studio-lumiere.fr", "tech.ricambi.it",
             "zorg.huisarts-oost.nl", "uni-hamburg.de", "ox.ac.uk",
             "company.travel", "dept.state.ny.us"]
_DOM_TYPO = ["gmial.com", "gmai.com", "gmail.co", "gamil.com", "hotmial.com",
             "hotmail.con", "yahooo.com", "yaho.com", "outlok.com",
             "iclod.com", "gmx.ed", "gmail.cmo", "outlook.comm", "gnail.com",
             "wbe.de", "yahoo.fr.fr", "hotmai.fr", "libero.iy"]
_TAGS = ["orders", "shop", "news", "amazon", "refund", "2024", "spam", "acme"]


def _local():
    f, l = _c(_FIRST), _c(_LAST)
    yy = _c(["78", "85", "90", "92", "99", "01", "1984", "1979", "2003"])
    style = _R.randrange(14)
    return [f"{f}.{l}", f"{f}{l}", f"{f[0]}.{l}", f"{f}_{l}", f"{f}-{l}",
            f"{f}.{l}{yy}", f"{f}{_R.randint(1, 999)}", f"{l}.{f}",
            f"{f}.{l}+{_c(_TAGS)}", f"{f}{l}{yy}", f"{f[0]}{l}", f,
            _c(["info", "billing", "kontakt", "contact", "hello", "office",
                "ventas", "compras"]), f"{l}{f[0]}{_R.randint(1, 99)}"][style]


def _email(lang, allow_obf=True, allow_typo=True):
    """Return (value, style)."""
    local = _local()
    r = _R.random()
    if r < 0.30:
        dom, dstyle = _c(_DOM_GENERIC), "webmail"
    elif r < 0.60:
        dom, dstyle = _c(_DOM_LANG[lang]), "national provider"
    elif r < 0.82 or not allow_typo:
        dom, dstyle = _c(_DOM_CORP), "corporate/subdomain"
    else:
        dom, dstyle = _c(_DOM_TYPO), "typo domain"
    case = _R.random()
    if case < 0.07:
        local, dom, cstyle = local.upper(), dom.upper(), "UPPER"
    elif case < 0.15:
        local = ".".join(p[:1].upper() + p[1:] for p in local.split("."))
        dom = dom[:1].upper() + dom[1:]
        cstyle = "Mixed case"
    else:
        cstyle = ""
    o = _R.random() if allow_obf else 1.0
    if o < 0.24:
        name, _, tld = dom.partition(".")
        k = _R.randrange(9)
        if k == 0:
            v = f"{local} at {name} dot {tld.replace('.', ' dot ')}"
            ostyle = "obfuscated ' at ' / ' dot '"
        elif k == 1:
            v = f"{local}(at){dom}"
            ostyle = "obfuscated (at)"
        elif k == 2:
            v = f"{local} [at] {name} [dot] {tld.replace('.', ' [dot] ')}"
            ostyle = "obfuscated [at]/[dot]"
        elif k == 3:
            v = f"{local} @ {dom}"
            ostyle = "spaces around @"
        elif k == 4:
            v = f"{local} AT {name} DOT {tld.replace('.', ' DOT ')}"
            ostyle = "obfuscated AT/DOT"
        elif k == 5:
            v = f"{local}[at]{name}[dot]{tld.replace('.', '[dot]')}"
            ostyle = "obfuscated [at][dot] glued"
        elif k == 6:
            v = f"{local} (at) {name} (dot) {tld.replace('.', ' (dot) ')}"
            ostyle = "obfuscated (at) (dot)"
        elif k == 7:
            v = f"{local} at {dom}"
            ostyle = "obfuscated ' at ' only"
        else:
            v = f"{local}@ {dom}"
            ostyle = "space after @"
    else:
        v = f"{local}@{dom}"
        ostyle = "plain"
    return v, ", ".join(s for s in (ostyle, dstyle, cstyle) if s)


# --------------------------------------------------------------------------
# cards
# --------------------------------------------------------------------------


def _card_digits(network):
    if network == "Visa16":
        pre, n = "4", 16
    elif network == "Visa13":
        pre, n = "4", 13
    elif network == "Visa19":
        pre, n = "4", 19
    elif network == "MC5":
        pre, n = str(_R.randint(51, 55)), 16
    elif network == "MC2":
        pre, n = str(_R.randint(2221, 2720)), 16
    elif network == "Amex":
        pre, n = _c(["34", "37"]), 15
    elif network == "Discover":
        pre, n = _c(["6011", str(_R.randint(644, 649)), "65"]), 16
    elif network == "Discover19":
        pre, n = "6011", 19
    elif network == "JCB":
        pre, n = str(_R.randint(3528, 3589)), 16
    elif network == "Diners":
        pre, n = _c(["36", "38", str(_R.randint(300, 305))]), 14
    elif network == "UnionPay16":
        pre, n = "62" + _c(["2126", "4", "5", "8"]), 16
    elif network == "UnionPay19":
        pre, n = "62" + _c(["2126", "4", "8"]), 19
    elif network == "Maestro":
        pre = _c(["5018", "5020", "5038", "6304", "6759", "6761", "6763"])
        n = _c([16, 16, 19])
    else:
        raise ValueError(network)
    body = pre + _d(n - len(pre) - 1)
    full = _luhn_complete(body)
    assert len(full) == n and _luhn_ok(full)
    return full


def _groups(s, sizes):
    out, i = [], 0
    for k in sizes:
        out.append(s[i:i + k])
        i += k
    if i < len(s):
        out.append(s[i:])
    return [g for g in out if g]


def _by4(s):
    return [s[i:i + 4] for i in range(0, len(s), 4)]


def _fmt_card(digits, spoken_ok=False):
    n = len(digits)
    if n == 15:
        base = _groups(digits, [4, 6, 5])
        base_name = "4-6-5"
    elif n == 14:
        base = _groups(digits, [4, 6, 4])
        base_name = "4-6-4"
    elif n == 13:
        base = _groups(digits, [4, 3, 3, 3])
        base_name = "4-3-3-3"
    else:
        base = _by4(digits)
        base_name = "groups of 4"
    r = _R.random()
    if spoken_ok:
        return " ".join(digits), "digits read out one by one"
    if r < 0.40:
        return " ".join(base), base_name + " spaces"
    if r < 0.58:
        return digits, "no separators"
    if r < 0.70:
        return "-".join(base), base_name + " dashes"
    if r < 0.76:
        return ".".join(base), base_name + " dots"
    if r < 0.84:
        seps = [_c([" ", "-", " ", ".", "  "]) for _ in base[1:]]
        if len(set(seps)) == 1:
            seps[0] = "-" if seps[0] != "-" else " "
        out = base[0]
        for s, g in zip(seps, base[1:]):
            out += s + g
        return out, base_name + " mixed separators"
    if r < 0.92:
        cut = _R.randint(1, len(base) - 1)
        return " ".join(base[:cut]) + "\n" + " ".join(base[cut:]), base_name + " split over two lines"
    if r < 0.96:
        return "  ".join(base), base_name + " double spaces"
    return " ".join(base), base_name + " spaces"


_CARD_PLAN = (["Visa16"] * 25 + ["Visa13"] * 5 + ["Visa19"] * 6 + ["MC5"] * 15
              + ["MC2"] * 11 + ["Amex"] * 14 + ["Discover"] * 8
              + ["Discover19"] * 2 + ["JCB"] * 8 + ["Diners"] * 8
              + ["UnionPay16"] * 5 + ["UnionPay19"] * 3 + ["Maestro"] * 8)


# --------------------------------------------------------------------------
# phones
# --------------------------------------------------------------------------

_US_AREAS = ["212", "213", "305", "312", "404", "415", "503", "617", "646",
             "702", "713", "720", "818", "917", "206", "512", "602", "214"]


def _phone_forms(cc):
    """Return (national_forms, international_forms); intl[0] starts with '+'."""
    if cc == "US":
        if _R.random() < 0.15:
            a = _c(["800", "888", "877", "866"])
        else:
            a = _c(_US_AREAS)
        e, n = str(_R.randint(201, 989)), _d(4)
        nat = [f"({a}) {e}-{n}", f"{a}-{e}-{n}", f"{a}.{e}.{n}",
               f"1-{a}-{e}-{n}", f"{a}{e}{n}", f"1 ({a}) {e}-{n}",
               f"({a}){e}-{n}", f"{a} {e} {n}"]
        intl = [f"+1 {a} {e} {n}", f"+1 ({a}) {e}-{n}", f"+1-{a}-{e}-{n}",
                f"+1{a}{e}{n}", f"+1 {a}-{e}-{n}", f"001 {a} {e} {n}"]
    elif cc == "UK":
        k = _R.random()
        if k < 0.5:
            p = "7" + _c(["700", "911", "380", "469", "123", "956", "812"])
            s1, s2 = _d(3), _d(3)
            nat = [f"0{p} {s1}{s2}", f"0{p} {s1} {s2}", f"0{p}{s1}{s2}"]
            intl = [f"+44 {p} {s1}{s2}", f"+44 (0){p} {s1} {s2}",
                    f"0044 {p} {s1} {s2}", f"+44{p}{s1}{s2}",
                    f"+44 {p} {s1} {s2}"]
        elif k < 0.8:
            a, b = "7" + _d(3), _d(4)
            nat = [f"020 {a} {b}", f"(020) {a} {b}", f"0207 {a[1:]} {b}"]
            intl = [f"+44 20 {a} {b}", f"+44 (0)20 {a} {b}",
                    f"0044 20 {a} {b}", f"+44 (0) 20 {a} {b}"]
        else:
            a, b = _d(3), _d(4)
            nat = [f"0161 {a} {b}", f"(0161) {a} {b}"]
            intl = [f"+44 161 {a} {b}", f"+44 (0)161 {a} {b}"]
    elif cc == "DE":
        if _R.random() < 0.5:
            p = _c(["151", "152", "160", "162", "170", "171", "172", "175",
                    "176", "177", "179"])
            s = _d(_c([7, 8]))
            nat = [f"0{p} {s}", f"0{p}-{s}", f"0{p}/{s}",
                   f"0{p} {s[:3]} {s[3:]}", f"0{p}{s}"]
            intl = [f"+49 {p} {s}", f"+49 (0){p} {s}", f"0049 {p} {s}",
                    f"+49{p}{s}", f"+49 (0) {p} {s[:3]} {s[3:]}"]
        else:
            a = _c(["30", "40", "89", "69", "221", "211", "711", "341", "351"])
            s = _d(10 - len(a))
            nat = [f"0{a} {s}", f"0{a}/{s}", f"0{a} / {s}", f"(0{a}) {s}",
                   f"0{a}-{s}", f"0{a} {s[:4]} {s[4:]}"]
            intl = [f"+49 {a} {s}", f"+49 (0){a} {s}", f"+49 (0) {a} {s}",
                    f"0049 {a} {s}", f"+49-{a}-{s}", f"+49 {a} {s[:4]} {s[4:]}"]
    elif cc == "FR":
        p = _c("1234596677")
        ds = _d(8)
        pr = [ds[i:i + 2] for i in range(0, 8, 2)]
        nat = [f"0{p} " + " ".join(pr), f"0{p}." + ".".join(pr), f"0{p}{ds}",
               f"0{p}-" + "-".join(pr), f"0{p} " + " ".join(pr)]
        intl = ["+33 %s " % p + " ".join(pr), "+33 (0)%s " % p + " ".join(pr),
                "0033 %s " % p + " ".join(pr), f"+33{p}{ds}",
                "+33 (0) %s " % p + " ".join(pr)]
    elif cc == "ES":
        n = _c("6679") + _d(8)
        nat = [f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]} {n[3:5]} {n[5:7]} {n[7:]}",
               n, f"{n[:3]}-{n[3:6]}-{n[6:]}"]
        intl = [f"+34 {n[:3]} {n[3:6]} {n[6:]}", f"+34 {n}",
                f"0034 {n[:3]} {n[3:5]} {n[5:7]} {n[7:]}", f"+34{n}"]
    elif cc == "IT":
        if _R.random() < 0.6:
            p = "3" + _c(["47", "33", "35", "39", "40", "28", "66", "20"])
            s = _d(7)
            nat = [f"{p} {s}", f"{p} {s[:3]} {s[3:]}", f"{p}-{s}", f"{p}/{s}",
                   f"{p}{s}"]
            intl = [f"+39 {p} {s}", f"+39 {p} {s[:3]} {s[3:]}",
                    f"0039 {p} {s}", f"+39{p}{s}"]
        else:
            a = _c(["02", "06", "011", "055", "081", "051"])
            s = _d(10 - len(a))
            nat = [f"{a} {s}", f"{a}/{s}", f"{a} {s[:4]} {s[4:]}", f"{a}-{s}"]
            intl = [f"+39 {a} {s}", f"+39 {a} {s[:4]} {s[4:]}",
                    f"0039 {a} {s}"]
    elif cc == "NL":
        if _R.random() < 0.6:
            s = _d(8)
            nat = [f"06-{s}", f"06 {s}", f"06 {s[:2]} {s[2:4]} {s[4:6]} {s[6:]}",
                   f"06{s}", f"06 - {s}"]
            intl = [f"+31 6 {s}", f"+31 (0)6 {s[:4]} {s[4:]}", f"0031 6 {s}",
                    f"+316{s}", f"+31 6 {s[:2]} {s[2:4]} {s[4:6]} {s[6:]}"]
        else:
            a = _c(["20", "10", "30", "70", "40", "50"])
            s = _d(7)
            nat = [f"0{a} {s[:3]} {s[3:]}", f"0{a}-{s}", f"0{a} {s}",
                   f"(0{a}) {s[:3]} {s[3:]}"]
            intl = [f"+31 {a} {s[:3]} {s[3:]}", f"+31 (0){a} {s}",
                    f"0031 {a} {s}"]
    elif cc == "BR":
        a = _c(["11", "21", "31", "41", "51", "61", "71", "81", "85", "19"])
        if _R.random() < 0.65:
            s = "9" + _d(8)
            s1, s2 = s[:5], s[5:]
        else:
            s = _c("2345") + _d(7)
            s1, s2 = s[:4], s[4:]
        nat = [f"({a}) {s1}-{s2}", f"{a} {s1}-{s2}", f"({a}){s1}-{s2}",
               f"{a}{s}", f"({a}) {s1} {s2}"]
        intl = [f"+55 {a} {s1}-{s2}", f"+55 ({a}) {s1}-{s2}", f"+55{a}{s}",
                f"+55 {a} {s1} {s2}"]
    elif cc == "IN":
        if _R.random() < 0.75:
            s = _c("9876") + _d(9)
            nat = [f"{s[:5]} {s[5:]}", f"{s[:5]}-{s[5:]}", s,
                   f"0{s[:5]} {s[5:]}", f"0{s}"]
            intl = [f"+91 {s[:5]} {s[5:]}", f"+91-{s}", f"+91 {s}",
                    f"0091 {s[:5]} {s[5:]}", f"+91{s}"]
        else:
            a = _c(["22", "11", "80", "44", "33"])
            s = _d(8)
            nat = [f"0{a} {s[:4]} {s[4:]}", f"0{a}-{s}", f"(0{a}) {s}"]
            intl = [f"+91 {a} {s[:4]} {s[4:]}", f"+91-{a}-{s}"]
    elif cc == "AU":
        if _R.random() < 0.6:
            s = "4" + _d(8)
            nat = [f"0{s[:3]} {s[3:6]} {s[6:]}", f"0{s[:1]} {s[1:5]} {s[5:]}",
                   f"0{s}"]
            intl = [f"+61 {s[:3]} {s[3:6]} {s[6:]}",
                    f"+61 (0){s[:3]} {s[3:6]} {s[6:]}", f"+61{s}",
                    f"0061 {s[:3]} {s[3:6]} {s[6:]}"]
        else:
            a, s = _c("2378"), _d(8)
            nat = [f"(0{a}) {s[:4]} {s[4:]}", f"0{a} {s[:4]} {s[4:]}", f"0{a}{s}"]
            intl = [f"+61 {a} {s[:4]} {s[4:]}", f"+61 (0){a} {s[:4]} {s[4:]}"]
    elif cc == "JP":
        if _R.random() < 0.6:
            p, s1, s2 = _c(["90", "80", "70"]), _d(4), _d(4)
            nat = [f"0{p}-{s1}-{s2}", f"0{p} {s1} {s2}", f"0{p}{s1}{s2}"]
            intl = [f"+81 {p} {s1} {s2}", f"+81-{p}-{s1}-{s2}",
                    f"+81 {p}-{s1}-{s2}", f"+81{p}{s1}{s2}",
                    f"+81 (0){p}-{s1}-{s2}"]
        else:
            a, s1, s2 = _c("36"), _d(4), _d(4)
            nat = [f"0{a}-{s1}-{s2}", f"0{a}({s1}){s2}", f"(0{a}) {s1}-{s2}"]
            intl = [f"+81 {a}-{s1}-{s2}", f"+81 {a} {s1} {s2}",
                    f"+81-{a}-{s1}-{s2}"]
    elif cc == "PL":
        if _R.random() < 0.7:
            s = _c("5678") + _d(8)
            nat = [f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]}-{s[3:6]}-{s[6:]}", s]
            intl = [f"+48 {s[:3]} {s[3:6]} {s[6:]}", f"+48 {s}",
                    f"0048 {s[:3]} {s[3:6]} {s[6:]}",
                    f"+48-{s[:3]}-{s[3:6]}-{s[6:]}", f"+48{s}"]
        else:
            a, s = _c(["22", "12", "61", "71", "58"]), _d(7)
            nat = [f"{a} {s[:3]} {s[3:5]} {s[5:]}", f"({a}) {s[:3]} {s[3:5]} {s[5:]}"]
            intl = [f"+48 {a} {s[:3]} {s[3:5]} {s[5:]}"]
    elif cc == "SE":
        if _R.random() < 0.6:
            p, s = _c(["70", "72", "73", "76", "79"]), _d(7)
            nat = [f"0{p}-{s[:3]} {s[3:5]} {s[5:]}", f"0{p} {s[:3]} {s[3:5]} {s[5:]}",
                   f"0{p}{s}", f"0{p}-{s}"]
            intl = [f"+46 {p} {s[:3]} {s[3:5]} {s[5:]}",
                    f"+46 (0){p} {s[:3]} {s[3:5]} {s[5:]}",
                    f"0046 {p} {s[:3]} {s[3:5]} {s[5:]}", f"+46{p}{s}"]
        else:
            s = _d(8)
            nat = [f"08-{s[:3]} {s[3:6]} {s[6:]}", f"08-{s}",
                   f"08 {s[:3]} {s[3:6]} {s[6:]}"]
            intl = [f"+46 8 {s[:3]} {s[3:6]} {s[6:]}",
                    f"+46 (0)8 {s[:3]} {s[3:6]} {s[6:]}", f"+46 8-{s}"]
    elif cc == "PT":
        s = "9" + _c("1236") + _d(7)
        nat = [f"{s[:3]} {s[3:6]} {s[6:]}", s]
        intl = [f"+351 {s[:3]} {s[3:6]} {s[6:]}", f"+351 {s}", f"00351 {s}",
                f"+351{s}"]
    elif cc == "RU":
        p, s = _c(["495", "499", "812", "916", "903", "925", "985"]), _d(7)
        nat = [f"8 ({p}) {s[:3]}-{s[3:5]}-{s[5:]}", f"8-{p}-{s[:3]}-{s[3:5]}-{s[5:]}",
               f"8{p}{s}"]
        intl = [f"+7 {p} {s[:3]}-{s[3:5]}-{s[5:]}", f"+7 ({p}) {s[:3]}-{s[3:5]}-{s[5:]}",
                f"+7{p}{s}", f"+7 {p} {s}"]
    else:
        raise ValueError(cc)
    assert intl[0].startswith("+")
    return nat, intl


_LANG_CC = {"en": ["US", "US", "US", "UK", "UK", "AU", "IN"], "de": ["DE"],
            "fr": ["FR"], "es": ["ES"], "it": ["IT"], "nl": ["NL"],
            "pt": ["BR", "BR", "PT"], "pl": ["PL"], "sv": ["SE"], "ja": ["JP"],
            "ru": ["RU"]}
_ALL_CC = ["US", "UK", "DE", "FR", "ES", "IT", "NL", "BR", "IN", "AU", "JP",
           "PL", "SE", "PT", "RU"]


def _phone(lang, mode=None):
    """Return (value, style). mode: None, 'e164', 'newline'."""
    cc = _c(_LANG_CC[lang]) if _R.random() < 0.8 else _c(_ALL_CC)
    nat, intl = _phone_forms(cc)
    if mode == "e164":
        v = "+" + re.sub(r"\D", "", intl[0].replace("(0)", ""))
        return v, f"{cc} E.164 compact"
    if _R.random() < 0.5:
        v, kind = _c(nat), "national"
    else:
        v, kind = _c(intl), "international"
    if mode == "newline":
        idx = [i for i, ch in enumerate(v) if ch == " " and 3 < i < len(v) - 3]
        if not idx:
            v, kind = intl[0], "international"
            idx = [i for i, ch in enumerate(v) if ch == " " and 3 < i < len(v) - 3]
        if idx:
            i = _c(idx)
            v = v[:i] + "\n" + v[i + 1:]
            kind += ", line break inside"
    extra = []
    if "(0)" in v:
        extra.append("(0) inside")
    if v.startswith("00"):
        extra.append("00 prefix")
    return v, ", ".join([f"{cc} {kind}"] + extra)


# --------------------------------------------------------------------------
# IBAN
# --------------------------------------------------------------------------

_IBAN_SPEC = {
    "DE": "8n10n", "GB": "4B14n", "FR": "10n11c2n", "ES": "20n",
    "IT": "1a10n12c", "NL": "4B10n", "BE": "12n", "AT": "16n", "CH": "5n12c",
    "PL": "24n", "SE": "20n", "PT": "21n", "IE": "4B14n", "DK": "14n",
    "NO": "11n", "FI": "14n", "LU": "3n13c", "CZ": "20n", "HU": "24n",
    "GR": "7n16c", "RO": "4B16c", "BR": "23n1a1c", "SK": "20n", "HR": "17n",
    "LT": "16n", "LV": "4a13c", "MT": "4a5n18c", "EE": "16n", "SI": "15n",
}
_IBAN_BANKS = {"GB": ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"],
               "NL": ["ABNA", "INGB", "RABO", "SNSB", "TRIO", "KNAB"],
               "IE": ["AIBK", "BOFI"], "RO": ["BTRL", "RNCB", "BRDE"]}


def _iban(cc):
    spec = _IBAN_SPEC[cc]
    bban = ""
    for count, kind in re.findall(r"(\d+)([nacB])", spec):
        count = int(count)
        if kind == "n":
            bban += _d(count)
        elif kind == "a":
            bban += "".join(_R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(count))
        elif kind == "B":
            bban += _c(_IBAN_BANKS[cc])
        else:
            bban += "".join(_R.choice("0123456789" * 4 + "ABCDEFGHJKLMNPRSTUVWXYZ")
                            for _ in range(count))
    num = int("".join(str(int(ch, 36)) for ch in bban + cc + "00"))
    iban = f"{cc}{98 - num % 97:02d}{bban}"
    check = int("".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4]))
    assert check % 97 == 1
    return iban


def _fmt_iban(iban):
    g = " ".join(_by4(iban))
    r = _R.random()
    if r < 0.45:
        return g, "grouped by 4"
    if r < 0.70:
        return iban, "compact"
    if r < 0.80:
        return iban.lower(), "compact lower case"
    if r < 0.88:
        return g.lower(), "grouped lower case"
    parts = _by4(iban)
    cut = _R.randint(2, len(parts) - 2)
    return " ".join(parts[:cut]) + "\n" + " ".join(parts[cut:]), "grouped, split over two lines"


_IBAN_LANG = {"de": ["DE", "DE", "AT", "CH"], "fr": ["FR", "FR", "BE", "LU"],
              "es": ["ES"], "it": ["IT"], "nl": ["NL", "NL", "BE"],
              "pt": ["PT", "BR"], "pl": ["PL"], "sv": ["SE"],
              "en": ["GB", "IE", "DK", "NO", "FI", "CZ", "HU", "GR", "RO", "SK",
                     "HR", "LT", "LV", "MT", "EE", "SI"]}

# --------------------------------------------------------------------------
# SSN
# --------------------------------------------------------------------------


def _ssn():
    area = _R.randint(1, 899)
    while area == 666:
        area = _R.randint(1, 899)
    a, g, s = f"{area:03d}", f"{_R.randint(1, 99):02d}", f"{_R.randint(1, 9999):04d}"
    r = _R.random()
    if r < 0.6:
        return f"{a}-{g}-{s}", "dashes"
    if r < 0.75:
        return f"{a} {g} {s}", "spaces"
    if r < 0.85:
        return f"{a}.{g}.{s}", "dots"
    return f"{a}{g}{s}", "no separators"


# --------------------------------------------------------------------------
# URLs
# --------------------------------------------------------------------------

_B62 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_SHOPS = ["acme-shop", "shopwave", "brightbox", "nordicwear", "casa-bella",
          "techzone", "fleurop", "modavista", "lojaverde", "kwiatki"]


def _rid(n, alphabet=_B62):
    return "".join(_R.choice(alphabet) for _ in range(n))


def _url():
    f, l = _c(_FIRST), _c(_LAST)
    shop = _c(_SHOPS)
    k = _R.randrange(26)
    opts = [
        (f"https://www.{shop}.com/orders/{_R.randint(100000, 9999999)}", "https, order id in path"),
        (f"https://docs.google.com/document/d/{_rid(44)}/edit?usp=sharing", "Google Docs share link"),
        (f"https://drive.google.com/file/d/{_rid(33)}/view?usp=drive_link", "Google Drive share link"),
        (f"https://www.dropbox.com/s/{_rid(15).lower()}/receipt_{_d(6)}.pdf?dl=0", "Dropbox share link"),
        (f"https://youtu.be/{_rid(11)}", "youtu.be short link"),
        (f"https://www.youtube.com/watch?v={_rid(11)}&t={_R.randint(5, 300)}s", "YouTube query string"),
        (f"https://bit.ly/{_rid(7)}", "bit.ly shortener"),
        (f"https://t.co/{_rid(10)}", "t.co shortener"),
        (f"http://tinyurl.com/{_rid(8).lower()}", "http tinyurl"),
        (f"www.{shop}.de/bestellung?id={_d(7)}&ref=mail", "www without scheme, query"),
        (f"{shop}.com/returns/start", "bare domain with path"),
        (f"https://imgur.com/a/{_rid(7)}", "imgur album"),
        (f"https://www.instagram.com/p/{_rid(11)}/", "Instagram post, trailing slash"),
        (f"https://maps.app.goo.gl/{_rid(17)}", "Google Maps share link"),
        (f"https://wa.me/{_c(['49', '34', '55', '91', '44'])}{_d(10)}", "wa.me link with phone digits inside"),
        (f"https://calendly.com/{f}-{l}/30min", "Calendly profile"),
        (f"https://www.linkedin.com/in/{f}-{l}-{_rid(8, '0123456789abcdef')}/", "LinkedIn profile"),
        (f"https://www.facebook.com/{f}.{l}.{_R.randint(10, 999)}", "Facebook profile"),
        (f"https://{shop}.zendesk.com/hc/en-us/requests/{_R.randint(10000, 999999)}", "helpdesk ticket link"),
        (f"https://www.amazon.de/gp/css/order-details?orderID={_d(3)}-{_d(7)}-{_d(7)}", "Amazon order link, order number inside"),
        (f"https://x.com/{f}_{l}/status/17{_d(17)}", "tweet link, 19-digit status id inside"),
        (f"HTTPS://WWW.{shop.upper()}.COM/HELP", "upper case"),
        (f"https://forms.gle/{_rid(17)}", "forms.gle shortener"),
        (f"https://track.{shop}.com/?tracking=00340434{_d(12)}&lang=de#status", "tracking link with number and fragment"),
        (f"http://{shop}.myshopify.com/account/orders/{_rid(32, '0123456789abcdef')}", "http shop link, hex id"),
        (f"{shop}.co.uk/account/settings?tab=privacy", "bare co.uk domain with path and query"),
    ]
    return opts[k]


# --------------------------------------------------------------------------
# templates: (channel, lang, template)
# --------------------------------------------------------------------------

_EMAIL_T = [
    ("survey", "en", "Please contact me at <<E>> regarding the refund, I've been waiting 3 weeks."),
    ("survey", "en", "you can reach me on <<E>> anytime"),
    ("survey", "en", "My email is <<E>>. Order #A-55120 never arrived."),
    ("survey", "en", "email: <<E>>"),
    ("survey", "en", "Pls reply to <<E>> not to my old address!!"),
    ("survey", "en", "I changed my email to <<E>> but the app still sends receipts to the old one"),
    ("survey", "en", "Reach me here (<<E>>)."),
    ("survey", "en", "Email me:<<E>>"),
    ("survey", "en", "my wife's email is <<E>> - she placed the order, card ending 4242"),
    ("survey", "en", "Hi, writing from <<E>> because my work account is locked."),
    ("survey", "en", "SEND THE INVOICE TO <<E>> THANKS"),
    ("chat", "en", "[10:42] Customer: it's <<E>>\n[10:42] Agent: Thanks! One moment please."),
    ("chat", "en", "Visitor: can you send the label to <<E>>?\nAgent (Sam): Sure, done."),
    ("chat", "en", "Agent: Could you confirm your email?\nCustomer: <<E>>"),
    ("chat", "en", "customer: <<E>>\ncustomer: sorry, typo earlier"),
    ("review", "en", "\u2605\u2606\u2606\u2606\u2606 Terrible. Emailed <<E>> three times, no answer."),
    ("review", "en", "1 star. Login broken since update 5.2.1. Contact me <<E>>"),
    ("tweet", "en", "@AcmeHelp still waiting on my refund, email is <<E>> #frustrated"),
    ("tweet", "en", "@ShopCare DM me or email <<E>> thx"),
    ("email", "en", "From: Jane Doe <<<E>>>\nSent: Tuesday, March 12, 2024 9:14 AM\nSubject: Re: Case 00482913"),
    ("email", "en", "On Mon, 4 Mar 2024 at 10:02, <<E>> wrote:\n> Thanks for your patience"),
    ("email", "en", "Reply-To: <<E>>"),
    ("email", "en", "Write to us: mailto:<<E>>?subject=Refund"),
    ("html", "en", "<p>Questions? <a href=\"mailto:<<E>>\">Email us</a></p>"),
    ("notes", "en", "Cust called re billing. New email on file: <<E>>. Verified DOB."),
    ("notes", "en", "CB requested; cust prefers email (<<E>>) over phone"),
    ("csv", "de", "1042;Mueller;Juergen;<<E>>;DE;promoter"),
    ("csv", "en", "\"Smith, John\",<<E>>,2024-03-14,5"),
    ("json", "en", "{\"respondent_id\": 88213, \"email\": \"<<E>>\", \"score\": 2}"),
    ("pipe", "en", "2024-03-14 | web | <<E>> | 'checkout keeps failing'"),
    ("form", "it", "Nome: Carla Rossi\nE-Mail: <<E>>\nMessaggio: il pacco \u00e8 arrivato danneggiato"),
    ("survey", "de", "Bitte antworten Sie an <<E>>, die alte Adresse ist nicht mehr aktiv."),
    ("survey", "de", "Meine E-Mail-Adresse lautet <<E>>"),
    ("email", "de", "R\u00fcckmeldung gerne an <<E>>."),
    ("survey", "fr", "Vous pouvez me joindre \u00e0 <<E>>, merci d'avance."),
    ("survey", "fr", "Mon adresse mail : <<E>>"),
    ("survey", "es", "Mi correo es <<E>>, gracias."),
    ("chat", "es", "Cliente: escr\u00edbanme a <<E>> por favor"),
    ("survey", "it", "La mia email \u00e8 <<E>>, grazie"),
    ("survey", "nl", "Mijn e-mailadres is <<E>>."),
    ("review", "pt", "Meu e-mail \u00e9 <<E>>, aguardo retorno."),
    ("survey", "pl", "Prosz\u0119 o kontakt: <<E>>"),
    ("survey", "sv", "Min e-post \u00e4r <<E>>, tack!"),
    ("survey", "ja", "\u30e1\u30fc\u30eb\u30a2\u30c9\u30ec\u30b9\u306f<<E>>\u3067\u3059\u3002"),
    ("review", "ja", "\u9023\u7d61\u5148\uff1a<<E>>"),
    ("survey", "ru", "\u041c\u043e\u0439 email: <<E>>, \u0436\u0434\u0443 \u043e\u0442\u0432\u0435\u0442\u0430."),
    ("tweet", "ru", "\u041f\u0438\u0448\u0438\u0442\u0435 \u043d\u0430 <<E>>"),
    ("markdown", "en", "Contact: [email me](mailto:<<E>>)"),
    ("survey", "en", "\"<<E>>\" is the right address, the one in your system is wrong"),
    ("survey", "fr", "Merci de r\u00e9pondre sur <<E>>;"),
]

_CARD_T = [
    ("survey", "en", "I was charged twice on card <<C>>, please refund."),
    ("form", "en", "card number <<C>> exp 04/27"),
    ("survey", "en", "CC# <<C>>"),
    ("survey", "en", "the number on my card is <<C>>"),
    ("survey", "en", "Here's the card I used: <<C>>."),
    ("review", "en", "Paid with <<C>> and it still shows unpaid???"),
    ("survey", "en", "pls update my card to <<C>> thx"),
    ("chat", "en", "Customer: <<C>>\nAgent: Please don't share full card numbers in chat."),
    ("chat", "en", "[09:12] user: card is <<C>>\n[09:13] bot: I can't process card numbers here."),
    ("review", "en", "App saved my card <<C>> without asking. 1 star."),
    ("tweet", "en", "@BankHelp why was <<C>> declined?? traveling in Spain rn"),
    ("notes", "en", "Cust read card over phone: <<C>>. Advised to use secure IVR next time."),
    ("csv", "en", "2024-03-11,<<C>>,129.99,EUR,declined"),
    ("json", "en", "{\"pan\": \"<<C>>\", \"amount\": \"49.00\", \"currency\": \"USD\"}"),
    ("pipe", "en", "TX-88123 | <<C>> | 12/26 | approved"),
    ("form", "pl", "Cardholder: M. Kowalski\nCard number: <<C>>\nExpiry: 09/27"),
    ("form", "de", "Kartennummer: <<C>>, Ablaufdatum 08/26"),
    ("survey", "de", "Meine Kreditkarte <<C>> wurde doppelt belastet."),
    ("form", "fr", "num\u00e9ro de carte : <<C>>"),
    ("survey", "fr", "J'ai \u00e9t\u00e9 d\u00e9bit\u00e9 deux fois sur ma carte <<C>>."),
    ("chat", "es", "Mi tarjeta <<C>> fue rechazada"),
    ("form", "es", "n\u00famero de tarjeta <<C>> caduca 11/25"),
    ("survey", "it", "Il numero della carta \u00e8 <<C>>"),
    ("survey", "nl", "Mijn kaartnummer is <<C>>."),
    ("form", "pt", "N\u00famero do cart\u00e3o: <<C>> validade 03/28"),
    ("survey", "pl", "Numer karty: <<C>>"),
    ("survey", "sv", "Kortnummer <<C>>, g\u00e5r ut 10/26"),
    ("form", "ja", "\u30ab\u30fc\u30c9\u756a\u53f7\uff1a<<C>>"),
    ("survey", "ru", "\u041d\u043e\u043c\u0435\u0440 \u043a\u0430\u0440\u0442\u044b <<C>>, \u0441\u043f\u0438\u0441\u0430\u043b\u0438 \u0434\u0432\u0430\u0436\u0434\u044b"),
    ("email", "en", "Hi team,\n\nPlease charge the deposit to <<C>> (exp 02/28).\n\nRegards,\nTom"),
    ("survey", "en", "card:<<C>>;cvv:123"),
    ("chat", "de", "Kunde: die Nummer ist <<C>>\nAgent: Bitte keine Kartendaten im Chat teilen."),
    ("review", "en", "They charged my card (<<C>>) for a subscription I cancelled"),
    ("notes", "en", "Refund to original card <<C>>, ticket INC0012345"),
]
_CARD_SPOKEN_T = [
    ("notes", "en", "Call notes: cust read out the card number as <<C>>, then the expiry."),
    ("chat", "en", "Customer: ok its <<C>>"),
]

_PHONE_T = [
    ("survey", "en", "Call me on <<P>> after 5pm."),
    ("survey", "en", "my number is <<P>>"),
    ("form", "en", "Phone: <<P>>"),
    ("survey", "en", "cell <<P>> (text is fine)"),
    ("survey", "en", "Best number to reach me: <<P>> ext. 214"),
    ("email", "en", "Please call <<P>> x33, ask for Dana."),
    ("chat", "en", "Customer: you can call me at <<P>>\nAgent: Noted, thanks."),
    ("notes", "en", "CB req to <<P>> re: damaged item, cust avail 2-4pm"),
    ("notes", "en", "Left VM on <<P>>, no answer. Will retry tomorrow 10:30."),
    ("tweet", "en", "@AirlineX on hold for 2 hrs at <<P>>?? ridiculous"),
    ("review", "en", "Called support at <<P>> and got hung up on. Twice."),
    ("csv", "ja", "88213,Tanaka,<<P>>,JP,detractor"),
    ("json", "en", "{\"phone\": \"<<P>>\", \"consent\": true}"),
    ("survey", "de", "Bitte rufen Sie mich unter <<P>> zur\u00fcck."),
    ("form", "de", "Tel.: <<P>>"),
    ("signature", "de", "Mobil: <<P>>"),
    ("email", "de", "Erreichbar unter <<P>> App. 15, Mo-Fr 8-16 Uhr"),
    ("survey", "fr", "Appelez-moi au <<P>>, merci."),
    ("form", "fr", "T\u00e9l : <<P>> poste 214"),
    ("survey", "es", "Mi n\u00famero es <<P>>"),
    ("chat", "es", "Ll\u00e1menme al <<P>> por la tarde"),
    ("survey", "it", "Il mio numero: <<P>>"),
    ("email", "it", "Tel. <<P>> int. 23"),
    ("survey", "nl", "Bel me op <<P>>."),
    ("form", "nl", "Telefoon: <<P>> tst. 12"),
    ("survey", "pt", "Meu telefone \u00e9 <<P>>"),
    ("chat", "pt", "WhatsApp: <<P>>"),
    ("survey", "pl", "M\u00f3j numer telefonu: <<P>>"),
    ("email", "pl", "tel. <<P>> wew. 123"),
    ("survey", "sv", "Ring mig p\u00e5 <<P>>"),
    ("form", "ja", "\u96fb\u8a71\u756a\u53f7\uff1a<<P>>"),
    ("survey", "ja", "<<P>>\u307e\u3067\u3054\u9023\u7d61\u304f\u3060\u3055\u3044\u3002"),
    ("survey", "ru", "\u041c\u043e\u0439 \u0442\u0435\u043b\u0435\u0444\u043e\u043d <<P>>, \u0437\u0432\u043e\u043d\u0438\u0442\u0435 \u043f\u043e\u0441\u043b\u0435 18:00"),
    ("survey", "en", "Text me at <<P>>!"),
    ("pipe", "en", "2024-02-29 | callback | <<P>> | billing"),
    ("survey", "en", "phone:<<P>>,"),
]
_PHONE_E164_T = [
    ("html", "en", "<a href=\"tel:<<P>>\">Call our team</a>"),
    ("html", "de", "<a href=\"tel:<<P>>\">Jetzt anrufen</a>"),
    ("survey", "en", "tel:<<P>>"),
]
_PHONE_NL_T = [
    ("form", "en", "Contact number: <<P>>\nPreferred time: mornings"),
    ("survey", "de", "Telefon <<P>> - bitte nur abends"),
]

_URL_T = [
    ("survey", "en", "see <<U>> for the screenshot"),
    ("survey", "en", "Screenshot here (<<U>>)."),
    ("chat", "en", "Customer: link: <<U>>\nAgent: Thanks, checking."),
    ("review", "en", "Price changed at checkout, proof: <<U>> \u2013 never again"),
    ("survey", "en", "<<U>>"),
    ("survey", "en", "pls check <<U>>."),
    ("survey", "de", "Hier der Link: <<U>>"),
    ("survey", "fr", "Voici le lien : <<U>>"),
    ("chat", "es", "Aqu\u00ed el enlace <<U>>"),
    ("survey", "it", "Ecco il link <<U>>, guardate voi"),
    ("survey", "nl", "Zie <<U>>"),
    ("survey", "pt", "Segue o link: <<U>>"),
    ("survey", "ja", "\u30ea\u30f3\u30af\uff1a<<U>>"),
    ("survey", "ru", "\u0421\u0441\u044b\u043b\u043a\u0430: <<U>>"),
    ("markdown", "en", "I uploaded the [receipt](<<U>>) as asked"),
    ("html", "en", "<a href=\"<<U>>\">here</a>"),
    ("json", "en", "{\"attachment_url\": \"<<U>>\", \"size\": 20481}"),
    ("tweet", "en", "@AcmeHelp look at this <<U>> #fail"),
    ("survey", "pl", "Link do zdj\u0119cia: <<U>>!"),
    ("email", "sv", "Bifogar l\u00e4nken '<<U>>' till kvittot."),
]
_URL_NL_T = [
    ("email", "en", "The document is here:\n<<U>>\nlet me know."),
]

_IBAN_T = [
    ("form", "en", "IBAN: <<I>>"),
    ("survey", "en", "Please refund to my account <<I>>, BIC COBADEFFXXX."),
    ("survey", "de", "Bitte \u00fcberweisen Sie den Betrag auf mein Konto IBAN <<I>>."),
    ("form", "de", "IBAN-Nr.: <<I>>"),
    ("survey", "fr", "Mon IBAN : <<I>>"),
    ("chat", "es", "Mi IBAN es <<I>>"),
    ("survey", "it", "Il mio IBAN \u00e8 <<I>>"),
    ("survey", "nl", "Mijn IBAN is <<I>>, t.n.v. S. de Vries"),
    ("survey", "pt", "O meu IBAN: <<I>>"),
    ("form", "pl", "Numer konta (IBAN): <<I>>"),
    ("survey", "sv", "IBAN <<I>> (Swedbank)"),
    ("survey", "en", "refund to iban <<I>> pls"),
    ("csv", "pl", "Kowalski;<<I>>;zwrot;129,00"),
    ("json", "en", "{\"iban\": \"<<I>>\", \"refund\": 49.99}"),
    ("notes", "en", "Cust provided IBAN for refund: <<I>>. Refund 49.99 EUR raised."),
    ("chat", "en", "Customer: <<I>>\nAgent: Thank you, refund initiated."),
]

_SSN_T = [
    ("form", "en", "SSN: <<S>>"),
    ("form", "en", "SSN#<<S>>"),
    ("chat", "en", "Customer: my social is <<S>>"),
    ("form", "en", "Social Security Number <<S>>, DOB 04/12/1985"),
    ("notes", "en", "SS# <<S>> verified"),
    ("survey", "en", "ssn <<S>> for the credit check"),
    ("notes", "en", "Agent note: verified cust via SSN <<S>> and zip 94107."),
    ("csv", "en", "Doe,Jane,<<S>>,1985-04-12"),
    ("json", "en", "{\"ssn\": \"<<S>>\", \"state\": \"TX\"}"),
    ("form", "en", "Full name: John Carter\nSSN: <<S>>\nDate of birth: 07/22/1979"),
    ("chat", "en", "Customer: its <<S>>\nAgent: please do not share your SSN here"),
    ("review", "en", "They asked for my social (<<S>>) just to open a chat?? 1 star"),
    ("survey", "en", "tax form shows SSN <<S>> but that's my husband's number"),
    ("survey", "es", "Mi n\u00famero de seguro social es <<S>>"),
    ("pipe", "en", "acct 55821 | ssn=<<S>> | status=review"),
    ("email", "en", "Hi, for the payroll change my SSN is <<S>>. Thanks, Beth"),
]

_MULTI_T = [
    ("signature", "en", "Best regards,\n\nJohn Smith\nProcurement Manager | Acme Ltd\n<<E>>\nT: <<P>>\n<<U>>"),
    ("signature", "de", "Mit freundlichen Gr\u00fc\u00dfen\nJ\u00fcrgen M\u00fcller\nTel.: <<P>>\nE-Mail: <<E>>"),
    ("signature", "fr", "Cordialement,\nFran\u00e7oise Lef\u00e8vre\n<<P>> | <<E>>"),
    ("form", "en", "Name: Ana Silva\nEmail: <<E>>\nPhone: <<P>>\nCard: <<C>>\nComments: please don't call before 9"),
    ("csv", "pt", "id,name,email,phone\n1,Ana Silva,<<E>>,<<P>>"),
    ("json", "nl", "{\"customer\": {\"email\": \"<<E>>\", \"phone\": \"<<P>>\"}, \"iban\": \"<<I>>\"}"),
    ("notes", "en", "Caller gave SSN <<S>> and callback <<P>>."),
    ("chat", "en", "Customer: email <<E>>, card <<C>>"),
    ("email", "de", "R\u00fcckerstattung bitte an <<I>>, Best\u00e4tigung an <<E>>."),
    ("vcard", "it", "BEGIN:VCARD\nFN:Giulia Rossi\nTEL;TYPE=cell:<<P>>\nEMAIL:<<E>>\nURL:<<U>>\nEND:VCARD"),
    ("survey", "en", "please cc <<E>> and <<E2>> on all replies"),
    ("survey", "en", "home <<P>>, work <<P2>> ext 44"),
    ("signature", "es", "Un saludo,\nMar\u00eda Garc\u00eda\nM\u00f3vil: <<P>>\n<<E>>"),
    ("signature", "nl", "Met vriendelijke groet,\nSanne de Vries\nT <<P>>\nE <<E>>\nW <<U>>"),
    ("form", "en", "First name: Kevin\nLast name: Brown\nEmail: <<E>>\nSSN: <<S>>"),
    ("pipe", "en", "<<E>> | <<P>> | <<C>> | chargeback"),
    ("signature", "pt", "Atenciosamente,\nJo\u00e3o Silva\nCel: <<P>>\n<<E>>"),
    ("email", "en", "Hi, I'm <<E>> on your site. Refund to IBAN <<I>> please, not the card."),
    ("signature", "pl", "Pozdrawiam,\n\u0141ukasz Kowalski\ntel. <<P>>\n<<E>>"),
    ("signature", "sv", "Med v\u00e4nliga h\u00e4lsningar\n\u00c5sa Lindqvist\n<<P>>\n<<E>>"),
    ("signature", "ja", "\u7530\u4e2d \u5b8f\n\u643a\u5e2f\uff1a<<P>>\nMail\uff1a<<E>>"),
    ("notes", "en", "Cust (<<E>>) disputes charge on <<C>>; callback <<P>> x12."),
    ("form", "fr", "Nom : Moreau\nCourriel : <<E>>\nT\u00e9l. : <<P>>\nSite : <<U>>"),
    ("survey", "en", "call <<P>> or email <<E>>; card on file <<C>>"),
    ("email", "it", "Salve, rimborso sull'IBAN <<I>>. Per info <<P>> o <<E>>."),
    ("form", "en", "SSN <<S>> / phone <<P>> / email <<E>>"),
    ("chat", "en", "Customer: my social <<S>>, card <<C>>\nAgent: I've redacted that, please never share those."),
    ("tweet", "en", "@ShopCare order pics: <<U>> email <<E>>"),
    ("csv", "en", "email,phone,card\n<<E>>,<<P>>,<<C>>"),
    ("signature", "en", "Cheers,\nPriya Sharma | Head of Ops\nM: <<P>> | <<E>>\n<<U>>"),
    ("json", "de", "{\"email\": \"<<E>>\", \"tel\": \"<<P>>\", \"iban\": \"<<I>>\", \"plz\": \"10115\"}"),
    ("survey", "ru", "\u041f\u043e\u0447\u0442\u0430 <<E>>, \u0442\u0435\u043b\u0435\u0444\u043e\u043d <<P>>"),
    ("notes", "en", "Verified by SSN <<S>>; updated email to <<E>>; card <<C>> blocked."),
    ("email", "en", "Forwarding to <<E>> and <<E2>>. Link to the ticket: <<U>>"),
    ("survey", "en", "My number changed from <<P>> to <<P2>>, please update"),
    ("vcard", "en", "BEGIN:VCARD\nFN:Mike Taylor\nTEL;TYPE=work:<<P>>\nTEL;TYPE=cell:<<P2>>\nEMAIL:<<E>>\nEND:VCARD"),
    ("form", "de", "Name: Lena Hoffmann\nIBAN: <<I>>\nTelefon: <<P>>\nE-Mail: <<E>>"),
    ("signature", "en", "--\nOmar | Support\n<<U>> | <<P>>"),
    ("email", "en", "Please use card <<C>> instead of <<C2>> going forward."),
    ("survey", "fr", "IBAN <<I>> - t\u00e9l\u00e9phone <<P>> - mail <<E>>"),
    ("email", "en", "Send docs to <<E>>, or upload here <<U>>. SSN for the form: <<S>>"),
    ("survey", "es", "correo <<E>> / tel\u00e9fono <<P>> / IBAN <<I>>"),
    ("signature", "en", "Kind regards,\nEmma Taylor\nDirect: <<P>> | Mobile: <<P2>>\n<<E>>"),
    ("chat", "en", "Customer: the links are <<U>> and <<U2>>"),
    ("notes", "pt", "Cliente pediu retorno no <<P>>; e-mail <<E>>; cart\u00e3o <<C>>."),
]

# --------------------------------------------------------------------------
# hard negatives
# --------------------------------------------------------------------------

_NUM_WORDS = {"en": "zero one two three four five six seven eight nine".split(),
              "de": "null eins zwei drei vier f\u00fcnf sechs sieben acht neun".split(),
              "es": "cero uno dos tres cuatro cinco seis siete ocho nueve".split()}


def _ean13(prefix):
    body = prefix + _d(12 - len(prefix))
    s = sum(int(x) * (1 if i % 2 == 0 else 3) for i, x in enumerate(body))
    return body + str((10 - s % 10) % 10)


def _neg_fill(name):
    if name == "ORDER":
        k = _R.randrange(7)
        return [f"#{_R.randint(100000, 999999)}", f"A-{_d(5)}",
                f"ORD-2024-{_d(6)}", f"{_d(3)}-{_d(7)}-{_d(7)}",
                f"{_R.randint(10000000, 99999999)}", f"WEB{_d(7)}",
                f"{_R.randint(100, 999)}-{_d(7)}-{_d(7)}"][k]
    if name == "TRACK":
        k = _R.randrange(6)
        return ["1Z" + _rid(6, "0123456789ABCDEFGHJKLMNPRSTUVWXYZ") + _d(10),
                "00340434" + _d(12),
                " ".join(_by4("9400" + _d(18))),
                _rid(2, "ABCDEFGHJKLMNPRSTUVWXYZ") + _d(9) + "GB",
                "JJD" + _d(18),
                "3S" + _rid(4, "ABCDEFGHJKLMNPRSTUVWXYZ") + _d(7)][k]
    if name == "PRICE":
        return _c([f"${_R.randint(1, 2999):,}.{_d(2)}", f"\u20ac{_R.randint(5, 999)},{_d(2)}",
                   f"\u00a3{_R.randint(1, 99)}.{_d(2)}", f"{_R.randint(10, 999)}.{_d(2)} USD"])
    if name == "AMOUNT_US":
        return f"${_R.randint(1000, 999999):,}.{_d(2)}"
    if name == "AMOUNT_EU":
        return f"{_R.randint(1000, 999999):,}".replace(",", ".") + f",{_d(2)}"
    if name == "AMOUNT_BIG":
        return _c([f"{_R.randint(1000000, 99999999):,}.{_d(2)}",
                   f"{_R.randint(1000000, 99999999):,}".replace(",", ".") + f",{_d(2)}",
                   f"{_R.randint(1000000, 99999999):,}".replace(",", " ") + f",{_d(2)}",
                   f"{_R.randint(1000000, 99999999):,}".replace(",", "'")])
    if name == "DATE":
        y, m, dd = _R.randint(2019, 2025), _R.randint(1, 12), _R.randint(1, 28)
        return _c([f"{y}-{m:02d}-{dd:02d}", f"{m:02d}/{dd:02d}/{y}", f"{dd} Mar {y}",
                   f"{dd:02d}/{m:02d}/{y % 100:02d}"])
    if name == "DATE_DE":
        return f"{_R.randint(1, 28):02d}.{_R.randint(1, 12):02d}.{_R.randint(2019, 2025)}"
    if name == "TIME":
        return _c([f"{_R.randint(6, 22):02d}:{_c(['00', '15', '30', '45'])}",
                   f"{_R.randint(1, 12)}:{_d(1)}{_d(1)} {_c(['AM', 'PM', 'pm'])}"])
    if name == "TS_ISO":
        return (f"{_R.randint(2022, 2025)}-{_R.randint(1, 12):02d}-{_R.randint(1, 28):02d}T"
                f"{_R.randint(0, 23):02d}:{_R.randint(0, 59):02d}:{_R.randint(0, 59):02d}"
                + _c(["Z", ".123Z", "+01:00", ".482913+02:00"]))
    if name == "UNIX":
        return str(_R.randint(1600000000, 1740000000)) + _c(["", "", _d(3)])
    if name == "UID":
        return _d(_c([5, 6, 7]))
    if name == "VERSION":
        return _c([f"{_R.randint(1, 14)}.{_R.randint(0, 30)}.{_R.randint(0, 9)}",
                   f"v{_R.randint(1, 9)}.{_R.randint(0, 40)}.{_R.randint(0, 20)}"])
    if name == "BUILD":
        return _c([f"{_R.randint(2022, 2025)}{_R.randint(1, 12):02d}{_R.randint(1, 28):02d}",
                   str(_R.randint(1000, 99999))])
    if name == "IPVER":
        return f"{_R.randint(1, 12)}.{_R.randint(0, 255)}.{_R.randint(0, 255)}.{_R.randint(1, 9999)}"
    if name == "FLIGHT":
        return _c(["LH", "BA", "UA", "FR", "KL", "AF", "IB", "AZ", "LX", "SK", "NH", "TP", "LO", "DL"]) + _c(["", " "]) + str(_R.randint(1, 9999))
    if name == "POSTCODE":
        return _c(["SW1A 1AA", "EC1A 1BB", "10115 Berlin", "75008 Paris", "28013 Madrid",
                   "00-950 Warszawa", "1012 AB Amsterdam", "01310-100 S\u00e3o Paulo",
                   "90210", "94107-1234", "\u3012100-0001", "2000 NSW", "111 22 Stockholm",
                   "1000-001 Lisboa", "20121 Milano", "8001 Z\u00fcrich"])
    if name == "LAST4":
        return _d(4)
    if name == "LAST2":
        return _d(2)
    if name == "REF":
        return _c([f"REF-{_d(4)}-{_rid(2, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}",
                   f"RMA-{_d(5)}", f"{_rid(6, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789')}",
                   f"CS{_d(8)}", f"{_R.randint(2020, 2025)}/{_R.randint(1, 12):02d}/{_d(6)}"])
    if name == "CASE":
        return _d(8)
    if name == "PNR":
        return _rid(6, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    if name == "EAN":
        return _ean13(_c(["400", "500", "760", "871", "590", "489", "789"]))
    if name == "SKU":
        return _c([f"{_d(3)}-{_d(3)}-{_d(2)}", f"ART-{_d(6)}", f"{_rid(2, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}{_d(5)}-{_c(['S', 'M', 'L', 'XL'])}"])
    if name == "ISBN":
        body = "978" + _c(["3", "0", "2", "84", "88", "90"])
        full = _ean13(body)
        return _c([f"{full[:3]}-{full[3:4]}-{full[4:7]}-{full[7:12]}-{full[12]}", full])
    if name == "INVOICE":
        return _c([" ".join(_by4(_d(16))), _d(16), "-".join(_by4(_d(16))), _d(18),
                   f"{_R.randint(2020, 2025)}{_d(12)}", " ".join(_by4(_d(19)))])
    if name == "LONGREF":
        return _d(_c([13, 14, 15, 17, 19, 20, 24]))
    if name == "BIC":
        return _c(["COBADEFFXXX", "DEUTDEFF", "BNPAFRPP", "INGBNL2A", "BSCHESMM",
                   "UNCRITMM", "NWBKGB2L", "PKOPPLPW", "ESSESESS", "RABONL2U"])
    if name == "VAT9":
        return _d(9)
    if name == "EIN":
        return f"{_R.randint(10, 99)}-{_d(7)}"
    if name == "NIP":
        return f"{_d(3)}-{_d(3)}-{_d(2)}-{_d(2)}"
    if name == "SPOKEN":
        lang = _c(["en", "en", "de", "es"])
        digits = _card_digits(_c(["Visa16", "MC5", "Amex"]))
        return " ".join(_NUM_WORDS[lang][int(x)] for x in digits)
    if name == "DATE8":
        return f"{_R.randint(2019, 2025)}{_R.randint(1, 12):02d}{_R.randint(1, 28):02d}"
    if name == "TIME6":
        return f"{_R.randint(0, 23):02d}{_R.randint(0, 59):02d}{_R.randint(0, 59):02d}"
    if name == "INC":
        return _d(7)
    if name == "GIFT":
        a = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        return f"{_rid(4, a)}-{_rid(4, a)}-{_rid(4, a)}"
    if name == "CUSTNO":
        return _c([f"K{_d(7)}", f"KD-{_d(6)}", f"{_d(2)}-{_d(6)}-{_d(1)}"])
    if name == "METER":
        return f"{_d(1)}{_rid(3, 'ABCDEFGHJKLMNPRSTUVWXYZ')}{_d(8)}"
    if name == "JPY":
        return f"\u00a5{_R.randint(1000, 999999):,}"
    if name == "BRL":
        return "R$ " + f"{_R.randint(100, 99999):,}".replace(",", ".") + f",{_d(2)}"
    if name == "PLN":
        return f"{_R.randint(100, 99999):,}".replace(",", " ") + f",{_d(2)} z\u0142"
    if name == "RUB":
        return f"{_R.randint(1000, 999999):,}".replace(",", " ") + " \u20bd"
    if name == "SERIAL":
        return _rid(12, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")
    if name == "JPTRACK":
        return f"{_d(4)}-{_d(4)}-{_d(4)}"
    if name == "OTP":
        return _d(6)
    raise KeyError(name)


_NEG_T = [
    ("survey", "en", "Order <<ORDER>> still hasn't arrived, it's been 12 days."),
    ("survey", "en", "Where is my package? Tracking says <<TRACK>> but nothing moved since Monday."),
    ("survey", "de", "Sendungsnummer <<TRACK>> \u2013 Paket wurde angeblich zugestellt, ist aber nicht da."),
    ("survey", "en", "Charged <<PRICE>> instead of <<PRICE>>, please fix."),
    ("survey", "fr", "Le montant de <<AMOUNT_EU>> \u20ac a \u00e9t\u00e9 pr\u00e9lev\u00e9 deux fois."),
    ("email", "en", "Invoice no. <<INVOICE>> dated <<DATE>> is wrong."),
    ("email", "de", "Rechnungsnummer <<INVOICE>> vom <<DATE_DE>> ist falsch."),
    ("review", "en", "App crashes on version <<VERSION>> (build <<BUILD>>), iPhone 13, iOS 17.4.1"),
    ("review", "en", "Firmware <<IPVER>> bricked my router."),
    ("tweet", "en", "Flight <<FLIGHT>> on <<DATE>> was cancelled and no one told us. @airline"),
    ("survey", "es", "Vuelo <<FLIGHT>> retrasado 5 horas, llegamos a las <<TIME>>."),
    ("survey", "en", "Delivery to <<POSTCODE>> takes forever."),
    ("survey", "en", "Paid with card ending <<LAST4>> but the order shows unpaid."),
    ("review", "en", "My Visa \u2022\u2022\u2022\u2022 <<LAST4>> was declined twice."),
    ("survey", "en", "Card **** **** **** <<LAST4>> charged twice"),
    ("notes", "en", "Agent verified last 4 of SSN (<<LAST4>>) and DOB."),
    ("form", "en", "SSN on file: ***-**-<<LAST4>>"),
    ("survey", "en", "XXX-XX-<<LAST4>> is shown on the letter, is that right?"),
    ("email", "en", "Reference <<REF>> \u2013 please quote this in all correspondence."),
    ("notes", "en", "Case #<<CASE>> reopened by customer."),
    ("review", "en", "SKU <<EAN>> out of stock again"),
    ("survey", "de", "Artikelnummer <<SKU>>, Gr\u00f6\u00dfe 42"),
    ("review", "en", "ISBN <<ISBN>> arrived with a torn cover"),
    ("log", "en", "[<<TS_ISO>>] ERROR checkout failed code=502"),
    ("log", "en", "ts=<<UNIX>> user_id=<<UID>> event=refund_requested"),
    ("survey", "en", "We were charged <<AMOUNT_US>> on a <<AMOUNT_US>> order?!"),
    ("email", "en", "Booking ref <<PNR>>, seat 23C, gate B22"),
    ("survey", "fr", "Num\u00e9ro de commande : <<ORDER>> \u2013 colis jamais re\u00e7u"),
    ("survey", "it", "Numero d'ordine <<ORDER>>, consegna prevista il <<DATE_DE>>"),
    ("survey", "nl", "Bestelnummer <<ORDER>> \u2013 bezorging op <<DATE_DE>> tussen <<TIME>> en <<TIME>>"),
    ("survey", "pt", "N\u00famero do pedido <<ORDER>>, valor <<BRL>>"),
    ("survey", "pl", "Numer zam\u00f3wienia <<ORDER>>, kwota <<PLN>>"),
    ("survey", "sv", "Ordernummer <<ORDER>>, levereras <<DATE>>"),
    ("review", "ja", "\u6ce8\u6587\u756a\u53f7 <<ORDER>> \u306e\u5546\u54c1\u304c\u307e\u3060\u5c4a\u304d\u307e\u305b\u3093\u3002"),
    ("survey", "ru", "\u041d\u043e\u043c\u0435\u0440 \u0437\u0430\u043a\u0430\u0437\u0430 <<ORDER>>, \u0441\u0443\u043c\u043c\u0430 <<RUB>>"),
    ("notes", "en", "Cust tried to read card as words: <<SPOKEN>>. Stopped them."),
    ("survey", "en", "IBAN ending in <<LAST4>>, refund please"),
    ("form", "de", "IBAN: DE** **** **** **** **** <<LAST2>>"),
    ("survey", "en", "BIC <<BIC>> \u2014 is that the right bank code?"),
    ("email", "de", "USt-IdNr. DE<<VAT9>> auf der Rechnung ist falsch"),
    ("email", "en", "EIN <<EIN>> for the business account"),
    ("email", "pl", "NIP <<NIP>> na fakturze jest b\u0142\u0119dny"),
    ("review", "en", "npm i lodash@4.17.21 fixed it, pinned react@18.2.0 too"),
    ("tweet", "en", "@AcmeSupport @AcmeUK still no reply #fail"),
    ("survey", "en", "We sent a code to j***@gmail.com but I don't have access to it"),
    ("review", "de", "Die App zeigt m****r@gmx.de als Login, das bin ich nicht"),
    ("survey", "en", "the phone ending in <<LAST4>> is no longer mine"),
    ("survey", "en", "Call between 9-17 Mon-Fri, press 2 then 4."),
    ("review", "en", "Open 08:00\u201320:00, Sat 10:00\u201316:00, closed Sundays"),
    ("email", "en", "Attached IMG_<<DATE8>>_<<TIME6>>.jpg and report_final_v3.pdf"),
    ("survey", "en", "Coordinates 52.520008, 13.404954 are wrong for my pickup point"),
    ("survey", "en", "Room 1204, 12th floor, meeting at 3:30pm"),
    ("survey", "en", "Scored 9/10, NPS went from 32 to 41 in Q3 2023"),
    ("form", "en", "Serial number: <<SERIAL>>"),
    ("survey", "de", "Kundennummer <<CUSTNO>>, bitte um R\u00fcckruf"),
    ("survey", "en", "ticket INC<<INC>> still open after 3 weeks"),
    ("survey", "en", "Gift card code <<GIFT>> not working"),
    ("survey", "en", "Promo code SPRING24 didn't apply"),
    ("review", "en", "Model WH-1000XM5, part no. 8PK1234-A, broke after 2 months"),
    ("log", "en", "Windows Version 10.0.19045.3693, Chrome 122.0.6261.112"),
    ("review", "en", "Android 14; app <<VERSION>> (<<BUILD>>)"),
    ("email", "en", "Total: <<AMOUNT_US>> (incl. VAT <<PRICE>>)"),
    ("email", "de", "\u00dcberweisung \u00fcber <<AMOUNT_BIG>> EUR noch offen"),
    ("log", "en", "timestamp <<TS_ISO>>"),
    ("email", "en", "Your reference: <<LONGREF>>"),
    ("survey", "de", "Z\u00e4hlerstand 004512,7 kWh, Z\u00e4hlernummer <<METER>>"),
    ("survey", "en", "Seat 14A, flight <<FLIGHT>> dep <<TIME>>"),
    ("review", "ja", "\u6e0b\u8c37\u5e97\u3067<<JPY>>\u6255\u3044\u307e\u3057\u305f\u3002"),
    ("survey", "en", "The agent was great, very patient with me."),
    ("survey", "en", "Our support email is on the website under Contact Us"),
    ("survey", "en", "i sent it from my work email, check there"),
    ("survey", "en", "call me maybe lol, or don't, just fix the app"),
    ("review", "en", "config.yaml and settings.json missing after update"),
    ("review", "en", "e.g. the Node.js SDK v18.19.0 throws on startup"),
    ("pipe", "en", "Order <<ORDER>> | Qty 3 | Unit 19,99 \u20ac | Total 59,97 \u20ac"),
    ("csv", "en", "<<DATE>>,detractor,2,\"delivery late, box damaged\",<<ORDER>>"),
    ("json", "en", "{\"order_id\": \"<<ORDER>>\", \"nps\": 3, \"ts\": \"<<TS_ISO>>\", \"amount\": 1249.99}"),
    ("survey", "en", "Ask for extension 4412 at reception."),
    ("survey", "en", "Parcel weighed 2,350 g, 45 x 30 x 20 cm"),
    ("survey", "de", "Kontonummer endet auf <<LAST4>>"),
    ("survey", "fr", "les 4 derniers chiffres de ma carte : <<LAST4>>"),
    ("chat", "es", "\u00faltimos 4 d\u00edgitos <<LAST4>>"),
    ("survey", "en", "OTP <<OTP>> arrived too late, session expired"),
    ("survey", "en", "Charged <<AMOUNT_BIG>> by mistake?!"),
    ("notes", "en", "Cust gave order <<ORDER>> and tracking <<TRACK>>; delivery ETA <<DATE>>."),
    ("email", "it", "Fattura n. <<INVOICE>> del <<DATE_DE>>"),
    ("survey", "nl", "Factuurnummer <<INVOICE>>, bedrag \u20ac 1.249,00"),
    ("survey", "pt", "Nota fiscal <<LONGREF>>"),
    ("review", "pl", "Wersja aplikacji <<VERSION>>, Android 13"),
    ("survey", "sv", "Flyg <<FLIGHT>> f\u00f6rsenat, landade <<TIME>>"),
    ("survey", "ru", "\u0412\u0435\u0440\u0441\u0438\u044f <<VERSION>>, \u0437\u0430\u043a\u0430\u0437 <<ORDER>>"),
    ("review", "en", "Card ending in <<LAST4>> (Mastercard) was charged <<PRICE>> twice"),
    ("chat", "en", "Agent: I can see the card ending <<LAST4>>, expiring 09/27.\nCustomer: yes that's it"),
    ("form", "en", "Card: XXXX-XXXX-XXXX-<<LAST4>>  Exp: 11/26"),
    ("survey", "en", "Phone on file: (***) ***-<<LAST4>>"),
    ("survey", "en", "Please don't email me anymore. Unsubscribe me from everything."),
    ("tweet", "en", "@ShopCare 3rd time asking. Order <<ORDER>>. #customerservice"),
    ("survey", "es", "Pedido <<ORDER>>, importe <<AMOUNT_EU>> \u20ac"),
    ("log", "en", "2024-03-15 14:32:05 UTC payment_id=pi_<<UID>> status=failed"),
    ("survey", "en", "The tracking link in the SMS didn't open, number <<TRACK>>"),
    ("survey", "en", "ISBN <<ISBN>> and <<ISBN>> were swapped in my order"),
    ("email", "en", "Invoice <<INVOICE>> \u2013 amount due <<AMOUNT_US>>"),
    ("survey", "en", "Mail me the invoice again please, same address as last time."),
    ("review", "en", "Hotline was closed at 18:05 even though the site says open till 18:00"),
    ("survey", "de", "Versandkosten 4,99 \u20ac, Lieferzeit 3-5 Werktage \u2013 kam nach 12 Tagen"),
    ("survey", "fr", "Commande pass\u00e9e le 12/03 \u00e0 14h30, toujours rien."),
    ("survey", "it", "Il codice sconto BENVENUTO10 non funziona"),
    ("review", "nl", "Het pakket van 2,5 kg kwam pas na 10 dagen"),
    ("survey", "pl", "Zam\u00f3wienie z <<DATE_DE>> nadal w drodze"),
    ("review", "sv", "Leveransen tog 14 dagar, inte 3-5 som utlovat"),
    ("survey", "pt", "Entrega prevista para <<DATE>> entre 8h e 18h"),
    ("survey", "ja", "\u304a\u554f\u3044\u5408\u308f\u305b\u756a\u53f7 <<JPTRACK>> \u3067\u8ffd\u8de1\u3067\u304d\u307e\u305b\u3093"),
    ("review", "en", "My Galaxy S23 Ultra 512GB arrived with a cracked screen"),
    ("survey", "en", "Winter sale said up to 70% off, ends 31.01., but nothing was discounted"),
    ("survey", "en", "Tracking <<TRACK>> shows delivered at <<TIME>>, I was home all day"),
    ("csv", "en", "<<TS_ISO>>;<<ORDER>>;<<PRICE>>;refund;<<REF>>"),
]


# --------------------------------------------------------------------------
# building
# --------------------------------------------------------------------------

ITEMS = []


def _clean(text, values):
    rest = text
    for v in sorted(values, key=len, reverse=True):
        rest = rest.replace(v, " \u00a7 ")
    return not _has_luhn_window(rest)


def _assemble(template, vals, channel, lang, styles):
    text = template
    for key, (_, v) in vals.items():
        text = text.replace("<<" + key + ">>", v)
    assert "<<" not in text, text
    found = []
    for key, (t, v) in vals.items():
        if t is not None:
            found.append((text.index(v), t, v))
    found.sort()
    types = []
    for _, t, _ in found:
        if t not in types:
            types.append(t)
    note = f"{'+'.join(types) or 'NEG'} | {channel} | {lang} | {'; '.join(styles)}"
    return {"text": text, "pii": [{"type": t, "value": v} for _, t, v in found], "note": note}


def _add(builder):
    for _ in range(1000):
        item = builder()
        if _clean(item["text"], [p["value"] for p in item["pii"]]):
            ITEMS.append(item)
            return
    raise AssertionError("could not build a clean item")


def _email_item(tpl, mode=None):
    ch, lang, t = tpl

    def b():
        if mode == "newline":
            v, st = _email(lang, allow_obf=False)
            v = v.replace("@", "@\n", 1)
            st += ", line break after @"
        else:
            v, st = _email(lang)
            if "mailto" in t or "href" in t or "From:" in t or "Reply-To" in t:
                v, st = _email(lang, allow_obf=False)
        return _assemble(t, {"E": ("EMAIL", v)}, ch, lang, [st])
    _add(b)


def _card_item(tpl, network, spoken=False):
    ch, lang, t = tpl

    def b():
        digits = _card_digits(network)
        v, st = _fmt_card(digits, spoken_ok=spoken)
        return _assemble(t, {"C": ("CARD", v)}, ch, lang, [f"{network} {len(digits)}", st])
    _add(b)


def _phone_item(tpl, mode=None):
    ch, lang, t = tpl

    def b():
        v, st = _phone(lang, mode)
        return _assemble(t, {"P": ("PHONE", v)}, ch, lang, [st])
    _add(b)


def _url_item(tpl, newline=False):
    ch, lang, t = tpl

    def b():
        v, st = _url()
        if newline:
            v = f"https://docs.google.com/document/d/{_rid(30)}\n{_rid(14)}/edit?usp=sharing"
            st = "long share link wrapped over two lines"
        return _assemble(t, {"U": ("URL", v)}, ch, lang, [st])
    _add(b)


_IBAN_CYCLE = []


def _iban_item(tpl):
    ch, lang, t = tpl
    if not _IBAN_CYCLE:
        _IBAN_CYCLE.extend(sorted(_IBAN_SPEC))
        _R.shuffle(_IBAN_CYCLE)
    cc = _IBAN_CYCLE.pop()

    def b():
        v, st = _fmt_iban(_iban(cc))
        return _assemble(t, {"I": ("IBAN", v)}, ch, lang, [f"{cc}", st])
    _add(b)


def _ssn_item(tpl):
    ch, lang, t = tpl

    def b():
        v, st = _ssn()
        return _assemble(t, {"S": ("SSN", v)}, ch, lang, [st])
    _add(b)


_MULTI_NETS = ["Visa16", "MC5", "MC2", "Amex", "Discover", "JCB", "Visa16", "Diners", "Maestro"]


def _multi_item(tpl):
    ch, lang, t = tpl

    def b():
        vals, styles = {}, []
        for key in re.findall(r"<<([A-Z0-9]+)>>", t):
            if key in vals:
                continue
            if key.startswith("E"):
                v, st = _email(lang, allow_obf=_R.random() < 0.5)
                vals[key] = ("EMAIL", v)
            elif key.startswith("P"):
                v, st = _phone(lang)
                vals[key] = ("PHONE", v)
            elif key.startswith("C"):
                net = _c(_MULTI_NETS)
                v, st = _fmt_card(_card_digits(net))
                st = net + " " + st
                vals[key] = ("CARD", v)
            elif key.startswith("U"):
                v, st = _url()
                vals[key] = ("URL", v)
            elif key.startswith("I"):
                cc = _c(_IBAN_LANG.get(lang, _IBAN_LANG["en"]))
                v, st = _fmt_iban(_iban(cc))
                st = cc + " " + st
                vals[key] = ("IBAN", v)
            elif key.startswith("S"):
                v, st = _ssn()
                vals[key] = ("SSN", v)
            else:
                raise KeyError(key)
            styles.append(f"{key[0]}: {st}")
        return _assemble(t, vals, ch, lang, styles)
    _add(b)


def _neg_item(tpl):
    ch, lang, t = tpl

    def b():
        text = t
        kinds = []
        for key in re.findall(r"<<([A-Z0-9_]+)>>", t):
            text = text.replace("<<" + key + ">>", _neg_fill(key), 1)
            if key not in kinds:
                kinds.append(key.lower())
        note = f"NEG | {ch} | {lang} | {', '.join(kinds) or 'plain text'}"
        return {"text": text, "pii": [], "note": note}
    _add(b)


def _build():
    # EMAIL singles: every template twice, plus line-break variants
    for tpl in _EMAIL_T + _EMAIL_T[:9]:
        _email_item(tpl)
    _email_item(("survey", "en", "pls send the voucher to <<E>> asap"), mode="newline")
    _email_item(("form", "de", "E-Mail: <<E>>\nNachricht: Lieferung fehlt"), mode="newline")
    _email_item(("email", "en", "Contact me at <<E>> or\nreply here."), mode="newline")
    for tpl in _EMAIL_T[9:50]:
        _email_item(tpl)

    # CARD singles
    plan = list(_CARD_PLAN)
    _R.shuffle(plan)
    spoken_nets = ["Visa16", "MC5", "Amex", "Discover"]
    for i, net in enumerate(plan[:111]):
        _card_item(_CARD_T[i % len(_CARD_T)], net)
    for i, net in enumerate(spoken_nets):
        _card_item(_CARD_SPOKEN_T[i % 2], net, spoken=True)

    # PHONE singles
    for tpl in _PHONE_T + _PHONE_T[:32]:
        _phone_item(tpl)
    for tpl in _PHONE_E164_T:
        _phone_item(tpl, mode="e164")
    for tpl in _PHONE_NL_T:
        _phone_item(tpl, mode="newline")

    # URL singles
    for tpl in _URL_T + _URL_T[:9]:
        _url_item(tpl)
    for tpl in _URL_NL_T:
        _url_item(tpl, newline=True)

    # IBAN singles
    for tpl in _IBAN_T + _IBAN_T[:8]:
        _iban_item(tpl)

    # SSN singles
    for tpl in _SSN_T + _SSN_T + _SSN_T[:2]:
        _ssn_item(tpl)

    # multi-type items
    for tpl in _MULTI_T:
        _multi_item(tpl)

    # hard negatives
    for tpl in _NEG_T:
        _neg_item(tpl)
    templated = [t for t in _NEG_T if "<<" in t[2]]
    for tpl in templated[:165 - len(_NEG_T)]:
        _neg_item(tpl)

    _R.shuffle(ITEMS)


_build()

# --------------------------------------------------------------------------
# checks and counts
# --------------------------------------------------------------------------

for _it in ITEMS:
    assert set(_it) == {"text", "pii", "note"}, _it
    assert isinstance(_it["text"], str) and isinstance(_it["note"], str)
    assert "<<" not in _it["text"], _it
    for _p in _it["pii"]:
        assert _p["type"] in VALID_TYPES, _p
        assert _p["value"] and _p["value"] in _it["text"], (_p, _it["text"])
        if _p["type"] == "CARD":
            _ds = re.sub(r"\D", "", _p["value"])
            assert 13 <= len(_ds) <= 19 and _luhn_ok(_ds), _p
        if _p["type"] == "IBAN":
            _ib = re.sub(r"\s", "", _p["value"]).upper()
            assert int("".join(str(int(ch, 36)) for ch in _ib[4:] + _ib[:4])) % 97 == 1, _p


assert len({_it["text"] for _it in ITEMS}) == len(ITEMS), "duplicate texts"


def _counts():
    out = {"total": len(ITEMS), "negatives": sum(1 for i in ITEMS if not i["pii"]),
           "multi_type": sum(1 for i in ITEMS if len({p["type"] for p in i["pii"]}) > 1)}
    for t in VALID_TYPES:
        out[t] = (sum(1 for i in ITEMS if any(p["type"] == t for p in i["pii"])),
                  sum(1 for i in ITEMS for p in i["pii"] if p["type"] == t))
    return out


COUNTS = _counts()
EXPECTED_COUNTS = {
    "total": 589, "negatives": 165, "multi_type": 40,
    "EMAIL": (141, 143), "URL": (40, 41), "IBAN": (32, 32),
    "CARD": (125, 126), "SSN": (40, 40), "PHONE": (106, 110),
}
assert COUNTS == EXPECTED_COUNTS, COUNTS

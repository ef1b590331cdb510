"""PII redaction: typed placeholders replace personal data before anything is stored.

Replaced, in this order (earlier types win because later passes never see digits or
dots inside a placeholder or a found span):

- ``[EMAIL]``: addresses (apostrophes and letters of any script in the part before the
  "@": "maria.o'neill@...", "josé@..."), also without a TLD when they look like one
  ("jane.doe@example", "jane@gmail") or follow "email me at", "contact me:", "reach me
  on", "reached" ("omurphy@company"), and obfuscated ("jane [at] example [dot] com",
  "jane<at>example<dot>com", "jane[@]example[.]com", "jane -at- example -dot- com",
  "jane dot doe at example dot com", "jane.doe at gmail.com", "jane@example dot com",
  "jane . doe @ example . com", "at" and "dot" spelled in other languages: "ana arroba
  gmail punto com", "henrik krøllalfa gmail punktum com", "nikos παπάκι otenet τελεία gr",
  "lukas [at] example [punkt] de", "lukas(ät)example.de"; "(a)", "#" or a fullwidth "＠"
  typed for the "@": "thomas.m(a)laposte.net"), with any "mailto:" before it; ``[URL]``: links with a
  scheme, www., or a bare domain with a well-known TLD (with any port, path or query;
  or, with a path after it, a two-letter or a common generic TLD: "acme.shop/returns");
  a link or an address glued to Japanese or Chinese text ends where that text starts.
- ``[HANDLE]``: social @handles (they identify a person, and in embeddings they would make
  topics cluster by who was addressed rather than by what went wrong).

The number types below are looked for in a folded copy of the text (every dash and minus
sign a hyphen, every space of another width a space, digits of any script ASCII: see
_fold), so "078‐05‐1120" pasted from a PDF or "+33 6 12 34 56 78" with no-break spaces
reads as if typed plainly; the text keeps its own characters around the placeholders.

- ``[IBAN]``: ISO 13616 length and mod-97 checked, in any grouping (spaces, hyphens,
  dots, a line break), any case, also with the country code apart ("DE 89 3704 ...").
- ``[CARD]``: 13-19 digits, Luhn checked, grouped as cards are (spaces, hyphens, dots,
  slashes); and a security code named as such ("cvv 123").  A Luhn-valid run named as an
  IMEI, a tracking number or a barcode is not a card, nor is a gift card's or voucher's code.
- ``[SSN]`` and ``[PHONE]`` are not matched form by form.  Every run of digit groups
  (joined by spaces, hyphens, dots, slashes or brackets, with a "+" or a bracket before
  it) is one candidate, classified by _number_kind on its digit count, its grouping (a
  "+", "00" or "011" before a country code; a trunk 0; an area code in brackets or
  before a slash; 3-3-4; 3-2-4), checksums and the words around it: before it ("call",
  "mobile", "tel", "my number", "SSN", "ITIN", "taxpayer ID", "order", "claim", "tracking"
  ..., in many languages, compounds such as "Kundennummer" or "Rendelésszám" read by their
  first part) and after it ("... is my mobile", "(SSN)", "as my contact number").  An SSN is nine
  digits: 3-2-4 in one notation (hyphenated also as an ITIN, 9xx-7x-xxxx), or plain or
  3-3-3 unless a phone word or a reference word comes with it, with the SSA's
  never-issued areas, groups and serials excluded; after "SSN", "social security",
  "ITIN", "TIN", "SIN" ..., nine digits in any grouping.  A UK National Insurance number
  ("AB 12 34 56 C") is an ``[SSN]`` too.  A phone number is an international one (8-15
  digits after "+", 10-15 after "00"/"011"), a North American grouping, an area code in
  brackets, a national one after a trunk 0 (10-12 digits), a valid North American number
  written plainly, or 10-11 digits grouped as phone numbers are; with a phone word, any
  7-13 digits.  Dates, clock-time and year ranges, IPv4 addresses, amounts (a currency
  or unit next to them), thousands groupings and the tail of a code ("1Z 999 AA1 01 2345
  6784") are not numbers of either kind, nor is a number listed after one named as a
  reference, nor one named as goods ("SKU 793-03-6038").  An extension ("ext. 23", "x204")
  is part of a phone number, and so is the rest of one wrapped over a line after a phone
  word ("callback to 07401\\n503346", "0161 496\\n0386").  A phone word glued to the
  number ("Tel0152 ...") counts as if spaced; a CSV field after a numeric field is a
  candidate of its own, and in a row with an e-mail field a number grouped as phone
  numbers are is the row's phone.
  Digits typed one by one ("4 1 5 5 5 5 2 6 7 1") or spelled out ("four one five ...")
  are read as the number they make.
- ``[ADDRESS]``: a house number and capitalised street name with a street type ("12
  Baker Street", "221B Baker St.", "1600 Pennsylvania Avenue NW", "Flat 3, 10 Downing
  St"), with any city and US state + ZIP (or ZIP+4) or UK postcode after it; on their
  own, a UK postcode ("SW1A 1AA", area checked), a US "City, ST 12345" tail and a PO Box.
  Lower-case street names are not taken ("5 min walk", "2 blocks pike street").
- ``[NAME]``: capitalised names after a cue only: "my name is/my name's", "I'm"/"I am" +
  a common given name, "this is ... from", a title (Mr, Mrs, Ms, Mx, Dr, Miss, Prof), a
  sign-off ending the comment ("Regards, John Smith", "Thanks, Jane", "Cheers,\\nTom",
  "- Tom"), "agent/staff member/manager named/called ...", "spoke to/asked for" + a given
  name, "Jane Smith here"; lower case only as "my name is" + a given name.  All-capitals
  names, and names without a cue, are not found: a false name destroys the meaning of a
  complaint, so the cues are kept narrow (see _NAME_CUES).

Customer text is full of harmless numbers (flight UA 1234, $1,250.00, 17/02/2026,
booking refs, order numbers), so the checksum types are confirmed by their checksum (a
digit run that fails is left alone), and a number that could be a phone number or an SSN
is kept when the words just before it name it as another reference ("order #123456789",
"claim 4016688561", "DHL waybill 8603815625").  Every pattern is compiled once at import
and runs in linear time; the work per candidate number is bounded
(``bench/pii_bench.py`` measures recall, false positives on real text and speed).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Callable

from voc_engine.nlp.normalise import normalise

__all__ = ["Redaction", "redact", "redact_free_text", "PLACEHOLDERS", "luhn_valid", "iban_valid", "ssn_valid",
           "itin_valid"]

PLACEHOLDERS: dict[str, str] = {
    kind: f"[{kind}]"
    for kind in ("EMAIL", "URL", "HANDLE", "IBAN", "CARD", "SSN", "PHONE", "ADDRESS", "NAME")
}


Span = tuple[int, int, str]  # start, end, placeholder type


@dataclass(frozen=True)
class Redaction:
    """Redacted text and how many placeholders of each type were inserted."""

    text: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# --------------------------------------------------------------------------- checks

_LUHN_DOUBLED = str.maketrans("0123456789", "0246813579")  # 2d, minus 9 when > 9


def luhn_valid(digits: str) -> bool:
    """Luhn (mod 10) check of a string of digits (ISO/IEC 7812-1)."""
    reversed_digits = digits[::-1]
    total = sum(map(int, reversed_digits[0::2])) + sum(map(int, reversed_digits[1::2].translate(_LUHN_DOUBLED)))
    return total % 10 == 0


# Total IBAN length per country, from the SWIFT IBAN registry (ISO 13616).
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
    "BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24,
    "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
    "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
    "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
    "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
    "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
    "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    "YE": 30,
}


_IBAN_SEPARATORS = str.maketrans("", "", " -")


def iban_valid(iban: str) -> bool:
    """ISO 13616 check: registered country, exact length, mod-97 remainder 1 (spaces and
    hyphens between groups are ignored)."""
    compact = iban.translate(_IBAN_SEPARATORS).upper()
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def ssn_valid(area: str, group: str, serial: str) -> bool:
    """SSA rules: area 000, 666 and 900-999, group 00 and serial 0000 are never issued."""
    return (
        area not in ("000", "666")
        and not area.startswith("9")
        and group != "00"
        and serial != "0000"
    )


def itin_valid(area: str, group: str, serial: str) -> bool:
    """IRS rules for an Individual Taxpayer Identification Number: area 9xx and a group
    in 50-65, 70-88, 90-92 or 94-99."""
    value = int(group) if group.isdigit() else -1
    return (area.startswith("9") and serial != "0000"
            and (50 <= value <= 65 or 70 <= value <= 88 or 90 <= value <= 92 or 94 <= value <= 99))


# ------------------------------------------------------------------------- patterns

_URL_TRAILING_PUNCTUATION = ".,;:!?'\"’”)]}>…"
# Japanese, Chinese and Korean letters (kana, CJK ideographs, Hangul): those scripts are
# written without spaces, so a link or a number runs on into the words around it
# ("ページhttps://…と違う", "カードは4111 …です"); their letters are no part of it.
_CJK_LETTERS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
# A link's characters; not CJK letters, nor the ideographic and fullwidth punctuation
# ("。", "、", "（", "！") that ends a link typed among them.
_URL_BODY = rf"[^\s<>\"'`\[\]{{}}|\\^{_CJK_LETTERS}\u3000-\u303f\uff00-\uffef]"
# Where a link starts: not after a letter or digit, except one of the scripts above.
_URL_START = rf"(?<![^\W{_CJK_LETTERS}])"
# A letter or digit of a word an address or link can be glued to: not one of those scripts.
_LATIN_WORD_CHAR = rf"[^\W{_CJK_LETTERS}]"
# Bare domains (no scheme, no www) count only with a well-known TLD; with a path, any
# two-letter country TLD (t.co/xyz, bit.ly/abc, youtu.be/abc) or a common generic one
# (acme.shop/b/1) also does.  Other words are left alone: customer text often lacks the
# space after a full stop ("fit.lobby").
_COMMON_TLDS = "com|net|org|edu|gov|mil|info|biz|io|co|uk|ca|au|nz|de|fr|es|nl|ie|eu|app|dev|ai|aero"
# After an "@" (or a spelled one) a domain is an address's: every country's TLD and the generic
# ones mail is hosted on, which in a bare domain would be words ("fine.it", "sorry.no").
_MAIL_TLDS = (
    _COMMON_TLDS + "|pt|ch|br|be|at|se|no|dk|fi|pl|jp|ru|it|in|mx|ar|cl|za|sg|hk|cn|kr|tw|cz|sk|hu|ro|gr|tr|il|ae"
    "|lu|is|ee|lv|lt|si|hr|bg|ua|rs|pe|ph|my|id|th|vn|pk|ng|ke|eg|ma|us|me|tv|cc|ly|email|online|shop|store|tech"
    "|xyz|site|cloud|design|studio|dental|garden|life|live|world|team|art|pro|mobi|name|club"
)
# A TLD after a space where a dot was meant ("jane@gmx de"): country codes that are no English word.
_SPACED_MAIL_TLDS = "com|net|org|de|ru|fr|es|nl|pl|pt|ch|br|se|dk|fi|jp|uk|ie|cz|gr|tr|hu|ro|ua|ar|mx|au|nz|ca"
# Generic TLDs among the most registered, taken only with a path ("acme.shop/returns",
# "hotel.travel/b/x1"): most are words, and without a path "coupon.deals" or
# "print.today" is a missing space after a full stop.  Curated rather than IANA's full
# list (no TLD list comes with the runtime dependencies, and that one holds "now",
# "one", "you" ... that would make links of "late.now/then").
_PATH_ONLY_TLDS = (
    "shop|store|online|site|website|travel|tech|xyz|club|blog|news|live|life|world|today|top|vip|"
    "pro|mobi|cloud|digital|email|link|click|space|fun|agency|solutions|services|support|help|page|"
    "global|group|company|network|media|studio|design|tours|flights|hotel|hotels|bank|insurance|"
    "finance|money|health|care|delivery|deals|sale|games|events|academy|ltd|inc|art|market|"
    "reviews|tickets|express|systems|social|zone|plus|host|video|music|fashion|shoes|style|jobs|"
    "careers|works|team|rocks|guru|ninja|icu"
)
_SPELLED_DOT_RE = re.compile(r"\sdot\s")  # on lower-case text
# Mail providers whose name alone after an "@" is taken for an address ("jane@gmail"):
# the big webmail services and the national ISPs of the markets served.
_MAIL_PROVIDERS = frozenset(
    """
    gmail googlemail yahoo ymail rocketmail hotmail outlook live msn icloud me mac aol aim
    protonmail proton pm tutanota tuta fastmail hushmail posteo mailfence gmx web mail email
    zoho yandex rambler comcast verizon att sbcglobal bellsouth cox earthlink optonline
    netzero btinternet sky virginmedia talktalk ntlworld blueyonder tiscali plusnet orange
    free wanadoo laposte sfr libero virgilio t-online freenet telenet skynet ziggo kpnmail
    bluewin seznam eircom bigpond optusnet iinet internode tpg telstra xtra rogers shaw telus
    sympatico videotron rediffmail qq foxmail 163 126 139 21cn sina sohu aliyun naver hanmail daum
    """.split()
)
# Of those, the ones that are not English words: only they make an address of a spelled
# or spaced "at" without a TLD ("jamal.williams at bigpond", not "ava at home").
_SPELLED_MAIL_PROVIDERS = _MAIL_PROVIDERS - frozenset(
    "me mac aim pm web mail email sky orange free live shaw 163 126 139 21cn".split()
)
# The part of an address before the "@": a letter or digit of any script, then letters,
# digits and . _ % + - and apostrophes ("maria.o'neill", "jose.muñoz").
_MAILBOX = r"[^\W_][\w.%+'’-]*"
_URL_OR_EMAIL_RE = re.compile(
    rf"""
    (?P<URL>{_URL_START}(?:https?|hxxps?|ftp)://{_URL_BODY}+
      | {_URL_START}www\d{{0,3}}\.[A-Za-z0-9-]+\.{_URL_BODY}+
    )
    | (?P<EMAIL>(?<![\w.%+-])(?:mailto:)?{_MAILBOX}@(?:[^\W_][\w-]*\.)+(?:[A-Za-z]{{2,24}}|[^\W\d_]{{2,24}})(?![\w-]))
    | (?P<BARE>(?<!{_LATIN_WORD_CHAR})(?<![@./-])(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+
        # (Each alternative first looks for letters and a boundary, cheaply: a long run of
        # dotted words is tried for a TLD after every dot.)
        (?:(?=[A-Za-z]{{2,24}}/)(?:{_COMMON_TLDS}|{_PATH_ONLY_TLDS}|[A-Za-z]{{2}})/{_URL_BODY}*
         |(?=[A-Za-z]{{2,24}}(?![\w@-]|\.[A-Za-z0-9]))(?:{_COMMON_TLDS})(?![\w@-]|\.[A-Za-z0-9])
          # a port, a query or a fragment: example.com:8080, example.com?ref=1
          (?:(?::\d{{1,5}})?[/?#]{_URL_BODY}*|:\d{{1,5}}(?!\d))?)
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Without a TLD ("jane.doe@example"), on what the pass above left: taken for an address
# when the part before the "@" looks like one (a dot, underscore, digit ...) or the part
# after it names a mail provider; not tweets that use "@" for a space ("can't think@of
# one", "computers@were@down").
_EMAIL_NO_TLD_RE = re.compile(
    r"(?<![\w.%+-])(?P<local>[^\W_](?:[\w.%+'’-]*[^\W_])?)"
    r"@(?P<domain>[A-Za-z0-9][A-Za-z0-9-]*)(?![\w@-]|\.[A-Za-z0-9])"
    # a TLD typed after a space or a slash ("jane@gmx de", "jane@yandex/ru"): part of a provider's address
    rf"(?P<tail>(?:[ ](?:{_SPACED_MAIL_TLDS})|/(?:{_MAIL_TLDS}))(?![\w@/-]|\.[A-Za-z0-9]))?",
    re.IGNORECASE,
)
_EMAIL_LOCAL_MARK_RE = re.compile(r"[._%+\d-]")
_DOMAIN_LABEL_END_RE = re.compile(r"[ .,;]")
_GLUED_TLD_RE = re.compile(r"(?i)([a-z0-9-]{2,})(?:com|net|couk)\Z")
# Words that introduce an address right before it ("email me at", "contact me:", "reach
# me on", "never reached"): with them, "omurphy@company" is an address too.  A spelled
# "at" needs the person named ("contact me: ldubois at example.com"), as "email: look at
# expedia.com" and "reached out at booking.com" are not addresses.
_EMAIL_CUE_RE = re.compile(
    r"\b(?:(?:e-?mail(?:ed)?|contact|reach)(?:\s+(?:me|us))?\s*(?:at|on|via|to|:)|reached)\s*\Z", re.IGNORECASE
)
_EMAIL_CUE_ME_RE = re.compile(r"\b(?:e-?mail|contact|reach)\s+me\s*(?:at|on|via|:)\s*\Z", re.IGNORECASE)
_EMAIL_CUE_WINDOW = 30


def _introduced_as_email(text: str, start: int, cue: re.Pattern[str] = _EMAIL_CUE_RE) -> bool:
    return cue.search(text, max(0, start - _EMAIL_CUE_WINDOW), start) is not None

# Written to dodge scrapers: jane[at]example[dot]com, jane (at) example.com; jane at
# example dot com (a spelled "dot" before a well-known TLD, and not "look at the dot com
# era"), also with spelled dots before the "at" (jane dot doe at ...); jane.doe at
# example.com, decided in code like an address without a TLD ("booked at expedia.com" is
# a site); and a real "@" with spaces around it or a dot spelled or spaced after it
# (jane @ example.com, jane@example dot com, jane . doe @ example . com), only with a
# well-known TLD ("Sunday @ MCO.Keep up" is a tweet).  Its own pass, before the one below
# (which would take "example.com" for a URL), run only on text with such an "at", "@" or
# "dot".
_NOT_A_MAIL_DOMAIN = "the|a|an|this|that|these|those|my|your|our|their|his|her|its|any|some|no|every|one|all"
_LOCAL_PART = _MAILBOX
# Between the words of a spelled mailbox: "jane dot doe", "peter underscore grant", "mary dash ann".
_SPELLED_JOINER = r"[ ](?:dot|underscore|dash|hyphen)[ ]"
# "jane . doe", "example. com"; not a full stop before a new sentence ("@Apple . App is").
_SPACED_DOT = r"(?:[ ]\.[ ]?|\.[ ])(?!(?-i:[A-Z][a-z]))"
# Domain labels are at most 63 characters (RFC 1035) and an address has a few of them:
# bounded, so that the several starts a spaced local part allows ("x . y . jane @ ...")
# cannot each scan a long run of dotted words.
_LABEL = r"[A-Za-z0-9-]{1,63}"
# "at" and "dot" spelled in other languages (Spanish, Italian, German, Dutch, Danish and
# Swedish, Polish, Czech, Portuguese, French, Turkish, Norwegian, Finnish, Hungarian, Russian,
# Greek, Korean, Japanese).
_FOREIGN_AT_WORDS = (r"arroba|arobase|chiocciola|klammeraffe|apenstaartje|snabel-a|krøllalfa|ma[łl]pa|zavináč"
                     r"|kukac|собака|παπάκι|골뱅이|アットマーク|アット")
_FOREIGN_DOT_WORDS = r"punto|ponto|point|punt|nokta|punkt|punktum|kropka|prikk|piste|tečka|pont|точка|τελεία|점|ドット"
# "at" and "dot" (or "@" and ".") in brackets of any kind, or between hyphens: jane[at]
# example[dot]com, jane<at>example<dot>com, jane[@]example[.]com, jane -at- example -dot- com,
# lukas [at] example [punkt] de.
_OBFUSCATED_AT = rf"(?:\s*[\[({{<]\s*(?:at|ät|@|{_FOREIGN_AT_WORDS})\s*[\])}}>]\s*|\s*-at-\s*)"
_OBFUSCATED_DOT = rf"(?:\s*[\[({{<]\s*(?:dot|\.|{_FOREIGN_DOT_WORDS})\s*[\])}}>]\s*|\s*-dot-\s*)"
_SPELLED_DOT = rf"(?:{_OBFUSCATED_DOT}|\.|{_SPACED_DOT})"  # after an obfuscated "at"
_MAIL_DOMAIN = rf"(?:{_LABEL}(?:\.|{_SPACED_DOT}|\s+dot\s+|{_OBFUSCATED_DOT})){{1,8}}(?:{_MAIL_TLDS})"
_SPELLED_EMAIL_RE = re.compile(
    rf"""
    (?<![\w.%+-])
    (?:(?P<local>{_LOCAL_PART}(?:(?:{_SPELLED_JOINER}|{_OBFUSCATED_DOT}){_LOCAL_PART}){{0,3}})
       (?:{_OBFUSCATED_AT}
          [A-Za-z0-9-]+(?:{_SPELLED_DOT}[A-Za-z0-9-]+)*{_SPELLED_DOT}[A-Za-z]{{2,24}}
        | \s+at\s+(?!(?:{_NOT_A_MAIL_DOMAIN})\s)
          (?:[A-Za-z0-9-]+(?:(?:\s+dot\s+|\.)[A-Za-z0-9-]+)*\s+dot\s+(?:{_MAIL_TLDS})
           | (?P<dotted>(?:[A-Za-z0-9-]+(?:\.|,|{_SPACED_DOT}))+(?:{_COMMON_TLDS}))))
     # A real "@": spaced dots only with spaces on both sides of it or none ("rather
     # @Apple . app" is a tweet); in the local part, only with a space either side
     # ("wei . adeyemi"), as "asap. jane@..." ends a sentence.
     | {_LOCAL_PART}(?:(?:[ ]dot[ ]|[ ]\.[ ]){_LOCAL_PART}){{0,3}}
       (?:\s+@\s+{_MAIL_DOMAIN}
        | (?:\s+@|@\s+)(?:{_LABEL}\.){{1,8}}(?:{_MAIL_TLDS})
        | @(?=(?:{_LABEL}\.){{0,7}}{_LABEL}(?:{_SPACED_DOT}|\s+dot\s+|{_OBFUSCATED_DOT})){_MAIL_DOMAIN}))
    (?![\w-])
    """,
    re.IGNORECASE | re.VERBOSE,
)
# "at" and "dot" spelled in other languages: "javier arroba gmail punto com", "lucas ponto ... ponto br",
# "burak.celik et hotmail nokta com", "h.suzuki アットマーク yahoo ドット co ドット jp".
_FOREIGN_AT = rf"(?:{_FOREIGN_AT_WORDS}|et|ät|chez)"
_FOREIGN_DOT = rf"(?:{_FOREIGN_DOT_WORDS}|dot)"
_FOREIGN_SPELLED_EMAIL_RE = re.compile(
    rf"(?<![\w.%+-]){_MAILBOX}(?:\s+{_FOREIGN_DOT}\s+{_MAILBOX}){{0,3}}\s+{_FOREIGN_AT}\s+[A-Za-z0-9-]+(?:\s+{_FOREIGN_DOT}\s+[A-Za-z0-9-]+)*"
    rf"\s+{_FOREIGN_DOT}\s+(?:{_MAIL_TLDS})(?![\w-])",
    re.IGNORECASE,
)
_FOREIGN_AT_HINT_RE = re.compile(rf"(?i)\s{_FOREIGN_AT}\s")
# An address typed a letter at a time ("f l e t c h e r t 2 4 @ l i v e . c o m").
_SPACED_WORD = r"[^\W_](?:[ ][^\W_])*"
_SPACED_LETTERS_EMAIL_RE = re.compile(
    rf"(?<![\w.])(?P<local>{_SPACED_WORD}(?:[ ][._-][ ]{_SPACED_WORD})*)[ ]@[ ]"
    rf"(?P<domain>{_SPACED_WORD}(?:[ ]\.[ ]{_SPACED_WORD})+)(?![\w])"
)
_BRACKETED_AT_RE = re.compile(
    rf"[\[({{<]\s*(?:at|ät|@|dot|\.|{_FOREIGN_AT_WORDS}|{_FOREIGN_DOT_WORDS})\s*[\])}}>]|-(?:at|dot)-", re.IGNORECASE
)
_AT_DOMAIN_RE = re.compile(r"at\s+[a-z0-9-]+\.[a-z]")  # on lower-case text


def _may_hold_spelled_email(text: str) -> bool:
    """A cheap test before _SPELLED_EMAIL_RE, which most comments do not need."""
    if "@ " in text or " @" in text:
        return True
    lower = text.lower()
    return (
        "dot" in lower and _SPELLED_DOT_RE.search(lower) is not None
        or _AT_DOMAIN_RE.search(lower) is not None
        or ("-at-" in lower or "-dot-" in lower or any(map(text.__contains__, "[({<")))
        and _BRACKETED_AT_RE.search(lower) is not None
    )


# Typed with a slip or wrapped, with a real "@" and a TLD: a comma, a semicolon or a
# doubled dot between the domain's labels ("jane@gmail,com", "jane@hotmail.co,uk",
# "jane@outlook..com"), a doubled "@", a fullwidth "＠" or ideographic full stop (an
# East Asian keyboard), a space before a final "com" or around a dot ("jane@gmail com",
# "jane@ gmail . com"), a line break after the "@" or a dot or before the "@" (a mail
# client's wrapping).  A separator of some kind always stands between two labels, so the
# pattern splits a domain in one way only.
_TYPO_LABEL_SEPARATOR = rf"(?:[.,;。．｡]{{1,2}}|\.[ ]?\n[ ]?|{_SPACED_DOT})"
_COM_TYPOS = "con|cmo|ocm|comm|coom|c0m"
_TYPO_EMAIL_RE = re.compile(
    rf"""
    (?<!{_LATIN_WORD_CHAR})(?<![.%+-])(?:mailto:)?
    [^\W_{_CJK_LETTERS}][\w.%+'’。．｡-]*(?:(?:[ ]\.[ ]|[ ]dot[ ])[^\W_][\w.%+'’-]*){{0,3}}
    (?:[ ]?\n)?[ ]?(?:@@?|＠)(?:[ ]?\n)?[ ]?
    (?:[^\W_][\w-]{{0,62}}{_TYPO_LABEL_SEPARATOR}){{0,8}}[^\W_][\w-]{{0,62}}
    (?P<last>{_TYPO_LABEL_SEPARATOR}|[ ](?!(?-i:[A-Z][a-z])))(?P<tld>{_MAIL_TLDS}|{_COM_TYPOS})
    # the whole domain or none of it ("yahoo.co.in"); Japanese or Chinese may follow unspaced
    (?!{_LATIN_WORD_CHAR}|[@-]|[.,;。．｡][^\W_{_CJK_LETTERS}])
    """,
    re.IGNORECASE | re.VERBOSE,
)
# What only such an address holds (a clean one is the main pass's): a cheap test first.
_TYPO_EMAIL_HINT_RE = re.compile(r"(?i)＠|@@|[。．｡]|@\s|\s@|@[\w.-]*(?:[,;]|\.\.|\.\s|\s\.|\s(?:com|net|org)\b)")


# Another sign typed for the "@", glued to both parts: "(a)" ("thomas.m(a)laposte.net") or
# "#" ("leiwang85#foxmail.com", typed to dodge scrapers in Chinese text; also fullwidth); with
# a mail TLD, and for "#" a mailbox-looking name or a mail provider's domain ("C#.net",
# "issue#3.com" are not).
_SUBSTITUTE_AT_EMAIL_RE = re.compile(
    rf"(?<![A-Za-z0-9._%+#/:=?&-])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+-]*)(?P<at>\((?:a|at)\)|\[a\]|\{{a\}}|[#＃])"
    rf"(?P<domain>(?:{_LABEL}\.){{1,8}}(?:{_MAIL_TLDS}))(?![\w-]|\.[A-Za-z0-9])",
    re.IGNORECASE,
)


def _substitute_at_email_ok(match: re.Match[str]) -> bool:
    return (match.group("at") not in "#＃" or _EMAIL_LOCAL_MARK_RE.search(match.group("local")) is not None
            or match.group("domain").split(".", 1)[0].lower() in _MAIL_PROVIDERS)


def _typo_email_ok(match: re.Match[str]) -> bool:
    # A bare space before the TLD only before "com", "net" or "org" ("jane@gmail com",
    # not "meet me@gate and co").
    return match.group("last") != " " or match.group("tld").lower() in ("com", "net", "org")


# A spelled, bracketed or spaced "at" before a mail provider's name and no TLD
# ("jamal.williams at bigpond", "ava80 at yahoo", "jane dot doe (at) gmail", "jane.doe @
# hotmail"), maybe with a mistyped TLD after it ("janedoe at gmail,com").  Decided in code:
# the provider must be one that is no English word, and the part before the "at" must look
# like a mailbox (a dot, an underscore, a digit ...) or follow words about mail.
_AT_PROVIDER_EMAIL_RE = re.compile(
    rf"""
    (?<![\w.%+@-])
    (?P<local>{_MAILBOX}(?:(?:{_SPELLED_JOINER}|{_OBFUSCATED_DOT}){_MAILBOX}){{0,3}})
    (?P<at>[ \t]+at[ \t]+|{_OBFUSCATED_AT}|[ ]@[ ]?|@[ ])
    (?P<domain>[A-Za-z0-9-]{{2,30}})
    (?:(?:[,;]|\.\.|[ ]\.[ ]?|\s+(?:dot|{_FOREIGN_DOT_WORDS})\s+|{_OBFUSCATED_DOT})(?:{_MAIL_TLDS}|{_COM_TYPOS}))?
    (?![\w@-]|\.[A-Za-z0-9])
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A cheap test first (most comments hold an "at", few a provider's name right after one).
_AT_PROVIDER_HINT_RE = re.compile(
    rf"(?i)(?:\bat|[@\])}}>-])\s*(?:{'|'.join(sorted(_SPELLED_MAIL_PROVIDERS))})\b"
)
# Words about mail before such an address ("my email is", "reply to", "write to me at").
_MAIL_WORDS_BEFORE_RE = re.compile(
    r"(?i)\b(?:e-?mails?|e-?mail(?:ed)?|mail|address|inbox|reply|write|contact|reach|login|username|send)\b"
    r"[^\n@]{0,30}\Z"
)
# Words that are never the part of an address before a spelled "at" ("look at gmail").
_NOT_A_MAILBOX = frozenset(
    """
    i i'm im me you us we he she it they him her them my your our his their this that there
    here what who where which is was be been am are look looking looked stuck arrived
    available account accounts login sign signed log logged work working me, email mail
    address inbox sent send reply box messages message folder spam junk
    """.split()
)


# ------------------------------------------------------------------- numbers: folding

# The number passes read a folded copy of the text, one character for one so that
# offsets hold: every dash, hyphen and minus sign is "-", every space of another width
# (no-break, thin, figure, ideographic) and the tab are " ", fullwidth signs are their
# ASCII selves, and the digits of any script are ASCII digits.  Numbers pasted from
# Word, a PDF or a phone's contact card are then found as if typed plainly, while the
# text keeps its own characters around the placeholders.
_FOLD = str.maketrans({
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u202f\u205f\u3000", " "),
    **dict.fromkeys("\u00b7\u2024\u2027\u30fb\uff0e", "."),
    **dict.fromkeys("\u2044\u2215\uff0f", "/"),
    "\uff0b": "+", "\uff08": "(", "\uff09": ")", "\uff03": "#", "\uff1a": ":",
})
_OTHER_DIGIT_RE = re.compile(r"(?![0-9])\d")


def _fold(text: str) -> str:
    if text.isascii():
        return text
    text = text.translate(_FOLD)
    if text.isascii():
        return text
    return _OTHER_DIGIT_RE.sub(lambda match: str(unicodedata.decimal(match.group())), text)


# Found spans are overwritten with this in the folded copy, so that later passes neither
# see their digits nor take them for words, digits or separators.
_MASK = "\x00"

# ---------------------------------------------------------------------- numbers: IBAN

# Letters and digits in any grouping: one or two spaces, a hyphen, a dot, or a line
# break between groups ("GB82 WEST 1234 5698 7654 32", "GB82-WEST-...", "GB82  WEST ...",
# a paper-format IBAN broken over two lines); the country code may stand apart ("DE 89
# 3704 ...", "DE 8937 0400 ..."; in lower case only with many digits, see _ibans: "at 12
# noon" is no Austrian account).  The country's registered length and the mod-97 check decide.
_IBAN_SEPARATOR = r"(?:[ ]{1,2}|[ ]?[-.][ ]?|[ ]?\n[ ]?)"
_IBAN_RE = re.compile(rf"(?<![A-Za-z0-9-])(?:[A-Za-z]{{2}}[ ]{{0,2}}[0-9]{{2}})"
                      rf"(?:{_IBAN_SEPARATOR}?[A-Za-z0-9]){{11,30}}(?![A-Za-z0-9])")
_IBAN_SEPARATOR_CHARS = frozenset(" -.\n")
_IBAN_MIN_DIGITS = 5  # the check digits and a bank code: every registered layout has them
_IBAN_MIN_DIGITS_APART = 12  # with the country code apart in lower case: an account number's worth

# ---------------------------------------------------------------------- numbers: cards

# A run of digit groups (3+ digits each, as cards are written) joined by a space, a dash
# (any dash: the text is folded), a dot, a slash or an underscore, two spaces or a spaced
# dash (typed to keep the groups apart: "5124  6702 3655  2139", "5521 - 0909 - 8366 -
# 8120"), or one line break (a number wrapped by a mail client or typed over two lines);
# which part of it (if any) is a card is decided on whole groups, so "4111 1111 1111 1111
# 12/27" finds the card and leaves the expiry date.
# A comma next to a group of four or more digits is a field's edge (a CSV row: "2024-03-11,4111 1111
# 1111 1111,129.99"), not a decimal or thousands separator.
# A letter or digit a number cannot be glued to: Japanese, Chinese and Korean are written without
# spaces ("カードは3528 6443 1620 6699です"), so their characters are no part of a number's word.
_GLUED = rf"[^\W{_CJK_LETTERS}]"
_DIGIT_RUN_RE = re.compile(
    rf"(?<!{_GLUED})(?<!\+)(?<!\d\.)(?:(?<!\d,)|(?=\d{{4}}))\d{{3,}}"
    r"(?:(?:[ ./_-]|[ ]{2}|[ ]-[ ]|[ ]*\n[ ]*|,(?=\d{4}(?!\d)))\d{3,})*"
    rf"(?!{_GLUED})(?!\.\d)(?:(?!,\d)|(?<=\d{{4}}))"
)
# Digits typed one or two at a time ("4 1 1 1 ...", "41 11 11 ..."): a card only after a
# word that names one (see _small_group_cards).
_SMALL_GROUP_RUN_RE = re.compile(rf"(?<!{_GLUED})(?<![+.,])\d{{1,4}}(?:(?:[ ._-]|[ ]{{2}})\d{{1,4}}){{3,18}}(?!{_GLUED})(?![.,]\d)")
_CARD_WORD_BEFORE_RE = re.compile(
    r"(?i)\b(?:card|cards|visa|mastercard|master\s+card|amex|american\s+express|discover|maestro"
    r"|diners|jcb|unionpay|debit|credit|cc|pan|carte|tarjeta|karte|kreditkarte|kaart|carta|cart[aã]o|kort|karta"
    r"|karten?nummer|kortnummer|kaartnummer|kortnumret|kart\s+numara(?:m|s[ıi])|numer\s+karty"
    r"|card_?(?:number|num|no)|cc_?(?:number|num|no))\b"
    r"[^\n]{0,40}\Z"
    r"|(?:카드\s*번호|カード番号|卡号|信用卡)[^\n]{0,20}\Z"
)
# Words after a card number about the card: its expiry date or security code.
_CARD_WORD_AFTER_RE = re.compile(
    r"(?i)[^\w\n]{0,4}(?:exp(?:iry|ires|iration)?|valid\s+(?:thru|through|until)|cvv2?|cvc2?|security\s+code)\b"
)
_DIGIT_GROUP_RE = re.compile(r"\d+")
# Issuer first digits of payment cards: 1 UATP, 2/5 Mastercard, 3 Amex/JCB/Diners,
# 4 Visa, 6 Discover/UnionPay/Maestro.  Leading 0, 7, 8, 9 are not payment cards.
_CARD_FIRST_DIGITS = frozenset("123456")
_TROY = "9792"  # Turkey's network: the one payment card that opens with a 9

# --------------------------------------------------------- numbers: phones and SSNs

# Phone numbers and SSNs are not matched form by form.  Every run of digit groups is
# read as one candidate: groups joined by one to three spaces or by a hyphen, dot, slash
# or bracket (with spaces around it or not), with a "+" or an opening bracket before it
# ("+44 (0)20 7946 0958", "(11) 98765-4321", "089/1234567", "416 - 06 - 7354").  Then
# its digit count, its grouping (a "+" or "00" before a country code, a trunk 0, an area
# code in brackets or before a slash, 3-3-4, 3-2-4), checksums and the words around it
# decide what it is (see _number_kind).  A line break ends a candidate; so do letters,
# commas and colons.  A comma after a digit is a decimal or thousands separator, except
# after four digits or more: there it ends a field of a CSV row ("(415) 555-0138,091 19 3731").
_NUMBER_SEPARATOR = r"(?:[ ]{0,3}[-./\\()]{1,2}[ ]{0,3}|[ ]{1,3}|_)"
_NUMBER_RE = re.compile(
    rf"(?<!{_GLUED})(?<![$£€¥₹@%&^])(?<!\w[./\\])(?:(?<!\d,)|(?<=\d{{4}},))(?<!\d:)(?<!\d[ ][.,])"
    rf"(?:[(+]{{1,3}}[ ]?)?\d+(?:{_NUMBER_SEPARATOR}\d+)*"
)
_NUMBER_SEPARATOR_RE = re.compile(r"\D+")
# An extension is part of the number: 202-555-0173 ext. 23, x204, X 7, ext#9, extension 5512.
_EXTENSION_RE = re.compile(
    r",?[ ]{1,2}(?:(?i:ext(?:ension|n)?|wew|durchwahl|poste|interno)\.?[ ]?[:#]?[ ]?|[xX][:#]?|X[ ])\d{1,5}(?![\w-])"
    r"(?![.,/:]\d)"
)  # (not "x 2": "call 202-555-0173 x 2 times")
# E.164: at most 15 digits after the "+"; fewer than 8 is no number anyone dials from
# abroad.  After "00" (or North America's "011") instead of "+", at least 10 ("0016
# 964012" is a bag tag).
_INTERNATIONAL_DIGITS = (8, 15)
_DOUBLE_ZERO_DIGITS = (10, 15)
# The words around a number: the one before it (up to _CUE_WORDS words back, on its own
# line or the lines just above: "Tel.:\n97087 49543") and the first few after it ("... is
# my mobile", "(WhatsApp)", "as my contact number").
_CUE_BEFORE_CHARS = 60
_CUE_AFTER_CHARS = 40
_CUE_WORDS = 8
_CUE_WORDS_AFTER = 5
_WORD_RE = re.compile(r"[^\W\d_]+|#")
# Words that say a number is a phone number, and words that say only that it is a way
# to reach someone (an e-mail address too: "reach me: 536221234" is read as an SSN).
_PHONE_WORDS = frozenset(
    """
    call calls called calling callback callbacks recall ring rang ringing dial dialled dialed dialling
    phone phoned phones phoning telephone tel tele telefon telefono teléfono téléphone tél ph tlf mob
    mobile mobil móvil cell cellphone cellular landline whatsapp viber sms text texted texting txt fax
    voicemail hotline handy portable signal telegram imessage facetime skype hmu
    llámame llamame llámeme llameme llámenme llamenme llámenos llamen llame llamadme llamar llamada cel celu
    telemóvel telemovel telefone
    celular retorno ligar ligue liguem ligue-me whatsapp telefonnummer rufnummer rückruf ruckruf telm tlm tfno
    telefonnummeret mobilnummer nummeret číslo telefon telefonní
    연락처 전화 전화번호 電話 携帯 電話番号 telefonu telefonnumara
    handynummer anrufen rufen appelez appelle appeler rappeler rappelez chiamami chiamatemi chiamateci chiamaci chiamarmi chiamare cellulare
    bel bellen mobiel mobilnummer telefonu komórka
    ringe ringer ringa ringes ringde ringt opringning gsm
    zavolejte zavolat zavolej volejte volat zadzwoń zadzwon zadzwonić zadzwonic dzwonić dzwonic
    hívjon hívjanak hívj hívjál felhívni hívni telefonszám telefonszámom mobilszám
    καλέστε καλέσετε τηλέφωνο τηλεφωνο τηλ κινητό κινητο ruf soita soittakaa soittaa
    позвоните позвонить позвони звоните звонить перезвоните телефон тел телефону мобильный зателефонуйте
    """.split()
)
# Japanese and Chinese write the words before a number without spaces ("手机号181…",
# "请拨打电话"): a word of theirs counts when it is inside the run of letters before it.
_CJK_PHONE_WORDS = ("手机", "手機", "电话", "電話", "联系方式", "聯絡", "携帯", "ケータイ", "致电", "拨打", "打给")
_CJK_ID_WORDS = ("订单", "訂單", "单号", "單號", "运单", "快递", "注文", "予約", "会員番号", "問い合わせ番号", "追跡", "伝票",
                 "客户号", "客戶號", "会员号", "发票", "合同", "保单", "账号", "帳號", "编号", "編號", "お客様番号", "顧客番号",
                 "고객", "주문", "회원", "예약", "송장", "택배", "계좌")
# Korean "번호" ("number", "번호는" "the number is") names no kind of number by itself: with no
# word above naming a reference or a phone, a way to reach someone, as English "the number" is.
_CJK_NUMBER_WORDS = ("번호",)
_CJK_RUN_RE = re.compile(rf"[{_CJK_LETTERS}]")
_CONTACT_WORDS = frozenset(
    """
    reach reachable contact contactable kontakt kontakta kontakte kontaktieren kontaktér erreichbar erreichen
    joignable joindre contacter contactez contactar contáctame contácteme contattare contattatemi contattami
    reperibile bereikbaar nås treffes contacto contato contatto kontaktu kontaktowy kontaktowe kontaktní
    """.split()
)
# Danish, Norwegian and Swedish "reach me at" ("nå meg på", "Ni når mig på"): "nå" and "når"
# are also "now" and "when", so only with a person after them.
_REACH_VERBS = frozenset("nå når".split())
_REACH_OBJECTS = frozenset("meg mig mej os oss deg dig dem".split())
# Letters that stand for a phone number before a colon in a signature ("T: ...", "M: ...").
_PHONE_LETTERS = frozenset("t m p c h w o".split())
# Words before "number", "no", "#" that make it a phone number ("my number", "best
# number"), an SSN ("tax id", "ss no") or neither ("order number", which an ID word says).
_PHONE_QUALIFIERS = frozenset(
    """
    my your his her our their contact best home work office direct personal private new old
    daytime evening alternative alternate emergency callback mi mein meine mon ma mijn min mitt mio mój moje
    """.split()
)
_SSN_WORDS = frozenset("ssn ssns itin itins socsec ssa nino".split())
_SSN_QUALIFIERS = frozenset("ss ssn social security sec socsec tax taxpayer itin insurance ni".split())
_DETERMINERS = frozenset(["", "the", "a", "this", "that", "which", "what", "new", "any"])
_HEAD_WORDS = frozenset("number numbers num no nr nbr id ids # número numero numéro nummer numer".split())
# Words that name a number as some other reference (an order, a parcel, a loyalty
# account ...): right before it (up to two short words between), they keep a number
# that could be a phone number or an SSN ("claim 4016688561", "order # is 123456789",
# "SWRR# 298033455").
_ID_WORDS = frozenset(
    """
    order orders booking bookings ref refs reference confirmation conf account acct invoice inv
    tracking track ticket tickets tkt reservation case claim member membership rewards loyalty
    frequent customer pnr receipt transaction txn trip itinerary policy serial model item sku
    isbn issn asin id flight routing record locator voucher coupon promo code tag parcel package
    shipment consignment waybill awb barcode batch lot part product article application request
    complaint incident report ein vat iata upc ean gtin imei iccid sim meter patient student
    employee badge passport licence license registration vin plate folio quote estimate rma
    return refund room table seat gate platform coach unit job reg file version build ver
    firmware error err certificate bill statement payment authorisation authorization approval
    verification pin otp page pages pass miles club program programme avios skymiles aadvantage
    bonvoy hhonors krisflyer nectar clubcard fedex ups usps dhl tnt dpd evri hermes gls yodel
    parcelforce nip regon krs siret siren kvk vergi org orgnr organisationsnummer cvr zamówienia zamowienia
    bestellnummer bestellung pedido commande ordine sipariş faktura faktury rechnung 사업자등록번호 αφμ
    ičo dič cui cif nif
    abn acn contract contracts agreement mandate subscription delivery shipping dispatch zip zipcode postcode plz cep
    zamówienie zamowienie zamówieniu klienta klient umowy umowa przesyłki przesylki paczki konta zlecenia
    rachunku polisy sprawy reklamacji zgłoszenia zgloszenia
    objednávky objednávka objednávku objednavky zakázky zákazníka zakaznika smlouvy zásilky zasilky účtu uctu
    pojistky reklamace
    rendelés rendelési megrendelés ügyfél ügyfélszám szerződés számla csomag
    cliente clienti fattura contratto pratica spedizione polizza conto abbonamento
    factura contrato envío envio póliza poliza cuenta reserva localizador seguimiento expediente
    encomenda fatura apólice apolice conta rastreio protocolo
    client facture contrat dossier colis envoi suivi compte réservation abonnement réf produit produits
    producto productos produto produtos prodotto prodotti artículo articolo
    kunde kunden auftrag vertrag sendung paket vorgang buchung mitglied konto aktenzeichen referenz
    klant bestelling factuur zending pakket polis rekening boeking referentie zaak
    kund ordre avtale avtal kontrakt sak ärende sag forsendelse försändelse pakke bestilling bokning
    referanse referens kvitto
    παραγγελίας παραγγελία πελάτη τιμολογίου συμβολαίου müşteri sözleşme kargo takip hesap
    заказ заказа заказу договор договора счёт счета счет клиента посылки отправления
    comanda comenzii comenzi factura facturii contractul tilaus tilauksen tilausta asiakas lasku laskun
    sopimus sopimuksen
    """.split()
)
# Compounds that end in "number" ("Kundennummer", "Ordernummer", "Rendelésszám", "Kundennr",
# "USt-IdNr"): what the first part names decides, as the word before "number" does in
# English.  Person numbers first (a social security, tax or personal number), then phone
# numbers; the parts naming references are the _ID_WORDS above and these.
_NUMBER_SUFFIXES = ("nummer", "nummern", "nummers", "nummeret", "numret", "numero", "numer", "nr", "szám",
                    "számom", "számot", "száma")
_PERSON_NUMBER_PARTS = frozenset(
    """
    person personal personen fødsel fodsel födelse sozialversicherung rentenversicherung versicherten steuer
    steueridentifikation steuerid burgerservice sofi cpr ahv bsn taj adóazonosító személyi henkilö sotu
    """.split()
)
_PHONE_NUMBER_PARTS = frozenset(
    """
    telefon telefoon telephone tel handy mobil mobiel mobile ruf rückruf ruckruf fax festnetz durchwahl notruf
    privat kontakt hem hjem direkt gsm hívó whatsapp puhelin matkapuhelin
    """.split()
)
_REFERENCE_NUMBER_PARTS = frozenset(
    """
    bestell bestellungs auftrags rechnungs vertrags sendungs vorgangs buchungs mitglieds versicherungs
    referenz artikel serien liefer lieferschein reklamation reklamations fall ticket storno beleg transaktion
    transaktions zahlungs klant bestel bestellings zaak factuur boekings kunde kund kundnr ordre ärende sags saks
    forsendelses försändelse sporings spårnings bestillings boknings medlems polis police policen forsikrings
    försäkrings rendelés megrendelés ügyfél szerződés számla csomag követési hivatkozási foglalási tranzakció
    id ust asiakas tilaus lasku sopimus viite seuranta
    """.split()
)


def _compound_number_kind(word: str) -> str | None:
    """"ID", "PHONE" or "SSN" for a compound that ends in "number" (lower case), by its first part."""
    for suffix in _NUMBER_SUFFIXES:
        if len(word) > len(suffix) + 1 and word.endswith(suffix):
            part = word[: -len(suffix)].rstrip("-.")
            # The part as written, and without a linking "s", "n" or "en" ("Vertrags-", "Kunden-").
            stems = {part, part.removesuffix("s"), part.removesuffix("n"), part.removesuffix("en")}
            if stems & _PERSON_NUMBER_PARTS:
                return "SSN"
            if stems & _PHONE_NUMBER_PARTS or stems & _PHONE_WORDS:
                return "PHONE"
            if stems & _REFERENCE_NUMBER_PARTS or stems & _ID_WORDS:
                return "ID"
            return None
    return None


def _cjk_cue(token: str) -> str | None:
    """"PHONE" or "ID" for a run of Japanese, Chinese or Korean letters holding a word that
    names a number (the one nearer its end wins: "订单号和手机" names a phone number);
    "CONTACT" for one that says only "number"."""
    phone = max((token.rfind(word) for word in _CJK_PHONE_WORDS), default=-1)
    reference = max((token.rfind(word) for word in _CJK_ID_WORDS), default=-1)
    if phone < 0 and reference < 0:
        return "CONTACT" if any(word in token for word in _CJK_NUMBER_WORDS) else None
    return "PHONE" if phone > reference else "ID"


# After the number, an ID word counts only as the head of a name ("... is my order
# number", not "0412 345 678 (order 123)").
_ID_CUE_TAIL_RE = re.compile(r"[^\w\n]*(?:(?:[^\W\d_]|['’]){1,12}[^\w\n]+){0,2}\Z")


# Who speaks in a chat transcript or call note ("Customer:", "[Customer]").
_SPEAKERS = frozenset("customer client member guest cliente kunde kunden klant kund klient zákazník ügyfél".split())
_SPEAKER_LABEL_RE = re.compile(r"[ ]?[:\]]")


def _cue_before(work: str, start: int) -> tuple[str | None, int]:
    """What the words before a number call it: "PHONE", "SSN", "ID", "CONTACT" (a way to
    reach someone) or None, and how many words back the cue stands.  The nearest cue
    decides, except that a "CONTACT" one lets a stronger one further back decide
    ("best number to reach you?")."""
    window = work[max(0, start - _CUE_BEFORE_CHARS) : start]
    tokens = list(_WORD_RE.finditer(window))
    contact = None
    last = len(tokens) - 1
    for distance in range(min(len(tokens), _CUE_WORDS)):
        index = last - distance
        token = tokens[index].group()
        word = token.lower()
        previous = tokens[index - 1].group().lower() if index else ""
        kind = None
        cjk = _cjk_cue(token) if not token.isascii() and _CJK_RUN_RE.search(token) is not None else None
        if cjk == "CONTACT" and word not in _ID_WORDS and word not in _PHONE_WORDS:
            if contact is None:
                contact = distance
            continue
        if cjk == "CONTACT":
            cjk = None  # "사업자등록번호", "전화번호": a whole word of the lists below
        if cjk is not None:
            kind = cjk
        elif word in _SSN_WORDS or token in ("TIN", "SIN") or word == "social" and distance == 0:
            kind = "SSN"
        elif word in ("security", "insurance") and previous in ("social", "national"):
            kind = "SSN"
        elif word == "social" and previous == "seguro" or word == "sociale" and previous == "sécurité":
            kind = "SSN"
        elif word in _PHONE_WORDS or word in _PHONE_LETTERS and window.startswith(":", tokens[index].end()):
            kind = "PHONE"
        elif word in _CONTACT_WORDS or word in _REACH_OBJECTS and previous in _REACH_VERBS:
            if contact is None:
                contact = distance
            continue
        elif word in _HEAD_WORDS:
            if previous in _SSN_QUALIFIERS:
                kind = "SSN"
            elif word not in ("id", "ids") and (previous in _PHONE_WORDS or previous in _PHONE_QUALIFIERS
                                                or previous in _CONTACT_WORDS):
                kind = "PHONE"
            elif previous in _ID_WORDS or word in ("id", "ids", "#"):
                kind = "ID"
            elif word in ("number", "numbers") and distance <= 1 and previous in _DETERMINERS and contact is None:
                # "Numbers: ...", "the number is ...", not "the number of", nor "Skymiles
                # number" (named, but by a word not known here: no cue either way).
                contact = distance
        elif word in _ID_WORDS:
            kind = "ID"
        else:
            kind = _compound_number_kind(word)
        if kind == "ID" and word in _SPEAKERS and _SPEAKER_LABEL_RE.match(window, tokens[index].end()):
            continue  # "Customer: its 190.64.9088", "[Customer] 578-98-8303": who speaks, not a reference
        if kind == "ID":
            if _ID_CUE_TAIL_RE.match(window, tokens[index].end()) is not None:
                return "ID", distance
            continue  # a reference named further back says nothing of this number
        if kind is not None:
            return kind, distance
    return ("CONTACT", contact) if contact is not None else (None, _CUE_WORDS)


def _cue_after(work: str, end: int) -> tuple[str | None, int]:
    """Like _cue_before for the first words after a number ("is my mobile", "(SSN)", "as
    my contact number", "is my order number")."""
    window = work[end : end + _CUE_AFTER_CHARS]
    first_break = window.find("\n")
    if first_break >= 0 and window.find("\n", first_break + 1) >= 0:
        window = window[: window.index("\n", first_break + 1)]
    tokens = [token.group().lower() for token in _WORD_RE.finditer(window)][:_CUE_WORDS_AFTER]
    for distance, word in enumerate(tokens):
        following = tokens[distance + 1] if distance + 1 < len(tokens) else ""
        if word in _SSN_WORDS or word == "social" and following in ("security", "insurance"):
            return "SSN", distance
        if word in _PHONE_WORDS or word in _CONTACT_WORDS and following in _HEAD_WORDS:
            return "PHONE", distance
        if word in _HEAD_WORDS and distance and tokens[distance - 1] in _PHONE_QUALIFIERS:
            return "PHONE", distance
        if word in _ID_WORDS and following in _HEAD_WORDS:
            return "ID", distance
    return None, _CUE_WORDS


def _context(work: str, start: int, end: int) -> str | None:
    """The nearer of the cues before and after a number (the one before on a tie); a
    reference named right before it wins."""
    before, before_distance = _cue_before(work, start)
    if before == "ID" or before is not None and before_distance == 0:
        return before  # nothing after the number can be nearer
    after, after_distance = _cue_after(work, end)
    if after is not None and (before is None or after_distance < before_distance):
        return after
    return before


def _is_date(groups: list[str], separators: list[str], at: int) -> bool:
    """Whether groups ``at .. at + 2`` are a date with a four-digit year (17.02.2026,
    2026-02-17, 02/24/2026)."""
    if at + 3 > len(groups) or separators[at] != separators[at + 1] or separators[at] not in "-./ ":
        return False
    first, second, third = groups[at : at + 3]
    if len(first) == 4 and len(second) <= 2 and len(third) <= 2:
        year, day_month = first, (second, third)
    elif len(third) == 4 and len(first) <= 2 and len(second) <= 2:
        year, day_month = third, (first, second)
    else:
        return False
    a, b = int(day_month[0]), int(day_month[1])
    return year[:2] in ("19", "20") and 1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12


def _is_range_of_times_or_years(groups: list[str], separators: list[str]) -> bool:
    """0900-1700, 1998-2004: two four-digit clock times or years joined by a dash."""
    if len(groups) != 2 or separators[0] != "-" or len(groups[0]) != 4 or len(groups[1]) != 4:
        return False
    return all(int(g[:2]) <= 24 and int(g[2:]) <= 59 or g[:2] in ("19", "20") for g in groups)


# An amount: a currency before the number or a currency or unit after it ("€ 123 456 789",
# "123 456 789 dong", "1 234 567 shares").
_AMOUNT_BEFORE_RE = re.compile(r"(?:[$£€¥₹₽₩¢]|(?<![A-Za-z])(?i:usd|eur|gbp|chf|jpy|inr|aud|cad|nzd|sgd|hkd"
                               r"|zar|brl|mxn|rub|krw|vnd|rs|rp)\.?)[ ]?\Z")
_AMOUNT_AFTER_RE = re.compile(
    r"[ ]?(?:[$£€¥₹₽₩%]|(?i:dollars?|euros?|pounds?|dong|yen|won|rupees?|pesos?|reais|francs?|usd|eur|gbp"
    r"|vnd|inr|people|persons|passengers|customers|units|items|pieces|pcs|shares|votes|views|followers|miles|points"
    r"|km|kg|lbs?|tons?|tonnes|acres)\b)"
)
# The tail of a code of letters and digits ("1Z 999 AA1 01 2345 6784", a UPS tracking
# number written in groups): a number after a word that mixes letters and digits.
_AFTER_A_CODE_RE = re.compile(r"(?<![\w-])(?:[A-Za-z]+\d|\d+[A-Za-z])[A-Za-z0-9]*[ ]\Z")
# A card statement's merchant descriptor ("PAYPAL *SHOPNOW 4029357733", "SQ *BLUE BOTTLE
# 4155550100"): the processor, a star, the merchant in capitals; the number after it is the
# merchant's own (its service line or an id), not the customer's.
_AFTER_A_DESCRIPTOR_RE = re.compile(r"\b[A-Z0-9]{2,}[ ]?\*[ ]?[A-Z0-9&.'-]{2,}(?:[ ][A-Z0-9&.'-]{2,}){0,3}[ ]\Z")


def _is_amount(work: str, start: int, end: int) -> bool:
    return (_AMOUNT_BEFORE_RE.search(work, max(0, start - 5), start) is not None
            or _AMOUNT_AFTER_RE.match(work, end) is not None)


def _is_thousands(groups: list[str], separators: list[str]) -> bool:
    """1 234 567, 2.500.000: an amount's thousands grouping."""
    return (len(groups) >= 3 and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
            and len(set(separators)) == 1 and separators[0] in " .")


def _ssn_notation(groups: list[str], separators: list[str]) -> str | None:
    """How nine digits are written: "hyphen" (3-2-4 with hyphens, the SSN's own notation),
    "324" (3-2-4 with another separator used twice, or a hyphen and a space), "333",
    "plain" or None."""
    lengths = tuple(map(len, groups))
    if lengths == (9,):
        return "plain"
    if lengths == (3, 2, 4):
        first, second = separators
        if first == second:
            return "hyphen" if first == "-" else "324" if first in " ./_" else None
        return "324" if {first, second} == {"-", " "} else None
    if lengths == (3, 3, 3) and separators[0] == separators[1] and separators[0] in " -.":
        return "333"
    return None


# "Part no. 302-18-4471", "order # 123-45-6789", "Customer ID 123-45-6789", "Vertragsnummer
# 123-45-6789": a reference's number, even in the SSN's notation (a reference word alone, as in
# "order 123-45-6789", does not outweigh that notation).
_NUMBERED_BEFORE_RE = re.compile(r"(?i)\b([^\W\d_]+)[ ]?(?:no\.?|nr\.?|num\.?|č\.?|number|id|#)[ ]?[:#]?[ ]?\Z")
_COMPOUND_BEFORE_RE = re.compile(r"\b([^\W\d_]+)\.?[ ]?[:#]?[ ]?\Z")
# "number" first, as Romance and Slavic languages put it: "Numer klienta", "número de pedido".
_NUMBER_OF_BEFORE_RE = re.compile(
    r"(?i)\b(?:numer|número|numero|numéro|číslo|nr|no|n[º°])\.?[ ]+(?:de[ ]+|d['’]|del[ ]+|do[ ]+|da[ ]+)?"
    r"([^\W\d_]+)[ ]?[:#]?[ ]?\Z"
)


# Words that name goods, never a person: right before a number, even in the SSN's notation
# ("SKU 793-03-6038", "part 410-80-9601").
_GOODS_BEFORE_RE = re.compile(
    r"(?i)\b(?:sku|skus|upc|ean|gtin|asin|isbn|mpn|part|item|model|serial|article|artikel|product|produit|producto"
    r"|produto|prodotto)[ ]?[.:#]?[ ]?\Z"
)


def _numbered_reference_before(work: str, start: int) -> bool:
    if _GOODS_BEFORE_RE.search(work, max(0, start - 12), start) is not None:
        return True
    named = _NUMBERED_BEFORE_RE.search(work, max(0, start - 30), start)
    if named is not None and named.group(1).lower() in _ID_WORDS:
        return True
    named = _NUMBER_OF_BEFORE_RE.search(work, max(0, start - 40), start)
    if named is not None and named.group(1).lower() in _ID_WORDS:
        return True
    named = _COMPOUND_BEFORE_RE.search(work, max(0, start - 40), start)
    return named is not None and _compound_number_kind(named.group(1).lower()) == "ID"


_STATE_BEFORE_RE = re.compile(r"\b[A-Z]{2}[ ]\Z")
# A field of a CSV row that holds an e-mail address in a field of its own (already its
# placeholder here): a contact record, whose number written as phone numbers are (in groups,
# or after a trunk 0 or a "+") is its phone ("85078,Pedro Almeida,[EMAIL],921 598 273,Porto").
_EMAIL_FIELD_RE = re.compile(r"(?:^|,)[ ]?\[EMAIL\][ ]?(?:,|$)", re.MULTILINE)
_RECORD_CHARS = 300


def _contact_record_field(work: str, start: int, end: int, groups: list[str]) -> bool:
    if len(groups) < 2 and not (work[start] in "(+" or groups[0][0] == "0"):
        return False
    if start and work[start - 1] not in ",\n" or end < len(work) and work[end] not in ",\n":
        return False
    # (A row's few hundred characters around it: not a whole long line for every number on it.)
    low, high = max(0, start - _RECORD_CHARS), min(len(work), end + _RECORD_CHARS)
    line_start = work.rfind("\n", low, start) + 1 or low
    line_end = work.find("\n", end, high)
    return _EMAIL_FIELD_RE.search(work, line_start, high if line_end < 0 else line_end) is not None


def _number_kind(work: str, start: int, token: str, in_a_list_of_references: bool = False) -> str | None:
    """PHONE, SSN or None for the candidate ``token``, found at ``start`` in ``work``;
    ``in_a_list_of_references``: it follows a number named as a reference, joined to it
    by a comma, "and", "or" ("claims Ref#1-2990176298, 1-3001885409 and 1-3001885410")."""
    groups = _DIGIT_GROUP_RE.findall(token)
    digits = "".join(groups)
    count = len(digits)
    if count < 7 or count > 17:
        return None
    first_digit = token.index(groups[0])
    prefix = token[:first_digit]
    raw_separators = _NUMBER_SEPARATOR_RE.findall(token, first_digit)
    separators = [separator.strip() or " " for separator in raw_separators]
    if "+" in prefix:
        # A "(0)" trunk digit after the country code is not dialled from abroad.
        trunk = 1 if "(0)" in token.replace(" ", "") else 0
        low, high = _INTERNATIONAL_DIGITS
        return "PHONE" if low <= count - trunk <= high else None
    low, high = _DOUBLE_ZERO_DIGITS
    # (The "00" typed as such: "0 062170 258625" is a barcode.)  An opening bracket before
    # it is the one around the whole number ("(0044 7700 900 123)") or around the
    # country code ("(0049) 30 ..."), as with a "+" ("(+44 ...)"): it changes nothing.
    bare = prefix.strip() in ("", "(")
    if (groups[0].startswith("00") and bare and digits[2] != "0" and low <= count - 2 <= high
            and _cue_before(work, start)[0] != "ID"):
        return "PHONE"
    if (digits.startswith("011") and bare and len(groups[0]) == 3 and digits[3] != "0"
            and low <= count - 3 <= high):
        return "PHONE"  # dialled from North America: 011 44 20 7946 0958
    lengths = [len(g) for g in groups]
    # North American grouping (202-555-0173, (202) 555-0173, 1-800-555-0199, 202/555-0173):
    # any digits, as customers write made-up and mistyped numbers too ("555-123-4567").
    # Not after a reference named with its number word ("Order ID 605-336-3567", "invoice
    # no. 212-555-0147"): that names the grouping as the reference's own.
    if (lengths == [3, 3, 4] or lengths == [1, 3, 3, 4] and digits[0] == "1") and not _numbered_reference_before(work, start):
        return "PHONE"
    # An area code in brackets ((020) 7946-0958, (11) 98765-4321, (02) 9876 5432); one
    # before a slash after a trunk 0 (089/1234567) is looked at below.
    bracketed = "(" in prefix and bool(raw_separators) and raw_separators[0].lstrip().startswith(")")
    if bracketed and lengths[0] >= 2 and 9 <= count <= 13:
        return "PHONE"
    if len(groups) >= 3 and 4 in lengths and any(_is_date(groups, separators, at) for at in range(len(groups) - 2)):
        return None
    if _is_range_of_times_or_years(groups, separators):
        return None
    if len(groups) == 4 and set(separators) == {"."} and all(len(g) <= 3 and int(g) <= 255 for g in groups):
        return None  # an IPv4 address
    if _is_amount(work, start, start + len(token)):
        return None
    if lengths == [5, 4] and separators == ["-"] and _STATE_BEFORE_RE.search(work, max(0, start - 4), start):
        return None  # a ZIP+4 code after its state: "Springfield IL 62704-1234"
    if "(" not in prefix and _AFTER_A_CODE_RE.search(work, max(0, start - 24), start):
        return None
    if _AFTER_A_DESCRIPTOR_RE.search(work, max(0, start - 60), start):
        return None
    context = "ID" if in_a_list_of_references else _context(work, start, start + len(token))
    if context is None and _EXTENSION_RE.match(work, start + len(token)) is not None:
        context = "PHONE"  # "91 434 53 21 ext. 454": only a phone number has an extension
    if context is None and _contact_record_field(work, start, start + len(token), groups):
        context = "PHONE"
    if max(lengths) <= 2:
        # Pairs only (time ranges, lottery numbers, dates without a year): a phone number
        # as five pairs after a trunk 0 (France: 06 12 34 56 78), or as pairs after a
        # phone word (Denmark: 12 34 56 78); digits typed one by one ("4 1 5 5 5 5 2 6 7
        # 1") after a word that says what they are are read as if written plainly.
        if count == 10 and digits[0] == "0" and digits[1] != "0":
            return "PHONE"
        if max(lengths) == 2 and context == "PHONE" and count <= 12 and len(set(raw_separators)) == 1:
            return "PHONE"
        if max(lengths) > 1 or context is None or context == "ID":
            return None
        groups, lengths, raw_separators, separators = [digits], [count], [], []
    if count == 9:
        notation = _ssn_notation(groups, separators)
        area, group, serial = digits[:3], digits[3:5], digits[5:]
        if context == "SSN":
            return "SSN" if area != "000" and group != "00" and serial != "0000" else None
        if notation == "333" and context == "CONTACT":
            # Three groups of three after a way to reach someone ("kontakt pod numerem 824
            # 448 796", "contacto: 612 345 678"): the grouping of mobile numbers in much of
            # Europe (Poland, Spain, Portugal, Czechia ...), and nobody is reached on a
            # social insurance number; an SSN word would have named one (context "SSN").
            return "PHONE"
        if notation == "hyphen" and not _numbered_reference_before(work, start):
            return "SSN" if ssn_valid(area, group, serial) or itin_valid(area, group, serial) else None
        if notation is not None and context != "ID" and (notation == "324" or context != "PHONE"):
            return "SSN" if ssn_valid(area, group, serial) else None
    trunk = digits[0] == "0" and digits[1] != "0"
    if context == "ID":
        return None
    if trunk and separators[:1] == ["/"] and 9 <= count <= 12:
        return "PHONE"
    thousands = _is_thousands(groups, separators)
    # An SSN cue names no other number; after "reach me on", no amount opens with a 0 ("0 707 403 841").
    if context == "PHONE" or context == "CONTACT" and (not thousands or trunk):
        return "PHONE" if count <= 13 else None
    if not (10 <= count <= 11 or count == 12 and trunk and len(groups) > 1) or thousands:
        return None
    # Ten or eleven digits with no word around them saying what they are: a national
    # number after a trunk 0 (also twelve digits in groups: 0151 2345 6789); a valid
    # North American number (area and exchange codes not starting with 0 or 1, with or
    # without the 1 before) written plainly or split where its parts meet; digits split
    # as phone numbers are (two to four groups of two or more digits, one separator
    # throughout).
    if trunk:
        return "PHONE"
    # (Not with a spaced dash or slash: "67000 - 67007" is a range.)
    one_separator = len(set(raw_separators)) <= 1 and separators[:1] != ["/"] and raw_separators[:1] != [" - "]
    national = digits[1:] if count == 11 and digits[0] == "1" else digits if count == 10 else ""
    boundaries = set(accumulate(lengths[:-1]))
    if (national and national[0] not in "01" and national[3] not in "01" and one_separator
            and boundaries <= ({3, 6} if count == 10 else {1, 4, 7})):
        return "PHONE"
    if one_separator and 2 <= len(groups) <= 4 and min(lengths) >= 2 and lengths[0] <= 5 and digits[0] != "0":
        return "PHONE"
    return None


_DIGIT_RE = re.compile(r"\d")
_NON_DIGIT_RE = re.compile(r"\D")


# ------------------------------------------------------------------------ addresses

# UK postcode areas (Royal Mail); the inward code's letters never use C I K M O V.
_UK_POSTCODE_AREAS = frozenset(
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT "
    "DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA "
    "LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE "
    "SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV "
    "YO ZE".split()
)
_UK_POSTCODE = r"(?P<area>[A-Z]{1,2})\d[A-Z\d]?[ ]\d[ABD-HJLNP-UW-Z]{2}"
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|"
    "NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI"
)
_CAPITALISED = r"[A-Z][a-z]+"
_CITY = rf"{_CAPITALISED}(?:[ -]{_CAPITALISED}){{0,2}}"
_STREET_TYPES = (  # spelled out, then abbreviated (which may take a full stop)
    "Street|Road|Avenue|Lane|Drive|Boulevard|Way|Court|Place|Terrace|Close|Crescent|Square|"
    "Highway|Parkway|Circle|Gardens|Grove|Mews|Row|Walk|Hill|Parade|Alley|Trail|Plaza|Broadway"
)
_STREET_TYPE_ABBREVIATIONS = "St|Rd|Ave|Av|Ln|Dr|Blvd|Ct|Pl|Ter|Cres|Sq|Hwy|Pkwy|Cir|Gdns"
_ZIP = r"\d{5}(?:-\d{4})?(?![\w-])"  # ZIP or ZIP+4
_UNIT = r"(?:Flat|Apt|Apartment|Unit|Suite|Ste|Room|Rm)\.?[ ]?\#?[ ]?\d{1,5}[A-Za-z]?"
# "12 Baker Street", "221B Baker St.", "1600 Pennsylvania Avenue NW",
# "Flat 3, 10 Downing St", "350 5th Avenue, Suite 200", each optionally followed by a city
# and a US state and ZIP code or a UK postcode; those two tails on their own:
# "Springfield, IL 62704", "SW1A 1AA"; and "PO Box 1234".  House numbers spelled out
# ("One Main Street") are not taken: in real text they are titles ("One Up On Wall
# Street", "Two Supreme Court justices").  Street names are capitalised words or an ordinal (lower-case text is too
# often "5 min walk", "2 blocks pike street").
_ADDRESS_RE = re.compile(
    rf"""
    (?P<STREET>(?<![\w.,/$£€#-])
      (?:{_UNIT},?[ ])?
      \d{{1,5}}[A-Z]?[ ]
      (?:(?:{_CAPITALISED}|\d{{1,3}}(?:st|nd|rd|th))[ ]){{1,4}}
      (?:(?:{_STREET_TYPES})\b|(?:{_STREET_TYPE_ABBREVIATIONS})\b\.?)
      (?:[ ](?:NW|NE|SW|SE|N|S|E|W)\b\.?)?
      (?:,?[ ](?:{_UNIT}|\#\d{{1,5}}[A-Za-z]?)\b)?
      (?:,?[ ](?:{_CITY},?[ ])?(?:(?:{_US_STATES})[ ]{_ZIP}
                                 |{_UK_POSTCODE.replace("?P<area>", "")}(?![\w-])))?
    )
    | (?P<US_TAIL>(?<![\w-]){_CITY},[ ](?:{_US_STATES})[ ]{_ZIP})
    | (?P<PO_BOX>(?<![\w.])(?i:P\.?[ ]?O\.?[ ]?Box|Post[ ]Office[ ]Box)[ ]\#?\d{{1,6}}(?![\w-]))
    | (?P<UK_POSTCODE>(?<![\w-]){_UK_POSTCODE}(?![\w-]))
    """,
    re.VERBOSE,
)


# ---------------------------------------------------------------------------- names

# Names are found only after words that introduce one: "my name is", "I'm/I am", "this
# is ... from", a title (Mr, Mrs, Ms, Mx, Dr, Miss), a sign-off ending the comment
# ("Regards, John Smith", "Thanks, Jane", "Cheers,\nTom"), and "agent/staff member/
# manager named/called ...".  A name is one to three capitalised words (initials
# allowed: "J. Smith"); lower-case and all-capitals names are not found.  Words that are
# rarely names (_NOT_NAMES) end the name or, first, cancel it ("I'm Very upset", "My
# name is Not on the list", "Regards, Disappointed Customer").  After the weak cues
# ("I'm", "I am", "Thanks,", "Cheers,") the first word must also be a common given name
# (_GIVEN_NAMES): "I'm Jane", not "I'm Platinum"; "Thanks, Jane", not "Thanks, Delta".
_GIVEN_NAMES = frozenset(
    """
    aaron abby abdul abdullah abigail adam adrian ahmed ahmad aidan aiden aisha alan albert
    alejandro alex alexander alexandra alexis alfie ali alice alicia alison allison amanda
    amelia amir amy ana andre andrea andrew andy angela angelica ann anna anne annie anthony
    antonio archie arjun arthur ashley aubrey austin ava barbara beatrice ben benjamin beth
    bethany betty beverly blake bobby bonnie bradley brandon brenda brian bridget brittany
    brooke bruce bryan caitlin caleb cameron camila carl carla carlos carmen carol caroline
    carolyn casey catherine charles charlie charlotte chelsea cheryl chloe chris christian
    christina christine christopher ciara cindy claire clara colin connor craig cynthia daisy
    dale dan dana daniel daniela danielle danny darren dave david dean debbie deborah debra
    declan denise dennis derek diana diane diego dmitri dominic donald donna doris dorothy
    douglas dylan eddie edward eileen elena eli elijah elizabeth ella ellen ellie emily emma
    eric erica erin ethan eugene eva evan evelyn fatima felix fernando fiona florence
    francesca francis freddie frederick freya gabriel gabriela gareth gary gavin george
    georgia gerald gloria gordon graham greg gregory hailey hannah harold harriet harry
    harvey hassan heather heidi helen henry holly howard hugh hussein ian imogen irene isaac
    isabel isabella isabelle isla ivan jacob jacqueline jade james jamie jan jane janet
    janice jasmine jason javier jayden jean jeff jeffrey jenna jennifer jenny jeremy jesse
    jessica jesus jill joan joanna joanne joe joel john jonathan jordan jorge jose joseph
    josh joshua joyce juan judith judy julia julian julie justin karen kate katherine
    kathleen kathryn katie kayla keith kelly kenneth kevin khalid kim kimberly kyle laura
    lauren layla leah leo leon liam lily linda lisa logan lois lorraine louis louise lucas
    lucia lucy luis luke lydia madison maggie malcolm mandy marco margaret maria marie
    marilyn mario martha martin mary mason matilda matt matthew maureen max maya megan
    melanie melissa mia michael michele michelle miguel mike mila millie mohamed mohammad
    mohammed molly monica muhammad nadia nancy naomi natalie nathan neil nicholas nicola
    nicole nikita noah nora oliver olivia omar oscar owen pamela patricia patrick paul paula
    pedro peter philip phoebe phillip poppy priya rachel rafael rahul raj ralph randy raymond
    rebecca richard rita robert roberto robin roger ronald rosa rosie ross roy russell ruth
    ryan sabrina sadie sally samantha samuel sandra sara sarah scarlett scott sean sebastian
    sergio shannon sharon shaun sheila shirley simon sofia sophia sophie stacey stanley
    stella stephanie stephen steve steven stuart susan suzanne sylvia tanya tara teresa
    terry theo theodore theresa thomas tiffany timothy tina toby todd tom tommy tony tracy
    travis tyler valerie vanessa veronica victor victoria vincent violet virginia walter
    wayne wendy william willow xavier yasmin yusuf zach zachary zara zoe
    """.split()
)
_NOT_NAMES = frozenset(
    """
    a about absolutely after again all also always am an and angry annoyed another any
    appalled are as at awful bad because been before being best beyond but by can cannot
    client completely customer customers definitely delighted devastated did disappointed
    disgusted do does done down during each either even ever every everyone extremely
    family fed flyer flier for frankly frustrated fuming furious from gate getting glad going
    gonna good great guest guests happy hardly have having he her here hers him his honestly
    hopefully horrible how however i if in incredibly into is it its just kind late least
    less like literally livid loyal management many me member more most much my myself
    never new no none nor not nothing now of on once one only or other our out outraged
    over passenger passengers please pleased quite rather really regular ridiculous sad
    same seriously she should shocked sick simply since so some someone sorry staff still
    stuck such super sure team terrible thankful thanks that the their them then there
    these they this those through thru to today together tomorrow too totally traveler
    traveller truly unhappy unacceptable under until up upset us user very was we well were
    what when where which while who why will with without would yesterday yet you your
    yours monday tuesday wednesday thursday friday saturday sunday january february march
    september october november december ok okay hello hi hey dear sir madam all everybody
    anyone nobody mr mrs ms mx dr miss right wrong nice cool evil perfect fantastic
    incredible incredibles amazing wonderful chairman president average difficult money
    chips chicken coffee coffees pepper engineer pilot show liberal brightest morality
    monotony feelgood congeniality universe america world
    """.split()
)
_NAME_WORD = r"(?:Mc|Mac|O['’]|D['’])?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?"
_NAME = rf"(?:[A-Z]\.[ ]?)?{_NAME_WORD}(?:[ \t]+(?:[A-Z]\.[ \t]?)?{_NAME_WORD}){{0,2}}"
_NAME_TOKEN_RE = re.compile(rf"(?:[A-Z]\.)|{_NAME_WORD}")
_STAFF = (
    "agent|rep|representative|staff|staff member|employee|manager|supervisor|attendant|"
    "flight attendant|steward|stewardess|pilot|captain|clerk|receptionist|concierge|"
    "driver|server|waiter|waitress|bartender|host|hostess|officer|associate|advisor|"
    "adviser|consultant|operator|technician|lady|woman|man|guy|gentleman|girl|boy|dude|"
    "gal|person|someone|somebody|nurse|doctor|cashier|teller|banker|cleaner|housekeeper"
)
_STRONG_SIGN_OFFS = (
    "regards|kind regards|best regards|warm regards|warmest regards|many regards|"
    "sincerely|yours sincerely|sincerely yours|yours truly|yours faithfully|respectfully|"
    "best wishes|warm wishes|warmest wishes|kind wishes|all the best"
)
_WEAK_SIGN_OFFS = "thanks|thank you|thanks again|many thanks|thx|cheers|love"
# One of these is in the last _SIGN_OFF_WINDOW characters of every comment with a sign-off.
_SIGN_OFF_WORD_RE = re.compile("regard|sincere|yours|respectful|best|wish|thank|thx|cheers|love")  # lower case
_SIGN_OFF_DASH_RE = re.compile(r"[-–—~]\s*[A-Z]")
_TITLE = r"(?:Mr|Mrs|Ms|Mx|Dr|Miss|Prof|Professor)\.?[ \t]+"
_MY_NAME = r"(?i:\bmy\s+name(?:\s+is|['’]s))"
# A lower-case name ("my name is jane smith") is taken only when its first word is a
# common given name; a second word joins it unless it is a common word.
_LOWER_NAME = r"[a-z]+(?:[ \t]+[a-z]+)?"
_COMMON_LOWER_WORDS = frozenset(
    """
    booking flight flights order account card refund ticket tickets reservation bag bags
    luggage room hotel here there please and but so because i im i'm my we our you your it
    this that from with on at in for to of is was am calling writing again still help
    customer member guest passenger traveller traveler
    """.split()
)


def _words(alternatives: str) -> str:
    """An alternation of phrases for a verbose pattern: any run of spaces between words."""
    return alternatives.replace(" ", r"\s+")


# One pattern per cue, each run only when a cheap test finds its cue: the common comment
# has none.  (cue, pattern, test of the text and its lower-cased copy)
_I_AM_RE = re.compile(r"i(?:\s+am|['’]m)")
_THIS_IS_RE = re.compile(r"this\s+is")
_NAME_HERE_RE = re.compile(r"[A-Z][a-z]+[ \t]+here\b")
_NAME_CUES: tuple[tuple[str, re.Pattern[str], Callable[[str, str], bool]], ...] = (
    ("my name", re.compile(rf"{_MY_NAME}\s+(?:{_TITLE})?(?P<name>{_NAME})"), lambda text, lower: "name" in lower),
    ("my name, lower case", re.compile(rf"{_MY_NAME}\s+(?P<name>{_LOWER_NAME})\b"), lambda text, lower: "name" in lower),
    ("I am", re.compile(rf"\b[Ii](?:\s+am|['’]m)[ \t]+(?P<name>{_NAME})"),
     lambda text, lower: _I_AM_RE.search(lower) is not None),
    ("this is", re.compile(rf"(?i:\bthis\s+is)\s+(?:{_TITLE})?(?P<name>{_NAME})(?=\s+(?i:from|at|with)\b)"),
     lambda text, lower: _THIS_IS_RE.search(lower) is not None),
    ("title", re.compile(rf"\b{_TITLE}(?P<name>{_NAME})"),
     lambda text, lower: any(map(text.__contains__, ("Mr", "Ms", "Mx", "Dr", "Miss", "Prof")))),
    ("staff", re.compile(rf"(?i:\b(?:{_words(_STAFF)})s?\s+(?:named|called|by\s+the\s+name\s+of))"
                         rf"\s+(?:{_TITLE})?(?P<name>{_NAME})"),
     lambda text, lower: "named" in lower or "called" in lower or "name of" in lower),
    # Given names only: "I spoke to Emma at the desk", not "I spoke to Delta".
    ("spoke to", re.compile(rf"(?i:\b(?:spoke|spoken|speaking|talked|talking|chatted|chatting)\s+(?:to|with)"
                            rf"|\bask(?:ed)?\s+for|\bdealt\s+with)\s+(?P<name>{_NAME})"),
     lambda text, lower: any(map(lower.__contains__, ("spok", "speak", "talk", "chat", "ask", "dealt")))),
    # "Jane Smith here, ..." opening the comment or a sentence; given names only.
    ("here", re.compile(rf"(?:\A|(?<=[.!?\n])|(?i:\b(?:hi|hello|hey)\b[,!]?))[ \t]*(?P<name>{_NAME})[ \t]+here\b"),
     lambda text, lower: _NAME_HERE_RE.search(text) is not None),
)
_NEEDS_GIVEN_NAME = frozenset({"I am", "my name, lower case", "spoke to", "here"})
# A sign-off ends the comment: searched for in its last _SIGN_OFF_WINDOW characters only.
_SIGN_OFF_RE = re.compile(
    rf"(?i:\b(?P<strong>{_words(_STRONG_SIGN_OFFS)}|best(?=[^\S\n]*[,\n]))|\b(?P<weak>{_words(_WEAK_SIGN_OFFS)})"
    rf"|(?P<dash>(?<![\w-])[-–—~]{{1,2}}))"
    rf"[ \t]*[,:!.-]?\s*(?:{_TITLE})?(?P<name>{_NAME})(?=[^\w\[\]]*\Z)"
)
_SIGN_OFF_WINDOW = 200


def _name_length(candidate: str, need_given_name: bool) -> int:
    """How much of ``candidate`` (from its start) is a name; 0 when none of it is."""
    end = 0
    first = True
    for token in _NAME_TOKEN_RE.finditer(candidate):
        word = token.group(0)
        if word.endswith("."):  # an initial
            end = token.end()
            continue
        bare = word.lower().replace("’", "'")
        if bare in _NOT_NAMES:
            break
        if first and need_given_name and bare not in _GIVEN_NAMES:
            return 0
        first = False
        end = token.end()
    return 0 if first else end


def _lower_name_length(candidate: str) -> int:
    """Like _name_length for a lower-case name: a given name, then maybe a surname."""
    words = candidate.split()
    if words[0] not in _GIVEN_NAMES or words[0] in _NOT_NAMES:
        return 0
    if len(words) > 1 and words[1] not in _NOT_NAMES and words[1] not in _COMMON_LOWER_WORDS:
        return len(candidate)
    return len(words[0])


# ------------------------------------------------------------------------- passes

class _Counter:
    __slots__ = ("counts",)

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def placeholder(self, kind: str) -> str:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        return PLACEHOLDERS[kind]


def _trim_url(url: str) -> tuple[str, str]:
    """Split trailing sentence punctuation off a URL (keeping a balanced ')')."""
    end = len(url)
    while end and url[end - 1] in _URL_TRAILING_PUNCTUATION:
        if url[end - 1] == ")" and url.count("(", 0, end) >= url.count(")", 0, end):
            break
        end -= 1
    return url[:end], url[end:]


# A quoted mailbox (RFC 5322): '"john smith"@example.com', '"ana..lima"@example.com.br'.
_QUOTED_EMAIL_RE = re.compile(r'(?<![\w"])"[^"\n@]{1,64}"@(?:[^\W_][\w-]*\.)+[^\W\d_]{2,24}(?![\w-])')
# What the passes leave of a mailbox before its placeholder: one spelled letter by letter
# ("f a r a h . k h a [EMAIL]", where only "n @ gmail . com" was read as an address) or
# wrapped at a hyphen ("samuel.harrington-\n[EMAIL]").
_MAILBOX_FRAGMENT_RE = re.compile(
    r"(?:(?<![\w.])(?:[^\W_][ ](?:\.[ ])?){3,}|(?<![\w.%+-])[^\W_][\w.%+'’]*-[ ]?\n)(?=\[EMAIL\])"
)


# A mailbox a mail client wrapped after a dot or inside a word ("lena.s\n[EMAIL]", "dubois.\n[EMAIL]"):
# inside a word always; after a final dot only after words about mail (else it ends a sentence).
_WRAPPED_MAILBOX_RE = re.compile(
    r"(?<![\w.%+-])[^\W_][\w%+'’-]*\.(?:(?P<inside>[\w%+'’-]+)|)[ ]?\n(?=\[EMAIL\])"
)


# Microsoft's frameworks (ASP.NET, VB.NET, ADO.NET, ML.NET) are written like domains; a
# domain is seldom typed as a capitalised abbreviation and a capital ".NET".
_DOTNET_RE = re.compile(r"[A-Z]{1,3}\.NET")


def _urls_and_emails(text: str, counter: _Counter) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group("EMAIL") is not None:
            return counter.placeholder("EMAIL")
        if match.group("BARE") is not None and _DOTNET_RE.fullmatch(match.group(0)):
            return match.group(0)
        url, tail = _trim_url(match.group(0))
        if not url or "." not in url:
            return match.group(0)
        return counter.placeholder("URL") + tail

    def looks_like_a_mailbox(local: str, domain: str) -> bool:
        provider = _DOMAIN_LABEL_END_RE.split(domain, 1)[0].lower()
        return bool(_EMAIL_LOCAL_MARK_RE.search(local)) or provider in _MAIL_PROVIDERS

    def replace_no_tld(match: re.Match[str]) -> str:
        domain, tail = match.group("domain"), match.group("tail") or ""
        glued = _GLUED_TLD_RE.match(domain)  # "jane@gmailcom": the dot left out
        if (looks_like_a_mailbox(match.group("local"), domain)
                or glued is not None and glued.group(1).lower() in _MAIL_PROVIDERS
                or _introduced_as_email(match.string, match.start())):
            return counter.placeholder("EMAIL") + ("" if domain.lower() in _MAIL_PROVIDERS else tail)
        return match.group(0)

    def replace_at_provider(match: re.Match[str]) -> str:
        local = match.group("local")
        if match.group("domain").lower() not in _SPELLED_MAIL_PROVIDERS or local.lower() in _NOT_A_MAILBOX:
            return match.group(0)
        # A bracketed "(at)" says address; a spelled or spaced one ("thanks @gmail") needs
        # a mailbox-looking name or words about mail before it.
        if (_EMAIL_LOCAL_MARK_RE.search(local) or match.group("at").strip().lower() not in ("at", "@")
                or _MAIL_WORDS_BEFORE_RE.search(match.string, max(0, match.start() - 40), match.start())):
            return counter.placeholder("EMAIL")
        return match.group(0)

    def replace_spaced_letters(match: re.Match[str]) -> str:
        tld = match.group("domain").rsplit(".", 1)[1].replace(" ", "").lower()
        if len(match.group(0)) >= 15 and re.fullmatch(_MAIL_TLDS, tld):
            return counter.placeholder("EMAIL")
        return match.group(0)

    def replace_spelled(match: re.Match[str]) -> str:
        dotted = match.group("dotted")
        if (dotted is not None and " " not in match.group("local") and not looks_like_a_mailbox(match.group("local"), dotted)
                and not _introduced_as_email(match.string, match.start(), _EMAIL_CUE_ME_RE)):
            return match.group(0)
        return counter.placeholder("EMAIL")

    if '"@' in text:
        text = _QUOTED_EMAIL_RE.sub(lambda m: counter.placeholder("EMAIL"), text)
    if " @ " in text:
        text = _SPACED_LETTERS_EMAIL_RE.sub(replace_spaced_letters, text)
    if _FOREIGN_AT_HINT_RE.search(text):
        text = _FOREIGN_SPELLED_EMAIL_RE.sub(lambda m: counter.placeholder("EMAIL"), text)
    if ("@" in text or not text.isascii()) and _TYPO_EMAIL_HINT_RE.search(text):
        text = _TYPO_EMAIL_RE.sub(lambda m: counter.placeholder("EMAIL") if _typo_email_ok(m) else m.group(0), text)
    if _may_hold_spelled_email(text):
        text = _SPELLED_EMAIL_RE.sub(replace_spelled, text)
    if "#" in text or "＃" in text or "(a" in text or "[a]" in text or "{a}" in text or "(A" in text:
        text = _SUBSTITUTE_AT_EMAIL_RE.sub(
            lambda m: counter.placeholder("EMAIL") if _substitute_at_email_ok(m) else m.group(0), text
        )
    if _AT_PROVIDER_HINT_RE.search(text):
        text = _AT_PROVIDER_EMAIL_RE.sub(replace_at_provider, text)
    text = _URL_OR_EMAIL_RE.sub(replace, text)
    if "@" in text:
        text = _EMAIL_NO_TLD_RE.sub(replace_no_tld, text)
    if "[EMAIL]" in text:
        text = _MAILBOX_FRAGMENT_RE.sub("", text)
        text = _WRAPPED_MAILBOX_RE.sub(
            lambda m: "" if m.group("inside") or _MAIL_WORDS_BEFORE_RE.search(m.string, max(0, m.start() - 40), m.start())
            else m.group(0),
            text,
        )
    return text


# A handle starts after a non-word character; e-mails are already placeholders here.
_HANDLE_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{1,30}\b")


def _handles(text: str, counter: _Counter) -> str:
    return _HANDLE_RE.sub(lambda match: counter.placeholder("HANDLE"), text)


def _ibans(work: str) -> list[Span]:
    found: list[Span] = []
    # A candidate that is no IBAN may have started at a look-alike ("flight FR 4056 should
    # go to NL96 ...", "ticket UA565 ...") and run on over the real one, and the next
    # search must not start after all of it: it starts at the next word inside it.  A
    # valid one ends at its registered length, and the search goes on from there (two
    # IBANs side by side), so found spans never overlap.  A candidate holds at most 34
    # letters and digits, so each character is read by a bounded number of tries.
    position = 0
    while match := _IBAN_RE.search(work, position):
        end = _iban_end(match.group(0))
        if end is not None:
            found.append((match.start(), match.start() + end, "IBAN"))
            position = match.start() + end
        else:
            position = match.start() + 1  # the pattern's look-behind skips to the next word
    return found


def _iban_end(candidate: str) -> int | None:
    """Where the IBAN that ``candidate`` opens with ends in it, or None when it opens with none."""
    expected = IBAN_LENGTHS.get(candidate[:2].upper())
    if expected is None:
        return None
    # The pattern may have run on into a following word or number: cut the
    # candidate at the country's registered length.
    kept = 0
    for cut, char in enumerate(candidate):
        if char not in _IBAN_SEPARATOR_CHARS:
            kept += 1
            if kept == expected:
                head, tail = candidate[: cut + 1], candidate[cut + 1 :]
                if tail and tail[0] not in _IBAN_SEPARATOR_CHARS:
                    return None  # the registered length ends inside a word
                if head[2] == " " and head != head.upper() and sum(c.isdigit() for c in head) < _IBAN_MIN_DIGITS_APART:
                    return None  # country code apart in lower case: "at 12 noon ..." is no Austrian account
                compact = "".join(char for char in head if char not in _IBAN_SEPARATOR_CHARS)
                if sum(char.isdigit() for char in compact) >= _IBAN_MIN_DIGITS and iban_valid(compact):
                    return cut + 1
                return None
    return None


_DIGIT_VALUES = bytes.maketrans(b"0123456789", bytes(range(10)))
_DOUBLED_DIGIT_VALUES = bytes.maketrans(b"0123456789", bytes([0, 2, 4, 6, 8, 1, 3, 5, 7, 9]))


def _luhn_sums(digits: str) -> tuple[list[int], list[int]]:
    """Prefix sums of Luhn terms, doubling the even (first list) or the odd (second)
    positions: the digits [a, b) pass Luhn when ``sums[b % 2][b] - sums[b % 2][a]`` is a
    multiple of 10 (the last digit, b - 1, is never doubled).  Linear in a run of any
    length, where checking every window afresh is not."""
    ascii_digits = digits.encode("ascii")
    plain = list(ascii_digits.translate(_DIGIT_VALUES))
    doubled = list(ascii_digits.translate(_DOUBLED_DIGIT_VALUES))
    even, odd = plain.copy(), plain.copy()
    even[0::2], odd[1::2] = doubled[0::2], doubled[1::2]
    return list(accumulate(even, initial=0)), list(accumulate(odd, initial=0))


# Luhn passes one digit string in ten, so a grouped number needs a card's grouping too:
# it opens with a group of four (4-4-4-4, Amex 4-6-5, Diners 4-6-4, 4-4-4-4-3) or is
# split in halves (8-8); an Amazon order number (3-7-7) is not.  Nor is a card the tail
# of a longer number grouped the same way (a USPS tracking number, 9400 1234 5678 ...,
# the 7-7 end of an order number): see _continues_a_number.


def _card_grouping(run: str, groups: list[tuple[int, int]], first: int, end: int) -> bool:
    """Whether the digit groups ``first .. end - 1`` are grouped as a card is."""
    if end - first == 1:
        return True  # unformatted: Luhn and length decide
    lengths = [stop - start for start, stop in groups[first:end]]
    if "\n" in run[groups[first][1] : groups[end - 1][0]]:
        # Broken over lines, a number keeps a card's print layout (4-4-4-4, 4-6-5 ...):
        # two numbers on lines of their own are otherwise read as one.
        if lengths == [8, 8]:  # halves on two lines: an issuer's number, or two numbers
            return _issuer_length_valid(_NON_DIGIT_RE.sub("", run[groups[first][0] : groups[end - 1][1]]))
        return lengths[0] == 4 and (set(lengths[1:-1]) <= {4} or lengths[1] == 6 and len(lengths) == 3)
    return lengths[0] == 4 or len(lengths) == 2 and lengths[1] == lengths[0]


_MAESTRO_PREFIXES = ("5018", "5020", "5038", "5893", "6304", "6759", "6761", "6762", "6763")


# Issuer ranges and the lengths of their card numbers (ISO/IEC 7812 issuer identification
# numbers as the networks publish them): Visa 4, 16 or 19; Mastercard 51-55 and
# 2221-2720, 16; Amex 34/37, 15; Diners 36 (14) and 300-305/38/39 (14 or 16); Discover
# 6011/644-649/65, JCB 3528-3589 and UnionPay 62, 16-19.  Only used where the grouping
# says nothing (see _mis_grouped_card), so Visa's old 13 and Maestro's 12-19 are left out.
def _issuer_length_valid(digits: str) -> bool:
    length = len(digits)
    two, four = int(digits[:2]), int(digits[:4])
    if digits[0] == "4":
        return length in (13, 16, 19)
    if 2200 <= four <= 2204 or digits.startswith(("636", "606282", "9792")):
        return length == 16  # Mir, Elo, Hipercard, Troy
    if digits.startswith(_MAESTRO_PREFIXES):
        return 12 <= length <= 19
    if digits.startswith(("5060", "5061", "5078", "5079", "6500")):
        return length in (16, 19)  # Verve
    if digits.startswith("5019"):
        return length == 16  # Dankort
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return length == 16
    if two in (34, 37):
        return length == 15
    if two == 36:
        return length == 14
    if 300 <= int(digits[:3]) <= 305 or two in (38, 39):
        return length in (14, 16)
    if digits.startswith("6011") or 644 <= int(digits[:3]) <= 649 or two in (62, 65) or 3528 <= four <= 3589:
        return 16 <= length <= 19
    return False


def _mis_grouped_card(run: str, groups: list[tuple[int, int]], digits: str) -> bool:
    """Whether a whole run of digit groups is a card typed in groups of its owner's own
    making ("41105 1626 7630 782", "457316700513 7480", "415 96547 5233 1947"): Luhn, an
    issuer's range with its card length, and one separator throughout on one line.  The
    whole run only, so that the part of a longer number (two phone numbers side by side, a
    tracking number) is not taken for one."""
    if len(groups) < 2 or not 14 <= len(digits) <= 19:
        return False
    separators = {run[groups[index][1] : groups[index + 1][0]] for index in range(len(groups) - 1)}
    if len(separators) != 1 or "\n" in next(iter(separators)):
        return False
    if all(stop - start == 3 for start, stop in groups[1:]):
        return False  # an amount's thousands ("340,123,456,789,012")
    return _issuer_length_valid(digits) and luhn_valid(digits)


def _small_group_cards(work: str) -> list[Span]:
    """Card numbers typed a digit or two at a time, after a word that names a card ("card
    4 1 1 1 1 1 ...", "visa 41 11 11 ..."): the whole run, one separator, an issuer's range
    and length, Luhn."""
    found: list[Span] = []
    for match in _SMALL_GROUP_RUN_RE.finditer(work):
        run = match.group()
        groups = [g.span() for g in _DIGIT_GROUP_RE.finditer(run)]
        if all(stop - start >= 3 for start, stop in groups):
            continue  # the main card pass's
        digits = _NON_DIGIT_RE.sub("", run)
        separators = {run[groups[i][1] : groups[i + 1][0]] for i in range(len(groups) - 1)}
        if (len(separators) == 1 and 13 <= len(digits) <= 19 and _issuer_length_valid(digits) and luhn_valid(digits)
                and _CARD_WORD_BEFORE_RE.search(work, max(0, match.start() - _CUE_BEFORE_CHARS), match.start())):
            found.append((*match.span(), "CARD"))
    return found


def _continues_a_number(run: str, groups: list[tuple[int, int]], index: int, copied_to: int) -> bool:
    """Whether group ``index`` of ``run`` goes on from the group before it: joined to it
    by the separator that follows it, and that group not part of a card."""
    if index == 0 or index + 1 == len(groups) or groups[index - 1][0] < copied_to:
        return False
    return run[groups[index - 1][1] : groups[index][0]] == run[groups[index][1] : groups[index + 1][0]]


def _goes_on_after(work: str, run_start: int, run: str, groups: list[tuple[int, int]], last: int) -> bool:
    """Whether more digits follow group ``last`` of ``run`` after the separator its groups are
    joined by (in the run, or in a shorter group the run left out: "... 6745 14")."""
    separator = run[groups[last - 1][1] : groups[last][0]]
    after = run_start + groups[last][1] + len(separator)
    return work.startswith(separator, run_start + groups[last][1]) and after < len(work) and work[after].isdigit()


# Luhn-valid numbers that are no cards: an IMEI is Luhn-checked by design, and so are
# some tracking numbers and barcodes; a gift card's or voucher's code is no payment card.
# Only digits written in one piece are taken for these; a card's grouping says card.
_NAMED_AS_NO_CARD_RE = re.compile(
    r"(?i)\b(?:imei|meid|iccid|serial|s/n|tracking|waybill|awb|ean|upc|gtin|isbn|barcode|sku|order|parcel"
    r"|gift[ -]?cards?|voucher|coupon)\b"
    r"[^\w\n]*(?:[A-Za-z'’]{1,12}[^\w\n]+){0,2}\Z"
)


def _cards(work: str) -> list[Span]:
    found: list[Span] = []
    for match in _DIGIT_RUN_RE.finditer(work):
        run = match.group(0)
        if len(run) < 13:
            continue
        groups = [g.span() for g in _DIGIT_GROUP_RE.finditer(run)]
        if all(end - start > 19 for start, end in groups):
            continue  # no group fits in a card
        offsets = list(accumulate((end - start for start, end in groups), initial=0))
        digits = _NON_DIGIT_RE.sub("", run)
        if _mis_grouped_card(run, groups, digits) and not _card_grouping(run, groups, 0, len(groups)):
            if _NAMED_AS_NO_CARD_RE.search(work, max(0, match.start() - _CUE_BEFORE_CHARS), match.start()) is None:
                found.append((*match.span(), "CARD"))
            continue
        sums = _luhn_sums(digits)
        copied_to = 0
        index = 0
        while index < len(groups):
            # Longest window of whole digit groups starting here that is a valid card.
            best_end = None
            # Only a group of four or of seven or more digits can open a card (see
            # _card_grouping: halves of 13-19 digits have at least seven each).
            opening = groups[index][1] - groups[index][0]
            if ((run[groups[index][0]] in _CARD_FIRST_DIGITS or run.startswith(_TROY, groups[index][0]))
                    and (opening == 4 or opening >= 7)):
                first = offsets[index]
                # Windows ending at offsets[lo .. hi - 1] are 13-19 digits long.
                lo, hi = bisect_left(offsets, first + 13), bisect_right(offsets, first + 19)
                continues = None  # looked at only for a window that passes Luhn (one in ten)
                for last_index in range(hi - 1, lo - 1, -1):
                    last = offsets[last_index]
                    if ((sums[last % 2][last] - sums[last % 2][first]) % 10
                            or not _card_grouping(run, groups, index, last_index)):
                        continue
                    if last_index > index + 1:  # grouped: not the tail of a longer number
                        if continues is None:
                            continues = _continues_a_number(run, groups, index, copied_to)
                        if continues:
                            continue
                    best_end = last_index - 1
                    break
            opened_at = match.start() + groups[index][0]
            if best_end == index and _NAMED_AS_NO_CARD_RE.search(work, max(0, opened_at - _CUE_BEFORE_CHARS), opened_at):
                best_end = None
            elif (best_end is not None and index == 0 and best_end > index
                  and _goes_on_after(work, match.start(), run, groups, best_end)
                  and _cue_before(work, opened_at)[0] == "ID"):
                # A reference that opens like a card and goes on in the same grouping ("Ref. 5217
                # 9480 6879 6745 14", a SEPA mandate reference): one number, named, and no card.
                best_end = None
            if best_end is None:
                index += 1
                continue
            found.append((match.start() + groups[index][0], match.start() + groups[best_end][1], "CARD"))
            copied_to = groups[best_end][1]
            index = best_end + 1
    return found


# How cards are printed: the layouts a customer copies a card number in.
_CARD_LAYOUTS = ([4, 4, 4, 4], [4, 6, 5], [4, 6, 4], [4, 4, 4, 4, 3], [4, 4, 4], [6, 7], [4, 4, 4, 1], [16], [15],
                 [13], [12])


def _named_cards(work: str) -> list[Span]:
    """Card numbers the text names as cards that fail Luhn (a digit mistyped, or a test
    number): a card's layout and first digit, with a card word before it ("my visa", "carte
    bancaire :") or its expiry or security code after it.  To a reader, and to a fraudster
    one digit away, they are card numbers all the same."""
    found: list[Span] = []
    for match in _DIGIT_RUN_RE.finditer(work):
        run = match.group(0)
        if len(run) < 12 or not (run[0] in _CARD_FIRST_DIGITS or run.startswith(_TROY)) or "\n" in run:
            continue
        groups = [g.span() for g in _DIGIT_GROUP_RE.finditer(run)]
        if [stop - start for start, stop in groups] not in _CARD_LAYOUTS:
            continue
        if len({run[groups[i][1] : groups[i + 1][0]] for i in range(len(groups) - 1)}) > 1:
            continue
        if _NAMED_AS_NO_CARD_RE.search(work, max(0, match.start() - _CUE_BEFORE_CHARS), match.start()):
            continue  # "gift card code 1189 ...": a card word, but for no payment card
        if (_CARD_WORD_BEFORE_RE.search(work, max(0, match.start() - _CUE_BEFORE_CHARS), match.start())
                or _CARD_WORD_AFTER_RE.match(work, match.end())):
            found.append((*match.span(), "CARD"))
    return found


# A card's security code, named as such: card data as much as the number.
_CARD_CODE_RE = re.compile(r"\b(?:cvv2?|cvc2?|csc|security\s+code)\s*(?:(?:is|was|no\.?|number)\s*)?[:#=]?\s*"
                           r"(\d{3,4})(?![\w/-])(?![.,]\d)", re.IGNORECASE)


def _card_codes(work: str) -> list[Span]:
    return [(*match.span(1), "CARD") for match in _CARD_CODE_RE.finditer(work)]


# Two numbers written side by side with a slash between them ("0612 345 678 / 0208 123
# 4567") make one candidate; when that is no number, its parts are tried.
_MAX_LIST_PARTS = 6
_LAST_WORD_RE = re.compile(r"[A-Za-z]+\Z")
_LIST_JOINER_RE = re.compile(r"[ ]*(?:[,;&][ ]*(?:and[ ]+|or[ ]+)?|(?:and|or)[ ]+)[:(]?[ ]*")


_PHONE_HEAD_BEFORE_RE = re.compile(r"(?<![\w+])\+\d{1,3}(?:[ ]\d{1,4})?[ ]?\n\Z")
# An international number broken over a line ("+32 2 434\n52 96", "+43 (0)1 232\n12 56"): the "+"
# says what it is; the digits after the break must keep the number within E.164's length.
_PLUS_NUMBER_ACROSS_LINES_RE = re.compile(
    r"(?<![\w+])\+\d{1,3}(?:(?:[ ]?\(0\)[ ]?|[ -.]{1,2})\d{1,5}){0,4}[ ]?\n[ ]?\d{2,5}(?:[ -.]\d{1,5}){0,3}(?![\w])"
)


def _phones_across_lines(work: str) -> list[Span]:
    found: list[Span] = []
    for match in _PLUS_NUMBER_ACROSS_LINES_RE.finditer(work):
        token = match.group()
        trunk = 1 if "(0)" in token.replace(" ", "") else 0
        low, high = _INTERNATIONAL_DIGITS
        if low <= sum(char.isdigit() for char in token) - trunk <= high:
            found.append((*match.span(), "PHONE"))
    return found


# A number wrapped over a line by a mail client or a form ("callback to 07401\n503346",
# "手机号181-\n4059-7531", "Telefon +49 69\n60532300"): the part before the break too short to
# be a number of its own (or cut at a hyphen), a phone word before it, and a phone number's
# length in all.
_WRAPPED_NUMBER_RE = re.compile(
    rf"(?<!{_GLUED})(?<![+\d.,/-])(?P<plus>\+\d{{1,3}}[ ])?"
    rf"(?P<head>\d{{2,6}}(?:(?:[ .-]|[ ]?/[ ]?)\d{{1,6}}){{0,2}})(?P<hyphen>-?)[ ]?\n[ ]?"
    rf"\d{{2,8}}(?:[ .-]\d{{1,6}}){{0,3}}(?!{_GLUED})(?![\d-]|[.,/]\d)"
)
_WRAPPED_NUMBER_DIGITS = (9, 13)
# Eight digits in pairs after a phone word: a Danish or Norwegian number ("ring mig på 92 43\n85 99").
_WRAPPED_PAIRS_RE = re.compile(r"\d\d(?:\s\d\d){3}")


def _phones_wrapped_over_a_line(work: str) -> list[Span]:
    if "\n" not in work:
        return []
    found: list[Span] = []
    for match in _WRAPPED_NUMBER_RE.finditer(work):
        low, high = _WRAPPED_NUMBER_DIGITS
        head = match.group("head")
        head_digits = sum(char.isdigit() for char in head)
        digits = sum(char.isdigit() for char in match.group())
        # A whole number on its line, and another on the next: seven digits, or after a
        # trunk 0 a national number's ten ("0161 496\n0386" is cut), or after "00" a
        # country code and as many ("0039 348\n3061370" is cut).
        whole_head = head_digits >= (12 if head.startswith("00") else 10 if head.startswith("0") else 7)
        if whole_head and not match.group("hyphen"):
            continue
        if match.group("plus") is not None:
            low, high = _INTERNATIONAL_DIGITS
        elif head.startswith("00"):
            low, high = _DOUBLE_ZERO_DIGITS
            digits -= 2
        pairs = _WRAPPED_PAIRS_RE.fullmatch(match.group()) is not None
        if not (low <= digits <= high or pairs):
            continue
        cue = _cue_before(work, match.start())[0]
        if cue == "PHONE" or cue == "CONTACT" and low <= digits <= high:
            found.append((*match.span(), "PHONE"))
    return found


# A phone label or "my number" typed glued to the number ("Tel0152 582 7434", "Tel.040 / 357
# 793 64", "cel55 9439 9087", Turkish "numaram05328316722"): the number is read as if a space
# stood between them.  (The labels in the pattern itself, after a cheap look for letters
# glued to a digit: codes such as "SW1A" or "GB82" are then no match at all.)
_GLUED_LABELS = sorted(
    """
    tel tél tele telefon telefono teléfono téléphone telephone phone ph tlf tfno telm tlm mob mobile mobil móvil
    movil cell cellphone cel celu celular cellulare handy fax whatsapp gsm
    number nummer numer numero número numéro numara numaram
    """.split(),
    key=len, reverse=True,
)
_GLUED_WORD_NUMBER_RE = re.compile(
    rf"(?i)\b(?=[^\W\d_]{{2,10}}\.?[(+]?\d)(?:{'|'.join(_GLUED_LABELS)})\.?"
    rf"(?P<number>(?:[(+]{{1,3}}[ ]?)?\d+(?:{_NUMBER_SEPARATOR}\d+)*)"
)
# What every label above starts with: a cheap test first (most comments hold none).
_GLUED_LABEL_ROOTS = ("tel", "tél", "ph", "tlf", "tfno", "tlm", "mob", "móv", "mov", "cel", "handy", "fax", "whatsapp",
                      "gsm", "num", "núm")


def _phones_after_a_glued_word(work: str) -> list[Span]:
    lower = work.lower()
    if not any(root in lower for root in _GLUED_LABEL_ROOTS):
        return []
    found: list[Span] = []
    for match in _GLUED_WORD_NUMBER_RE.finditer(work):
        start, end = match.span("number")
        if end < len(work) and (work[end].isalnum() and work[end] < "\u3000" or work[end] in "_%°"):
            continue
        if _number_kind(work, start, match.group("number")) == "PHONE":
            found.append((start, end, "PHONE"))
    return found


def _phones_and_ssns(work: str) -> list[Span]:
    found: list[Span] = []
    length = len(work)

    def add(start: int, token: str, kind: str) -> None:
        end = start + len(token)
        first = token.index(_DIGIT_GROUP_RE.search(token).group())
        if kind == "PHONE":
            extension = _EXTENSION_RE.match(work, end)
            if extension is not None:
                end = extension.end()
            # The placeholder takes in a "+" and an area code's brackets, not a bracket
            # around the whole number ("([PHONE])").
            if token[0] == "(" and ")" in token:
                first = 0
            elif "+" in token[:first]:
                first = token.index("+")
            else:
                head = _PHONE_HEAD_BEFORE_RE.search(work, max(0, start - 12), start)
                if head is not None:  # "+44 20\n7837 1792": the country and area codes on the line before
                    first = head.start() - start
        found.append((start + first, end, kind))

    # The number before this one, and whether it was named as a reference (worked out
    # only when a list joins this one to it).
    previous_start, previous_end, previous_named = -1, -1, False
    for match in _NUMBER_RE.finditer(work):
        token = match.group()
        start, end = match.span()
        listed = previous_end >= 0 and _LIST_JOINER_RE.fullmatch(work, previous_end, start) is not None
        if listed and previous_named is None:
            previous_named = _cue_before(work, previous_start)[0] == "ID"
        named = listed and previous_named
        previous_start, previous_end, previous_named = start, end, True if named else None
        if len(token) < 7:
            continue
        if end < length and (work[end].isalnum() and work[end] < "\u3000" or work[end] in "_%°"):
            continue  # glued to a word or a unit: "1234567am", "2nd", "12,5%" (not to Japanese: no spaces there)
        if start > 1 and work[start - 1] == "-" and work[start - 2].isalnum():
            # Glued by a hyphen to the word before: part of a code ("A-1234567"),
            # unless that word names the number ("SSN-078-05-1120", "Tel-0412 ...").
            word = _LAST_WORD_RE.search(work, max(0, start - 20), start - 1)
            if word is None or not (word.group().lower() in _SSN_WORDS or word.group().lower() in _PHONE_WORDS):
                continue
        kind = _number_kind(work, start, token, named)
        if kind is not None:
            add(start, token, kind)
            continue
        separators = set(_NUMBER_SEPARATOR_RE.findall(token.strip("(+ ")))
        if "/" not in token or separators <= {"/"}:
            continue  # a run joined by slashes only is one thing (a date, a code)
        parts = [(start + part.start(), part.group()) for part in re.finditer(r"[^/]+", token)]
        parts = [(part_start + len(text) - len(text.lstrip()), text.strip()) for part_start, text in parts]
        if len(parts) > _MAX_LIST_PARTS:
            continue
        index = 0
        while index < len(parts):
            # A slash typed with no space between a lone group of up to four digits and
            # the next part joins fields of one thing (a date "01/05/2024", a reference
            # "2024/03/118-443"): no number of a list starts after it.
            previous = parts[index - 1][1] if index else ""
            if previous.isdigit() and len(previous) <= 4 and work[parts[index][0] - 1] == "/" \
                    and work[parts[index][0] - 2].isdigit():
                index += 1
                continue
            for size in (3, 2, 1):
                if index + size > len(parts) or size == len(parts):
                    continue
                part_start = parts[index][0]
                last_start, last_text = parts[index + size - 1]
                text = work[part_start : last_start + len(last_text)]
                kind = _number_kind(work, part_start, text) if text[:1].isdigit() or text[:1] in "(+" else None
                if kind is not None:
                    add(part_start, text, kind)
                    index += size
                    break
            else:
                index += 1
    return found


# Every address holds one of these: a number before a capitalised word or an ordinal
# (a street), a digit and two capitals (a postcode), five digits (a ZIP code), a box.
_ADDRESS_HINT_RE = re.compile(r"\d[A-Z]?[ ](?:[A-Z]|\d{1,3}(?:st|nd|rd|th)\b)|\d[A-Z]{2}\b|\d{5}|[Bb][Oo][Xx]")


# A UK National Insurance number, the SSN's counterpart (HMRC: two prefix letters, never
# D F I Q U V, the second never O, and never BG GB KN NK NT TN ZZ; six digits; a suffix
# A-D): in capitals as HMRC prints it, "AB 12 34 56 C"; run together ("AB123456C", like
# many product codes) or in lower case only after words that name it.
_NINO_RE = re.compile(r"(?<![\w-])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
                      r"(?P<sep>[ ]?)\d{2}(?P=sep)\d{2}(?P=sep)\d{2}(?P=sep)[A-D](?![\w-])", re.IGNORECASE)


def _national_insurance_numbers(work: str) -> list[Span]:
    return [(*match.span(), "SSN") for match in _NINO_RE.finditer(work)
            if match.group("sep") and match.group().isupper() or _cue_before(work, match.start())[0] == "SSN"]


# Digits spelled out to slip past filters ("four one five, five five five, two six seven
# one", "oh seven seven double oh ..."): seven or more digit words in a row, then read as
# the digits they spell.
_DIGIT_WORDS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_SPELLED_DIGIT = rf"(?:(?:double|triple)[ -])?(?:{'|'.join(_DIGIT_WORDS)})"
_SPELLED_DIGITS_RE = re.compile(rf"(?i)\b{_SPELLED_DIGIT}(?:[ ,.-]{{1,3}}{_SPELLED_DIGIT}){{6,}}\b")
_SPELLED_WORD_RE = re.compile(r"[a-z]+")


def _may_spell_digits(text: str) -> bool:
    """A cheap test before _SPELLED_DIGITS_RE, which most comments do not need."""
    lower = text.lower()
    return sum(lower.count(word) for word in _DIGIT_WORDS) >= 7 and _SPELLED_DIGITS_RE.search(text) is not None


def _spelled_numbers(work: str) -> list[Span]:
    if not _may_spell_digits(work):
        return []
    found: list[Span] = []
    for match in _SPELLED_DIGITS_RE.finditer(work):
        digits, repeat = [], 1
        for word in _SPELLED_WORD_RE.findall(match.group().lower()):
            if word in ("double", "triple"):
                repeat = 2 if word == "double" else 3
                continue
            digits.append(_DIGIT_WORDS[word] * repeat)
            repeat = 1
        number = "".join(digits)
        count = len(number)
        if 14 <= count <= 19 and _issuer_length_valid(number) and luhn_valid(number):
            found.append((*match.span(), "CARD"))
            continue
        context = _context(work, match.start(), match.end())
        if count == 9 and context == "SSN":
            found.append((*match.span(), "SSN"))
        elif 7 <= count <= 15 and (context in ("PHONE", "CONTACT") or count >= 10):
            found.append((*match.span(), "PHONE"))
    return found


def _addresses(work: str) -> list[Span]:
    if _ADDRESS_HINT_RE.search(work) is None:
        return []
    return [(*match.span(), "ADDRESS") for match in _ADDRESS_RE.finditer(work)
            if match.group("UK_POSTCODE") is None or match.group("area") in _UK_POSTCODE_AREAS]


def _names(text: str, counter: _Counter) -> str:
    def replace(match: re.Match[str], cue: str) -> str:
        start, end = match.span("name")
        if cue == "my name, lower case":
            length = _lower_name_length(text[start:end])
        else:
            length = _name_length(text[start:end], need_given_name=cue in _NEEDS_GIVEN_NAME)
        if not length:
            return match.group(0)
        return text[match.start() : start] + counter.placeholder("NAME") + text[start + length : match.end()]

    lower = text.lower()
    for cue, pattern, has_cue in _NAME_CUES:
        if has_cue(text, lower):
            text = pattern.sub(lambda match: replace(match, cue), text)
    tail_start = max(0, len(text) - _SIGN_OFF_WINDOW)
    tail = text[tail_start:]
    match = None
    if _SIGN_OFF_WORD_RE.search(tail.lower()) or _SIGN_OFF_DASH_RE.search(tail):
        match = _SIGN_OFF_RE.search(text, tail_start)
    if match is not None:
        start, end = match.span("name")
        length = _name_length(text[start:end], need_given_name=match.group("strong") is None)
        if length and not text[start + length : end].strip():  # all of it a name
            text = text[:start] + counter.placeholder("NAME") + text[end:]
    return text



# (Every address pattern needs a digit too.)
_NUMBER_PASSES: tuple[Callable[[str], list[Span]], ...] = (
    _ibans, _cards, _named_cards, _small_group_cards, _card_codes, _phones_across_lines, _phones_wrapped_over_a_line,
    _phones_after_a_glued_word, _phones_and_ssns,
    _national_insurance_numbers,
    _spelled_numbers, _addresses,
)


def _numbers(text: str, counter: _Counter) -> str:
    """The number passes, in order, on the folded copy of ``text``: each one's spans are
    masked before the next runs, so earlier types win; then the spans become placeholders
    in ``text`` itself."""
    work = _fold(text)
    found: list[Span] = []
    for number_pass in _NUMBER_PASSES:
        spans = number_pass(work)
        if spans:
            found += spans
            work = _masked(work, spans)
    if not found:
        return text
    pieces: list[str] = []
    copied_to = 0
    for start, end, kind in sorted(found):
        pieces += (text[copied_to:start], counter.placeholder(kind))
        copied_to = end
    pieces.append(text[copied_to:])
    return "".join(pieces)


def _masked(work: str, spans: list[Span]) -> str:
    pieces: list[str] = []
    copied_to = 0
    for start, end, _kind in sorted(spans):
        pieces += (work[copied_to:start], _MASK * (end - start))
        copied_to = end
    pieces.append(work[copied_to:])
    return "".join(pieces)


def redact(text: str) -> Redaction:
    """Replace personal data in ``text`` with typed placeholders.

    Returns the redacted text and a count per placeholder type (types that did not
    occur are absent).  Run it on normalised text: offsets of everything downstream
    refer to the string returned here.
    """
    counter = _Counter()
    text = _urls_and_emails(text, counter)
    if "@" in text:
        text = _handles(text, counter)
    if _DIGIT_RE.search(text) or _may_spell_digits(text):
        text = _numbers(text, counter)
    text = _names(text, counter)
    return Redaction(text=text, counts=counter.counts)


def redact_free_text(text: str) -> str:
    """Free text a person types into the engine (a case note, an action plan's title,
    description or note), redacted like comment text before it is stored: staff paste
    the customer's e-mail or card number into notes too."""
    return redact(text).text


def encoder_text(raw: str) -> str:
    """The text the encoder reads for ``raw``: normalised, then redacted.

    Training must see what inference sees (placeholders, not @handles or
    addresses), so trainers call this rather than encoding raw text.
    """
    return redact(normalise(raw)).text

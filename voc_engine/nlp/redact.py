"""PII redaction: typed placeholders replace personal data before anything is stored.

Replaced, in this order (earlier types win because later passes never see digits or
dots inside a placeholder):

- ``[EMAIL]``: addresses, also without a TLD when they look like one ("jane.doe@example",
  "jane@gmail") or follow "email me at", "contact me:", "reach me on", "reached"
  ("omurphy@company"), and spelled out ("jane [at] example [dot] com", "jane dot doe at
  example dot com", "jane.doe at gmail.com", "contact me: ldubois at example.com",
  "jane@example dot com", "jane . doe @ example . com"), with any "mailto:" before it;
  ``[URL]``: links with a scheme, www., or a bare domain with a well-known TLD (or, with
  a path after it, a two-letter or a common generic TLD: "acme.shop/returns").
- ``[HANDLE]``: social @handles (they identify a person, and in embeddings they would make
  topics cluster by who was addressed rather than by what went wrong).
- ``[IBAN]``: ISO 13616 length and mod-97 checked; compact, or grouped by spaces (one or
  two) or hyphens, also with the country code and check digits apart ("DE 89 3704 ...").
- ``[CARD]``: 13-19 digits, Luhn checked, grouped by spaces (one or two), hyphens or
  dots; and a security code named as such ("cvv 123").
- ``[SSN]``: US, never-issued areas/groups/serials excluded: 078-05-1120, 078 05 1120,
  078.05.1120, 078/05/1120, 078–05–1120, 078 - 05 - 1120, 078-05 1120, and nine plain
  digits or three groups of three (078 051 120) unless named as another reference
  (below); after "SSN"/"SS#"/"social security number", any grouping.
- ``[PHONE]``: North American (202-555-0173, (202) 555-0173, 202.555.0173, 202/555-0173,
  +1 ..., and ten plain digits, or eleven with the leading 1, that are a valid number:
  area and exchange codes not starting with 0 or 1), international (+44 ..., 0044 ...),
  national with the trunk 0 (020 7946 0958, (020) 7946-0958, 089/1234567, 0151 23456789,
  01 23 45 67 89, 01.23.45.67.89, (02) 9876 5432, 0412 345 678, and 10-11 plain digits
  unless named as another reference); after a word such as "call", also 7-digit local
  and other trunk-0 national numbers.  An extension ("ext. 23", "x204", "extension
  5512") is part of the number.
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
booking refs, order numbers), so the number patterns are deliberately narrow and the
checksum types are confirmed by their checksum; a digit run that fails is left alone.
Bare 9- and 10-digit runs are the ambiguous ones: they are redacted unless the words
just before name them as another reference ("order #123456789", "claim 4016688561").
Every pattern is compiled once at import and runs in linear time
(``bench/pii_bench.py`` measures recall, false positives on real text and speed).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Callable

from voc_engine.nlp.normalise import normalise

__all__ = ["Redaction", "redact", "PLACEHOLDERS", "luhn_valid", "iban_valid", "ssn_valid"]

PLACEHOLDERS: dict[str, str] = {
    kind: f"[{kind}]"
    for kind in ("EMAIL", "URL", "HANDLE", "IBAN", "CARD", "SSN", "PHONE", "ADDRESS", "NAME")
}


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


# ------------------------------------------------------------------------- patterns

_URL_TRAILING_PUNCTUATION = ".,;:!?'\"’”)]}>…"
_URL_BODY = r"[^\s<>\"'`\[\]{}|\\^]"
# Bare domains (no scheme, no www) count only with a well-known TLD; with a path, any
# two-letter country TLD (t.co/xyz, bit.ly/abc, youtu.be/abc) or a common generic one
# (acme.shop/b/1) also does.  Other words are left alone: customer text often lacks the
# space after a full stop ("fit.lobby").
_COMMON_TLDS = "com|net|org|edu|gov|mil|info|biz|io|co|uk|ca|au|nz|de|fr|es|nl|ie|eu|app|dev|ai|aero"
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
# Mail providers whose name alone after an "@" is taken for an address ("jane@gmail").
_MAIL_PROVIDERS = frozenset(
    "gmail googlemail yahoo ymail hotmail outlook live msn icloud me aol protonmail proton gmx "
    "web mail email zoho yandex comcast verizon att btinternet sky virginmedia orange free".split()
)
_URL_OR_EMAIL_RE = re.compile(
    rf"""
    (?P<URL>\b(?:https?|ftp)://{_URL_BODY}+
      | \bwww\d{{0,3}}\.[A-Za-z0-9-]+\.{_URL_BODY}+
    )
    | (?P<EMAIL>(?<![\w.%+-])(?:mailto:)?[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{{2,24}}(?![\w-]))
    | (?P<BARE>(?<![\w@./-])(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+
        # (Each alternative first looks for letters and a boundary, cheaply: a long run of
        # dotted words is tried for a TLD after every dot.)
        (?:(?=[A-Za-z]{{2,24}}/)(?:{_COMMON_TLDS}|{_PATH_ONLY_TLDS}|[A-Za-z]{{2}})/{_URL_BODY}*
         |(?=[A-Za-z]{{2,24}}(?![\w@-]|\.[A-Za-z0-9]))(?:{_COMMON_TLDS})(?![\w@-]|\.[A-Za-z0-9]))
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Without a TLD ("jane.doe@example"), on what the pass above left: taken for an address
# when the part before the "@" looks like one (a dot, underscore, digit ...) or the part
# after it names a mail provider; not tweets that use "@" for a space ("can't think@of
# one", "computers@were@down").
_EMAIL_NO_TLD_RE = re.compile(
    r"(?<![\w.%+-])(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9])?)"
    r"@(?P<domain>[A-Za-z0-9][A-Za-z0-9-]*)(?![\w@-]|\.[A-Za-z0-9])"
)
_EMAIL_LOCAL_MARK_RE = re.compile(r"[._%+\d-]")
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
_LOCAL_PART = r"[A-Za-z0-9][A-Za-z0-9._%+-]*"
# "jane . doe", "example. com"; not a full stop before a new sentence ("@Apple . App is").
_SPACED_DOT = r"(?:[ ]\.[ ]?|\.[ ])(?!(?-i:[A-Z][a-z]))"
# Domain labels are at most 63 characters (RFC 1035) and an address has a few of them:
# bounded, so that the several starts a spaced local part allows ("x . y . jane @ ...")
# cannot each scan a long run of dotted words.
_LABEL = r"[A-Za-z0-9-]{1,63}"
_SPELLED_DOT = rf"(?:\s*[\[({{]\s*dot\s*[\])}}]\s*|\.|{_SPACED_DOT})"  # after a bracketed "at"
_MAIL_DOMAIN = rf"(?:{_LABEL}(?:\.|{_SPACED_DOT}|\s+dot\s+)){{1,8}}(?:{_COMMON_TLDS})"
_SPELLED_EMAIL_RE = re.compile(
    rf"""
    (?<![\w.%+-])
    (?:(?P<local>{_LOCAL_PART}(?:[ ]dot[ ]{_LOCAL_PART}){{0,3}})
       (?:\s*[\[({{]\s*at\s*[\])}}]\s*
          [A-Za-z0-9-]+(?:{_SPELLED_DOT}[A-Za-z0-9-]+)*{_SPELLED_DOT}[A-Za-z]{{2,24}}
        | \s+at\s+(?!(?:{_NOT_A_MAIL_DOMAIN})\s)
          (?:[A-Za-z0-9-]+(?:(?:\s+dot\s+|\.)[A-Za-z0-9-]+)*\s+dot\s+(?:{_COMMON_TLDS})
           | (?P<dotted>(?:[A-Za-z0-9-]+\.)+(?:{_COMMON_TLDS}))))
     # A real "@": spaced dots only with spaces on both sides of it or none ("rather
     # @Apple . app" is a tweet); in the local part, only with a space either side
     # ("wei . adeyemi"), as "asap. jane@..." ends a sentence.
     | {_LOCAL_PART}(?:(?:[ ]dot[ ]|[ ]\.[ ]){_LOCAL_PART}){{0,3}}
       (?:\s+@\s+{_MAIL_DOMAIN}
        | (?:\s+@|@\s+)(?:{_LABEL}\.){{1,8}}(?:{_COMMON_TLDS})
        | @(?=(?:{_LABEL}\.){{0,7}}{_LABEL}(?:{_SPACED_DOT}|\s+dot\s+)){_MAIL_DOMAIN}))
    (?![\w-])
    """,
    re.IGNORECASE | re.VERBOSE,
)
_BRACKETED_AT_RE = re.compile(r"[\[({]\s*at\s*[\])}]", re.IGNORECASE)
_AT_DOMAIN_RE = re.compile(r"at\s+[a-z0-9-]+\.[a-z]")  # on lower-case text


def _may_hold_spelled_email(text: str) -> bool:
    """A cheap test before _SPELLED_EMAIL_RE, which most comments do not need."""
    if "@ " in text or " @" in text:
        return True
    lower = text.lower()
    return (
        "dot" in lower and _SPELLED_DOT_RE.search(lower) is not None
        or _AT_DOMAIN_RE.search(lower) is not None
        or "at" in lower and _BRACKETED_AT_RE.search(lower) is not None
    )


# Letters and digits, optionally grouped by spaces (one or two) or hyphens ("GB82 WEST
# 1234 5698 7654 32", "GB82-WEST-1234-5698-7654-32", "GB82  WEST  1234 ..."); the
# country code and check digits may stand apart ("DE 89 3704 0044 ..."), in capitals
# only (see _ibans: "at 12 noon" is no Austrian account).
_IBAN_RE = re.compile(r"(?<![A-Za-z0-9-])(?:[A-Za-z]{2}[0-9]{2}|[A-Z]{2}[ ]{1,2}[0-9]{2}(?=[ ]))"
                      r"(?:(?:[ ]{1,2}|-)?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])")

# A run of digit groups (3+ digits each, as cards are written) joined by a space, a dash
# or a dot, two spaces or a spaced dash (typed to keep the groups apart: "5124  6702
# 3655  2139", "5521 - 0909 - 8366 - 8120"); which part of it (if any) is a card is
# decided on whole groups, so "4111 1111 1111 1111 12/27" finds the card and leaves the
# expiry date.
_DIGIT_RUN_RE = re.compile(r"(?<![\w+])(?<!\d[.,])\d{3,}(?:(?:[ .-]|[ ]{2}|[ ]-[ ])\d{3,})*(?!\w)(?![.,]\d)")
_DIGIT_GROUP_RE = re.compile(r"\d+")
# Issuer first digits of payment cards: 1 UATP, 2/5 Mastercard, 3 Amex/JCB/Diners,
# 4 Visa, 6 Discover/UnionPay/Maestro.  Leading 0, 7, 8, 9 are not payment cards.
_CARD_FIRST_DIGITS = frozenset("123456")

# 3-2-4 digits with one separator used twice (078-05-1120, 078 05 1120, 078.05.1120,
# 078/05/1120, 078 - 05 - 1120, en or em dashes for the hyphens), or a hyphen and a
# space (078-05 1120: see _ssn_separators_agree); not part of a longer run of digit
# groups.  (The lookbehinds follow the first digit so that a scan can skip to the next
# digit.)
_SSN_SEPARATOR = r"[-–—./ ]|[ ][-–—][ ]"
_SSN_RE = re.compile(rf"(?P<area>\d(?<![\w.+/–—-]\d)(?<!\d[ .,/–—-]\d)(?<!\d[ ][-–—][ ]\d)\d{{2}})"
                     rf"(?P<sep1>{_SSN_SEPARATOR})(?P<group>\d{{2}})(?P<sep2>{_SSN_SEPARATOR})(?P<serial>\d{{4}})"
                     r"(?![\w–—-])(?![ .,/–—-]\d)(?![ ][-–—][ ]\d)")
_DASHES_AS_HYPHENS = str.maketrans("–—", "--")


def _ssn_separators_agree(first: str, second: str) -> str | None:
    """The notation of a 3-2-4 number when its two separators make one: the same one
    twice (any dash counting as a hyphen), or a hyphen and a space either way round (typed
    in a hurry); None for other mixtures ("123.45-6789")."""
    first = first.translate(_DASHES_AS_HYPHENS).strip() or " "
    second = second.translate(_DASHES_AS_HYPHENS).strip() or " "
    if first == second:
        return first
    return "- " if {first, second} == {"-", " "} else None


# Nine digits alone: a number named as another kind of reference is left alone (see
# _named_as_reference), the rest is redacted when the SSA rules allow it.
_SSN_PLAIN_RE = re.compile(r"(?P<area>\d(?<![\w.,/$£€¥#+-]\d)(?<!\d \d)\d{2})(?P<group>\d{2})(?P<serial>\d{4})"
                           r"(?![\w-])(?![.,/]\d)(?! \d)")
# Nine digits as three groups of three ("785 391 898", also how a Canadian SIN is
# written): the same number as nine plain digits, decided the same way; not part of a
# longer run of groups.
_SSN_THREES_RE = re.compile(r"(\d(?<![\w.,/$£€¥#+-]\d)(?<!\d[ .,/]\d)\d{2}) (\d{3}) (\d{3})(?![\w-])(?![ .,/]\d)")
# After "SSN"/"SS#"/"social security number": nine digits in any grouping (078 051 120).
_SSN_IN_CONTEXT_RE = re.compile(
    r"\b(?:ssn|ss(?=\s*[#:]|\s+(?:no\b|num))(?:\s+(?:number|no\.?|num))?"
    r"|social\s+security(?:\s+(?:number|no\.?|num|#))?)\s*(?:is|was|:|#)?\s*"
    r"(?<![\w-])(\d(?:[ ./–—-]?\d){8})(?![\w–—-])(?![ ./–—-]?\d)",
    re.IGNORECASE,
)

# Shared edges for phone numbers: not glued to a word, another number, an amount or a
# date separator, nor the tail of a longer run of digit groups ("9400 2067 0053 7484 ...",
# a tracking number) unless a "+" marks its start ("room 305 +44 20 7946 0958").
_PHONE_LEFT = r"(?<![\w+$£€¥.,/:-])(?:(?<!\d[ ])|(?=\+))"
_PHONE_RIGHT = r"(?![\w-])(?![.,/:]\d)"
_PHONE_RE = re.compile(
    rf"""
    {_PHONE_LEFT}
    (?:
      # North American: (202) 555-0173, 202.555.0173, 202-555-0173, 202/555-0173,
      # +1-202-555-0173, 1-800-555-0199.  Any digits once grouped 3-3-4: customers write
      # made-up and mistyped numbers too ("555-123-4567"), and a redactor errs towards
      # hiding a number, not showing it.
      (?P<NANP>(?:\+?1[ .-]?)?(?:\(\d{{3}}\)[ ]?|\d{{3}}[ ./-])\d{{3}}[ .-]\d{{4}})
      # International with + or 00 (digit count checked afterwards): +44 20 7946 0958,
      # +44 (0)20 ..., 0044 20 7946 0958.
      | (?P<INTL>(?:\+|00(?=[1-9]))[1-9]\d{{0,3}}(?:[ .-]?(?:\(\d{{1,4}}\)|\d{{1,5}})){{1,7}})
      # National numbers opening with the trunk 0, as the UK, Germany, France, Australia,
      # India ... write them; digit counts checked afterwards.  None may run on into
      # another digit group.
      # In pairs, one separator throughout (France): 06 12 34 56 78, 01.23.45.67.89.
      | (?P<PAIRS>0[1-9](?P<pair>[ .-])\d{{2}}(?:(?P=pair)\d{{2}}){{3}}(?![ .-]?\d))
      # The area code marked off by brackets or a slash: (02) 9876 5432, (020) 7946-0958,
      # (089) 1234567, 089/1234567 (Germany).
      | (?P<AREA>(?:\(0\d{{1,4}}\)[ ]?\d{{2,4}}(?:[ -]?\d{{2,4}}){{0,3}}
                 | 0[1-9]\d{{1,4}}[ ]?/[ ]?\d{{3,8}})(?![ .-]?\d))
      # Groups of three or more digits after the area code: 020 7946 0958, 07700 900123,
      # 0151 94256737, 0412 345 678, 02 9876 5432.
      | (?P<TRUNK>0[1-9]\d{{0,4}}(?:[ -]\d{{3,8}}){{1,3}}(?![ .-]?\d))
      # Unformatted: 07700900123, 06061185551; left alone when named as another reference.
      | (?P<TRUNK_PLAIN>0[1-9]\d{{8,9}})
      # Ten digits unformatted (or eleven with the country code 1), a valid North American
      # number (area and exchange codes not starting with 0 or 1); left alone when named
      # as another reference.
      | (?P<NANP10>1?[2-9]\d{{2}}[2-9]\d{{6}})
    )
    # An extension is part of the number: 202-555-0173 ext. 23, x204, extension 5512.
    (?P<EXT>,?[ ]{{1,2}}(?:(?i:ext(?:ension|n)?)\.?:?[ ]?|[xX])\d{{1,5}})?
    {_PHONE_RIGHT}
    """,
    re.VERBOSE,
)
# Digits a national number may have, trunk 0 included: Germany's run from 9 (030/123456)
# to 12 (0151 12345678); without brackets or a slash, at least 10 (the UK's, France's,
# Australia's): "0412 345 67" is not a number.
_NATIONAL_DIGITS = {"PAIRS": (10, 10), "AREA": (9, 12), "TRUNK": (10, 12), "TRUNK_PLAIN": (10, 11)}
# After a phone word only (without one, as likely an order or account number): an
# unformatted North American number with its leading 1 (or without it, also when named
# as a reference), a 7-digit local one ("555-0173"), or a national number opening with
# the trunk 0 in any other grouping ("0412 34 56 78"; 9-12 digits).
_PHONE_IN_CONTEXT_RE = re.compile(
    r"\b(?:call|phone|tel|telephone|mobile|cell|cellphone|text|txt|sms|whatsapp|fax)\b"
    r"[^\d\n(]{0,20}?(?<![\d.,/:-])"
    r"(1?[2-9]\d{2}[2-9]\d{6}|[2-9]\d{2}[ .-]\d{4}|(?:\(0\)\s?|0)\d(?:[ -]?\d){7,10})"
    r"(?![\w-])(?![.,/:]\d)",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
_NON_DIGIT_RE = re.compile(r"\D")

# Bare 9- and 10-digit numbers are the ambiguous ones: an SSN or a phone number, or an
# order, booking, claim or loyalty number.  The words just before decide: a reference
# word (up to two short words before the number, "claim 4016688561", "order # is
# 123456789", "SWRR# 298033455") keeps the number, unless a phone word comes after it
# ("booking ABC123, call me 4155552671").
_ID_WORDS = (
    "order|orders|booking|ref|reference|confirmation|conf|account|acct|a/c|invoice|tracking|"
    "ticket|reservation|case|claim|member|membership|rewards|loyalty|frequent|customer|pnr|"
    "receipt|transaction|txn|trip|itinerary|policy|serial|model|item|sku|isbn|asin|id|flight|"
    "routing|record|locator|voucher|certificate|coupon|promo|code|tag|parcel|package|shipment|"
    "application|request|complaint|incident|report|ein|vat|iata|upc|ean|imei"
)
_PHONE_WORDS = "call|called|calling|phone|tel|telephone|mobile|cell|cellphone|text|txt|sms|whatsapp|fax|ring|dial|reach|contact"
_CUE_WINDOW = 40
_CUE_RE = re.compile(rf"(?i)\b(?:(?P<id>{_ID_WORDS})|(?P<phone>{_PHONE_WORDS}))\b|(?P<hash>#)")
_ID_CUE_TAIL_RE = re.compile(r"[^\w\n]*(?:[A-Za-z'’]{1,12}[^\w\n]+){0,2}\Z")


def _named_as_reference(text: str, start: int) -> bool:
    """Whether the number at ``start`` is named as an order/booking/... reference."""
    window = text[max(0, start - _CUE_WINDOW) : start]
    last = None
    for last in _CUE_RE.finditer(window):
        pass
    if last is None or last.group("phone") is not None:
        return False
    return _ID_CUE_TAIL_RE.match(window, last.end()) is not None


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


def _urls_and_emails(text: str, counter: _Counter) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group("EMAIL") is not None:
            return counter.placeholder("EMAIL")
        url, tail = _trim_url(match.group(0))
        if not url or "." not in url:
            return match.group(0)
        return counter.placeholder("URL") + tail

    def looks_like_a_mailbox(local: str, domain: str) -> bool:
        return bool(_EMAIL_LOCAL_MARK_RE.search(local)) or domain.split(".", 1)[0].lower() in _MAIL_PROVIDERS

    def replace_no_tld(match: re.Match[str]) -> str:
        if (looks_like_a_mailbox(match.group("local"), match.group("domain"))
                or _introduced_as_email(match.string, match.start())):
            return counter.placeholder("EMAIL")
        return match.group(0)

    def replace_spelled(match: re.Match[str]) -> str:
        dotted = match.group("dotted")
        if (dotted is not None and " " not in match.group("local") and not looks_like_a_mailbox(match.group("local"), dotted)
                and not _introduced_as_email(match.string, match.start(), _EMAIL_CUE_ME_RE)):
            return match.group(0)
        return counter.placeholder("EMAIL")

    if _may_hold_spelled_email(text):
        text = _SPELLED_EMAIL_RE.sub(replace_spelled, text)
    text = _URL_OR_EMAIL_RE.sub(replace, text)
    if "@" in text:
        text = _EMAIL_NO_TLD_RE.sub(replace_no_tld, text)
    return text


# A handle starts after a non-word character; e-mails are already placeholders here.
_HANDLE_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{1,30}\b")


def _handles(text: str, counter: _Counter) -> str:
    return _HANDLE_RE.sub(lambda match: counter.placeholder("HANDLE"), text)


def _ibans(text: str, counter: _Counter) -> str:
    def replace(match: re.Match[str]) -> str:
        candidate = match.group(0)
        expected = IBAN_LENGTHS.get(candidate[:2].upper())
        if expected is None:
            return candidate
        # The pattern may have run on into a following word or number: cut the
        # candidate at the country's registered length.
        kept = 0
        for cut, char in enumerate(candidate):
            if char not in " -":
                kept += 1
                if kept == expected:
                    head, tail = candidate[: cut + 1], candidate[cut + 1 :]
                    if tail and tail[0] not in " -":
                        return candidate  # the registered length ends inside a word
                    if head[2] == " " and head != head.upper():
                        return candidate  # country code apart: taken in capitals only
                    return counter.placeholder("IBAN") + tail if iban_valid(head) else candidate
        return candidate

    return _IBAN_RE.sub(replace, text)


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


def _card_grouping(groups: list[tuple[int, int]], first: int, end: int) -> bool:
    """Whether the digit groups ``first .. end - 1`` are grouped as a card is."""
    if end - first == 1:
        return True  # unformatted: Luhn and length decide
    first_length = groups[first][1] - groups[first][0]
    return first_length == 4 or end - first == 2 and groups[first + 1][1] - groups[first + 1][0] == first_length


def _continues_a_number(run: str, groups: list[tuple[int, int]], index: int, copied_to: int) -> bool:
    """Whether group ``index`` of ``run`` goes on from the group before it: joined to it
    by the separator that follows it, and that group not part of a card."""
    if index == 0 or index + 1 == len(groups) or groups[index - 1][0] < copied_to:
        return False
    return run[groups[index - 1][1] : groups[index][0]] == run[groups[index][1] : groups[index + 1][0]]


def _cards(text: str, counter: _Counter) -> str:
    def replace(match: re.Match[str]) -> str:
        run = match.group(0)
        if len(run) < 13:
            return run
        groups = [g.span() for g in _DIGIT_GROUP_RE.finditer(run)]
        if all(end - start > 19 for start, end in groups):
            return run  # no group fits in a card
        offsets = list(accumulate((end - start for start, end in groups), initial=0))
        sums = _luhn_sums(_NON_DIGIT_RE.sub("", run))
        pieces: list[str] = []
        copied_to = 0
        index = 0
        while index < len(groups):
            # Longest window of whole digit groups starting here that is a valid card.
            best_end = None
            # Only a group of four or of seven or more digits can open a card (see
            # _card_grouping: halves of 13-19 digits have at least seven each).
            opening = groups[index][1] - groups[index][0]
            if run[groups[index][0]] in _CARD_FIRST_DIGITS and (opening == 4 or opening >= 7):
                first = offsets[index]
                # Windows ending at offsets[lo .. hi - 1] are 13-19 digits long.
                lo, hi = bisect_left(offsets, first + 13), bisect_right(offsets, first + 19)
                continues = None  # looked at only for a window that passes Luhn (one in ten)
                for last_index in range(hi - 1, lo - 1, -1):
                    last = offsets[last_index]
                    if (sums[last % 2][last] - sums[last % 2][first]) % 10 or not _card_grouping(groups, index, last_index):
                        continue
                    if last_index > index + 1:  # grouped: not the tail of a longer number
                        if continues is None:
                            continues = _continues_a_number(run, groups, index, copied_to)
                        if continues:
                            continue
                    best_end = last_index - 1
                    break
            if best_end is None:
                index += 1
                continue
            pieces.append(run[copied_to : groups[index][0]])
            pieces.append(counter.placeholder("CARD"))
            copied_to = groups[best_end][1]
            index = best_end + 1
        pieces.append(run[copied_to:])
        return "".join(pieces)

    return _DIGIT_RUN_RE.sub(replace, text)


def _after_context(counter: _Counter, kind: str) -> Callable[[re.Match[str]], str]:
    """A replacer for in-context patterns: the words that gave the context stay, group 1
    (the number itself) becomes the placeholder."""
    def replace(match: re.Match[str]) -> str:
        return match.group(0)[: match.start(1) - match.start(0)] + counter.placeholder(kind)

    return replace


def _ssns(text: str, counter: _Counter) -> str:
    def replace(match: re.Match[str]) -> str:
        area, group, serial = match.group("area", "group", "serial")
        if not ssn_valid(area, group, serial):
            return match.group(0)
        notation = _ssn_separators_agree(match["sep1"], match["sep2"]) if match.re is _SSN_RE else ""
        if notation is None:
            return match.group(0)
        hyphenated = notation == "-"  # the SSN's own notation
        if not hyphenated and _named_as_reference(text, match.start()):
            return match.group(0)
        start, end = match.start("area") - match.start(0), match.end() - match.start(0)
        whole = match.group(0)
        return whole[:start] + counter.placeholder("SSN") + whole[end:]

    def replace_in_context(match: re.Match[str]) -> str:
        digits = _NON_DIGIT_RE.sub("", match.group(1))
        if not ssn_valid(digits[:3], digits[3:5], digits[5:]):
            return match.group(0)
        return match.group(0)[: match.start(1) - match.start(0)] + counter.placeholder("SSN")

    def replace_threes(match: re.Match[str]) -> str:
        digits = match.group(1) + match.group(2) + match.group(3)
        if not ssn_valid(digits[:3], digits[3:5], digits[5:]) or _named_as_reference(text, match.start()):
            return match.group(0)
        return counter.placeholder("SSN")

    text = _SSN_RE.sub(replace, text)
    text = _SSN_PLAIN_RE.sub(replace, text)
    text = _SSN_THREES_RE.sub(replace_threes, text)
    return _SSN_IN_CONTEXT_RE.sub(replace_in_context, text)


def _phones(text: str, counter: _Counter) -> str:
    def replace(match: re.Match[str]) -> str:
        whole = match.group(0)
        number = whole[: len(whole) - len(match.group("EXT") or "")]
        digit_count = len(_NON_DIGIT_RE.sub("", number))
        if match.group("INTL") is not None:
            # E.164 allows 15 digits, plus an optional (0) trunk; after "00" instead of
            # "+", at least 10 (so "0016 964012", a bag tag, is not a number abroad).
            low, high = (12, 17) if number.startswith("00") else (8, 16)
            if not low <= digit_count <= high:
                return whole
        elif (national := next((kind for kind in _NATIONAL_DIGITS if match.group(kind) is not None), None)):
            low, high = _NATIONAL_DIGITS[national]
            if not low <= digit_count <= high:
                return whole
            if national == "TRUNK_PLAIN" and _named_as_reference(text, match.start()):
                return whole  # unformatted: as likely an order or account number
        elif match.group("NANP10") is not None and _named_as_reference(text, match.start()):
            return whole
        return counter.placeholder("PHONE")

    text = _PHONE_RE.sub(replace, text)
    return _PHONE_IN_CONTEXT_RE.sub(_after_context(counter, "PHONE"), text)


# A card's security code, named as such: card data as much as the number.
_CARD_CODE_RE = re.compile(r"\b(?:cvv2?|cvc2?|csc|security\s+code)\s*(?:(?:is|was|no\.?|number)\s*)?[:#=]?\s*"
                           r"(\d{3,4})(?![\w/-])(?![.,]\d)", re.IGNORECASE)


def _card_codes(text: str, counter: _Counter) -> str:
    return _CARD_CODE_RE.sub(_after_context(counter, "CARD"), text)


# Every address holds one of these: a number before a capitalised word or an ordinal
# (a street), a digit and two capitals (a postcode), five digits (a ZIP code), a box.
_ADDRESS_HINT_RE = re.compile(r"\d[A-Z]?[ ](?:[A-Z]|\d{1,3}(?:st|nd|rd|th)\b)|\d[A-Z]{2}\b|\d{5}|[Bb][Oo][Xx]")


def _addresses(text: str, counter: _Counter) -> str:
    if _ADDRESS_HINT_RE.search(text) is None:
        return text

    def replace(match: re.Match[str]) -> str:
        if match.group("UK_POSTCODE") is not None and match.group("area") not in _UK_POSTCODE_AREAS:
            return match.group(0)
        return counter.placeholder("ADDRESS")

    return _ADDRESS_RE.sub(replace, text)


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
_NUMBER_PASSES: tuple[Callable[[str, _Counter], str], ...] = (_ibans, _cards, _card_codes, _ssns, _phones, _addresses)


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
    if _DIGIT_RE.search(text):
        for number_pass in _NUMBER_PASSES:
            text = number_pass(text, counter)
    text = _names(text, counter)
    return Redaction(text=text, counts=counter.counts)


def encoder_text(raw: str) -> str:
    """The text the encoder reads for ``raw``: normalised, then redacted.

    Training must see what inference sees (placeholders, not @handles or
    addresses), so trainers call this rather than encoding raw text.
    """
    return redact(normalise(raw)).text

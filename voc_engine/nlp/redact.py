"""PII redaction: typed placeholders replace personal data before anything is stored.

Replaced, in this order (earlier types win because later passes never see digits or
dots inside a placeholder): ``[EMAIL]`` (also spelled out: "jane [at] example [dot] com")
and ``[URL]``; ``[HANDLE]`` (social @handles: they identify a person, and in embeddings
they would make topics cluster by who was addressed rather than by what went wrong);
``[IBAN]`` (ISO 13616 length and mod-97 checked); ``[CARD]`` (13-19 digits, Luhn checked,
and a security code named as such: "cvv 123"); ``[SSN]`` (US, invalid areas/groups/serials
excluded); ``[PHONE]`` (international, North American, UK; after a word such as "call",
also unformatted, 7-digit local and trunk-0 national numbers).

Customer text is full of harmless numbers (flight UA 1234, $1,250.00, 17/02/2026,
booking refs, order numbers), so the number patterns are deliberately narrow and the
checksum types are confirmed by their checksum; a digit run that fails is left alone.
Every pattern is compiled once at import and runs in linear time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from voc_engine.nlp.normalise import normalise

__all__ = ["Redaction", "redact", "PLACEHOLDERS", "luhn_valid", "iban_valid", "ssn_valid"]

PLACEHOLDERS: dict[str, str] = {
    kind: f"[{kind}]" for kind in ("EMAIL", "URL", "HANDLE", "IBAN", "CARD", "SSN", "PHONE")
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


def iban_valid(iban: str) -> bool:
    """ISO 13616 check: registered country, exact length, mod-97 remainder 1."""
    compact = iban.replace(" ", "").upper()
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
# two-letter country TLD also does (t.co/xyz, bit.ly/abc, youtu.be/abc).  Other words
# are left alone: customer text often lacks the space after a full stop ("fit.lobby").
_COMMON_TLDS = "com|net|org|edu|gov|mil|info|biz|io|co|uk|ca|au|nz|de|fr|es|nl|ie|eu|app|dev|ai|aero"
_SPELLED_DOT = r"(?:\s*[\[({]\s*dot\s*[\])}]\s*|\.)"
_URL_OR_EMAIL_RE = re.compile(
    rf"""
    (?P<URL>\b(?:https?|ftp)://{_URL_BODY}+
      | \bwww\d{{0,3}}\.[A-Za-z0-9-]+\.{_URL_BODY}+
    )
    | (?P<EMAIL>(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{{2,24}}(?![\w-]))
    | (?P<BARE>(?<![\w@./-])(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+
        (?:(?:{_COMMON_TLDS}|[A-Za-z]{{2}})/{_URL_BODY}*|(?:{_COMMON_TLDS})(?![\w@-]|\.[A-Za-z0-9]))
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Written to dodge scrapers: jane[at]example[dot]com, jane (at) example.com; and
# jane @ example.com, only with a well-known TLD ("Sunday @ MCO.Keep up" is a tweet).
# Its own pass, before the one above (which would take "example.com" for a URL), run
# only on text with such an "at": most comments have none.
_SPELLED_EMAIL_RE = re.compile(
    rf"""
    (?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*
    (?:\s*[\[({{]\s*at\s*[\])}}]\s*
       [A-Za-z0-9-]+(?:{_SPELLED_DOT}[A-Za-z0-9-]+)*{_SPELLED_DOT}[A-Za-z]{{2,24}}
     | (?:\s+@\s*|\s*@\s+)(?:[A-Za-z0-9-]+\.)+(?:{_COMMON_TLDS}))
    (?![\w-])
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SPELLED_AT_RE = re.compile(r"[\[({]\s*at\s*[\])}]|\s@|@\s", re.IGNORECASE)

_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])")

# A run of digit groups (3+ digits each, as cards are written) joined by single spaces
# or dashes; which part of it (if any) is a card is decided on whole groups, so
# "4111 1111 1111 1111 12/27" finds the card and leaves the expiry date.
_DIGIT_RUN_RE = re.compile(r"(?<![\w+])(?<!\d[.,])\d{3,}(?:[ -]\d{3,})*(?!\w)(?![.,]\d)")
_DIGIT_GROUP_RE = re.compile(r"\d+")
# Issuer first digits of payment cards: 1 UATP, 2/5 Mastercard, 3 Amex/JCB/Diners,
# 4 Visa, 6 Discover/UnionPay/Maestro.  Leading 0, 7, 8, 9 are not payment cards.
_CARD_FIRST_DIGITS = frozenset("123456")

_SSN_RE = re.compile(r"(?<![\w-])(\d{3})-(\d{2})-(\d{4})(?![\w-])")
_SSN_IN_CONTEXT_RE = re.compile(
    r"\b(?:ssn|social\s+security(?:\s+(?:number|no\.?|num|#))?)\s*(?:is|was|:|#)?\s*"
    r"(?<![\w-])(\d{3})[ -]?(\d{2})[ -]?(\d{4})(?![\w-])",
    re.IGNORECASE,
)

# Shared edges for phone numbers: not glued to a word, another number, an amount or a
# date separator.
_PHONE_LEFT = r"(?<![\w+$£€¥.,/:-])"
_PHONE_RIGHT = r"(?![\w-])(?![.,/:]\d)"
_PHONE_RE = re.compile(
    rf"""
    {_PHONE_LEFT}
    (?:
      # North American: (202) 555-0173, 202.555.0173, 202-555-0173, +1-202-555-0173, 1-800-555-0199.
      # Any digits once grouped 3-3-4: customers write made-up and mistyped numbers too
      # ("555-123-4567"), and a redactor errs towards hiding a number, not showing it.
      (?P<NANP>(?:\+?1[ .-]?)?(?:\(\d{{3}}\)[ ]?|\d{{3}}[ .-])\d{{3}}[ .-]\d{{4}})
      # International with + (digit count checked afterwards): +44 20 7946 0958, +44 (0)20 ...
      | (?P<INTL>\+[1-9]\d{{0,3}}(?:[ .-]?(?:\(\d{{1,4}}\)|\d{{1,5}})){{1,7}})
      # UK national: 020 7946 0958, 07700 900123, 0161 496 0000, 07700900123
      | (?P<UK>0[1235789]\d{{1,3}}(?:[ -]?\d{{3,4}}){{1,2}})
    )
    {_PHONE_RIGHT}
    """,
    re.VERBOSE,
)
# After a phone word only (without one, as likely an order or account number): an
# unformatted 10-digit North American number, a 7-digit local one ("555-0173"), or a
# national number opening with the trunk 0 ("0412 345 678", "06 12 34 56 78"; 9-12 digits).
_PHONE_IN_CONTEXT_RE = re.compile(
    r"\b(?:call|phone|tel|telephone|mobile|cell|cellphone|text|txt|sms|whatsapp|fax)\b"
    r"[^\d\n(]{0,20}?(?<![\d.,/:-])"
    r"(1?[2-9]\d{2}[2-9]\d{6}|[2-9]\d{2}[ .-]\d{4}|(?:\(0\)\s?|0)\d(?:[ -]?\d){7,10})"
    r"(?![\w-])(?![.,/:]\d)",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
_NON_DIGIT_RE = re.compile(r"\D")


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

    if _SPELLED_AT_RE.search(text):
        text = _SPELLED_EMAIL_RE.sub(lambda _: counter.placeholder("EMAIL"), text)
    return _URL_OR_EMAIL_RE.sub(replace, text)


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
            if char != " ":
                kept += 1
                if kept == expected:
                    head, tail = candidate[: cut + 1], candidate[cut + 1 :]
                    if tail and not tail.startswith(" "):
                        return candidate  # the registered length ends inside a word
                    return counter.placeholder("IBAN") + tail if iban_valid(head) else candidate
        return candidate

    return _IBAN_RE.sub(replace, text)


def _cards(text: str, counter: _Counter) -> str:
    def replace(match: re.Match[str]) -> str:
        run = match.group(0)
        if len(run) < 13:
            return run
        groups = [(g.start(), g.end()) for g in _DIGIT_GROUP_RE.finditer(run)]
        pieces: list[str] = []
        copied_to = 0
        index = 0
        while index < len(groups):
            # Longest window of whole digit groups starting here that is a valid card.
            best_end = None
            if run[groups[index][0]] in _CARD_FIRST_DIGITS:
                digits = ""
                for end in range(index, len(groups)):
                    digits += run[groups[end][0] : groups[end][1]]
                    if len(digits) > 19:
                        break
                    if len(digits) >= 13 and luhn_valid(digits):
                        best_end = end
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
        if not ssn_valid(*match.group(1, 2, 3)):
            return match.group(0)
        start, end = match.start(1) - match.start(0), match.end(3) - match.start(0)
        whole = match.group(0)
        return whole[:start] + counter.placeholder("SSN") + whole[end:]

    if "-" in text:
        text = _SSN_RE.sub(replace, text)
    return _SSN_IN_CONTEXT_RE.sub(replace, text)


def _phones(text: str, counter: _Counter) -> str:
    def replace(match: re.Match[str]) -> str:
        number = match.group(0)
        digit_count = len(_NON_DIGIT_RE.sub("", number))
        if match.group("INTL") is not None:
            if not 8 <= digit_count <= 16:  # E.164 allows 15, plus an optional (0) trunk
                return number
        elif match.group("UK") is not None:
            if digit_count not in (10, 11):
                return number
        return counter.placeholder("PHONE")

    text = _PHONE_RE.sub(replace, text)
    return _PHONE_IN_CONTEXT_RE.sub(_after_context(counter, "PHONE"), text)


# A card's security code, named as such: card data as much as the number.
_CARD_CODE_RE = re.compile(r"\b(?:cvv2?|cvc2?|csc|security\s+code)\s*(?:(?:is|was|no\.?|number)\s*)?[:#=]?\s*"
                           r"(\d{3,4})(?![\w/-])(?![.,]\d)", re.IGNORECASE)


def _card_codes(text: str, counter: _Counter) -> str:
    return _CARD_CODE_RE.sub(_after_context(counter, "CARD"), text)


_NUMBER_PASSES: tuple[Callable[[str, _Counter], str], ...] = (_ibans, _cards, _card_codes, _ssns, _phones)


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
    return Redaction(text=text, counts=counter.counts)


def encoder_text(raw: str) -> str:
    """The text the encoder reads for ``raw``: normalised, then redacted.

    Training must see what inference sees (placeholders, not @handles or
    addresses), so trainers call this rather than encoding raw text.
    """
    return redact(normalise(raw)).text

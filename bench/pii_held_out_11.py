"""Held-out PII test set 11 -- written blind.

How it was written
------------------
This file was written from a short written brief only.  Its author did NOT
open, read, grep or run the redactor (``voc_engine/nlp/redact.py`` or anything
else under ``voc_engine/``), the ``tests/`` tree, ``bench/pii_bench.py``,
``bench/pii_forms.py``, any earlier ``bench/pii_held_out_*.py``,
``bench/results/``, the README or the project notes, and ran no benchmark while
writing it.  The set is therefore not tuned to the redactor: every template,
format and hard negative below comes from how customers actually write PII,
not from what the redactor is known to catch or miss.

Everything is generated at import time from one seeded
``random.Random(11_1205_2026)`` using the standard library only, so the set is
deterministic.  No real person's data is used: card numbers, IBANs and SSNs are
generated (and checked: Luhn, ISO 13616 mod-97, SSA validity rules), US phone
numbers use the fictional 555-01xx block, UK numbers use Ofcom's drama ranges
(07700 900xxx, 020 7946 0xxx, 0113/0161 496 0xxx), other countries' numbers are
random digits in the national numbering format, e-mail local parts are made-up
name combinations and domains are a mix of example/fictional domains and common
mailbox providers.

Contract
--------
``ITEMS: list[dict]``, each ``{"text": str, "pii": [{"type": T, "value": V}]}``
with T in EMAIL, URL, IBAN, CARD, SSN, PHONE and V an exact substring of text
(asserted at import).  Hard negatives have ``"pii": []``.

Counts (values per type; asserted at import)
--------------------------------------------
EMAIL 120, CARD 120, PHONE 140, URL 40, IBAN 30, SSN 60 (510 values) in 466
positive items, plus 170 hard negatives -- 636 items in all.

Span conventions
----------------
* Spans exclude wrappers and labels: ``mailto:``, ``tel:``, angle brackets,
  surrounding parentheses, quotes, trailing punctuation, and labels such as
  ``IBAN:``, ``SSN#``, ``Tel.``, ``cell``.
* Brackets that belong to the number itself (an area code ``(212)``, a trunk
  prefix ``+44 (0)``) are inside the PHONE span.
* Phone extensions (``ext. 214``, ``Durchwahl 23``, ``poste 12``, ``int. 204``,
  ``wew. 12``, ``内線 123``, ``转8021``) are outside the span.
* A phone number split across a line break keeps the line break inside its span.
* Obfuscated e-mail addresses (``[at]``, ``(ät)``, ``arobase``, ``snabel-a``,
  ``zavináč``, ``＠`` ...) are EMAIL; the span runs from the first character of
  the local part to the last character of the top-level domain word.
* A number inside a URL belongs to the URL only (no PHONE/CARD span inside it).
* Masked or partial values (``**** 4242``, ``XXX-XX-6789``, "last 4 of my SSN",
  ``j***@g***.com``) are never PII; digits spelled out in words are not PII.
* Card numbers of all networks (Visa, Mastercard 5x/2x, Amex, Discover, JCB,
  Diners, UnionPay, Maestro), 14-19 digits, compact or separated by spaces,
  hyphens or dots; IBANs of 20 countries compact, print-grouped or lower case.

Styles covered
--------------
Survey verbatims, support chats, app-store reviews, e-mails and signatures,
tweets, CRM agent notes and exported CSV lines, in English, German, French,
Spanish, Italian, Dutch, Portuguese, Polish, Swedish, Norwegian, Danish,
Finnish, Czech, Turkish, Greek, Japanese, Korean and Chinese.  Phone numbers of
~25 countries in national and international forms (spaces, dots, slashes,
hyphens, brackets, trunk prefixes, 00-prefix, 8-digit Nordic numbers in prose,
numbers split across lines, glued to words or CJK text, after whatsapp / sms /
mobil / cell, inside parentheses, full-width Japanese digits, extensions
outside the span).  US SSNs plain, with spaces/dots/hyphens, after "social",
"SSN", "soc sec", in Spanish.  Hard negatives: order, tracking, invoice,
booking, customer/account/policy/member numbers explicitly named as such
(including SSN-shaped and 8-digit Nordic-phone-shaped ones), ZIP+4, dates,
amounts, product codes/EANs, flight numbers, meter readings, IMEI/serial
numbers, version strings, times, percentages, masked values, spelled-out
digits, social-media handles.
"""

from __future__ import annotations

import random
import re

_R = random.Random(11_1205_2026)

ITEMS: list[dict] = []

TYPES = ("EMAIL", "URL", "IBAN", "CARD", "SSN", "PHONE")

LANGS = ["en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "no", "da",
         "fi", "cs", "tr", "el", "ja", "ko", "zh"]


def _add(text: str, *pii: tuple[str, str]) -> None:
    ITEMS.append({"text": text,
                  "pii": [{"type": t, "value": v} for t, v in pii]})


def _pick(seq):
    return seq[_R.randrange(len(seq))]


def _d(n: int) -> str:
    return "".join(str(_R.randrange(10)) for _ in range(n))


def _nz(n: int) -> str:
    """n digits, first one non-zero."""
    return str(_R.randint(1, 9)) + _d(n - 1)


# ---------------------------------------------------------------- checksums

def _luhn_ok(s: str) -> bool:
    ds = [int(c) for c in s if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(ds)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _luhn_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def _no_luhn(n: int) -> str:
    """n random digits (first non-zero) that do NOT pass Luhn."""
    while True:
        s = _nz(n)
        if not _luhn_ok(s):
            return s


def _iban_ok(s: str) -> bool:
    s = s.replace(" ", "").upper()
    r = s[4:] + s[:4]
    num = "".join(str(int(c, 36)) for c in r)
    return int(num) % 97 == 1


def _ssn_ok(s: str) -> bool:
    ds = "".join(c for c in s if c.isdigit())
    if len(ds) != 9:
        return False
    a, g, sr = ds[:3], ds[3:5], ds[5:]
    return a not in ("000", "666") and a[0] != "9" and g != "00" and sr != "0000"


# ---------------------------------------------------------------- generators

_NETWORKS = [
    # (name, prefix chooser, lengths)
    ("visa", lambda: "4", (16, 16, 16, 19)),
    ("mc", lambda: str(_R.randint(51, 55)), (16,)),
    ("mc2", lambda: str(_R.randint(2221, 2720)), (16,)),
    ("amex", lambda: _pick(["34", "37"]), (15,)),
    ("discover", lambda: _pick(["6011", "65", str(_R.randint(644, 649))]), (16,)),
    ("jcb", lambda: str(_R.randint(3528, 3589)), (16,)),
    ("diners", lambda: _pick(["36", "38", str(_R.randint(300, 305))]), (14,)),
    ("unionpay", lambda: "62" + str(_R.randint(1, 8)), (16, 19)),
    ("maestro", lambda: _pick(["6759", "5018", "5020", "6304"]), (16, 19)),
]


def _card_digits() -> str:
    _, pref, lens = _pick(_NETWORKS)
    p = pref()
    n = _pick(lens)
    body = p + _d(n - len(p) - 1)
    return body + _luhn_digit(body)


def _group(s: str, sizes) -> list[str]:
    out, i = [], 0
    for k in sizes:
        out.append(s[i:i + k])
        i += k
    if i < len(s):
        out.append(s[i:])
    return [g for g in out if g]


def _card() -> str:
    c = _card_digits()
    n = len(c)
    if n == 15:
        parts = _group(c, (4, 6, 5))
    elif n == 14:
        parts = _group(c, (4, 6, 4))
    elif n == 19:
        parts = _group(c, (4, 4, 4, 4, 3))
    else:
        parts = _group(c, (4, 4, 4, 4))
    sep = _pick([" ", " ", " ", "-", "-", "", ".", "  "])
    return sep.join(parts)


_IBAN_SPECS = {
    "DE": "18n", "FR": "10n11c2n", "ES": "20n", "IT": "1a10n12c",
    "NL": "4a10n", "BE": "12n", "AT": "16n", "CH": "5n12c", "PL": "24n",
    "PT": "21n", "SE": "20n", "NO": "11n", "DK": "14n", "FI": "14n",
    "CZ": "20n", "TR": "5n1n16c", "GR": "7n16c", "GB": "4a14n",
    "IE": "4a14n", "LU": "3n13c",
}
_BANKS = {"NL": ["ABNA", "RABO", "INGB", "TRIO", "SNSB"],
          "GB": ["NWBK", "BARC", "LOYD", "MIDL", "HBUK"],
          "IE": ["AIBK", "BOFI", "IPBS"]}
_UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _iban(cc: str) -> str:
    bban = ""
    for cnt, kind in re.findall(r"(\d+)([nac])", _IBAN_SPECS[cc]):
        cnt = int(cnt)
        if kind == "a" and cc in _BANKS and cnt == 4:
            bban += _pick(_BANKS[cc])
        elif kind == "a":
            bban += "".join(_pick(_UP) for _ in range(cnt))
        elif kind == "c":
            bban += "".join(_pick("0123456789" * 3 + "ABCDEFGHKLMNPRSTUVXZ")
                            if _R.random() < 0.3 else str(_R.randrange(10))
                            for _ in range(cnt))
        else:
            bban += _d(cnt)
    r = bban + cc + "00"
    cd = 98 - int("".join(str(int(c, 36)) for c in r)) % 97
    return f"{cc}{cd:02d}{bban}"


def _iban_fmt(iban: str) -> str:
    style = _R.random()
    if style < 0.55:
        return " ".join(_group(iban, [4] * 9))
    if style < 0.9:
        return iban
    return " ".join(_group(iban.lower(), [4] * 9))


def _ssn() -> str:
    while True:
        a = _R.randint(1, 899)
        if a == 666:
            continue
        g = _R.randint(1, 99)
        s = _R.randint(1, 9999)
        a, g, s = f"{a:03d}", f"{g:02d}", f"{s:04d}"
        sep = _pick(["-", "-", "-", " ", ".", "", "-"])
        return f"{a}{sep}{g}{sep}{s}"


# phones ----------------------------------------------------------------------

def _ph_us():
    a = _pick(["212", "312", "415", "617", "702", "206", "305", "512", "646",
               "303", "404", "713", "971", "860"])
    ln = f"01{_R.randint(0, 99):02d}"
    return _pick([f"({a}) 555-{ln}", f"{a}-555-{ln}", f"{a}.555.{ln}",
                  f"+1 {a} 555 {ln}", f"+1 ({a}) 555-{ln}", f"1-{a}-555-{ln}",
                  f"{a}555{ln}", f"{a} 555 {ln}", f"+1-{a}-555-{ln}",
                  f"({a})555-{ln}"])


def _ph_uk():
    m = f"{_R.randint(0, 999):03d}"
    l4 = f"0{_R.randint(0, 999):03d}"
    city = _pick(["113", "161", "117", "121"])
    return _pick([f"07700 900{m}", f"+44 7700 900{m}", f"+44 (0)7700 900{m}",
                  f"07700900{m}", f"020 7946 {l4}", f"+44 20 7946 {l4}",
                  f"(020) 7946 {l4}", f"0044 20 7946 {l4}",
                  f"0{city} 496 {l4}", f"+44 {city} 496 {l4}",
                  f"07700-900-{m}"])


def _ph_au():
    s = _d(3)
    return _pick([f"0491 570 {s}", f"+61 491 570 {s}", f"(02) 5550 {_d(4)}",
                  f"+61 2 5550 {_d(4)}", f"0491570{s}"])


def _ph_ie():
    p = _pick(["83", "85", "86", "87", "89"])
    s3, s4 = _d(3), _d(4)
    return _pick([f"0{p} {s3} {s4}", f"+353 {p} {s3} {s4}", f"0{p}-{s3}{s4}",
                  f"(01) {_d(3)} {_d(4)}", f"+353 1 {_d(3)} {_d(4)}"])


def _ph_in():
    a, b = str(_R.randint(70000, 99999)), _d(5)
    return _pick([f"+91 {a} {b}", f"0{a} {b}", f"{a}-{b}", f"+91-{a}{b}"])


def _ph_de():
    mp = _pick(["151", "152", "157", "160", "170", "171", "172", "176", "177"])
    sub = _nz(_R.choice([7, 8]))
    city, clen = _pick([("30", 8), ("89", 8), ("40", 8), ("69", 7), ("221", 7),
                        ("711", 7), ("351", 7), ("511", 7)])
    ls = _nz(clen)
    return _pick([f"0{mp} {sub}", f"0{mp}-{sub}", f"0{mp}/{sub}",
                  f"+49 {mp} {sub}", f"+49 (0){mp} {sub}", f"0049 {mp} {sub}",
                  f"+49{mp}{sub}", f"0{city} {ls}", f"0{city}/{ls}",
                  f"(0{city}) {ls[:4]} {ls[4:]}", f"+49 {city} {ls}",
                  f"0{city} / {ls[:3]} {ls[3:6]} {ls[6:]}",
                  f"0{mp} {sub[:3]} {sub[3:]}"])


def _ph_at():
    sub = _nz(7)
    return _pick([f"0664 {sub}", f"0664/{sub}", f"+43 664 {sub}",
                  f"+43 (0)1 {_d(3)} {_d(2)} {_d(2)}", f"0676 {sub[:3]} {sub[3:]}"])


def _ph_ch():
    mp = _pick(["76", "77", "78", "79"])
    a, b, c = _d(3), _d(2), _d(2)
    return _pick([f"0{mp} {a} {b} {c}", f"+41 {mp} {a} {b} {c}",
                  f"044 {a} {b} {c}", f"+41 (0)44 {a} {b} {c}",
                  f"0041 {mp} {a} {b} {c}"])


def _ph_fr():
    f = _pick(["6", "7", "1", "4", "6", "6", "7", "9"])
    p = [_d(2) for _ in range(4)]
    return _pick([f"0{f} {' '.join(p)}", f"0{f}.{'.'.join(p)}",
                  f"0{f}{''.join(p)}", f"+33 {f} {' '.join(p)}",
                  f"+33 (0){f} {' '.join(p)}", f"+33{f}{''.join(p)}",
                  f"0{f}-{'-'.join(p)}", f"0033 {f} {' '.join(p)}",
                  f"0{f} {' '.join(p)}"])


def _ph_be():
    m = _pick(["470", "471", "472", "475", "476", "477", "478", "479", "485", "496"])
    a, b, c = _d(2), _d(2), _d(2)
    return _pick([f"0{m} {a} {b} {c}", f"+32 {m} {a} {b} {c}",
                  f"0{m}/{a}.{b}.{c}", f"02 {_d(3)} {_d(2)} {_d(2)}",
                  f"+32 2 {_d(3)} {_d(2)} {_d(2)}"])


def _ph_es():
    m = _pick(["6", "6", "7"]) + _d(2)
    a, b, c = _d(2), _d(2), _d(2)
    l2 = _pick(["91", "93", "95", "96"])
    return _pick([f"{m} {a} {b} {c}", f"{m} {a}{b[0]} {b[1]}{c}",
                  f"+34 {m} {a}{b[0]} {b[1]}{c}", f"{m}{a}{b}{c}",
                  f"+34 {l2} {_d(3)} {_d(2)} {_d(2)}", f"{l2} {_d(3)} {_d(2)} {_d(2)}",
                  f"0034 {m}{a}{b}{c}", f"(+34) {m} {a} {b} {c}"])


def _ph_mx():
    return _pick([f"+52 55 {_d(4)} {_d(4)}", f"55 {_d(4)} {_d(4)}",
                  f"+52 1 33 {_d(4)} {_d(4)}", f"(55) {_d(4)}-{_d(4)}"])


def _ph_it():
    m = "3" + _pick(["33", "34", "35", "38", "39", "40", "47", "48", "49", "20", "28"])
    s = _d(7)
    return _pick([f"{m} {s[:3]} {s[3:]}", f"{m} {s}", f"+39 {m} {s[:3]} {s[3:]}",
                  f"{m}-{s}", f"{m}{s}", f"02 {_d(4)} {_d(4)}",
                  f"+39 06 {_d(4)} {_d(4)}", f"{m}.{s[:3]}.{s[3:]}",
                  f"0039 {m} {s}", f"+39 {m}{s}"])


def _ph_nl():
    s = _d(8)
    a = _pick(["20", "10", "30", "70", "40", "50"])
    l7 = _d(7)
    return _pick([f"06-{s}", f"06 {s[:4]} {s[4:]}", f"+31 6 {s[:4]} {s[4:]}",
                  f"+31 (0)6 {s}", f"06{s}", f"0{a}-{l7[:3]} {l7[3:]}",
                  f"0{a} {l7[:3]} {l7[3:5]} {l7[5:]}", f"+31 {a} {l7[:3]} {l7[3:]}",
                  f"0031 6 {s}", f"06 - {s}"])


def _ph_pt():
    m = "9" + _pick(["1", "2", "3", "6"]) + _d(1)
    a, b = _d(3), _d(3)
    return _pick([f"{m} {a} {b}", f"+351 {m} {a} {b}", f"+351{m}{a}{b}",
                  f"21 {_d(3)} {_d(4)}", f"{m}{a}{b}", f"00351 {m} {a} {b}"])


def _ph_br():
    dd = _pick(["11", "21", "31", "41", "51", "61", "71", "81"])
    a, b = "9" + _d(4), _d(4)
    return _pick([f"({dd}) {a}-{b}", f"+55 {dd} {a}-{b}", f"{dd} {a}-{b}",
                  f"+55 ({dd}) {a}-{b}", f"({dd}){a}{b}", f"+55{dd}{a}{b}"])


def _ph_pl():
    m = _pick(["5", "6", "7", "8"]) + _d(2)
    a, b = _d(3), _d(3)
    l2 = _pick(["22", "12", "61", "71", "58"])
    return _pick([f"{m} {a} {b}", f"+48 {m} {a} {b}", f"{m}-{a}-{b}",
                  f"{l2} {_d(3)} {_d(2)} {_d(2)}", f"+48 {l2} {_d(3)} {_d(2)} {_d(2)}",
                  f"({l2}) {_d(3)} {_d(2)} {_d(2)}", f"0048 {m} {a} {b}",
                  f"{m}{a}{b}", f"+48{m}{a}{b}"])


def _ph_se():
    m = _pick(["70", "72", "73", "76", "79"])
    a, b, c = _d(3), _d(2), _d(2)
    return _pick([f"0{m}-{a} {b} {c}", f"0{m} {a} {b} {c}",
                  f"+46 {m} {a} {b} {c}", f"0{m}{a}{b}{c}",
                  f"08-{_d(3)} {_d(3)} {_d(2)}", f"+46 (0){m}-{a} {b} {c}",
                  f"08 {_d(2)} {_d(2)} {_d(2)}", f"+46{m}{a}{b}{c}",
                  f"031-{_d(2)} {_d(2)} {_d(2)}"])


def _ph_no():
    s = _pick(["4", "9"]) + _d(7)
    l8 = _pick(["22", "23", "55", "73"]) + _d(6)
    return _pick([f"{s[:3]} {s[3:5]} {s[5:]}", f"{s[:2]} {s[2:4]} {s[4:6]} {s[6:]}",
                  f"+47 {s[:3]} {s[3:5]} {s[5:]}", s,
                  f"+47 {s[:2]} {s[2:4]} {s[4:6]} {s[6:]}",
                  f"{l8[:2]} {l8[2:4]} {l8[4:6]} {l8[6:]}",
                  f"0047 {s[:3]} {s[3:5]} {s[5:]}", f"+47{s}"])


def _ph_dk():
    s = _pick(["2", "3", "4", "5", "6", "7", "8", "9"]) + _d(7)
    sp = f"{s[:2]} {s[2:4]} {s[4:6]} {s[6:]}"
    return _pick([sp, sp, f"+45 {sp}", s, f"{s[:4]} {s[4:]}", f"+45{s}",
                  f"0045 {sp}", f"(+45) {sp}"])


def _ph_fi():
    m = _pick(["40", "41", "44", "45", "50"])
    s = _d(7)
    return _pick([f"0{m} {s[:3]} {s[3:]}", f"0{m} {s}", f"+358 {m} {s[:3]} {s[3:]}",
                  f"0{m}-{s}", f"09 {_d(4)} {_d(4)}", f"+358 9 {_d(4)} {_d(4)}",
                  f"0{m}{s}", f"(09) {_d(3)} {_d(4)}", f"+358{m}{s}"])


def _ph_cz():
    m = _pick(["601", "602", "603", "605", "702", "720", "731", "736", "739",
               "775", "777", "792"])
    a, b = _d(3), _d(3)
    return _pick([f"{m} {a} {b}", f"+420 {m} {a} {b}", f"{m}{a}{b}",
                  f"222 {a} {b}", f"+420 222 {a} {b}", f"00420 {m} {a} {b}",
                  f"+420{m}{a}{b}", f"{m}-{a}-{b}"])


def _ph_tr():
    m = "5" + _pick(["30", "32", "33", "35", "36", "38", "41", "42", "43", "05", "06", "52", "55"])
    a, b, c = _d(3), _d(2), _d(2)
    return _pick([f"0{m} {a} {b} {c}", f"+90 {m} {a} {b} {c}",
                  f"0 ({m}) {a} {b} {c}", f"0212 {a} {b} {c}", f"0{m}{a}{b}{c}",
                  f"+90 ({m}) {a} {b}{c}", f"0{m}-{a}-{b}-{c}", f"0 {m} {a} {b} {c}",
                  f"+90{m}{a}{b}{c}"])


def _ph_gr():
    m = "69" + _pick(["0", "3", "4", "5", "7", "8", "9"])
    a, b = _d(3), _d(4)
    return _pick([f"{m} {a} {b}", f"+30 {m} {a} {b}", f"{m}{a}{b}",
                  f"210 {a} {b}", f"+30 210 {a}{b}", f"0030 {m} {a} {b}",
                  f"+30{m}{a}{b}", f"{m}-{a}-{b}"])


_FW = str.maketrans("0123456789-", "０１２３４５６７８９－")


def _ph_jp():
    m = _pick(["090", "080", "070"])
    a, b = _d(4), _d(4)
    c = _pick(["3", "6"])
    return _pick([f"{m}-{a}-{b}", f"{m}{a}{b}", f"+81 {m[1:]}-{a}-{b}",
                  f"0{c}-{a}-{b}", f"+81 {c} {a} {b}", f"(0{c}){a}-{b}",
                  f"{m}-{a}-{b}".translate(_FW), f"{m} {a} {b}",
                  f"+81-{m[1:]}-{a}-{b}", f"0{c}-{a}-{b}"])


def _ph_kr():
    a, b = _d(4), _d(4)
    return _pick([f"010-{a}-{b}", f"010 {a} {b}", f"+82 10-{a}-{b}",
                  f"010{a}{b}", f"02-{_d(3)}-{_d(4)}", f"02-{a}-{b}",
                  f"+82 2 {a} {b}", f"010.{a}.{b}", f"+82-10-{a}-{b}",
                  f"031-{_d(3)}-{_d(4)}"])


def _ph_cn():
    m = "1" + _pick(["38", "39", "35", "36", "50", "51", "58", "86", "88", "77", "99", "33"])
    a, b = _d(4), _d(4)
    return _pick([f"{m} {a} {b}", f"{m}{a}{b}", f"+86 {m} {a} {b}",
                  f"+86-{m}{a}{b}", f"010-{_d(8)}", f"(021) {a}-{b}",
                  f"021-{_d(4)} {_d(4)}", f"{m}-{a}-{b}", f"{m}{a}{b}",
                  f"0086 {m} {a} {b}", f"(+86){m}{a}{b}"])


_PHONE_BY_LANG = {
    "en": [_ph_us, _ph_us, _ph_uk, _ph_uk, _ph_au, _ph_ie, _ph_in],
    "de": [_ph_de, _ph_de, _ph_de, _ph_at, _ph_ch],
    "fr": [_ph_fr, _ph_fr, _ph_fr, _ph_be, _ph_ch],
    "es": [_ph_es, _ph_es, _ph_es, _ph_mx],
    "it": [_ph_it, _ph_it, _ph_it, _ph_ch],
    "nl": [_ph_nl, _ph_nl, _ph_nl, _ph_be],
    "pt": [_ph_pt, _ph_pt, _ph_br, _ph_br],
    "pl": [_ph_pl], "sv": [_ph_se], "no": [_ph_no], "da": [_ph_dk],
    "fi": [_ph_fi], "cs": [_ph_cz], "tr": [_ph_tr], "el": [_ph_gr],
    "ja": [_ph_jp], "ko": [_ph_kr], "zh": [_ph_cn],
}


def _phone(lang: str) -> str:
    return _pick(_PHONE_BY_LANG[lang])()


# e-mail ----------------------------------------------------------------------

_NAMES = {
    "en": (["john", "sarah", "mike", "emily", "david", "jess", "tom", "laura", "chris", "megan"],
           ["smith", "johnson", "walker", "obrien", "patel", "nguyen", "harris", "reed", "cole"]),
    "de": (["jonas", "lena", "lukas", "anna", "felix", "marie", "tobias", "julia", "karl"],
           ["mueller", "schmidt", "schneider", "fischer", "weber", "becker", "hoffmann", "krause"]),
    "fr": (["jean", "camille", "lucas", "chloe", "hugo", "manon", "louis", "ines"],
           ["dupont", "martin", "bernard", "dubois", "lefevre", "moreau", "girard"]),
    "es": (["ana", "javier", "lucia", "pablo", "carmen", "diego", "marta", "sergio"],
           ["garcia", "fernandez", "lopez", "martinez", "sanchez", "romero", "navarro"]),
    "it": (["marco", "giulia", "luca", "chiara", "matteo", "sara", "andrea", "elena"],
           ["rossi", "russo", "ferrari", "esposito", "bianchi", "romano", "colombo"]),
    "nl": (["daan", "sanne", "bram", "lotte", "thijs", "eva", "ruben", "femke"],
           ["devries", "jansen", "bakker", "visser", "smit", "meijer", "vandijk"]),
    "pt": (["joao", "beatriz", "tiago", "mariana", "rafael", "ines", "pedro", "larissa"],
           ["silva", "santos", "ferreira", "pereira", "costa", "oliveira", "almeida"]),
    "pl": (["piotr", "anna", "tomasz", "katarzyna", "michal", "agnieszka", "pawel"],
           ["nowak", "kowalski", "wisniewska", "wojcik", "kaminski", "lewandowska"]),
    "sv": (["erik", "anna", "lars", "karin", "johan", "elin", "oskar", "maja"],
           ["andersson", "johansson", "karlsson", "nilsson", "eriksson", "lindqvist"]),
    "no": (["ole", "ingrid", "magnus", "nora", "henrik", "sofie", "eirik"],
           ["hansen", "johansen", "olsen", "larsen", "berg", "haugen", "dahl"]),
    "da": (["mads", "freja", "rasmus", "ida", "mikkel", "sofie", "anders"],
           ["jensen", "nielsen", "pedersen", "andersen", "christensen", "moller"]),
    "fi": (["mikko", "aino", "juha", "laura", "ville", "emma", "antti"],
           ["korhonen", "virtanen", "makinen", "nieminen", "hamalainen", "laine"]),
    "cs": (["jan", "petra", "tomas", "lucie", "jakub", "tereza", "martin"],
           ["novak", "svobodova", "dvorak", "cerna", "prochazka", "kucera"]),
    "tr": (["mehmet", "ayse", "emre", "zeynep", "burak", "elif", "can"],
           ["yilmaz", "kaya", "demir", "sahin", "celik", "ozturk", "aydin"]),
    "el": (["giorgos", "maria", "nikos", "eleni", "kostas", "sofia", "dimitris"],
           ["papadopoulos", "pappas", "nikolaou", "georgiou", "vlachou", "karagianni"]),
    "ja": (["yuki", "haruto", "sakura", "ren", "aoi", "kenji", "yui"],
           ["tanaka", "suzuki", "takahashi", "watanabe", "ito", "yamamoto", "sato"]),
    "ko": (["minjun", "seoyeon", "jiho", "hayoon", "doyun", "jiwoo"],
           ["kim", "lee", "park", "choi", "jung", "kang", "yoon"]),
    "zh": (["wei", "fang", "jing", "lei", "xiu", "hao", "ming"],
           ["wang", "li", "zhang", "liu", "chen", "yang", "zhao"]),
}
_DOMAINS = {
    "en": ["example.com", "example.org", "gmail.com", "outlook.com", "yahoo.com",
           "icloud.com", "mail.example.co.uk", "acme-example.com", "hotmail.co.uk"],
    "de": ["web.de", "gmx.de", "t-online.de", "beispiel.de", "example.de", "posteo.de",
           "gmx.at", "bluewin.ch", "mail.beispiel-firma.de"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "exemple.fr", "sfr.fr",
           "skynet.be"],
    "es": ["gmail.com", "hotmail.es", "telefonica.net", "ejemplo.es", "yahoo.es",
           "correo.ejemplo.com.mx"],
    "it": ["libero.it", "virgilio.it", "tiscali.it", "esempio.it", "alice.it", "gmail.com"],
    "nl": ["ziggo.nl", "kpnmail.nl", "hotmail.nl", "voorbeeld.nl", "telenet.be", "xs4all.nl"],
    "pt": ["sapo.pt", "gmail.com", "uol.com.br", "exemplo.pt", "bol.com.br", "exemplo.com.br"],
    "pl": ["wp.pl", "onet.pl", "o2.pl", "interia.pl", "przyklad.pl", "gmail.com"],
    "sv": ["telia.com", "bredband.net", "exempel.se", "hotmail.se", "gmail.com"],
    "no": ["online.no", "eksempel.no", "gmail.com", "hotmail.no"],
    "da": ["mail.dk", "jubii.dk", "eksempel.dk", "outlook.dk", "gmail.com"],
    "fi": ["elisanet.fi", "esimerkki.fi", "luukku.com", "gmail.com", "saunalahti.fi"],
    "cs": ["seznam.cz", "email.cz", "centrum.cz", "priklad.cz", "post.cz"],
    "tr": ["yandex.com.tr", "ornek.com.tr", "gmail.com", "hotmail.com"],
    "el": ["otenet.gr", "yahoo.gr", "paradeigma.gr", "gmail.com"],
    "ja": ["yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "example.jp", "i.softbank.jp"],
    "ko": ["naver.com", "daum.net", "hanmail.net", "example.kr"],
    "zh": ["qq.com", "163.com", "126.com", "sina.com", "example.cn"],
}


def _local(lang: str) -> str:
    fs, ls = _NAMES[lang]
    f, l = _pick(fs), _pick(ls)
    return _pick([f"{f}.{l}", f"{f}{l}", f"{f[0]}.{l}", f"{f}_{l}",
                  f"{f}.{l}+shop", f"{f}{l}{_R.randint(60, 99)}",
                  f"{l}.{f}", f"{f}-{l}", f"{f[0]}{l}{_R.randint(1, 9)}",
                  f"{f}.{l}{_R.randint(1980, 2005)}"])


def _email(lang: str) -> tuple[str, str]:
    dom = _pick(_DOMAINS[lang])
    loc = _local(lang)
    if lang == "zh" and _R.random() < 0.35:
        loc = _nz(_R.choice([8, 9, 10]))  # QQ-number style local part
        dom = "qq.com"
    return loc, dom


def _email_plain(lang: str) -> str:
    loc, dom = _email(lang)
    e = f"{loc}@{dom}"
    if _R.random() < 0.08:
        e = e.capitalize()
    return e


_OBF = {
    "en": [("{l} [at] {d}", " [dot] "), ("{l} at {d}", " dot "), ("{l}(at){d}", "."),
           ("{l} @ {d}", " . "), ("{l}[at]{d}", "[dot]"), ("{l} AT {d}", " DOT "),
           ("{l}{{at}}{d}", "{dot}")],
    "de": [("{l}(ät){d}", "."), ("{l} [at] {d}", " [punkt] "), ("{l} (at) {d}", " (punkt) "),
           ("{l} ät {d}", " punkt ")],
    "fr": [("{l} arobase {d}", " point "), ("{l}[arobase]{d}", "."), ("{l} (at) {d}", " (point) ")],
    "es": [("{l} arroba {d}", " punto "), ("{l}(arroba){d}", "."), ("{l} [arroba] {d}", " [punto] ")],
    "it": [("{l} chiocciola {d}", " punto "), ("{l}[at]{d}", "."), ("{l} at {d}", " punto ")],
    "nl": [("{l} apenstaartje {d}", " punt "), ("{l} [at] {d}", " [punt] ")],
    "pt": [("{l} arroba {d}", " ponto "), ("{l}(arroba){d}", ".")],
    "pl": [("{l} małpa {d}", " kropka "), ("{l}(at){d}", "."), ("{l} [małpa] {d}", " [kropka] ")],
    "sv": [("{l} snabel-a {d}", " punkt "), ("{l}(at){d}", ".")],
    "no": [("{l} krøllalfa {d}", " punktum "), ("{l} [at] {d}", " [dot] ")],
    "da": [("{l} snabel-a {d}", " punktum "), ("{l}(at){d}", ".")],
    "fi": [("{l} ät {d}", " piste "), ("{l}(at){d}", ".")],
    "cs": [("{l} zavináč {d}", " tečka "), ("{l}(zavináč){d}", ".")],
    "tr": [("{l} et {d}", " nokta "), ("{l}[at]{d}", ".")],
    "el": [("{l} παπάκι {d}", " τελεία "), ("{l} [at] {d}", " [dot] ")],
    "ja": [("{l}＠{d}", "."), ("{l}（アットマーク）{d}", "."), ("{l}★{d}", ".")],
    "ko": [("{l} 골뱅이 {d}", " 점 "), ("{l}(at){d}", ".")],
    "zh": [("{l}#{d}", "."), ("{l} at {d}", " dot "), ("{l}（at）{d}", ".")],
}


def _email_obf(lang: str) -> str:
    loc, dom = _email(lang)
    tmpl, dot = _pick(_OBF[lang])
    return tmpl.format(l=loc, d=dot.join(dom.split(".")))


# URLs ------------------------------------------------------------------------

_URL_HOSTS = ["example.com", "shop.example.com", "www.example.org", "help.example.net",
              "www.beispiel-shop.de", "kundenportal.example.de", "boutique.exemple.fr",
              "tienda.ejemplo.es", "negozio.esempio.it", "winkel.voorbeeld.nl",
              "loja.exemplo.pt", "sklep.przyklad.pl", "butik.exempel.se",
              "nettbutikk.eksempel.no", "app.example.io", "status.example.dev",
              "www.example.co.jp", "m.example.kr", "www.example.cn", "example.com.tr",
              "eshop.priklad.cz", "kauppa.esimerkki.fi", "forms.example.gr",
              "bit.ly", "t.co", "www.acme-example.com"]
_URL_PATHS = ["/orders/{n5}", "/help/returns?lang=de", "/track/{n20}",
              "/p/{ean}", "/account/settings#billing", "/s/{code}",
              "/kontakt?tel=0171{n7}", "/faq", "/de/retouren/formular",
              "/support/ticket/{n9}", "/product/{code}-{n4}", "/callback?phone=4917{n8}",
              "/r/{code}", "/invoice/{n4}-{n6}.pdf", "/app/v2/redirect?id={n9}&utm_source=mail",
              "/fr/aide/livraison", "/blog/2024/05/12/new-app", ""]


def _url() -> str:
    host = _pick(_URL_HOSTS)
    path = _pick(_URL_PATHS).format(
        n4=_d(4), n5=_nz(5), n6=_d(6), n7=_d(7), n8=_d(8), n9=_nz(9), n20=_nz(20),
        ean=_nz(13), code="".join(_pick(_UP + "abcdefghjkmnpqrstuvwxyz23456789")
                                  for _ in range(7)))
    if host in ("bit.ly", "t.co"):
        path = "/" + "".join(_pick("abcdefghjkmnpqrstuvwxyzABCDEFGH23456789") for _ in range(7))
    scheme = _pick(["https://", "https://", "https://", "http://", ""])
    if not scheme and not host.startswith("www.") and not path:
        path = "/help"
    return scheme + host + path


# -------------------------------------------------------------- templates

_PHONE_T = {
    "en": ["Please call me back on {p}, I'm free after 5pm.",
           "cell {p} - text first pls",
           "whatsapp: {p}",
           "Nobody ever called me back. My number is {p}. Fix this.",
           "Q7 (other): call me on {p} if you want details",
           "CRM note: cust requests callback at {p} re refund for order #58213.",
           "You can reach me at {p} ext. 214 during office hours.",
           "sms me ({p}) when the parcel is ready",
           "Phone:{p}",
           "My husband's mobile is {p}, he placed the order not me",
           "1/5 stars. 40 min on hold. Call me: {p}",
           "Best number to reach me is {p} x 32 (desk)."],
    "de": ["Bitte rufen Sie mich unter {p} zurück.",
           "Mobil: {p} (ab 17 Uhr)",
           "Tel.{p}",
           "erreichbar per WhatsApp {p}",
           "Schreiben Sie mir eine SMS an {p}, E-Mails lese ich selten.",
           "Handy {p} – bitte nicht vor 9 Uhr anrufen",
           "Rückruf erbeten, Festnetz {p} Durchwahl 23",
           "Kundin bittet um Rückruf unter{p} wg. Reklamation"],
    "fr": ["Merci de me rappeler au {p}.",
           "mon portable : {p}",
           "Joignable sur WhatsApp au {p} en journée",
           "Vous pouvez m'envoyer un SMS au {p}",
           "Tél. {p} poste 12",
           "Personne ne m'a rappelé !! Mon numéro c'est le {p}"],
    "es": ["Por favor llámenme al {p}, gracias.",
           "mi móvil es {p}",
           "WhatsApp {p} (solo mensajes)",
           "Tel: {p} ext. 305",
           "Nadie me ha llamado todavía. Mi teléfono: {p}.",
           "mándenme un SMS al {p}"],
    "it": ["Potete richiamarmi al {p}?",
           "cell. {p}",
           "Scrivetemi su WhatsApp al {p}, grazie",
           "Tel {p} int. 204",
           "Il mio numero è {p}, chiamate dopo le 18"],
    "nl": ["Bel me terug op {p} aub",
           "Mijn mobiel: {p}",
           "App me even via WhatsApp ({p})",
           "Stuur een sms naar {p} als het pakket er is",
           "Tel.nr.{p}"],
    "pt": ["Liguem-me para o {p}, por favor.",
           "meu celular é {p}",
           "WhatsApp: {p}",
           "Podem mandar SMS para {p}",
           "Telemóvel {p} (depois das 18h)"],
    "pl": ["Proszę o kontakt pod numerem {p}.",
           "tel. kom. {p}",
           "Mój numer: {p}, najlepiej SMS",
           "Napiszcie na WhatsAppie {p}",
           "Proszę oddzwonić na {p} wew. 12"],
    "sv": ["Ring mig på {p} efter kl 17.",
           "mobil {p}",
           "Skicka ett sms till {p} när paketet kommit",
           "Nå mig på WhatsApp: {p}",
           "Mitt nummer är {p}, ingen har hört av sig."],
    "no": ["Ring meg på {p} etter jobb.",
           "mobil: {p}",
           "Send meg en SMS på {p}",
           "Har ventet i 3 uker. Tlf {p}",
           "WhatsApp {p}"],
    "da": ["ring mig på {p}",
           "Mit mobilnummer er {p}.",
           "Send en sms til {p} når pakken er klar",
           "Tlf.: {p} – bedst efter kl. 16",
           "skriv på whatsapp {p}"],
    "fi": ["Soittakaa minulle numeroon {p}.",
           "puh. {p}",
           "Lähettäkää tekstiviesti numeroon {p}",
           "WhatsApp: {p}",
           "Kukaan ei ole soittanut. Numeroni on {p}."],
    "cs": ["Zavolejte mi prosím na {p}.",
           "mobil: {p}",
           "Pošlete mi SMS na {p}",
           "Moje číslo je {p}, volejte po 17h."],
    "tr": ["Lütfen beni {p} numarasından arayın.",
           "cep: {p}",
           "WhatsApp'tan yazın: {p}",
           "Tel:{p} kimse dönmedi!!",
           "SMS atabilirsiniz {p}"],
    "el": ["Παρακαλώ καλέστε με στο {p}.",
           "κινητό: {p}",
           "Στείλτε μου SMS στο {p}",
           "Viber/WhatsApp {p}"],
    "ja": ["電話{p}までご連絡ください。",
           "携帯：{p}",
           "折り返しのお電話をお願いします（{p}）",
           "SMSで{p}に送ってください",
           "連絡先 {p} 内線 123"],
    "ko": ["{p}로 연락 주세요.",
           "휴대폰: {p}",
           "연락처{p} 문자 주세요",
           "카톡 말고 문자로 {p}"],
    "zh": ["请拨打{p}联系我，谢谢",
           "手机：{p}",
           "电话{p}转8021",
           "微信同号{p}",
           "有问题发短信到{p}"],
}

_EMAIL_T = {
    "en": ["Please reply to {e}, not the address on file.", "email me at {e}!",
           "my new email is {e}.", "(email: {e})",
           "sent from {e} - no answer for 2 weeks",
           "Hi, it's me again ({e}), still no refund.",
           "CRM: cust changed contact email to {e} per chat 2024-05-12"],
    "de": ["Bitte antworten Sie an {e}.", "E-Mail: {e}", "meine neue Adresse lautet {e}",
           "Mail an:{e}", "Rechnung bitte an {e} schicken, danke!"],
    "fr": ["Répondez-moi à {e} svp.", "mon adresse mail : {e}",
           "Envoyez la facture à {e} merci"],
    "es": ["Escríbanme a {e}, gracias.", "correo: {e}", "mi email nuevo es {e}"],
    "it": ["Scrivetemi a {e}.", "la mia email è {e}", "mandate la fattura a {e} grazie"],
    "nl": ["Mail me op {e}.", "e-mailadres: {e}", "stuur de factuur naar {e} aub"],
    "pt": ["Respondam para {e}, obrigado.", "meu e-mail: {e}", "enviem a fatura para {e}"],
    "pl": ["Proszę o odpowiedź na {e}.", "mój e-mail: {e}", "fakturę proszę wysłać na {e}"],
    "sv": ["Svara till {e} tack.", "min mejl: {e}", "skicka kvittot till {e}"],
    "no": ["Send svar til {e}.", "e-post: {e}", "kvittering til {e} takk"],
    "da": ["Skriv til {e}.", "min mail er {e}", "send fakturaen til {e} tak"],
    "fi": ["Vastatkaa osoitteeseen {e}.", "sähköposti: {e}", "kuitti osoitteeseen {e} kiitos"],
    "cs": ["Odpovězte prosím na {e}.", "můj e-mail: {e}", "fakturu pošlete na {e}"],
    "tr": ["Lütfen {e} adresine yazın.", "e-posta: {e}", "faturayı {e} adresine gönderin"],
    "el": ["Απαντήστε στο {e} παρακαλώ.", "email: {e}", "στείλτε το τιμολόγιο στο {e}"],
    "ja": ["返信は{e}までお願いします。", "メール：{e}", "領収書を{e}に送ってください"],
    "ko": ["{e}로 답장 부탁드립니다.", "이메일: {e}", "영수증은 {e}으로 보내주세요"],
    "zh": ["请回复到{e}，谢谢", "邮箱：{e}", "发票请发到{e}"],
}
_EMAIL_WRAP_T = ["contact: <{e}>", "Reply-To: \"{e}\"", "mailto:{e}",
                 "<a href=\"mailto:{e}\">email us</a> lol this is what your form sent me",
                 "From: Customer <{e}>\nSubject: Re: your order",
                 "'{e}' is my login, password reset never arrives",
                 "[{e}] can't log in since update"]

_CARD_T = {
    "en": ["Card number {c} exp 08/27, please charge the balance.",
           "I was charged twice on my card {c}!!",
           "new card: {c}",
           "pls update billing to {c} (the old one ending 4417 expired)",
           "Paid with {c} but order shows unpaid",
           "2024-05-12,ORD-58213,{c},USD,49.90"],
    "de": ["Kartennummer {c}, gültig bis 09/26", "Bitte buchen Sie von meiner Kreditkarte {c} ab.",
           "Doppelt abgebucht!! Karte {c}"],
    "fr": ["numéro de carte : {c} exp. 11/25", "Débité deux fois sur ma carte {c}."],
    "es": ["número de tarjeta {c}, caducidad 03/27", "Me cobraron dos veces en la tarjeta {c}"],
    "it": ["numero carta {c} scad. 05/26", "Addebito doppio sulla carta {c}!"],
    "nl": ["kaartnummer {c}", "Twee keer afgeschreven van mijn creditcard {c}"],
    "pt": ["número do cartão {c} validade 10/27", "cobraram duas vezes no cartão {c}"],
    "pl": ["numer karty {c}", "Pobrano dwa razy z karty {c}"],
    "sv": ["kortnummer {c}", "Dubbeldragning på mitt kort {c}"],
    "no": ["kortnummer: {c}", "Trukket to ganger fra kortet {c}"],
    "da": ["kortnummer {c} udløb 12/26", "trukket to gange på mit kort {c}"],
    "fi": ["kortin numero {c}", "Veloitettiin kahdesti kortilta {c}"],
    "cs": ["číslo karty {c}", "Strhli mi to dvakrát z karty {c}"],
    "tr": ["kart numarası {c} SKT 07/27", "kartımdan iki kez çekildi {c}"],
    "el": ["αριθμός κάρτας {c}", "Χρεώθηκα δύο φορές στην κάρτα {c}"],
    "ja": ["カード番号{c}で決済しました", "カード番号：{c}（有効期限 08/27）"],
    "ko": ["카드번호 {c} 로 결제했는데 두 번 빠져나갔어요", "카드번호:{c}"],
    "zh": ["卡号{c}被扣了两次款", "信用卡号：{c}"],
}

_IBAN_T = {
    "de": ["Bitte überweisen Sie die Erstattung auf IBAN: {i}",
           "Meine Bankverbindung: {i} (Sparkasse)", "IBAN:{i}"],
    "fr": ["Merci de rembourser sur mon IBAN {i}.", "RIB : IBAN {i}"],
    "es": ["Mi IBAN es {i}, titular Ana García."],
    "it": ["IBAN per il rimborso: {i}"],
    "nl": ["Graag terugstorten op {i} t.n.v. J. de Vries"],
    "pt": ["NIB/IBAN: {i}"],
    "pl": ["Proszę o zwrot na konto {i}"],
    "sv": ["Återbetala till IBAN {i} tack"],
    "no": ["kontonr (IBAN) {i}"],
    "da": ["Refusion til IBAN {i}"],
    "fi": ["Palautus tilille {i}, kiitos."],
    "cs": ["Vraťte peníze na účet {i}"],
    "tr": ["İade için IBAN: {i}"],
    "el": ["IBAN για επιστροφή: {i}"],
    "en": ["Please refund to IBAN {i}.", "refund to {i} pls"],
}
_IBAN_CC = {"de": ["DE", "DE", "AT", "CH"], "fr": ["FR", "BE", "LU"], "es": ["ES"],
            "it": ["IT"], "nl": ["NL", "BE"], "pt": ["PT"], "pl": ["PL"], "sv": ["SE"],
            "no": ["NO"], "da": ["DK"], "fi": ["FI"], "cs": ["CZ"], "tr": ["TR"],
            "el": ["GR"], "en": ["GB", "IE"]}

_SSN_T = ["My SSN is {s}, please update my account.",
          "social: {s}",
          "soc sec {s}",
          "SSN#{s}",
          "ssn {s} dob 04/12/1986",
          "I gave your agent my social ({s}) and still nothing happened",
          "For the W-9: SSN {s}.",
          "Mi número de seguro social es {s}.",
          "Seguro Social: {s}",
          "4471,Jane Roe,{s},TX,active",
          "you already have my last SSN digits (4417), the full one is {s}",
          "CRM: verified caller via SSN {s} + zip 78701-2133",
          "my social security number is {s} why do you need it for a refund??",
          "Soc. Sec. No. {s}",
          "SSN: \"{s}\"",
          "mon numéro de sécurité sociale américain (SSN) : {s}",
          "meine US-Sozialversicherungsnummer lautet {s}",
          "SSN-{s}"]

_URL_T = {
    "en": ["Check {u} - the price there is different.", "The link ({u}) is broken",
           "tried {u}, 404", "Link:{u}", "your page <{u}> won't load on Safari",
           "see \"{u}\" for the screenshot"],
    "de": ["Siehe {u}.", "Der Link {u} funktioniert nicht!"],
    "fr": ["Le lien {u} ne marche pas.", "voir {u} !"],
    "es": ["El enlace {u} da error", "mirad {u}"],
    "it": ["Il link {u} non funziona."],
    "nl": ["Deze link werkt niet: {u}"],
    "pt": ["O link {u} não abre."],
    "pl": ["Link {u} nie działa."],
    "sv": ["Länken {u} fungerar inte."],
    "no": ["Lenken {u} virker ikke."],
    "da": ["Linket {u} virker ikke."],
    "fi": ["Linkki {u} ei toimi."],
    "cs": ["Odkaz {u} nefunguje."],
    "tr": ["{u} linki açılmıyor."],
    "el": ["Ο σύνδεσμος {u} δεν ανοίγει."],
    "ja": ["詳細は{u}をご覧ください。", "リンク（{u}）が開けません"],
    "ko": ["{u} 링크가 안 열려요"],
    "zh": ["详情见{u}。", "这个链接{u}打不开"],
}


def _fill(t: str, **kw) -> str:
    out = t
    for k, v in kw.items():
        out = out.replace("{" + k + "}", v)
    return out


# ==================================================================== build

# --- multi-value items ------------------------------------------------------

_SIG_T = ["{id},{name},{e},{p},{city},NPS=3",
          "Thanks,\n{name}\n{p}\n{e}",
          "Kontakt: {e} / {p}",
          "@acme_help still waiting!! DM me or call {p} / {e}",
          "{name} <{e}>, tel. {p}",
          "\"{id}\";\"{name}\";\"{e}\";\"{p}\";\"{city}\""]
_CITIES = {"en": "London", "de": "Berlin", "fr": "Lyon", "es": "Madrid", "it": "Milano",
           "nl": "Utrecht", "pt": "Porto", "pl": "Kraków", "sv": "Göteborg", "no": "Bergen",
           "da": "Aarhus", "fi": "Tampere", "cs": "Brno", "tr": "İzmir", "el": "Αθήνα",
           "ja": "大阪", "ko": "부산", "zh": "上海"}

for i in range(20):
    lang = LANGS[i % len(LANGS)]
    e, p = _email_plain(lang), _phone(lang)
    fs, ls = _NAMES[lang]
    name = f"{_pick(fs).capitalize()} {_pick(ls).capitalize()}"
    t = _SIG_T[i % len(_SIG_T)]
    _add(_fill(t, id=str(10000 + _R.randrange(90000)), name=name, e=e, p=p,
               city=_CITIES[lang]), ("EMAIL", e), ("PHONE", p))

for i in range(8):
    s, p = _ssn(), _ph_us()
    t = _pick(["Caller verified identity: SSN {s}, callback {p}. Ticket 48213.",
               "ssn {s} / cell {p}",
               "Please call {p} about my application, SSN is {s}",
               "{p},{s},\"Doe, J.\",pending"])
    _add(_fill(t, s=s, p=p), ("SSN", s), ("PHONE", p))

for i in range(6):
    lang = ["de", "fr", "nl", "es", "it", "pl"][i]
    cc = _pick(_IBAN_CC[lang])
    iban = _iban_fmt(_iban(cc))
    e = _email_plain(lang)
    t = {"de": "Erstattung bitte auf {i}, Bestätigung an {e}.",
         "fr": "Remboursement sur {i} et confirmation à {e} svp",
         "nl": "Terugstorten op {i}, bevestiging naar {e}",
         "es": "Devolución a {i}; confirmación a {e}",
         "it": "Rimborso su {i}, conferma a {e}",
         "pl": "Zwrot na {i}, potwierdzenie na {e}"}[lang]
    _add(_fill(t, i=iban, e=e), ("IBAN", iban), ("EMAIL", e))

for i in range(6):
    lang = ["en", "de", "fr", "es", "sv", "ja"][i]
    c, p = _card(), _phone(lang)
    t = {"en": "Card {c}, call me at {p} if it declines.",
         "de": "Karte {c} – bei Problemen bitte {p} anrufen",
         "fr": "Carte {c}. En cas de souci appelez le {p}",
         "es": "Tarjeta {c}, si falla llamen al {p}",
         "sv": "Kort {c}, ring {p} om det strular",
         "ja": "カード{c}、エラーの場合は{p}へ"}[lang]
    _add(_fill(t, c=c, p=p), ("CARD", c), ("PHONE", p))

for i in range(4):
    lang = ["en", "de", "nl", "pt"][i]
    u, e = _url(), _email_plain(lang)
    t = {"en": "Screenshot at {u} , reply to {e}",
         "de": "Screenshot: {u} – Antwort bitte an {e}",
         "nl": "zie {u} en mail naar {e}",
         "pt": "print em {u} e respondam para {e}"}[lang]
    _add(_fill(t, u=u, e=e), ("URL", u), ("EMAIL", e))

# --- EMAIL singles: 60 plain, 30 obfuscated ----------------------------------

for i in range(60):
    lang = LANGS[i % len(LANGS)]
    e = _email_plain(lang)
    if i % 5 == 4:
        t = _pick(_EMAIL_WRAP_T)
    else:
        t = _pick(_EMAIL_T[lang])
    _add(_fill(t, e=e), ("EMAIL", e))

for i in range(30):
    lang = LANGS[i % len(LANGS)]
    e = _email_obf(lang)
    t = _pick(_EMAIL_T[lang])
    _add(_fill(t, e=e), ("EMAIL", e))

# --- PHONE singles: 106 (84 templated, 8 split, 8 glued, 6 plain-Nordic) ----

for i in range(84):
    lang = LANGS[i % len(LANGS)]
    p = _phone(lang)
    if i == 33:  # Japanese customers often type full-width digits
        p = f"0{_pick(['90', '80'])}-{_d(4)}-{_d(4)}".translate(_FW)
    t = _pick(_PHONE_T[lang])
    _add(_fill(t, p=p), ("PHONE", p))

_SPLIT = [("en", "call me on {p} thx"), ("de", "Bitte Rückruf unter {p} danke"),
          ("fr", "rappelez-moi au {p} merci"), ("sv", "ring {p} tack"),
          ("da", "ring mig på {p} i morgen"), ("nl", "bel me op {p}"),
          ("it", "chiamatemi al {p}"), ("pl", "proszę dzwonić {p}")]
for lang, t in _SPLIT:
    while True:
        p = _phone(lang)
        if " " in p and "(" not in p:
            break
    idx = [k for k, ch in enumerate(p) if ch == " "]
    k = _pick(idx[len(idx) // 2:] or idx)
    p = p[:k] + "\n" + p[k + 1:]
    _add(_fill(t, p=p), ("PHONE", p))

_GLUED = [("en", "tel:{p}", _ph_us), ("de", "Rückruf bitte unter Tel{p}", _ph_de),
          ("fr", "Tel:{p}.", _ph_fr), ("ja", "携帯{p}です", lambda: f"(0{_pick(['3', '6'])}){_d(4)}-{_d(4)}".translate(_FW)),
          ("zh", "我的电话是{p}请尽快回电", _ph_cn), ("ko", "번호는{p}입니다", _ph_kr),
          ("tr", "numaram{p}", _ph_tr), ("es", "llamar al cel{p}!", _ph_mx)]
for lang, t, fn in _GLUED:
    p = fn()
    if t.startswith("tel:"):
        p = re.sub(r"[^\d+]", "", p)
        if not p.startswith("+"):
            p = "+1" + p[-10:]
    _add(_fill(t, p=p), ("PHONE", p))

_NORDIC = [("da", "ring mig på {p} hvis der er problemer med leveringen"),
           ("no", "du kan ringe meg på {p} i morgen"),
           ("sv", "ni kan nå mig på {p} hela dagen"),
           ("da", "min kone har nummer {p} og bestilte varen"),
           ("no", "ring {p} så ordner vi det"),
           ("da", "Pakken står hos naboen, ring {p}")]
for lang, t in _NORDIC:
    if lang == "sv":
        p = f"0{_pick(['70', '73', '76'])} {_d(3)} {_d(2)} {_d(2)}"
    else:
        s = _pick(["2", "4", "9", "3", "5"]) + _d(7)
        p = _pick([f"{s[:2]} {s[2:4]} {s[4:6]} {s[6:]}", s])
    _add(_fill(t, p=p), ("PHONE", p))

# --- CARD singles: 114 --------------------------------------------------------

for i in range(114):
    lang = LANGS[i % len(LANGS)]
    c = _card()
    t = _pick(_CARD_T[lang])
    _add(_fill(t, c=c), ("CARD", c))

# --- URL singles: 36 ----------------------------------------------------------

for i in range(36):
    lang = LANGS[i % len(LANGS)]
    u = _url()
    t = _pick(_URL_T[lang])
    _add(_fill(t, u=u), ("URL", u))

# --- IBAN singles: 24 ---------------------------------------------------------

_IBAN_LANGS = [l for l in LANGS if l in _IBAN_T]
for i in range(24):
    lang = _IBAN_LANGS[i % len(_IBAN_LANGS)]
    iban = _iban_fmt(_iban(_pick(_IBAN_CC[lang])))
    t = _pick(_IBAN_T[lang])
    _add(_fill(t, i=iban), ("IBAN", iban))

# --- SSN singles: 52 ----------------------------------------------------------

for i in range(52):
    s = _ssn()
    t = _SSN_T[i % len(_SSN_T)]
    _add(_fill(t, s=s), ("SSN", s))

# ================================================================ negatives


def _ssn_shape() -> str:
    a, b, c = _d(3), _d(2), _d(4)
    return _pick([f"{a}-{b}-{c}", f"{a} {b} {c}", f"{a}.{b}.{c}"])


def _ean13() -> str:
    while True:
        b = _nz(12)
        s = sum(int(x) * (3 if k % 2 else 1) for k, x in enumerate(b))
        e = b + str((10 - s % 10) % 10)
        if not _luhn_ok(e):
            return e


def _kr_order() -> str:
    while True:
        o = f"202405{_R.randint(10, 28)}{_d(7)}"
        if not _luhn_ok(o):
            return o


def _imei() -> str:
    body = _pick(["35", "86", "35", "01"]) + _d(12)
    return body + _luhn_digit(body)


_NEG = [
    lambda: f"Order {_ssn_shape()} still hasn't shipped, it's been 10 days.",
    lambda: f"Meine Bestellnummer ist {_ssn_shape()}, bitte prüfen.",
    lambda: f"Commande n° {_d(3)} {_d(2)} {_d(4)} jamais reçue.",
    lambda: f"pedido {_d(3)}.{_d(2)}.{_d(4)} llegó roto",
    lambda: f"policy no. {_ssn_shape()} - claim still open after 6 weeks",
    lambda: f"member ID {_d(3)}-{_d(2)}-{_d(4)} doesn't work at checkout",
    lambda: f"UPS tracking 1Z{''.join(_pick(_UP + '0123456789') for _ in range(6))}{_d(10)} shows no movement",
    lambda: f"Sendungsnummer {_nz(20)} – seit 5 Tagen im Verteilzentrum",
    lambda: f"Royal Mail tracking {_pick(_UP)}{_pick(_UP)}{_d(9)}GB says delivered, it wasn't",
    lambda: f"PostNL track & trace 3S{''.join(_pick(_UP) for _ in range(4))}{_d(9)} blijft hangen",
    lambda: f"运单号 SF{_nz(12)} 三天没更新了",
    lambda: f"追跡番号 {_d(4)}-{_d(4)}-{_d(4)} で確認できません",
    lambda: f"Invoice INV-{_d(4)}-{_d(5)} has the wrong VAT",
    lambda: f"Rechnung Nr. 2024-{_d(6)} ist doppelt gekommen",
    lambda: f"facture n° FA{_d(8)} introuvable dans mon espace",
    lambda: f"fattura n. {_d(4)}/2024 non ricevuta",
    lambda: f"faktura nr {_d(3)}/{_d(2)}/2024 ma błędny NIP firmy",
    lambda: f"fakturanummer {_nz(8)} stämmer inte med beloppet",
    lambda: f"Fakturanummer {_nz(8)} er betalt for lengst",
    lambda: f"laskun numero {_nz(8)} eräpäivä meni jo",
    lambda: f"Ordrenr. {_nz(8)} mangler stadig en vare",
    lambda: f"kundenummer {_d(2)} {_d(2)} {_d(2)} {_d(2)} – hvorfor er abonnementet opsagt?",
    lambda: f"Shipping ZIP is {_nz(5)}-{_d(4)}, not what you have on file.",
    lambda: f"Ship to: 742 Evergreen Terrace, Springfield, IL {_nz(5)}-{_d(4)}",
    lambda: f"Delivered on 2024-05-{_R.randint(10, 28)} but I was away until 05/{_R.randint(10, 28)}/2024.",
    lambda: f"Termin am {_R.randint(10, 28)}.05.2024 um 14:30 verpasst, niemand kam.",
    lambda: f"livré le {_R.randint(10, 28)}/05/2024 au lieu du {_R.randint(10, 28)}/04/2024",
    lambda: f"2024年5月{_R.randint(10, 28)}日に注文しましたがまだ届きません",
    lambda: f"2024.05.{_R.randint(10, 28)} 주문했는데 아직 배송 준비중이에요",
    lambda: f"lot/batch 202405{_R.randint(10, 28)} smells odd, best before 2025-11-30",
    lambda: f"I was charged ${_R.randint(1, 9)},{_d(3)}.{_d(2)} instead of ${_R.randint(100, 999)}.{_d(2)}",
    lambda: f"Rechnung über {_R.randint(1, 9)}.{_d(3)},{_d(2)} € statt {_R.randint(100, 999)},{_d(2)} €",
    lambda: f"fikk regning på {_R.randint(10, 99)} {_d(3)} kr for et abonnement til 299 kr",
    lambda: f"合計¥{_R.randint(100, 999)},{_d(3)}と表示されました",
    lambda: f"SKU {_d(3)}-{_d(2)}-{_d(4)} arrived broken",
    lambda: f"Art.-Nr. {_d(3)}.{_d(3)}.{_d(2)} ist falsch ausgezeichnet",
    lambda: f"EAN {_ean13()} scans as a different product at the till",
    lambda: f"réf. produit {_d(3)} {_d(3)} {_d(3)} en rupture depuis un mois",
    lambda: f"Flight LH {_R.randint(100, 2999)} on 12 May was cancelled, booking ref {''.join(_pick(_UP) for _ in range(6))}",
    lambda: f"vol AF{_R.randint(1000, 1999)} du 12/05 annulé sans prévenir",
    lambda: f"vuelo IB {_R.randint(3000, 3999)} con 4 horas de retraso",
    lambda: f"TK{_R.randint(1000, 1999)} rötar igen, bagaget kom inte med",
    lambda: f"航班 CA{_R.randint(1000, 1999)} 延误了六个小时",
    lambda: f"booking reference {_d(4)}-{_d(4)}-{_d(2)} not found in the app",
    lambda: f"reserva n.º {_d(2)} {_d(4)} {_d(4)} cancelada sem aviso",
    lambda: f"customer number {_nz(9)} - why was I billed twice?",
    lambda: f"Kundennummer: {_d(3)} {_d(3)} {_d(3)}",
    lambda: f"numéro client {_nz(9)}, contrat résilié sans mon accord",
    lambda: f"número de póliza {_d(3)}-{_d(3)}-{_d(3)}",
    lambda: f"klantnummer {_nz(9)} – ik wacht al weken",
    lambda: f"numer klienta {_d(3)} {_d(3)} {_d(3)}, proszę o korektę",
    lambda: f"kundnummer {_nz(9)}, ingen har svarat",
    lambda: f"asiakasnumero {_nz(9)}",
    lambda: f"číslo zákazníka {_d(3)} {_d(3)} {_d(3)} – reklamace",
    lambda: f"müşteri numarası {_nz(9)} ile giriş yapamıyorum",
    lambda: f"αριθμός πελάτη {_nz(9)}, ακόμα περιμένω",
    lambda: f"お客様番号 {_d(3)}-{_d(3)}-{_d(3)} でログインできません",
    lambda: f"고객번호 {_nz(9)} 조회가 안 됩니다",
    lambda: f"客户编号 {_nz(9)}，退款还没到账",
    lambda: f"account #{_nz(9)} shows a negative balance",
    lambda: f"Zählerstand {_d(6)},{_d(1)} kWh am 12.05. – Abschlag viel zu hoch",
    lambda: f"meter reading {_d(7)} (photo attached), estimate was way off",
    lambda: f"mätarställning {_R.randint(10, 99)} {_d(3)} kWh",
    lambda: f"stand gasmeter {_d(7)} m³",
    lambda: f"lettura contatore {_d(7)} del 12/05",
    lambda: f"IMEI {(lambda m: m[:2] + ' ' + m[2:8] + ' ' + m[8:14] + ' ' + m[14:])(_imei())} is blacklisted after the repair",
    lambda: f"IMEI: {_imei()}",
    lambda: f"S/N C02{''.join(_pick(_UP + '0123456789') for _ in range(9))} keeps rebooting",
    lambda: f"Seriennummer {_d(1)}CE{_d(4)}{_pick(_UP)}{_d(1)}G – Garantiefall",
    lambda: f"numéro de série SN-2024-{_d(4)}-{_d(4)}",
    lambda: f"after updating to v{_R.randint(3, 12)}.{_R.randint(0, 20)}.{_R.randint(0, 30)}.{_d(4)} the app crashes on launch",
    lambda: f"Version 4.{_R.randint(0, 20)}.0 ({_nz(8)}) stürzt beim Login ab",
    lambda: f"iOS 17.4.1, app build {_R.randint(20, 24)}.{_d(3)}.{_d(4)}",
    lambda: f"Android 14, versão 3.2.{_R.randint(1, 9)}-beta.{_R.randint(1, 9)} trava na tela inicial",
    lambda: "Your store hours say 09:00-18:00 but it was closed at 14:30",
    lambda: "livraison prévue entre 10h30 et 12h00, rien vu",
    lambda: "kuriiri lupasi tulla kello 14.30–15.45",
    lambda: "van 08.30 tot 17.00 uur thuis gebleven voor niks",
    lambda: "14:30～15:45の間に配達予定でしたが来ませんでした",
    lambda: f"Only {_R.randint(5, 15)}.5% off instead of 25%? misleading",
    lambda: "99,9 % Verfügbarkeit – lol, seit gestern down",
    lambda: f"%{_R.randint(20, 50)} indirim yazıyordu, kasada çıkmadı",
    lambda: f"{_R.randint(20, 70)}% 할인이라더니 결제하니까 정가네요",
    lambda: f"card ending in {_d(4)} was charged twice",
    lambda: f"**** **** **** {_d(4)} – please refund to this card",
    lambda: f"Karte XXXX-XXXX-XXXX-{_d(4)} wurde abgelehnt",
    lambda: f"SSN ***-**-{_d(4)} is what your letter shows, that's not mine",
    lambda: f"last four of my social: {_d(4)}",
    lambda: f"verified with last 4 SSN {_d(4)} and DOB",
    lambda: f"IBAN DE{_d(2)} **** **** **** **{_d(2)} {_d(2)} laut Kontoauszug",
    lambda: f"your email went to j***@g***.com which isn't me",
    lambda: f"Rückrufnummer laut System: +49 171 ****{_d(3)} – die ist veraltet",
    lambda: f"caller ID showed (***) ***-{_d(4)}",
    lambda: f"numero carta 4{_d(3)} 11** **** {_d(4)} rifiutata",
    lambda: "call me on oh seven seven double oh, nine double oh, one two three",
    lambda: "meine Nummer ist null eins sieben eins, zwei drei vier, fünf sechs sieben",
    lambda: "mi número es seis uno dos, tres cuatro, cinco seis, siete ocho",
    lambda: "ring på fire en to tre fire fem seks syv",
    lambda: "my social is one two three, four five, six seven eight nine - just kidding, not typing that here",
    lambda: "@AcmeSupport @acme_help 3rd time asking!!! #fail",
    lambda: "cc @ShopDE_Hilfe – seit Tagen keine Antwort",
    lambda: "3 Stück @ 4,99 € – im Warenkorb stand 5,99",
    lambda: "Paket 120 x 60 x 40 cm, 23,5 kg – und das soll in den Briefkasten?",
    lambda: f"GPS {_R.randint(40, 60)}.{_d(4)}, {_R.randint(4, 20)}.{_d(4)} – Fahrer stand falsch",
    lambda: "Your Vue.js widget breaks on Safari 17.4, report_v2.pdf attached",
    lambda: "NPS 9/10, CSAT 4.5/5 - staff were great",
    lambda: f"gift card code {_no_luhn(16)} says invalid",
    lambda: f"Gutscheincode {(lambda g: '-'.join(_group(g, (4, 4, 4, 4))))(_no_luhn(16))} wird nicht akzeptiert",
    lambda: f"Vorgangsnummer {_pick(['030', '040', '089'])}{_d(7)} – bitte endlich bearbeiten",
    lambda: f"ticket #{_d(4)} {_d(4)} {_d(3)} closed without reply",
    lambda: f"model KD-55X85J, part 01-{_d(4)}-{_d(4)} missing",
    lambda: f"注文番号 {_d(3)}-{_d(7)}-{_d(7)} の商品が違います",
    lambda: f"주문번호 {(lambda o: o[:8] + '-' + o[8:])(_kr_order())} 환불 요청합니다",
    lambda: f"订单号 {_no_luhn(18)} 一直显示待发货",
    lambda: f"快递单号 YT{_nz(13)}，显示已签收但我没收到",
    lambda: f"Referenz DE-2024-{_d(6)}, Verwendungszweck RE 2024 {_d(4)} {_d(4)}",
    lambda: f"contract nr. {_d(4)} {_d(3)} {_d(3)} – opzegging niet verwerkt",
    lambda: f"numero d'ordine {_nz(10)}, mai arrivato",
    lambda: f"número do pedido {_nz(10)} – entregaram na casa errada",
    lambda: f"zamówienie nr {_d(3)} {_d(3)} {_d(3)} nie dotarło",
    lambda: f"objednávka č. {_nz(10)} stále nedorazila",
    lambda: f"sipariş no {_nz(11)} hâlâ kargoya verilmedi",
    lambda: f"παραγγελία {_nz(10)} δεν έχει έρθει ακόμα",
    lambda: f"tilausnumero {_nz(8)} ei näy sovelluksessa",
    lambda: f"ordernummer {_nz(8)} har inte skickats",
    lambda: f"Ordrenummer {_d(2)} {_d(2)} {_d(2)} {_d(2)} mangler",
    lambda: f"Order #{_nz(10)} (placed 12/05 at 14:30) - wrong size",
    lambda: f"kabel 2x{_R.randint(1, 9)},5 mm², rol {_R.randint(10, 99)} m, prijs €{_R.randint(10, 99)},95",
    lambda: f"postcode 1012 AB, huisnummer {_R.randint(1, 300)} – bezorger kon het niet vinden",
    lambda: f"Aktenzeichen {_d(3)} C {_d(3)}/24 – Mahnung trotz Zahlung",
    lambda: f"Steuer-ID bitte nicht per Mail – Rechnung {_d(2)}/{_d(4)}/{_d(3)}",
    lambda: f"prescription Rx {_nz(7)} not ready after 3 days",
    lambda: f"Bestellung vom 12.05.2024, {_R.randint(2, 9)} Artikel, Gesamt {_R.randint(10, 99)},{_d(2)} €",
    lambda: f"score went from {_R.randint(100, 999)} to {_R.randint(100, 999)} after the update, 1 star",
]

def _luhn_run(text: str) -> bool:
    """True if a whole 13-19 digit run (separators allowed) passes Luhn.

    Hard negatives must not contain such a run by accident (IMEIs, which pass
    Luhn by design, are the one deliberate exception)."""
    for m in re.finditer(r"\d[\d .\-]{11,30}\d", text):
        ds = re.sub(r"\D", "", m.group())
        if 13 <= len(ds) <= 19 and _luhn_ok(ds):
            return True
    return False


_N_NEG = 170
_order = list(range(len(_NEG)))
_R.shuffle(_order)
_seen: list[str] = []
_k = 0
while len(_seen) < _N_NEG:
    _t = _NEG[_order[_k % len(_order)]]()
    _k += 1
    if _t not in _seen and ("IMEI" in _t or not _luhn_run(_t)):
        _seen.append(_t)
        _add(_t)


# ============================================================ import checks

def _check() -> None:
    counts = {t: 0 for t in TYPES}
    for it in ITEMS:
        assert isinstance(it["text"], str) and it["text"]
        for p in it["pii"]:
            assert p["type"] in TYPES, p
            assert p["value"] and p["value"] in it["text"], (p, it["text"])
            counts[p["type"]] += 1
            v = p["value"]
            if p["type"] == "CARD":
                ds = "".join(c for c in v if c.isdigit())
                assert 14 <= len(ds) <= 19 and _luhn_ok(ds), v
            elif p["type"] == "IBAN":
                assert _iban_ok(v), v
            elif p["type"] == "SSN":
                assert _ssn_ok(v), v
    assert counts == {"EMAIL": 120, "URL": 40, "IBAN": 30, "CARD": 120,
                      "SSN": 60, "PHONE": 140}, counts
    assert sum(1 for it in ITEMS if not it["pii"]) == _N_NEG


_check()

COUNTS = {t: sum(1 for it in ITEMS for p in it["pii"] if p["type"] == t) for t in TYPES}
N_NEGATIVES = sum(1 for it in ITEMS if not it["pii"])

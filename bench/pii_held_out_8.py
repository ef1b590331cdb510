"""Held-out PII test set 8 -- written BLIND.

How it was written
------------------
This file was written from a short brief only.  Its author did not open the
redactor's source, its tests, the PII benchmark and form generators, any
earlier held-out set, any PII results, the README's PII sections or the
project notes, and never ran the redactor or a benchmark on this set.  The
expectations below therefore encode how real text *should* be labelled, not
how the redactor happens to behave.

Everything is built at import time, deterministically, from one seeded RNG
(``_RNG8``), using the standard library only.  ``ITEMS`` is a list of
``{"text": str, "pii": [{"type": T, "value": str}], "note": str}`` with T in
EMAIL, URL, IBAN, CARD, SSN, PHONE.  Items whose ``pii`` is empty are hard
negatives.  An import-time check asserts that every value is an exact
substring of its text, every type is valid, every CARD value's digits pass
Luhn, every IBAN passes mod-97, and no two items share a text.

Counts (items containing the type / values of the type)
-------------------------------------------------------
type      items values
EMAIL       127    131
CARD        123    123
PHONE       114    127
URL          40     40
IBAN         30     30
SSN          45     45
negative    160      -
total       594    496
(items with several values count once per type they contain; 34 items
mix types: signatures, CSV exports, web-form dumps, JSON, call notes;
4 more hold two e-mails, one holds the same tel: number twice.)

Span conventions
----------------
* The value is the PII exactly as written, including obfuscation
  ("anna dot kowalska at wp dot pl", "x[at]y[dot]com", letter-by-letter
  spacing), typos in domains ("gmial.com", "gmail,com"), upper/lower case and
  internal line breaks (a value broken over a line keeps its "\\n").
* Wrappers and labels stay outside: "mailto:", "tel:", brackets, angle
  brackets, quotes (also CSV/JSON quotes), guillemets, trailing sentence
  punctuation, "IBAN:", "SSN#", "Tel.:", etc.
* Phone extensions ("ext. 12", "x31", "Durchwahl 12", "poste 245",
  "interno 12", "wew. 12", "ramal 3", "内線12") are outside the value; the
  "+", "00" and "(0)" prefixes and area codes in brackets are inside.
* Partial and masked values ("card ending 4242", "***-**-1234",
  "m****r@gmx.de", "IBAN ending 3000") are never PII.
* A number inside a URL (wa.me/<digits>, zoom ids, order ids in query
  strings) belongs to the URL only.
* Card numbers spelled out in words are not used at all.

Styles covered
--------------
EMAIL: plain, Capitalised and UPPER case; obfuscated with spelled at/dot in
  12 languages (at/dot, punkt, arobase/point, arroba/punto/ponto,
  chiocciola, apenstaartje/punt, małpa/kropka, snabel-a, nokta,
  アットマーク/ドット, 골뱅이/점), [at]/[dot], (at)/(dot), " AT "/" DOT ",
  spaces around @, letter by letter; typo domains; broken after "@" or
  mid-local-part; mailto:, <angle>, quotes, brackets, glued punctuation,
  glued CJK particles; chat, survey, review, tweet, headers, signatures,
  CSV/TSV/pipe/JSON rows, web-form dumps, call notes, SMS.
CARD: Visa 13/16/19, Mastercard 51-55 and 2-series, Amex 15 (4-6-5),
  Discover 16/19, Diners 14 (4-6-4), JCB, UnionPay 16-19, Maestro 12-19,
  Mir, Elo, Hipercard, Troy, RuPay; grouped with spaces, dashes, dots,
  " - ", 8+8, ungrouped, digit by digit with spaces, broken over a line; next
  to expiry/CVV, masked old cards, amounts; JSON/CSV/form/chat/call notes in
  13 languages.
PHONE: US, CA, UK, DE, FR, ES, IT, NL, PL, SE, TR, JP (incl. full-width
  digits), KR, BR, PT, AU, IN, MX, IE, CH, AT, BE national formats: with and
  without country code, +/00 prefixes, trunk 0, (0), area codes in
  brackets, dots/dashes/slashes/spaces, compact tel: links, extensions
  outside, broken over a line.
URL: with/without scheme, www and bare domains with paths, query strings,
  shorteners (bit.ly, t.co, tinyurl, amzn.eu, we.tl), share links (Drive,
  Dropbox, YouTube, Maps, Instagram, Forms), app-store links, wa.me/zoom
  links containing numbers, markdown/angle/paren wrappers, trailing
  punctuation, broken over a line.
IBAN: 24 countries (DE AT CH FR ES IT PT NL BE LU GB IE PL SE DK NO FI TR BR
  GR CZ HU RO SA), print groups of 4, electronic form, lower case, broken over
  a line, after labels, in CSV/JSON rows.
SSN: valid ranges only (area 001-899 w/o 666, group 01-99, serial
  0001-9999) with dashes, spaces, dots or none; after labels (SSN:, SSN#,
  SS#, social, soc sec no.) and unlabelled in CSV/TSV/pipe rows.
Hard negatives: order/tracking/invoice/ticket numbers (incl. Luhn-invalid
  16-digit ones grouped like cards), prices and amounts with separators,
  dates, times, timestamps, epoch seconds, version/build strings, flight
  numbers, postcodes, masked/partial cards, SSNs, e-mails, IBANs and phones,
  tax and company ids, product codes/EANs, IP addresses, phone-like counts,
  @handles, "@ 3pm", file names, dotted abbreviations.
"""

from __future__ import annotations

import random
import re
import unicodedata

_RNG8 = random.Random(8_1205_2026)

_TYPES = {"EMAIL", "URL", "IBAN", "CARD", "SSN", "PHONE"}

ITEMS: list[dict] = []
_SEEN: set[str] = set()


def _add(text: str, pii: list[tuple[str, str]], note: str) -> bool:
    if text in _SEEN:
        return False
    _SEEN.add(text)
    ITEMS.append(
        {"text": text, "pii": [{"type": t, "value": v} for t, v in pii], "note": note}
    )
    return True


def _d(n: int) -> str:
    return "".join(str(_RNG8.randrange(10)) for _ in range(n))


def _pick(seq):
    return seq[_RNG8.randrange(len(seq))]


def _fill(template: str, **kw: str) -> str:
    out = template
    for k, v in kw.items():
        out = out.replace("{" + k + "}", v)
    return out


# ---------------------------------------------------------------------------
# context fillers
# ---------------------------------------------------------------------------

_NAMES = {
    "en": ["James Carter", "Emily Walsh", "Michael Brooks", "Sarah Nguyen", "David Okafor",
           "Laura Bennett", "Chris Patel", "Megan Foster", "Ryan Doyle", "Olivia Hughes",
           "Daniel Reyes", "Jessica Moore", "Aisha Khan", "Tom Fletcher"],
    "de": ["Jonas Müller", "Lena Schäfer", "Lukas Weiß", "Anna Becker", "Felix Groß",
           "Sophie Krüger", "Tobias Hoffmann", "Marie Köhler"],
    "fr": ["Julien Lefèvre", "Camille Dubois", "Théo Martin", "Chloé Moreau", "Hugo Girard",
           "Léa Fontaine"],
    "es": ["Lucía García", "Javier Martínez", "Carmen López", "Pablo Sánchez", "Elena Ruiz"],
    "pt-br": ["João Silva", "Ana Souza", "Lucas Oliveira", "Mariana Costa", "Thiago Pereira"],
    "pt-pt": ["Rui Ferreira", "Inês Carvalho", "Tiago Rodrigues", "Beatriz Santos"],
    "it": ["Giulia Romano", "Marco Bianchi", "Francesca Ricci", "Luca Esposito", "Chiara Greco"],
    "nl": ["Daan de Vries", "Sanne Jansen", "Bram van Dijk", "Lotte Bakker", "Joost Visser"],
    "pl": ["Anna Kowalska", "Piotr Nowak", "Katarzyna Wiśniewska", "Michał Zieliński",
           "Agnieszka Wójcik"],
    "sv": ["Erik Johansson", "Sara Lindqvist", "Oskar Nilsson", "Ebba Karlsson", "Linnea Åberg"],
    "tr": ["Ayşe Yılmaz", "Mehmet Demir", "Elif Şahin", "Burak Çelik", "Zeynep Kaya"],
    "ja": ["Taro Yamada", "Yuki Tanaka", "Haruto Suzuki", "Sakura Ito", "Ren Watanabe"],
    "ko": ["Minji Kim", "Jiwoo Park", "Seojun Lee", "Hayoon Choi", "Dohyun Jung"],
}

_DOMAINS = {
    "en": ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com",
           "hotmail.co.uk", "btinternet.com", "comcast.net", "protonmail.com",
           "northwind-traders.com", "brightlane.io", "me.com", "live.com"],
    "de": ["gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de", "gmx.net",
           "freenet.de", "mueller-logistik.de"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "sfr.fr", "gmail.com", "wanadoo.fr"],
    "es": ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net"],
    "pt-br": ["gmail.com", "uol.com.br", "bol.com.br", "hotmail.com", "terra.com.br"],
    "pt-pt": ["sapo.pt", "gmail.com", "netcabo.pt", "hotmail.com"],
    "it": ["libero.it", "virgilio.it", "gmail.com", "tiscali.it", "alice.it"],
    "nl": ["ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.nl", "xs4all.nl"],
    "pl": ["wp.pl", "o2.pl", "interia.pl", "onet.pl", "gmail.com"],
    "sv": ["telia.com", "gmail.com", "hotmail.se", "bredband.net"],
    "tr": ["gmail.com", "hotmail.com", "yandex.com.tr", "outlook.com.tr"],
    "ja": ["docomo.ne.jp", "ezweb.ne.jp", "yahoo.co.jp", "gmail.com", "i.softbank.jp"],
    "ko": ["naver.com", "daum.net", "hanmail.net", "gmail.com", "kakao.com"],
}

_TYPO_DOMAINS = ["gmial.com", "gmal.com", "gamil.com", "gmail.con", "gmail.co", "gmail,com",
                 "hotmial.com", "hotmal.com", "yaho.com", "yahooo.com", "outlok.com",
                 "outllok.com", "iclod.com", "gmx.ed", "web,de", "wp,pl", "orage.fr",
                 "libreo.it", "navr.com", "hotmail.cmo"]

_OBF_WORDS = {
    "en": ("at", "dot"), "de": ("at", "punkt"), "fr": ("arobase", "point"),
    "es": ("arroba", "punto"), "pt-br": ("arroba", "ponto"), "pt-pt": ("arroba", "ponto"),
    "it": ("chiocciola", "punto"), "nl": ("apenstaartje", "punt"), "pl": ("małpa", "kropka"),
    "sv": ("snabel-a", "punkt"), "tr": ("et", "nokta"), "ja": ("アットマーク", "ドット"),
    "ko": ("골뱅이", "점"),
}


def _ascii(s: str) -> str:
    s = s.replace("ß", "ss").replace("ł", "l").replace("Ł", "L").replace("ı", "i")
    s = s.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    norm = unicodedata.normalize("NFKD", s)
    return "".join(c for c in norm if not unicodedata.combining(c))


def _name(lang: str) -> str:
    return _pick(_NAMES[lang])


def _date(lang: str = "en") -> str:
    y, m, d = _RNG8.randint(2023, 2025), _RNG8.randint(1, 12), _RNG8.randint(1, 28)
    k = _RNG8.randrange(4)
    if k == 0 or lang in ("sv", "ko"):
        return f"{y}-{m:02d}-{d:02d}"
    if lang == "ja":
        return f"{y}年{m}月{d}日"
    if lang in ("de", "pl", "tr", "nl"):
        return f"{d:02d}.{m:02d}.{y}"
    if lang in ("fr", "es", "pt-br", "pt-pt", "it"):
        return f"{d:02d}/{m:02d}/{y}"
    return _pick([f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}",
                  f"{['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'][m-1]} {d}, {y}"])


def _amt(lang: str = "en") -> str:
    n = _RNG8.randint(5, 2500)
    c = _RNG8.randint(0, 99)
    if lang in ("de", "nl", "it", "es", "pt-pt", "fr"):
        return _pick([f"{n},{c:02d} €", f"€{n},{c:02d}", f"EUR {n},{c:02d}"])
    if lang == "pt-br":
        return f"R$ {n},{c:02d}"
    if lang == "pl":
        return f"{n},{c:02d} zł"
    if lang == "sv":
        return f"{n} kr"
    if lang == "tr":
        return f"₺{n},{c:02d}"
    if lang == "ja":
        return f"¥{n * 10:,}"
    if lang == "ko":
        return f"₩{n * 100:,}"
    return _pick([f"${n}.{c:02d}", f"£{n}.{c:02d}", f"USD {n}.{c:02d}"])


def _ref() -> str:
    return _pick([
        f"A-{_d(5)}", f"TCK-{_RNG8.randint(2023, 2025)}-{_d(4)}", f"#RX{_d(4)}",
        f"SR-{_d(5)}", f"CASE{_d(5)}", f"ORD-{_d(3)}{_pick('ABCDEFGHJK')}{_d(2)}",
    ])


def _time() -> str:
    return f"{_RNG8.randint(7, 21):02d}:{_RNG8.randint(0, 59):02d}"


# ---------------------------------------------------------------------------
# value generators
# ---------------------------------------------------------------------------

def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        v = int(ch)
        if i % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return total % 10 == 0


def _luhn_complete(prefix: str, length: int) -> str:
    body = prefix + _d(length - len(prefix) - 1)
    for c in "0123456789":
        if _luhn_ok(body + c):
            return body + c
    raise AssertionError("unreachable")


def _luhn_invalid(prefix: str, length: int) -> str:
    good = _luhn_complete(prefix, length)
    bad = good[:-1] + str((int(good[-1]) + _RNG8.randint(1, 9)) % 10)
    assert not _luhn_ok(bad)
    return bad


def _iban_int(s: str) -> int:
    return int("".join(str(int(ch, 36)) for ch in s))


def _iban_ok(value: str) -> bool:
    s = "".join(ch for ch in value if ch.isalnum()).upper()
    if len(s) < 15 or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    return _iban_int(s[4:] + s[:4]) % 97 == 1


# (bank-code choices or None, spec) -- spec: n digit, a letter, c alnum (mostly digits)
_IBAN_SPECS = {
    "DE": (None, "n" * 18), "AT": (None, "n" * 16), "CH": (None, "nnnnn" + "c" * 12),
    "FR": (None, "n" * 10 + "c" * 11 + "nn"), "ES": (None, "n" * 20),
    "IT": (None, "a" + "n" * 10 + "c" * 12), "PT": (None, "n" * 21),
    "NL": (["ABNA", "INGB", "RABO", "TRIO", "KNAB", "SNSB"], "n" * 10),
    "BE": (None, "n" * 12), "LU": (None, "nnn" + "c" * 13),
    "GB": (["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "MONZ"], "n" * 14),
    "IE": (["AIBK", "BOFI", "IPBS"], "n" * 14), "PL": (None, "n" * 24),
    "SE": (None, "n" * 20), "DK": (None, "n" * 14), "NO": (None, "n" * 11),
    "FI": (None, "n" * 14), "TR": (None, "nnnnn0" + "c" * 16),
    "BR": (None, "n" * 23 + "ac"), "GR": (None, "n" * 7 + "c" * 16),
    "CZ": (None, "n" * 20), "HU": (None, "n" * 24),
    "RO": (["BTRL", "RNCB", "BRDE", "INGB"], "c" * 16), "SA": (None, "nn" + "c" * 18),
}
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _make_iban(cc: str) -> str:
    banks, spec = _IBAN_SPECS[cc]
    out = _pick(banks) if banks else ""
    for k in spec:
        if k == "n":
            out += str(_RNG8.randrange(10))
        elif k == "a":
            out += _pick(_LETTERS)
        elif k == "c":
            out += _pick("ABCDEFGHJKLMNPRSTUVWXYZ") if _RNG8.random() < 0.08 else str(_RNG8.randrange(10))
        else:
            out += k
    chk = 98 - _iban_int(out + cc + "00") % 97
    iban = f"{cc}{chk:02d}{out}"
    assert _iban_ok(iban)
    return iban


def _ssn_parts() -> tuple[str, str, str]:
    while True:
        a = _RNG8.randint(1, 899)
        if a != 666:
            break
    return f"{a:03d}", f"{_RNG8.randint(1, 99):02d}", f"{_RNG8.randint(1, 9999):04d}"


# ---------------------------------------------------------------------------
# EMAIL
# ---------------------------------------------------------------------------

def _local(name: str) -> str:
    first, last = _ascii(name).lower().replace("'", "").split(" ", 1)
    last = last.replace(" ", "")
    return _pick([
        f"{first}.{last}", f"{first}{last}{_RNG8.randint(1, 99)}", f"{first[0]}.{last}",
        f"{first}_{last}", f"{last}.{first}", f"{first}{_RNG8.randint(1970, 2006)}",
        f"{first}.{last}+{_pick(['shop', 'orders', 'news', 'amazon'])}", f"{first[0]}{last}",
        f"{first}-{last}", f"{last}{first[0]}{_d(2)}",
    ])


def _email_value(lang: str, style: str, name: str) -> str:
    local = _local(name)
    domain = _pick(_TYPO_DOMAINS) if style == "typo" else _pick(_DOMAINS[lang])
    plain = f"{local}@{domain}"
    at_w, dot_w = _OBF_WORDS[lang]
    if style in ("plain", "typo"):
        return plain
    if style == "upper":
        return plain.upper()
    if style == "cap":
        return ".".join(p[:1].upper() + p[1:] for p in local.split(".")) + "@" + domain
    if style == "word":
        return f"{local.replace('.', f' {dot_w} ')} {at_w} {domain.replace('.', f' {dot_w} ')}"
    if style == "word_local":
        return f"{local} {at_w} {domain.replace('.', f' {dot_w} ')}"
    if style == "bracket":
        return local + "[at]" + domain.replace(".", "[dot]")
    if style == "paren":
        return f"{local} (at) {domain.replace('.', ' (dot) ')}"
    if style == "spaced":
        return f"{local} @ {domain}"
    if style == "AT":
        return f"{local} AT {domain.replace('.', ' DOT ')}"
    if style == "letters":
        return " ".join(plain)
    if style == "break_at":
        return f"{local}@\n{domain}"
    if style == "break_mid":
        cut = max(2, len(local) // 2)
        return f"{local[:cut]}\n{local[cut:]}@{domain}"
    raise ValueError(style)


_EMAIL_FREE_STYLES = ["plain", "cap", "word", "bracket", "plain", "typo", "paren", "spaced",
                      "upper", "AT", "break_at", "word_local", "letters", "plain", "typo",
                      "break_mid", "plain"]
_EMAIL_STRUCT_STYLES = ["plain", "plain", "cap", "upper", "plain"]

# (lang, kind, template)  kind: free | struct
_EMAIL_T = [
    ("en", "free", "Please send the invoice to {v} thanks"),
    ("en", "free", "my email is {v}."),
    ("en", "free", "Customer: hi, you can reach me on {v}\n[Agent] Thanks {name}, noted on the ticket."),
    ("en", "free", "Q7 Any other comments? - good service but nobody replied to {v} for two weeks!!"),
    ("en", "free", "★☆☆☆☆ Terrible app. Support never answered my mail ({v}). Uninstalling."),
    ("en", "free", "@AcmeHelp still waiting on a reply re {ref}, my email's {v} #fail"),
    ("en", "struct", "From: {name} <{v}>\nSubject: Refund for order {ref}"),
    ("en", "struct", '{"ticket": "{ref}", "email": "{v}", "created": "{date}"}'),
    ("en", "struct", "{date},{name},{v},{amt},US"),
    ("en", "struct", "{ref}\t{v}\t{date}\topen"),
    ("en", "struct", "{ref}|{name}|{v}|{date}|closed"),
    ("en", "struct", "Name: {name}\nEmail: {v}\nMessage: parcel arrived damaged, want a replacement"),
    ("en", "free", "Call note {time} - cust asked to update contact email to {v}, verified DOB."),
    ("en", "free", "pls email receipt to {v} ta"),
    ("en", "free", "Best regards,\n{name}\n{v}"),
    ("en", "free", "contact me via mailto:{v} or reply here"),
    ("en", "struct", 'Reply-To: "{name}" <{v}>'),
    ("en", "free", "Agent: What's the email on the account?\nCustomer: it's {v}, but I don't use it anymore"),
    ("en", "free", "I changed my email to '{v}' last week and still get mails on the old one"),
    ("en", "free", "Your chatbot is useless. Email me ({v}) when a human is available"),
    ("de", "free", "Bitte schicken Sie die Rechnung an {v}, danke!"),
    ("de", "free", "Meine E-Mail-Adresse lautet {v}"),
    ("de", "free", "Kunde: Meine neue Mail ist {v}\nAgent: Danke, ist geändert."),
    ("de", "struct", "{date};{name};{v};{amt}"),
    ("fr", "free", "Bonjour, mon adresse mail est {v}. Merci de me recontacter."),
    ("fr", "free", "Vous pouvez m'écrire à « {v} »."),
    ("fr", "struct", "Nom : {name}\nCourriel : {v}\nObjet : remboursement"),
    ("es", "free", "Hola, mi correo es {v}, espero respuesta."),
    ("es", "free", "Escríbanme a: {v}"),
    ("pt-br", "free", "Oi, meu e-mail é {v} pode mandar o boleto lá"),
    ("pt-br", "free", "Avaliação: app trava toda hora, já mandei print pro {v} e nada"),
    ("pt-pt", "free", "Boa tarde, o meu email é {v}. Obrigado."),
    ("it", "free", "Salve, la mia email è {v}; attendo riscontro."),
    ("it", "struct", "{date},{name},{v},{amt},IT"),
    ("nl", "free", "Mijn e-mailadres is {v}, graag een bevestiging."),
    ("nl", "free", "[Klant] stuur het maar naar {v}\n[Medewerker] Komt eraan!"),
    ("pl", "free", "Proszę o kontakt na adres {v}. Pozdrawiam"),
    ("pl", "struct", "{ref};{v};{date};{amt}"),
    ("sv", "free", "Hej! Min mejl är {v} tack på förhand"),
    ("tr", "free", "Merhaba, e-posta adresim {v} lütfen dönüş yapın."),
    ("ja", "free", "メールアドレス：{v}\nよろしくお願いします。"),
    ("ja", "free", "返信は{v}までお願いします。"),
    ("ko", "free", "이메일 주소는 {v} 입니다. 연락 부탁드립니다."),
    ("ko", "free", "답장은 {v}로 보내주세요"),
]


def _build_emails(n: int) -> None:
    fi = si = 0
    i = 0
    while sum(1 for it in ITEMS if it["note"].startswith("EMAIL")) < n:
        lang, kind, tpl = _EMAIL_T[i % len(_EMAIL_T)]
        i += 1
        if kind == "free":
            style = _EMAIL_FREE_STYLES[fi % len(_EMAIL_FREE_STYLES)]
            fi += 1
            if "mailto:" in tpl:
                style = "plain"
        else:
            style = _EMAIL_STRUCT_STYLES[si % len(_EMAIL_STRUCT_STYLES)]
            si += 1
        name = _name(lang)
        v = _email_value(lang, style, name)
        text = _fill(tpl, v=v, name=name, date=_date(lang), amt=_amt(lang), ref=_ref(),
                     time=_time())
        _add(text, [("EMAIL", v)], f"EMAIL {style}; {lang}; {kind}")


# ---------------------------------------------------------------------------
# CARD
# ---------------------------------------------------------------------------

_CARD_NETS = [
    ("Visa", ["4"], [16, 16, 13, 19]),
    ("Mastercard", ["51", "52", "53", "54", "55", "2221", "2310", "2500", "2720"], [16]),
    ("Amex", ["34", "37"], [15]),
    ("Discover", ["6011", "65", "644", "649"], [16, 19]),
    ("Diners", ["36", "300", "305", "38"], [14]),
    ("JCB", ["3528", "3540", "3589"], [16]),
    ("UnionPay", ["62"], [16, 17, 18, 19]),
    ("Maestro", ["5018", "5020", "5038", "6304", "6759", "6761"], [12, 13, 15, 16, 19]),
    ("Mir", ["2200", "2201", "2204"], [16]),
    ("Elo", ["636368", "504175", "650031"], [16]),
    ("Hipercard", ["606282"], [16]),
    ("Troy", ["9792"], [16]),
    ("RuPay", ["6521", "6522", "508"], [16]),
]


def _sizes(net: str, n: int) -> list[int]:
    if net == "Amex":
        return [4, 6, 5]
    return {12: [4, 4, 4], 13: [4, 4, 5], 14: [4, 6, 4], 15: [4, 4, 4, 3], 16: [4, 4, 4, 4],
            17: [4, 4, 4, 5], 18: [6, 12], 19: [4, 4, 4, 4, 3]}[n]


def _group(num: str, sizes: list[int], sep: str) -> list[str]:
    out, i = [], 0
    for s in sizes:
        out.append(num[i:i + s])
        i += s
    if i < len(num):
        out.append(num[i:])
    return out


def _card_value(net: str, num: str, style: str) -> str:
    sz = _sizes(net, len(num))
    g = _group(num, sz, " ")
    if style == "space":
        return " ".join(g)
    if style == "none":
        return num
    if style == "dash":
        return "-".join(g)
    if style == "dot":
        return ".".join(g)
    if style == "dash_spaced":
        return " - ".join(g)
    if style == "digits":
        return " ".join(num)
    if style == "half":
        h = len(num) // 2
        return num[:h] + " " + num[h:]
    if style == "break":
        k = max(1, len(g) // 2)
        return " ".join(g[:k]) + "\n" + " ".join(g[k:])
    raise ValueError(style)


_CARD_STYLES = ["space", "none", "dash", "space", "digits", "break", "space", "dash_spaced",
                "none", "half", "space", "dot", "dash"]

_CARD_T = [
    ("en", "free", "Customer: my card number is {v} exp {exp}\n[Agent] Thank you, processing now."),
    ("en", "free", "card {v} was charged twice for {amt}!!"),
    ("en", "free", "Please update my payment method to {v}, the old card ending {last4} expired."),
    ("en", "free", "Call note: cust read out card {v}, cvv given verbally (not stored). Refund {amt}."),
    ("en", "struct", '{"order": "{ref}", "pan": "{v}", "amount": "{amt}"}'),
    ("en", "struct", "{date},{name},{v},{amt},declined"),
    ("en", "struct", "card_number={v}\ncard_holder={name}\nexpiry={exp}"),
    ("en", "free", "why does your site reject {v}?? works everywhere else"),
    ("en", "free", "1 star. Entered {v} three times, app crashed every time."),
    ("en", "struct", "{ref}|{v}|{exp}|{amt}"),
    ("en", "free", "SMS: use card {v} for the deposit pls"),
    ("en", "free", "[Agent] I'll need the long number on the card.\nCustomer: ok {v}"),
    ("de", "free", "Meine Kartennummer: {v}, gültig bis {exp}."),
    ("de", "struct", "{date};{name};{v};{amt}"),
    ("fr", "free", "Bonjour, le numéro de carte est {v} et la date d'expiration {exp}."),
    ("es", "free", "Mi número de tarjeta es {v}, me cobraron {amt} de más"),
    ("pt-br", "free", "Número do cartão: {v} validade {exp}"),
    ("pt-pt", "free", "O número do meu cartão é o {v}."),
    ("it", "free", "Numero carta {v} scadenza {exp}, grazie"),
    ("nl", "free", "Mijn kaartnummer is {v} (vervalt {exp})"),
    ("pl", "free", "Numer karty: {v}, proszę o zwrot {amt}"),
    ("sv", "free", "Kortnummer {v} drogs två gånger!"),
    ("tr", "free", "Kart numaram {v}, iade ne zaman yapılır?"),
    ("ja", "free", "カード番号：{v}\n有効期限：{exp}"),
    ("ko", "free", "카드번호 {v} 로 결제했는데 취소가 안 돼요"),
]


def _exp() -> str:
    return f"{_RNG8.randint(1, 12):02d}/{_RNG8.randint(25, 31)}"


def _build_cards(n: int) -> None:
    for i in range(n * 3):
        if sum(1 for it in ITEMS if it["note"].startswith("CARD")) >= n:
            break
        net, prefixes, lengths = _CARD_NETS[i % len(_CARD_NETS)]
        num = _luhn_complete(_pick(prefixes), _pick(lengths))
        lang, kind, tpl = _CARD_T[(i * 7) % len(_CARD_T)]
        style = _CARD_STYLES[(i + i // len(_CARD_NETS)) % len(_CARD_STYLES)]
        if kind == "struct" and style in ("break", "digits", "dash_spaced"):
            style = "space"
        v = _card_value(net, num, style)
        text = _fill(tpl, v=v, exp=_exp(), amt=_amt(lang), ref=_ref(), date=_date(lang),
                     name=_name(lang), last4=_d(4))
        _add(text, [("CARD", v)], f"CARD {net} {len(num)}d {style}; {lang}; {kind}")


# ---------------------------------------------------------------------------
# PHONE
# ---------------------------------------------------------------------------

_PHONE_FMT = {
    "US": ("en", ["(X##) X##-####", "X##-X##-####", "X##.X##.####", "+1 X##-X##-####",
                  "+1 (X##) X##-####", "1-X##-X##-####", "+1 X## X## ####", "X##X######"]),
    "CA": ("en", ["+1 604 X##-####", "(416) X##-####", "1 (514) X##-####"]),
    "UK": ("en", ["07### ######", "+44 7### ######", "+44 (0)20 7### ####", "020 7### ####",
                  "0161 ### ####", "+44 161 ### ####", "0044 7### ######", "(0113) ### ####"]),
    "AU": ("en", ["04## ### ###", "+61 4## ### ###", "(02) #### ####", "+61 2 #### ####"]),
    "IE": ("en", ["+353 87 ### ####", "087 ### ####", "(01) ### ####", "+353 (0)1 ### ####"]),
    "IN": ("en", ["+91 9#### #####", "09#### #####", "+91-22-####-####", "+91 80 #### ####"]),
    "DE": ("de", ["+49 30 ########", "030 ########", "+49 (0)89 #######", "0171 #######",
                  "0049 151 ########", "(030) #### ####", "+49 151 #### ####",
                  "0151/########", "+49-40-#######", "089 / ### ## ##"]),
    "AT": ("de", ["+43 664 #######", "0664 ### ## ##", "+43 (0)1 ### ## ##", "01 ### ## ##"]),
    "CH": ("de", ["+41 79 ### ## ##", "044 ### ## ##", "+41 (0)44 ### ## ##", "0041 79 ### ## ##"]),
    "FR": ("fr", ["06 ## ## ## ##", "07 ## ## ## ##", "+33 6 ## ## ## ##",
                  "+33 (0)1 ## ## ## ##", "01.##.##.##.##", "0033 6 ## ## ## ##",
                  "04-##-##-##-##", "+33 7########"]),
    "BE": ("fr", ["+32 470 ## ## ##", "0470 ## ## ##", "02 ### ## ##", "+32 2 ### ## ##"]),
    "ES": ("es", ["+34 6## ### ###", "6## ## ## ##", "91 ### ## ##", "0034 9## ### ###",
                  "+34 93 ### ## ##", "6########"]),
    "MX": ("es", ["+52 55 #### ####", "55 #### ####", "+52 1 55 #### ####", "(55) ####-####"]),
    "IT": ("it", ["+39 3## ### ####", "02 #### ####", "+39 06 #### ####", "3##-#######",
                  "0039 347 ### ####", "(06) ########"]),
    "NL": ("nl", ["+31 6 ########", "06-########", "020-#######", "+31 (0)20 ### ####",
                  "06 ## ## ## ##", "0031 6 ## ### ###"]),
    "PL": ("pl", ["+48 5## ### ###", "5##-###-###", "22 ### ## ##", "+48 22 ### ## ##",
                  "(22) ### ## ##", "0048 6## ### ###", "7## ### ###"]),
    "SE": ("sv", ["+46 70 ### ## ##", "070-### ## ##", "08-### ### ##", "+46 8 ### ### ##",
                  "073 ### ## ##", "0046 70 ### ## ##"]),
    "TR": ("tr", ["+90 5## ### ## ##", "05## ### ## ##", "(0212) ### ## ##", "0 5## ### ####",
                  "+90 (532) ### ## ##", "0216 ### ## ##"]),
    "JP": ("ja", ["090-####-####", "+81 90-####-####", "FW090-####-####", "03-####-####",
                  "+81 3 #### ####", "(03) ####-####", "06-####-####", "+81-80-####-####",
                  "080-####-####"]),
    "KR": ("ko", ["010-####-####", "+82 10-####-####", "02-###-####", "+82 2 #### ####",
                  "010 #### ####", "031-###-####", "+82-10-####-####"]),
    "BR": ("pt-br", ["(11) 9####-####", "+55 11 9####-####", "+55 (21) 2###-####",
                     "11 9#### ####", "(21) 9 ####-####", "+55 11 9########"]),
    "PT": ("pt-pt", ["+351 9## ### ###", "9## ### ###", "21 ### ####", "00351 21 ### ## ##",
                     "+351 22 ### ####"]),
}

_FW = str.maketrans("0123456789-", "０１２３４５６７８９－")


def _phone_from(fmt: str) -> str:
    fw = fmt.startswith("FW")
    if fw:
        fmt = fmt[2:]
    out = "".join(
        str(_RNG8.randrange(10)) if c == "#" else str(_RNG8.randint(2, 9)) if c == "X" else c
        for c in fmt
    )
    return out.translate(_FW) if fw else out


_PHONE_T = {
    "en": ["Customer: best number is {v}, after 6pm please", "call me back on {v} asap",
           "Tel: {v}", "[Agent] Can you confirm the callback number?\nCustomer: {v}",
           "Callback requested - {v} - cust irate re: late delivery {ref}",
           "text me at {v}!!", "Ph {v} ext. {ext}", "{name}, {v}, {date}, {amt}",
           "Mobile: {v}\nOffice hours 9-5", "Worst service ever. Called {v} 6 times, no answer.",
           '{"phone": "{v}", "ticket": "{ref}"}', '<a href="tel:{vc}">Call us</a>',
           "You can reach me at {v} x{ext} during the day.", "SMS from {v}: where is my parcel"],
    "de": ["Rückruf bitte unter {v}.", "Tel.: {v}", "Sie erreichen mich unter {v} (ab 17 Uhr)",
           "Zentrale {v} Durchwahl {ext}", "Handy: {v}", "{date};{name};{v};offen"],
    "fr": ["Rappelez-moi au {v} svp", "Tél : {v}", "mon portable : {v}", "Standard {v} poste {ext}",
           "{ref},{name},{v},{date}"],
    "es": ["Llámenme al {v}, gracias", "Tel. {v}", "mi móvil es el {v}", "Oficina: {v} ext. {ext}"],
    "it": ["Potete richiamarmi al {v}?", "Cell. {v}", "Ufficio {v} interno {ext}"],
    "nl": ["Bel me terug op {v} a.u.b.", "Tel: {v}", "Kantoor {v} toestel {ext}"],
    "pl": ["Proszę o telefon pod numer {v}.", "tel. {v}", "Biuro {v} wew. {ext}"],
    "sv": ["Ring mig på {v} efter lunch", "Tel: {v}", "Mobil: {v}"],
    "tr": ["Beni {v} numarasından arayabilir misiniz?", "Tel: {v}", "GSM: {v}"],
    "ja": ["電話番号：{v}", "{v}までご連絡ください。", "代表 {v} 内線{ext}"],
    "ko": ["연락처: {v}", "{v}로 전화 주세요", "전화번호는 {v} 입니다"],
    "pt-br": ["Me liga no {v} por favor", "Whats: {v}", "Tel.: {v} ramal {ext}"],
    "pt-pt": ["Contacte-me pelo {v}, obrigado.", "Telm.: {v}", "Tel. {v}"],
}


def _build_phones(n: int) -> None:
    countries = list(_PHONE_FMT)
    order = [(cc, f) for j in range(12) for cc in countries
             if j < len(_PHONE_FMT[cc][1]) for f in [_PHONE_FMT[cc][1][j]]]
    tcount: dict[str, int] = {}
    for i in range(n * 3):
        if sum(1 for it in ITEMS if it["note"].startswith("PHONE")) >= n:
            break
        cc, fmt = order[i % len(order)]
        lang = _PHONE_FMT[cc][0]
        v = _phone_from(fmt)
        tl = _PHONE_T[lang]
        k = tcount.get(lang, 0)
        tcount[lang] = k + 1
        tpl = tl[(k * 3 + i) % len(tl)]
        style = fmt
        if "{vc}" in tpl:
            v = "".join(c for c in v if c.isdigit() or c == "+")
            if "(0)" in fmt:
                v = v.replace("+440", "+44").replace("+330", "+33")
            style = "compact tel:"
        elif (i % 6 == 3 and v.count(" ") >= 2 and not tpl.startswith("{")
              and "{v}," not in tpl and "{v};" not in tpl and ", {v}," not in tpl):
            j = [k for k, c in enumerate(v) if c == " "][v.count(" ") // 2]
            v = v[:j] + "\n" + v[j + 1:]
            style += " +linebreak"
        text = _fill(tpl, v=v, vc=v, ext=str(_RNG8.randint(2, 499)), ref=_ref(),
                     name=_name(lang), date=_date(lang), amt=_amt(lang))
        _add(text, [("PHONE", v)], f"PHONE {cc} {style}; {lang}")


# ---------------------------------------------------------------------------
# URL
# ---------------------------------------------------------------------------

_SHOPS = ["acme-store", "northwind", "brightlane", "kaufhaus-weber", "maisonlumiere",
          "tiendasol", "lojabrasil", "negozio-verde", "fietsplaza", "sklep-online24",
          "nordicshop", "alisveris-merkezi", "hikari-mart", "hanbit-mall"]
_TLDS = ["com", "de", "fr", "es", "com.br", "it", "nl", "pl", "se", "com.tr", "co.jp",
         "co.kr", "co.uk", "io", "shop"]


def _code(n: int, alphabet: str = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") -> str:
    return "".join(_pick(alphabet) for _ in range(n))


def _url(i: int) -> tuple[str, str]:
    s, t = _pick(_SHOPS), _pick(_TLDS)
    opts = [
        ("https-path", f"https://www.{s}.{t}/account/orders/{_d(6)}"),
        ("query", f"https://{s}.{t}/track?order={_d(7)}&utm_source=email&utm_medium=crm"),
        ("bitly", f"bit.ly/{_code(7)}"),
        ("bitly-https", f"https://bit.ly/{_code(7)}"),
        ("tco", f"https://t.co/{_code(10)}"),
        ("youtube", f"https://youtu.be/{_code(11)}"),
        ("youtube-query", f"https://www.youtube.com/watch?v={_code(11)}&t={_RNG8.randint(5, 600)}s"),
        ("drive", f"https://drive.google.com/file/d/{_code(33)}/view?usp=sharing"),
        ("dropbox", f"https://www.dropbox.com/s/{_code(15).lower()}/receipt_{_d(4)}.pdf?dl=0"),
        ("wetransfer", f"https://we.tl/t-{_code(10)}"),
        ("www-bare", f"www.{s}.{t}/help/returns"),
        ("bare-path", f"{s}.{t}/kontakt/formular"),
        ("http", f"http://{s}.{t}/tracking?no={_d(9)}"),
        ("forms", f"https://docs.google.com/forms/d/e/{_code(20)}/viewform"),
        ("appstore", f"https://apps.apple.com/de/app/{s}/id{_d(10)}"),
        ("playstore", f"https://play.google.com/store/apps/details?id=com.{s.replace('-', '')}.app&hl=pt_BR"),
        ("instagram", f"https://www.instagram.com/p/{_code(11)}/"),
        ("tinyurl", f"tinyurl.com/{_code(8).lower()}"),
        ("amzn", f"https://amzn.eu/d/{_code(7)}"),
        ("wa.me", f"https://wa.me/{_pick(['49151', '3161', '5511', '90532', '4479'])}{_d(8)}"),
        ("zoom", f"https://us02web.zoom.us/j/{_d(11)}?pwd={_code(16)}"),
        ("maps", f"https://maps.app.goo.gl/{_code(17)}"),
    ]
    return opts[i % len(opts)]


_URL_T = [
    ("en", "@AcmeHelp look at this {v} 😡 #customerservice"),
    ("en", "Customer: here's the photo of the damage {v}\n[Agent] Got it, thanks."),
    ("en", "see {v}."),
    ("en", "(link: {v})"),
    ("en", "Tracking page <{v}> just says 'pending' for 9 days"),
    ("en", "2 stars - the checkout link {v} is broken on Android"),
    ("de", "Die Anleitung [hier]({v}) funktioniert nicht."),
    ("de", "Bitte hier ansehen: {v} – danke!"),
    ("fr", "Voici le lien : {v}"),
    ("es", "El enlace {v} no abre, ¿me ayudan?"),
    ("pt-br", "Olha o vídeo do defeito: {v}"),
    ("pt-pt", "O link ({v}) está em baixo."),
    ("it", "Ho caricato le foto qui {v}, grazie"),
    ("nl", "Zie {v} voor de foto's"),
    ("pl", "Zdjęcia paragonu: {v}"),
    ("sv", "Länken {v} funkar inte i appen"),
    ("tr", "Şu linkte sorun var: {v}"),
    ("ja", "こちらのリンク {v} から確認できます"),
    ("ko", "사진은 {v} 에 올렸습니다"),
    ("en", "{ref},{date},{v},escalated"),
]


def _build_urls(n: int) -> None:
    for i in range(n * 3):
        if sum(1 for it in ITEMS if it["note"].startswith("URL")) >= n:
            break
        style, v = _url(i)
        lang, tpl = _URL_T[(i * 7) % len(_URL_T)]
        if i % 6 == 5 and "/" in v[10:] and not tpl.startswith("{ref}"):
            j = v.rfind("/")
            v = v[:j + 1] + "\n" + v[j + 1:]
            style += " +linebreak"
        if i % 9 == 4:
            v = v.upper() if style.startswith(("www", "bare")) else v
        text = _fill(tpl, v=v, ref=_ref(), date=_date(lang))
        _add(text, [("URL", v)], f"URL {style}; {lang}")


# ---------------------------------------------------------------------------
# IBAN
# ---------------------------------------------------------------------------

def _iban_render(iban: str, style: str) -> str:
    groups = [iban[i:i + 4] for i in range(0, len(iban), 4)]
    if style == "print":
        return " ".join(groups)
    if style == "electronic":
        return iban
    if style == "lower_print":
        return " ".join(groups).lower()
    if style == "lower":
        return iban.lower()
    if style == "break":
        k = len(groups) // 2
        return " ".join(groups[:k]) + "\n" + " ".join(groups[k:])
    raise ValueError(style)


_IBAN_STYLES = ["print", "electronic", "print", "lower", "break", "electronic", "lower_print"]

_IBAN_T = {
    "de": ["Bitte überweisen Sie die Erstattung auf IBAN {v}.", "IBAN: {v}\nBIC: {bic}",
           "Kontoinhaber: {name}, IBAN {v}"],
    "en": ["Please refund to my account {v}", "{date},{name},{v},{amt}", '{"iban": "{v}", "holder": "{name}"}',
           "Customer: can you pay it back to {v}?\n[Agent] Sure, 5-7 working days."],
    "fr": ["Merci de rembourser sur mon IBAN : {v}", "RIB/IBAN {v} — titulaire {name}"],
    "es": ["Mi IBAN es {v}, titular {name}"],
    "it": ["IBAN per il rimborso: {v}"],
    "nl": ["Graag terugstorten op {v} t.n.v. {name}"],
    "pl": ["Proszę o zwrot na konto {v}"],
    "sv": ["Återbetala till IBAN {v} tack"],
    "tr": ["İade için IBAN numaram: {v}"],
    "pt-br": ["Conta para estorno (IBAN): {v}"],
    "pt-pt": ["O meu IBAN é {v}."],
}
_IBAN_LANG = {"DE": "de", "AT": "de", "CH": "de", "FR": "fr", "BE": "fr", "LU": "fr",
              "ES": "es", "IT": "it", "NL": "nl", "PL": "pl", "SE": "sv", "TR": "tr",
              "BR": "pt-br", "PT": "pt-pt"}


def _build_ibans(n: int) -> None:
    ccs = list(_IBAN_SPECS)
    for i in range(n * 3):
        if sum(1 for it in ITEMS if it["note"].startswith("IBAN")) >= n:
            break
        cc = ccs[i % len(ccs)]
        lang = _IBAN_LANG.get(cc, "en")
        tl = _IBAN_T[lang]
        tpl = tl[(i // len(ccs) + i) % len(tl)]
        style = _IBAN_STYLES[i % len(_IBAN_STYLES)]
        if tpl.startswith(("{date}", '{"')) and style == "break":
            style = "electronic"
        v = _iban_render(_make_iban(cc), style)
        bic = _pick(["COBADEFFXXX", "DEUTDEDBBER", "INGDDEFFXXX", "GENODEF1M04"])
        nm_lang = lang if lang in _NAMES else "en"
        text = _fill(tpl, v=v, name=_name(nm_lang), date=_date(nm_lang), amt=_amt(nm_lang), bic=bic)
        _add(text, [("IBAN", v)], f"IBAN {cc} {style}; {lang}")


# ---------------------------------------------------------------------------
# SSN
# ---------------------------------------------------------------------------

_SSN_T = [
    ("label", "SSN: {v}"),
    ("label", "SSN#{v}"),
    ("label", "my social is {v} if you need it"),
    ("label", "Call note {time}: verified caller w/ SS# {v} and DOB {dob}."),
    ("csv", "{name},{v},{dob},{state},{amt}"),
    ("json", '{"applicant": "{name}", "ssn": "{v}", "dob": "{dob}"}'),
    ("label", "Social Security Number: {v}\nDate of birth: {dob}"),
    ("label", "Mi número de seguro social es {v}, ¿qué más necesitan?"),
    ("tsv", "{ref}\t{name}\t{v}\t{state}"),
    ("pipe", "{date}|{v}|{name}|approved"),
    ("label", "Customer: do you really need my SSN?\n[Agent] Yes, for the credit check.\nCustomer: fine, {v}"),
    ("label", "soc sec no. {v} (spouse)"),
    ("label", "W-9 attached, SSN is {v}."),
    ("csv", "{v},{name},{state},{date}"),
]
_SSN_SEPS = ["-", "-", " ", ".", "", "-"]
_STATES = ["CA", "TX", "NY", "FL", "IL", "OH", "WA", "GA", "NC", "AZ"]


def _build_ssns(n: int) -> None:
    for i in range(n * 3):
        if sum(1 for it in ITEMS if it["note"].startswith("SSN")) >= n:
            break
        kind, tpl = _SSN_T[i % len(_SSN_T)]
        sep = _SSN_SEPS[(i // len(_SSN_T) + i) % len(_SSN_SEPS)]
        a, g, s = _ssn_parts()
        v = sep.join((a, g, s))
        dob = f"{_RNG8.randint(1, 12):02d}/{_RNG8.randint(1, 28):02d}/{_RNG8.randint(1950, 2003)}"
        text = _fill(tpl, v=v, name=_name("en"), dob=dob, state=_pick(_STATES), amt=_amt("en"),
                     ref=_ref(), date=_date("en"), time=_time())
        _add(text, [("SSN", v)], f"SSN sep={sep!r}; {kind}")


# ---------------------------------------------------------------------------
# multi-value items
# ---------------------------------------------------------------------------

def _build_multi() -> None:
    # signatures: EMAIL + PHONE (+ URL)
    sig_specs = [("en", "US"), ("de", "DE"), ("fr", "FR"), ("en", "UK"), ("it", "IT"),
                 ("nl", "NL"), ("pl", "PL"), ("sv", "SE"), ("es", "ES"), ("pt-br", "BR"),
                 ("ja", "JP"), ("ko", "KR")]
    for j, (lang, cc) in enumerate(sig_specs):
        name = _name(lang)
        em = _email_value(lang, "plain" if j % 3 else "cap", name)
        ph = _phone_from(_PHONE_FMT[cc][1][j % len(_PHONE_FMT[cc][1])])
        ph2 = _phone_from(_PHONE_FMT[cc][1][(j + 1) % len(_PHONE_FMT[cc][1])])
        pii = [("PHONE", ph), ("PHONE", ph2), ("EMAIL", em)]
        lines = ["--", name, f"T: {ph}", f"M: {ph2}", f"E: {em}"]
        if j % 2 == 0:
            _, u = _url(j * 5 + 1)
            u = u if not u.startswith("https://bit") else "www.brightlane.io/team"
            lines.append(f"W: {u}")
            pii.append(("URL", u))
        lines.append("Sent from my iPhone" if j % 3 == 0 else "")
        _add("\n".join(lines).rstrip("\n"), pii, f"MULTI signature; {lang}")
    # CSV export rows EMAIL + PHONE
    for j, cc in enumerate(["US", "DE", "FR", "ES", "IT", "NL", "BR", "TR"]):
        lang = _PHONE_FMT[cc][0]
        name = _name(lang)
        em = _email_value(lang, "plain", name)
        ph = _phone_from(_PHONE_FMT[cc][1][j % len(_PHONE_FMT[cc][1])])
        text = f"{_d(5)},{name},{em},{ph},{_date(lang)},{_amt(lang).replace(',', '.')}"
        _add(text, [("EMAIL", em), ("PHONE", ph)], f"MULTI csv export; {lang}")
    # web form dump EMAIL + PHONE + CARD
    for j in range(5):
        name = _name("en")
        em = _email_value("en", "plain", name)
        ph = _phone_from(_PHONE_FMT["US"][1][j])
        net, pre, lens = _CARD_NETS[j]
        card = _card_value(net, _luhn_complete(pre[0], lens[0]), "space" if j % 2 else "none")
        text = (f"first_name={name.split()[0]}\nlast_name={name.split()[1]}\nemail={em}\n"
                f"phone={ph}\ncc_number={card}\ncc_exp={_exp()}\nnewsletter=on")
        _add(text, [("EMAIL", em), ("PHONE", ph), ("CARD", card)], "MULTI web-form dump; en")
    # JSON with IBAN + EMAIL
    for j, cc in enumerate(["DE", "NL", "FR", "PL"]):
        lang = _IBAN_LANG[cc]
        name = _name(lang)
        em = _email_value(lang, "plain", name)
        ib = _make_iban(cc)
        text = (f'{{"customer": {{"name": "{name}", "email": "{em}"}}, '
                f'"refund": {{"iban": "{ib}", "amount": "{_amt(lang)}"}}}}')
        _add(text, [("EMAIL", em), ("IBAN", ib)], f"MULTI json iban+email; {lang}")
    # SSN + PHONE call notes
    for j in range(5):
        a, g, s = _ssn_parts()
        ssn = "-".join((a, g, s)) if j % 2 == 0 else f"{a} {g} {s}"
        ph = _phone_from(_PHONE_FMT["US"][1][j + 1])
        text = (f"{_date('en')} {_time()} inbound - caller verified SSN {ssn}, "
                f"wants callback at {ph} re: loan {_ref()}")
        _add(text, [("SSN", ssn), ("PHONE", ph)], "MULTI call note ssn+phone; en")
    # two e-mails in one text
    for j, lang in enumerate(["en", "de", "fr", "es"]):
        n1, n2 = _name(lang), _name(lang)
        e1 = _email_value(lang, "plain", n1)
        e2 = _email_value(lang, "plain", n2)
        if e1 == e2:
            continue
        text = f"To: {e1}\nCc: {e2}\nSubject: Re: {_ref()}"
        _add(text, [("EMAIL", e1), ("EMAIL", e2)], f"MULTI two emails; {lang}")
    # tel: links (value is the number only)
    for j, (cc, lang, tpl) in enumerate([
        ("DE", "de", '<a href="tel:{v}">Jetzt anrufen</a>'),
        ("FR", "fr", "Appelez-nous : [tel:{v}](tel:{v})"),
        ("UK", "en", 'Tap to call: tel:{v}'),
        ("ES", "es", '<a href="tel:{v}" class="btn">Llamar</a>'),
    ]):
        raw = _phone_from(_PHONE_FMT[cc][1][1])
        v = "".join(c for c in raw if c.isdigit() or c == "+").replace("+440", "+44").replace("+330", "+33")
        text = _fill(tpl, v=v)
        pii = [("PHONE", v)] * text.count(v)
        _add(text, pii, f"PHONE {cc} compact tel: link; {lang}")
    # masked old card + real new card, masked email + real email
    for j in range(3):
        num = _luhn_complete("4", 16)
        v = _card_value("Visa", num, "space")
        text = f"Old card **** **** **** {_d(4)} is blocked, please use {v} from now on."
        _add(text, [("CARD", v)], "CARD with masked sibling; en")
    for j, lang in enumerate(["de", "en"]):
        name = _name(lang)
        em = _email_value(lang, "plain", name)
        text = (f"Die Adresse m****r@gmx.de ist veraltet, neu: {em}" if lang == "de"
                else f"We have j***@gmail.com on file - customer says correct one is {em}")
        _add(text, [("EMAIL", em)], f"EMAIL with masked sibling; {lang}")


# ---------------------------------------------------------------------------
# hard negatives
# ---------------------------------------------------------------------------

def _ean() -> str:
    while True:
        body = _pick(["40", "50", "76", "87", "300"]) + _d(12 - 2)
        body = body[:12]
        s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
        ean = body + str((10 - s % 10) % 10)
        if not _luhn_ok(ean):
            return ean


def _neg_gens():
    L = _luhn_invalid
    return [
        lambda: f"Order #{_d(3)}-{_d(7)}-{_d(7)} shipped on {_date()}",
        lambda: f"Tracking no. {' '.join(_group(L('4', 16), [4, 4, 4, 4], ' '))} - still not delivered",
        lambda: f"Bestellnummer {L('5', 16)} vom {_date('de')}",
        lambda: f"Invoice INV-{_RNG8.randint(2023, 2025)}-{_d(6)} total {_amt()}",
        lambda: f"Rechnungsnummer {_RNG8.randint(2023, 2025)}/{_d(2)}/{_d(5)}, Betrag {_amt('de')}",
        lambda: f"Ref {'-'.join(_group(L('3', 16), [4, 4, 4, 4], '-'))} on your statement?",
        lambda: f"Price went from ${_RNG8.randint(1, 9)},{_d(3)}.00 to ${_RNG8.randint(1, 9)},{_d(3)}.99 overnight",
        lambda: f"Total: {_RNG8.randint(1, 99)}.{_d(3)}.{_d(3)},{_d(2)} €",
        lambda: f"Paguei R$ {_RNG8.randint(1, 9)}.{_d(3)},{_d(2)} e não recebi",
        lambda: f"Kwota: {_RNG8.randint(1, 99)} {_d(3)} {_d(3)},{_d(2)} zł",
        lambda: f"Delivered {_date()} at {_time()}, signed by reception",
        lambda: f"Termin am {_date('de')} um {_time()} Uhr bestätigt",
        lambda: f"Le rendez-vous est le {_date('fr')} à {_RNG8.randint(8, 19)}h{_pick(['00', '15', '30', '45'])}",
        lambda: f"App version {_RNG8.randint(1, 9)}.{_RNG8.randint(0, 30)}.{_RNG8.randint(0, 99)} (build {_d(5)}) crashes on iOS 17.{_RNG8.randint(0, 5)}.1",
        lambda: f"firmware 2024.{_RNG8.randint(1, 12):02d}.{_d(2)}.{_d(4)} still has the bug",
        lambda: f"Flight {_pick(['LH', 'BA', 'TK', 'FR', 'AF', 'KL', 'LO', 'SK', 'NH', 'KE', 'TP', 'LA'])} {_d(4)} cancelled, rebooked on {_pick(['LH', 'BA', 'TK'])}{_d(3)}",
        lambda: f"Versand an {_d(5)} Berlin, Packstation {_d(3)}",
        lambda: f"Delivery address postcode {_pick(['SW1A 1AA', 'EC1A 1BB', 'M1 1AE', 'B33 8TH'])}, flat {_d(2)}",
        lambda: f"Adres: ul. Marszałkowska {_d(2)}, {_d(2)}-{_d(3)} Warszawa",
        lambda: f"〒{_d(3)}-{_d(4)} 東京都千代田区 にお届け予定です",
        lambda: f"CEP {_d(5)}-{_d(3)} São Paulo - SP",
        lambda: f"Charged to card ending {_d(4)}, thanks",
        lambda: f"Visa •••• {_d(4)} declined",
        lambda: f"Karte **** **** **** {_d(4)} wurde belastet",
        lambda: f"XXXX-XXXX-XXXX-{_d(4)} exp {_exp()}",
        lambda: f"SSN on file: ***-**-{_d(4)}",
        lambda: f"Verified last 4 of SSN ({_d(4)}) and zip {_d(5)}",
        lambda: f"Contact: {_pick('abcdjmkstp')}****{_pick('rnlea')}@{_pick(['gmx.de', 'gmail.com', 'web.de', 'yahoo.fr'])}",
        lambda: f"E-Mail an {_pick('abcdjmk')}***@***.de gesendet",
        lambda: f"IBAN ending {_d(4)} has been verified",
        lambda: f"Rückerstattung auf DE** **** **** **** **{_d(2)} {_d(2)} veranlasst",
        lambda: f"Nummer endet auf ...{_d(3)}, bitte bestätigen",
        lambda: f"USt-IdNr.: DE{_d(9)} | HRB {_d(6)} B | Amtsgericht Charlottenburg",
        lambda: f"EIN {_d(2)}-{_d(7)} (business account)",
        lambda: f"SIRET {_d(3)} {_d(3)} {_d(3)} {_d(5)} – SAS Lumière",
        lambda: f"NIP {_d(3)}-{_d(3)}-{_d(2)}-{_d(2)}, REGON {_d(9)}",
        lambda: f"KvK-nummer {_d(8)}, btw NL{_d(9)}B01",
        lambda: f"Org.nr 556{_d(3)}-{_d(4)}",
        lambda: f"CNPJ {_d(2)}.{_d(3)}.{_d(3)}/0001-{_d(2)}",
        lambda: f"P.IVA {_d(11)} - Codice SDI {_code(7).upper()}",
        lambda: f"Vergi No: {_d(10)}",
        lambda: f"SKU {_d(7)}-{_d(3)} out of stock again",
        lambda: f"EAN {_ean()} scanned wrong at checkout",
        lambda: f"Product code {_code(3).upper()}-{_d(5)}-{_code(2).upper()} size 42",
        lambda: f"event_ts=2024-{_RNG8.randint(1, 12):02d}-{_RNG8.randint(1, 28):02d}T{_time()}:{_RNG8.randint(10, 59)}.{_d(3)}Z level=INFO",
        lambda: f"created_at: 17{_d(8)}",
        lambda: f"{_date()} {_time()}:{_RNG8.randint(10, 59)} UTC+{_RNG8.randint(0, 9)} - session {_code(12).lower()}",
        lambda: f"Over {_RNG8.randint(1, 9)} {_d(3)} {_d(3)} downloads and still no dark mode",
        lambda: f"{_RNG8.randint(1, 9)},{_d(3)},{_d(3)} users affected by the outage",
        lambda: f"Befolkning: {_RNG8.randint(1, 9)} {_d(3)} {_d(3)} invånare",
        lambda: f"Revenue Q3: $ {_RNG8.randint(10, 99)},{_d(3)},{_d(3)}.{_d(2)}",
        lambda: f"¥{_RNG8.randint(1, 99)},{_d(3)}（税込）のご請求です",
        lambda: f"결제 금액 ₩{_RNG8.randint(10, 999)},{_d(3)} 확인 부탁드립니다",
        lambda: f"Toplam tutar ₺{_RNG8.randint(1, 9)}.{_d(3)},{_d(2)}",
        lambda: f"Ticket {_d(8)} reopened by agent {_RNG8.randint(100, 999)}",
        lambda: f"Case ID 5{_d(3)}-{_d(3)}-{_d(3)}",
        lambda: f"UPS 1Z{_code(6, 'ABCDEFGHJKLMNPRTVWXY0123456789')}{_d(10)} – stuck in Köln",
        lambda: f"Sendungsnummer JJD{_d(18)}",
        lambda: f"USPS {_d(4)} {_d(4)} {_d(4)} {_d(4)} {_d(4)} {_d(2)}",
        lambda: f"Colissimo 6A{_d(11)} livré chez le voisin",
        lambda: f"Router IP 192.168.{_RNG8.randint(0, 9)}.{_RNG8.randint(2, 254)} after the update",
        lambda: f"@acme_support @{_pick(['NorthwindHelp', 'lojabrasil', 'BrightLane'])} still broken #fail",
        lambda: f"Meeting @ {_RNG8.randint(1, 11)}pm tomorrow, 3 items @ €{_RNG8.randint(2, 9)}.99 each",
        lambda: f"Attached: Rechnung_{_RNG8.randint(2023, 2025)}-{_RNG8.randint(1, 12):02d}.pdf and IMG_2024{_RNG8.randint(1, 12):02d}{_RNG8.randint(10, 28)}_{_RNG8.randint(10, 23)}{_d(4)}.jpg",
        lambda: f"Works fine on Node.js {_RNG8.randint(14, 22)} and ASP.NET, e.g. in Chrome {_d(3)}.0",
        lambda: f"Opening hours Mon-Fri 9 a.m. - {_RNG8.randint(4, 7)} p.m., i.e. not on weekends",
        lambda: f"Batch {_d(2)}/{_d(4)}/{_d(3)} - lot {_code(4).upper()}{_d(3)}",
        lambda: f"Pedido nº {_d(4)}.{_d(4)}.{_d(4)} ainda não chegou",
        lambda: f"Numero ordine {L('6', 16)} del {_date('it')}",
        lambda: f"Bestelnummer {L('4', 16)} is nooit aangekomen",
        lambda: f"Nr zamówienia {_d(3)}-{_d(3)}-{_d(3)}-{_d(3)}",
        lambda: f"Sipariş no: {L('5', 16)}",
        lambda: f"注文番号：{_d(3)}-{_d(7)}-{_d(7)}",
        lambda: f"주문번호 {_RNG8.randint(2023, 2025)}{_d(4)}{_d(6)}",
        lambda: f"Ordernummer {_d(5)}-{_d(5)}-{_d(4)}, summa {_amt('sv')}",
        lambda: f"{_ref()},{_date()},{_amt()},{_name('en')},shipped",
        lambda: f"{_d(6)}\t{_date('de')}\t{_amt('de')}\tzugestellt",
        lambda: f"{_d(5)}|{_name('fr')}|{_date('fr')}|{_amt('fr')}|remboursé",
        lambda: f'{{"order_id": "{_d(12)}", "total": "{_amt()}", "status": "paid"}}',
        lambda: f"Your verification code is {_d(6)}. It expires in 10 minutes.",
        lambda: f"Called the hotline {_RNG8.randint(3, 12)} times, waited {_RNG8.randint(20, 90)} min each",
        lambda: f"Gift card code {_code(4).upper()}-{_code(4).upper()}-{_code(4).upper()} not accepted",
        lambda: f"IMEI {_d(15)[:2]}*********{_d(2)} blocked",
        lambda: f"Coordinates {_RNG8.randint(10, 60)}.{_d(6)}, {_RNG8.randint(1, 30)}.{_d(6)}",
        lambda: f"Rate {_RNG8.randint(1, 9)}/10, would not recommend.It broke after {_RNG8.randint(2, 9)} days",
        lambda: f"Room {_d(3)}, booking {_code(6).upper()}, check-in {_date()} {_time()}",
        lambda: f"Serial number SN{_d(4)}-{_d(4)}-{_d(4)}",
        lambda: f"Account ID {_d(10)} - please merge with the old one",
        lambda: f"Artikel-Nr. {_d(3)}.{_d(3)}.{_d(2)}",
    ]


def _build_negatives(n: int) -> None:
    gens = _neg_gens()
    i = 0
    made = 0
    while made < n and i < n * 5:
        g = gens[i % len(gens)]
        i += 1
        text = g()
        runs = re.findall(r"\d[\d .-]*\d", text)
        if any(12 <= len(re.sub(r"\D", "", r)) <= 19 and _luhn_ok(re.sub(r"\D", "", r)) for r in runs):
            continue
        if _add(text, [], f"NEG gen{(i - 1) % len(gens)}"):
            made += 1


# ---------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------

_build_emails(92)
_build_cards(115)
_build_phones(80)
_build_urls(34)
_build_ibans(26)
_build_ssns(40)
_build_multi()
_build_negatives(160)

_RNG8.shuffle(ITEMS)


def _counts() -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for t in sorted(_TYPES):
        items = sum(1 for it in ITEMS if any(p["type"] == t for p in it["pii"]))
        vals = sum(1 for it in ITEMS for p in it["pii"] if p["type"] == t)
        out[t] = (items, vals)
    out["NEGATIVE"] = (sum(1 for it in ITEMS if not it["pii"]), 0)
    out["TOTAL"] = (len(ITEMS), sum(len(it["pii"]) for it in ITEMS))
    return out


COUNTS = _counts()

# ---------------------------------------------------------------------------
# import-time checks
# ---------------------------------------------------------------------------

_texts: set[str] = set()
for _it in ITEMS:
    assert set(_it) == {"text", "pii", "note"}, _it
    assert isinstance(_it["text"], str) and isinstance(_it["note"], str)
    assert _it["text"] not in _texts, _it["text"]
    _texts.add(_it["text"])
    for _p in _it["pii"]:
        assert _p["type"] in _TYPES, _p
        assert _p["value"] and _p["value"] in _it["text"], (_p, _it["text"])
        if _p["type"] == "CARD":
            _digits = "".join(c for c in _p["value"] if c.isdigit())
            assert 12 <= len(_digits) <= 19 and _luhn_ok(_digits), _p
        if _p["type"] == "IBAN":
            assert _iban_ok(_p["value"]), _p
del _texts

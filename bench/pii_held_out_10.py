"""Held-out PII test set 10 (written blind).

How it was written
------------------
Written from the task brief alone. The author did not open the redactor
(``voc_engine/nlp/redact.py``), its tests, the PII benchmark/forms modules,
any earlier held-out set, stored PII results, the README's PII sections or
the project notes, and never ran the redactor or any benchmark on this set.
Everything is built at import time from one seeded generator (standard
library only), so the set is fully deterministic.

Counts
------
597 items: 437 with PII (34 of them carry 2-3 values:
signatures, forms, exports), 160 hard negatives ("pii": []).
Per type (items containing the type / values):
  EMAIL   120 items /  120 values
  CARD    120 items /  120 values
  PHONE   120 items /  120 values
  URL      40 items /   40 values
  IBAN     30 items /   30 values
  SSN      45 items /   45 values
  total  475 values

Span conventions
----------------
* The value is the PII exactly as written, including obfuscation
  ("anna [at] gmx [punkt] de"), domain typos ("gmial.com"), odd grouping and
  internal line breaks.
* Wrappers and labels are outside the value: ``mailto:``, ``tel:``, brackets,
  quotes, guillemets, CJK brackets, trailing sentence punctuation,
  ``IBAN:``, ``SSN#``, ``Tel.:``.
* Phone extensions (ext., x, Durchwahl, poste, interno, wew., ramal, toestel,
  内線) are outside the value; ``+``, ``00`` and ``(0)`` prefixes are inside.
* Partial or masked values (last four digits, ``**** 1234``, ``j***@...``)
  are never PII.
* A number inside a URL belongs to the URL only.
* Digits spelled out in words are not PII.

Styles covered
--------------
EMAIL: personal/ISP/webmail/company addresses in ~18 locales, QQ numeric
  locals, upper case, ``mailto:`` and ``<...>`` wrappers, obfuscation with the
  local word for "at"/"dot" (at, punkt, arobase, arroba, chiocciola, małpa,
  snabel-a, krøllalfa, kukac, zavináč, et, παπάκι, ＠/アット, 골뱅이, # / 艾特),
  common domain typos, a line break inside, glued punctuation.
CARD: Visa, Mastercard (51-55 and 2-series), Amex (4-6-5), Discover, JCB,
  UnionPay (16/19), Diners (14, 4-6-4), Maestro (16/19), Elo, Hipercard,
  RuPay, Mir, Troy; spaces, hyphens, no separator, dots, odd grouping, a line
  break between groups, glued labels/punctuation.
PHONE: 31 countries (US CA GB IE AU IN ZA DE AT CH FR BE ES MX PT BR IT NL
  PL SE NO DK FI TR GR CZ HU RO JP KR CN) in national form with trunk 0,
  international with ``+``/``00``/``(0)``, slashes, dots, hyphens, full-width
  digits (JP), extensions outside, ``tel:`` wrappers, line break inside,
  odd regrouping.
URL: with and without scheme, shop/order/tracking/profile/cloud-share/
  short links, query strings with numbers, phishing links quoted by
  customers, wrapped in brackets or followed by punctuation.
IBAN: 22 countries (DE AT CH FR ES IT NL BE GB IE PT PL SE DK NO FI CZ HU RO
  GR TR LU), grouped by four, electronic form, glued ``IBAN:`` label, line
  break inside, one in lower case.
SSN: US numbers in valid ranges, ``ddd-dd-dddd``, spaced, unseparated with a
  label, labelled and unlabelled, English and Spanish.
Hard negatives: order/tracking/invoice numbers, company/tax/registration
  numbers of ~20 countries (EIN, USt-IdNr, SIRET, NIF/CIF, P.IVA, KvK, NIP,
  CVR, org.nr, 사업자등록번호, 统一社会信用代码, CNPJ, ABN, ...), Luhn-invalid
  16-digit numbers, IMEIs, EANs, prices, dates, times, versions, flight
  numbers, postcodes, masked cards/IBANs/phones/e-mails/SSNs, spelled-out
  digits, software names and file names with dots.
"""

import random
import re
import unicodedata

_RNG10 = random.Random(10_1205_2026)
_r = _RNG10

TYPES = ("EMAIL", "URL", "IBAN", "CARD", "SSN", "PHONE")


# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------
def _d(n):
    return "".join(str(_r.randrange(10)) for _ in range(n))


def _nz(n):
    return str(_r.randint(1, 9)) + _d(n - 1)


def _pick(seq):
    return seq[_r.randrange(len(seq))]


def _wpick(pairs):
    total = sum(w for _, w in pairs)
    x = _r.uniform(0, total)
    acc = 0.0
    for item, w in pairs:
        acc += w
        if x <= acc:
            return item
    return pairs[-1][0]


def _fill(tpl, **kw):
    out = tpl
    for k, v in kw.items():
        out = out.replace("{" + k + "}", v)
    return out


def _luhn_ok(s):
    ds = [int(c) for c in s if c.isdigit()]
    tot = 0
    for i, dgt in enumerate(reversed(ds)):
        if i % 2 == 1:
            dgt *= 2
            if dgt > 9:
                dgt -= 9
        tot += dgt
    return tot % 10 == 0


def _luhn_make(prefix, length):
    body = prefix + _d(length - len(prefix) - 1)
    for c in "0123456789":
        if _luhn_ok(body + c):
            return body + c
    raise AssertionError


def _luhn_bad(prefix, length):
    good = _luhn_make(prefix, length)
    return good[:-1] + str((int(good[-1]) + 1 + _r.randrange(8)) % 10)


def _iban_ok(s):
    s = "".join(c for c in s if c.isalnum()).upper()
    s = s[4:] + s[:4]
    num = "".join(str(int(c, 36)) for c in s)
    return int(num) % 97 == 1


def _group(s, sizes, sep=" "):
    out, i = [], 0
    for n in sizes:
        if i >= len(s):
            break
        out.append(s[i:i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(out)


def _ascii(s, lang="en"):
    if lang == "de":
        for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"),
                     ("Ö", "Oe"), ("Ü", "Ue")):
            s = s.replace(a, b)
    for a, b in (("ß", "ss"), ("ł", "l"), ("Ł", "L"), ("ø", "o"), ("Ø", "O"),
                 ("æ", "ae"), ("ı", "i"), ("đ", "d")):
        s = s.replace(a, b)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


# --------------------------------------------------------------------------
# names, domains, fillers
# --------------------------------------------------------------------------
_NAMES = {
    "en": (["James", "Sarah", "Michael", "Emily", "David", "Jessica", "Chris",
            "Laura", "Daniel", "Megan", "Tom", "Rachel", "Kevin", "Olivia",
            "Priya", "Ryan", "Aisha", "Liam", "Grace", "Marcus"],
           ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans",
            "Miller", "Clarke", "Walker", "Murphy", "O'Connor", "Patel",
            "Nguyen", "Thompson", "Harris", "Robinson", "Kelly", "Singh",
            "Wright"]),
    "de": (["Jürgen", "Anna", "Lukas", "Sabine", "Stefan", "Katrin", "Jörg",
            "Monika", "Felix", "Lena"],
           ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker",
            "Hoffmann", "Schäfer", "Koch", "Groß"]),
    "fr": (["Camille", "Julien", "Léa", "Nicolas", "Chloé", "Mathieu",
            "Élodie", "Thomas"],
           ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard",
            "Lambert", "Rousseau"]),
    "es": (["Lucía", "Javier", "María", "Alejandro", "Carmen", "Sergio",
            "Paula", "Andrés"],
           ["García", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
            "Gómez", "Ruiz"]),
    "pt": (["João", "Ana", "Pedro", "Mariana", "Tiago", "Beatriz", "Lucas",
            "Camila"],
           ["Silva", "Santos", "Ferreira", "Oliveira", "Costa", "Rodrigues",
            "Almeida", "Souza"]),
    "it": (["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro",
            "Sara", "Matteo"],
           ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano",
            "Colombo", "Ricci"]),
    "nl": (["Daan", "Sanne", "Bram", "Lotte", "Jeroen", "Femke", "Sem",
            "Eva"],
           ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker",
            "Visser", "Smit", "Meijer"]),
    "pl": (["Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Magdalena",
            "Paweł", "Joanna", "Łukasz"],
           ["Kowalski", "Nowak", "Wiśniewska", "Wójcik", "Kamińska",
            "Lewandowski", "Zieliński", "Szymańska"]),
    "sv": (["Erik", "Anna", "Johan", "Karin", "Oskar", "Elin"],
           ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson",
            "Larsson"]),
    "no": (["Ole", "Ingrid", "Lars", "Kari", "Magnus", "Silje"],
           ["Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen"]),
    "da": (["Mads", "Sofie", "Rasmus", "Mette", "Frederik", "Ida"],
           ["Jensen", "Nielsen", "Pedersen", "Christensen", "Sørensen",
            "Rasmussen"]),
    "fi": (["Mikko", "Aino", "Juha", "Laura", "Antti", "Sanna"],
           ["Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Hämäläinen",
            "Laine"]),
    "tr": (["Mehmet", "Ayşe", "Mustafa", "Elif", "Emre", "Zeynep"],
           ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk"]),
    "el": (["Giorgos", "Maria", "Nikos", "Eleni", "Dimitris", "Katerina"],
           ["Papadopoulos", "Georgiou", "Nikolaidis", "Oikonomou",
            "Papadaki", "Vlachou"]),
    "cs": (["Jan", "Petra", "Tomáš", "Lucie", "Jakub", "Tereza"],
           ["Novák", "Svoboda", "Dvořák", "Černá", "Procházka", "Kučerová"]),
    "hu": (["Bence", "Eszter", "Gábor", "Anna", "Péter", "Réka"],
           ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga"]),
    "ro": (["Andrei", "Ioana", "Mihai", "Elena", "Alexandru", "Cristina"],
           ["Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Constantin"]),
    "ja": (["Yuki", "Haruto", "Sakura", "Takumi", "Aoi", "Ren"],
           ["Tanaka", "Suzuki", "Takahashi", "Watanabe", "Ito", "Yamamoto"]),
    "ko": (["Minjun", "Seoyeon", "Jiho", "Jiwoo", "Hyunwoo", "Soyeon"],
           ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"]),
    "zh": (["Wei", "Fang", "Lei", "Jing", "Hao", "Min"],
           ["Zhang", "Wang", "Li", "Liu", "Chen", "Yang"]),
}

_DOMAINS = {
    "en": ["gmail.com"] * 6 + ["yahoo.com", "outlook.com", "hotmail.com",
           "icloud.com", "aol.com", "hotmail.co.uk", "btinternet.com",
           "comcast.net", "bigpond.com", "yahoo.co.in", "sky.com",
           "verizon.net", "protonmail.com", "eircom.net", "shaw.ca"],
    "de": ["gmx.de", "web.de", "t-online.de", "gmail.com", "gmx.at",
           "bluewin.ch", "posteo.de", "freenet.de", "gmx.net"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "sfr.fr", "gmail.com",
           "hotmail.fr", "wanadoo.fr", "skynet.be"],
    "es": ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net",
           "outlook.es", "prodigy.net.mx", "hotmail.com"],
    "pt": ["gmail.com", "sapo.pt", "hotmail.com", "uol.com.br", "bol.com.br",
           "terra.com.br", "outlook.pt"],
    "it": ["libero.it", "virgilio.it", "gmail.com", "alice.it", "tiscali.it",
           "hotmail.it"],
    "nl": ["ziggo.nl", "kpnmail.nl", "hotmail.nl", "gmail.com", "telenet.be",
           "planet.nl", "xs4all.nl"],
    "pl": ["wp.pl", "onet.pl", "o2.pl", "interia.pl", "gmail.com"],
    "sv": ["telia.com", "gmail.com", "hotmail.se", "bredband.net"],
    "no": ["online.no", "gmail.com", "hotmail.no", "live.no"],
    "da": ["gmail.com", "hotmail.dk", "mail.dk", "jubii.dk"],
    "fi": ["gmail.com", "luukku.com", "elisanet.fi", "outlook.com"],
    "tr": ["gmail.com", "hotmail.com", "yandex.com.tr", "mynet.com"],
    "el": ["gmail.com", "yahoo.gr", "otenet.gr", "hotmail.gr"],
    "cs": ["seznam.cz", "email.cz", "centrum.cz", "gmail.com"],
    "hu": ["freemail.hu", "citromail.hu", "gmail.com", "t-online.hu"],
    "ro": ["yahoo.com", "gmail.com", "yahoo.ro"],
    "ja": ["gmail.com", "yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp",
           "i.softbank.jp", "icloud.com"],
    "ko": ["naver.com", "daum.net", "hanmail.net", "gmail.com", "kakao.com"],
    "zh": ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com"],
}

_COMPANY_DOMAINS = ["acme-logistics.com", "brightpath.co.uk", "nordwind-it.de",
                    "atelier-lumiere.fr", "grupo-sierra.es", "vanderlinde.nl",
                    "studiorossi.it", "kowalczyk-transport.pl",
                    "fjordtech.no", "harborlane.com.au", "maple-dental.ca"]

_TYPOS = {"gmail.com": ["gmial.com", "gmai.com", "gmail.con", "gmail.co",
                        "gamil.com", "gmaill.com", "gmail.cm"],
          "hotmail.com": ["hotmial.com", "hotmal.com", "hotmail.con"],
          "yahoo.com": ["yahooo.com", "yaho.com", "yahoo.cm"],
          "outlook.com": ["outlok.com", "outlook.cmo"],
          "gmx.de": ["gmx.d", "gmx.dee", "gmx.ed"],
          "web.de": ["wep.de", "web.d"],
          "orange.fr": ["orage.fr", "oranje.fr"],
          "icloud.com": ["iclod.com", "icloud.co"],
          "wp.pl": ["wp.p", "wpp.pl"],
          "libero.it": ["libro.it", "libero.ti"],
          "naver.com": ["naver.co", "navr.com"],
          "qq.com": ["qq.con", "qq.cm"]}

_OBF = {  # language: list of (at, dot)
    "en": [(" at ", " dot "), (" [at] ", " [dot] "), ("(at)", "(dot)"),
           (" AT ", " DOT ")],
    "de": [("(at)", "."), (" at ", " punkt "), (" [at] ", " [punkt] "),
           ("(ät)", ".")],
    "fr": [(" arobase ", " point "), (" [at] ", " point "), ("(a)", ".")],
    "es": [(" arroba ", " punto "), ("(arroba)", ".")],
    "pt": [(" arroba ", " ponto "), ("[arroba]", ".")],
    "it": [(" chiocciola ", " punto "), ("(at)", " punto ")],
    "nl": [(" apenstaartje ", " punt "), (" at ", " punt ")],
    "pl": [(" małpa ", " kropka "), ("(małpa)", ".")],
    "sv": [(" snabel-a ", " punkt "), ("(at)", ".")],
    "no": [(" krøllalfa ", " punktum "), ("(at)", ".")],
    "da": [(" snabel-a ", " punktum ")],
    "fi": [(" ät ", " piste "), ("(at)", ".")],
    "tr": [(" et ", " nokta ")],
    "el": [(" παπάκι ", " τελεία ")],
    "cs": [(" zavináč ", " tečka "), ("(zavináč)", ".")],
    "hu": [(" kukac ", " pont ")],
    "ro": [(" arond ", " punct ")],
    "ja": [("＠", "."), ("アット", "ドット"), ("(at)", ".")],
    "ko": [("골뱅이", "."), ("(at)", ".")],
    "zh": [("#", "."), ("艾特", "点")],
}

_LANG_W = [("en", 50), ("de", 7), ("fr", 5), ("es", 5), ("pt", 3), ("it", 3),
           ("nl", 3), ("pl", 3), ("sv", 1), ("no", 1), ("da", 1), ("fi", 1),
           ("tr", 2), ("el", 1.5), ("cs", 1.5), ("hu", 1.5), ("ro", 1.5),
           ("ja", 3), ("ko", 2), ("zh", 3)]

_CUR = {"en": "$", "de": "€", "fr": "€", "es": "€", "pt": "€", "it": "€",
        "nl": "€", "pl": "zł", "sv": "kr", "no": "kr", "da": "kr", "fi": "€",
        "tr": "TL", "el": "€", "cs": "Kč", "hu": "Ft", "ro": "lei",
        "ja": "円", "ko": "원", "zh": "元"}


def _name(lang):
    first, last = _NAMES[lang]
    return _pick(first), _pick(last)


def _amt(lang):
    if lang in ("ja", "ko"):
        return f"{_r.randint(1, 99)},{_r.randint(100, 999)}{_CUR[lang]}"
    if lang == "zh":
        return f"{_r.randint(20, 3000)}{_CUR[lang]}"
    if lang == "en":
        return f"${_r.randint(5, 899)}.{_d(2)}"
    if lang in ("pl", "cs", "hu", "ro", "sv", "no", "da", "tr"):
        return f"{_r.randint(20, 2000)},{_d(2)} {_CUR[lang]}"
    return f"{_r.randint(5, 899)},{_d(2)} €"


def _date(lang):
    y, m, dd = _r.choice([2024, 2025, 2026]), _r.randint(1, 12), _r.randint(1, 28)
    if lang == "en":
        return _pick([f"{m}/{dd}/{y}", f"{dd} {['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'][m-1]} {y}"])
    if lang in ("ja", "zh"):
        return f"{y}年{m}月{dd}日"
    if lang == "ko":
        return f"{y}년 {m}월 {dd}일"
    if lang in ("sv", "fi", "hu", "cs") and _r.random() < 0.5:
        return f"{y}-{m:02d}-{dd:02d}"
    return f"{dd:02d}.{m:02d}.{y}" if lang not in ("fr", "es", "pt", "it", "el", "ro", "nl", "tr") else f"{dd:02d}/{m:02d}/{y}"


def _order():
    return _pick([f"#{_nz(7)}", f"{_nz(3)}-{_d(7)}-{_d(7)}", f"ORD-{_nz(6)}",
                  f"{_pick(['A','B','W','X'])}{_d(8)}", f"#{_nz(5)}"])


def _ref():
    return _pick([f"CS-{_nz(6)}", f"T{_nz(7)}", f"INC{_d(7)}", f"#{_nz(6)}"])


_BRANDS = ["ShopNow", "MetroBank", "TelcoOne", "NovaMobile", "HomeMart",
           "FlyAway", "StreamPlus"]


# --------------------------------------------------------------------------
# value generators
# --------------------------------------------------------------------------
def _email_plain(lang, company=False):
    fn, ln = _name(lang)
    a = _ascii(fn, lang).lower().replace("'", "")
    b = _ascii(ln, lang).lower().replace("'", "").replace(" ", "")
    if lang == "zh" and _r.random() < 0.4:
        local = _nz(_r.randint(6, 10))
        return f"{local}@qq.com"
    style = _r.randrange(8)
    if style == 0:
        local = f"{a}.{b}"
    elif style == 1:
        local = f"{a[0]}{b}"
    elif style == 2:
        local = f"{a}_{b}"
    elif style == 3:
        local = f"{a}{b}{_d(2)}"
    elif style == 4:
        local = f"{a}.{b[0]}"
    elif style == 5:
        local = f"{a}{_r.randint(1960, 2005)}"
    elif style == 6:
        local = f"{b}.{a}"
    else:
        local = f"{a[0]}.{b}{_pick(['', '', '2', '.' + _d(2)])}"
    dom = _pick(_COMPANY_DOMAINS) if company else _pick(_DOMAINS[lang])
    return f"{local}@{dom}"


def _email(lang):
    """returns (value, style)"""
    e = _email_plain(lang, company=_r.random() < 0.12)
    x = _r.random()
    if x < 0.75:
        if _r.random() < 0.04:
            return e.upper(), "upper"
        return e, "plain"
    local, dom = e.split("@")
    if x < 0.86:
        at, dot = _pick(_OBF[lang])
        return local + at + dom.replace(".", dot), "obfuscated"
    if x < 0.94:
        typo_keys = [k for k in _TYPOS if k in _DOMAINS[lang]] or ["gmail.com"]
        k = _pick(typo_keys)
        return f"{local}@{_pick(_TYPOS[k])}", "domain-typo"
    if _r.random() < 0.5:
        return f"{local}@\n{dom}", "linebreak"
    i = dom.index(".")
    return f"{local}@{dom[:i + 1]}\n{dom[i + 1:]}", "linebreak"


_CARD_NETS = [
    ("Visa", 38), ("Mastercard", 30), ("Amex", 9), ("UnionPay", 5),
    ("Discover", 4), ("JCB", 4), ("Maestro", 3), ("Diners", 2),
    ("Elo", 1), ("RuPay", 1), ("Mir", 1), ("Troy", 1), ("Hipercard", 0.5),
]


def _card_digits(net):
    if net == "Visa":
        return _luhn_make("4" + _pick(["", "0", "1", "2", "5", "9", "6"]), 16)
    if net == "Mastercard":
        if _r.random() < 0.75:
            return _luhn_make(str(_r.randint(51, 55)), 16)
        return _luhn_make(str(_r.randint(2221, 2720)), 16)
    if net == "Amex":
        return _luhn_make(_pick(["34", "37"]), 15)
    if net == "UnionPay":
        return _luhn_make("62" + _pick(["12", "22", "25", "28", "59", "17"]),
                          _pick([16, 16, 16, 19]))
    if net == "Discover":
        return _luhn_make(_pick(["6011", str(_r.randint(644, 649)), "65"]), 16)
    if net == "JCB":
        return _luhn_make(str(_r.randint(3528, 3589)), 16)
    if net == "Maestro":
        return _luhn_make(_pick(["6759", "5018", "5020", "5038", "6304",
                                 "6761", "6763"]), _pick([16, 16, 19]))
    if net == "Diners":
        return _luhn_make(_pick(["36", "300", "301", "305", "38"]), 14)
    if net == "Elo":
        return _luhn_make(_pick(["636368", "504175", "438935", "451416",
                                 "636297"]), 16)
    if net == "RuPay":
        return _luhn_make(_pick(["6521", "6522", "6070", "5085", "8172"]), 16)
    if net == "Mir":
        return _luhn_make("220" + str(_r.randint(0, 4)), 16)
    if net == "Troy":
        return _luhn_make("9792", 16)
    if net == "Hipercard":
        return _luhn_make("606282", 16)
    raise AssertionError(net)


def _card_std(dg, sep):
    n = len(dg)
    if n == 15:
        return _group(dg, [4, 6, 5], sep)
    if n == 14:
        return _group(dg, [4, 6, 4], sep)
    return _group(dg, [4, 4, 4, 4, 3], sep)


def _card(lang, net=None):
    net = net or _wpick(_CARD_NETS)
    dg = _card_digits(net)
    x = _r.random()
    dash_pref = lang in ("ja", "ko", "zh")
    if x < 0.75:
        y = _r.random()
        if y < (0.3 if dash_pref else 0.62):
            return _card_std(dg, " "), net, "spaces"
        if y < (0.75 if dash_pref else 0.8):
            return _card_std(dg, "-"), net, "hyphens"
        return dg, net, "no-separator"
    if x < 0.83:
        sizes = _pick([[4, 4, 8], [8, 8], [4, 12], [2, 4, 4, 4, 2], [3, 3, 3, 3, 4]])
        return _group(dg, sizes, " "), net, "odd-grouping"
    if x < 0.89:
        s = _card_std(dg, " ")
        parts = s.split(" ")
        k = _r.randint(1, len(parts) - 1)
        return " ".join(parts[:k]) + "\n" + " ".join(parts[k:]), net, "linebreak"
    if x < 0.94:
        return _card_std(dg, "."), net, "dots"
    s = _card_std(dg, " ")
    parts = s.split(" ")
    return "-".join(parts[:2]) + " " + " ".join(parts[2:]), net, "mixed-separators"


_IBAN_BBAN = {
    "DE": lambda: _nz(8) + _d(10),
    "AT": lambda: _nz(5) + _d(11),
    "CH": lambda: "00" + _d(3) + _d(12),
    "FR": lambda: "30" + _d(3) + _d(5) + _d(11) + _d(2),
    "ES": lambda: _pick(["2100", "0049", "0182", "2038", "0081"]) + _d(16),
    "IT": lambda: _pick("ABCDEFGHKLMNPRSTVXZ") + _pick(["03069", "02008", "05034", "03062"]) + _d(5) + _d(12),
    "NL": lambda: _pick(["ABNA", "INGB", "RABO", "SNSB", "TRIO", "KNAB"]) + "0" + _d(9),
    "BE": lambda: _d(12),
    "GB": lambda: _pick(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + _d(6) + _d(8),
    "IE": lambda: _pick(["AIBK", "BOFI"]) + _d(6) + _d(8),
    "PT": lambda: "00" + _pick(["07", "33", "35", "10"]) + _d(17),
    "PL": lambda: _nz(8) + _d(16),
    "SE": lambda: _pick(["500", "800", "600", "300"]) + _d(17),
    "DK": lambda: _nz(4) + _d(10),
    "NO": lambda: _nz(4) + _d(7),
    "FI": lambda: _nz(6) + _d(8),
    "CZ": lambda: _pick(["0800", "0100", "0300", "2010"]) + _d(16),
    "HU": lambda: _nz(7) + _d(17),
    "RO": lambda: _pick(["BTRL", "RNCB", "BRDE", "INGB"]) + _d(16),
    "GR": lambda: "0" + _d(22),
    "TR": lambda: _nz(5) + "0" + _d(16),
    "LU": lambda: _d(3) + _d(13),
}
_IBAN_LEN = {"DE": 22, "AT": 20, "CH": 21, "FR": 27, "ES": 24, "IT": 27,
             "NL": 18, "BE": 16, "GB": 22, "IE": 22, "PT": 25, "PL": 28,
             "SE": 24, "DK": 18, "NO": 15, "FI": 18, "CZ": 24, "HU": 28,
             "RO": 24, "GR": 27, "TR": 26, "LU": 20}
_IBAN_LANG = {"DE": "de", "AT": "de", "CH": "de", "FR": "fr", "ES": "es",
              "IT": "it", "NL": "nl", "BE": "nl", "GB": "en", "IE": "en",
              "PT": "pt", "PL": "pl", "SE": "sv", "DK": "da", "NO": "no",
              "FI": "fi", "CZ": "cs", "HU": "hu", "RO": "ro", "GR": "el",
              "TR": "tr", "LU": "fr"}


def _iban_raw(cc):
    bban = _IBAN_BBAN[cc]()
    num = "".join(str(int(c, 36)) for c in bban + cc + "00")
    cd = 98 - int(num) % 97
    s = f"{cc}{cd:02d}{bban}"
    assert len(s) == _IBAN_LEN[cc], (cc, s)
    assert _iban_ok(s)
    return s


def _iban(cc):
    raw = _iban_raw(cc)
    x = _r.random()
    if x < 0.55:
        return _group(raw, [4] * 8, " "), "grouped-4"
    if x < 0.78:
        return raw, "electronic"
    if x < 0.88:
        g = _group(raw, [4] * 8, " ").split(" ")
        k = _r.randint(2, len(g) - 2)
        return " ".join(g[:k]) + "\n" + " ".join(g[k:]), "linebreak"
    if x < 0.95:
        return _group(raw, [2, 2] + [4] * 7, " "), "odd-grouping"
    return _group(raw, [4] * 8, "-"), "hyphens"


def _ssn():
    while True:
        a = _r.randint(1, 899)
        if a != 666:
            break
    g, s = _r.randint(1, 99), _r.randint(1, 9999)
    x = _r.random()
    if x < 0.78:
        return f"{a:03d}-{g:02d}-{s:04d}", "hyphens"
    if x < 0.9:
        return f"{a:03d} {g:02d} {s:04d}", "spaces"
    return f"{a:03d}{g:02d}{s:04d}", "no-separator"


# phones ---------------------------------------------------------------------
_US_AREAS = ["212", "646", "415", "510", "312", "773", "617", "305", "713",
             "214", "404", "206", "303", "602", "702", "503", "615", "919",
             "704", "480", "818", "949", "720", "267"]
_CA_AREAS = ["416", "604", "514", "403", "613", "780", "905", "647", "902"]


def _phone_parts(cc):
    """(national formats, international formats, national digits, calling code)"""
    d = _d
    if cc in ("US", "CA"):
        a = _pick(_US_AREAS if cc == "US" else _CA_AREAS)
        e = str(_r.randint(2, 9)) + d(2)
        if e[1:] == "11" or e == "555":
            e = "48" + e[2]
        l_ = d(4)
        nat = [f"({a}) {e}-{l_}", f"{a}-{e}-{l_}", f"{a}-{e}-{l_}", f"{a}.{e}.{l_}", f"{a} {e} {l_}"]
        intl = [f"+1 {a} {e} {l_}", f"+1 ({a}) {e}-{l_}", f"+1-{a}-{e}-{l_}", f"1-{a}-{e}-{l_}"]
        return nat, intl, a + e + l_, "1"
    if cc == "GB":
        if _r.random() < 0.6:
            m = "7" + _pick(["7", "8", "9", "4", "5"]) + d(2)
            r6 = d(6)
            return ([f"0{m} {r6}", f"0{m}{r6}", f"0{m} {r6[:3]} {r6[3:]}"],
                    [f"+44 {m} {r6}", f"+44 (0){m} {r6}", f"+44{m}{r6}", f"0044 {m} {r6}"],
                    "0" + m + r6, "44")
        ac, rest = _pick([("20", _pick(["7", "3", "8"]) + d(7)), ("161", d(7)), ("121", d(7)), ("131", d(7))])
        if ac == "20":
            nat = [f"020 {rest[:4]} {rest[4:]}"]
            intl = [f"+44 20 {rest[:4]} {rest[4:]}", f"+44 (0)20 {rest[:4]} {rest[4:]}"]
        else:
            nat = [f"0{ac} {rest[:3]} {rest[3:]}"]
            intl = [f"+44 {ac} {rest[:3]} {rest[3:]}", f"+44 (0){ac} {rest[:3]} {rest[3:]}"]
        return nat, intl, "0" + ac + rest, "44"
    if cc == "IE":
        if _r.random() < 0.7:
            p = "8" + _pick("35679")
            r = d(7)
            return [f"0{p} {r[:3]} {r[3:]}", f"0{p}{r}", f"0{p}-{r}"], [f"+353 {p} {r[:3]} {r[3:]}", f"+353 (0){p} {r[:3]} {r[3:]}"], "0" + p + r, "353"
        r = d(7)
        return [f"01 {r[:3]} {r[3:]}", f"(01) {r[:3]} {r[3:]}"], [f"+353 1 {r[:3]} {r[3:]}"], "01" + r, "353"
    if cc == "AU":
        if _r.random() < 0.65:
            r = "4" + d(8)
            return [f"0{r[:3]} {r[3:6]} {r[6:]}", f"0{r}"], [f"+61 {r[:3]} {r[3:6]} {r[6:]}", f"+61{r}"], "0" + r, "61"
        a, r = _pick("2378"), d(8)
        return [f"(0{a}) {r[:4]} {r[4:]}", f"0{a} {r[:4]} {r[4:]}"], [f"+61 {a} {r[:4]} {r[4:]}"], "0" + a + r, "61"
    if cc == "IN":
        r = _pick("6789") + d(9)
        return [f"{r[:5]} {r[5:]}", f"0{r}", f"{r}"], [f"+91 {r[:5]} {r[5:]}", f"+91-{r}", f"+91 {r}"], r, "91"
    if cc == "ZA":
        p = _pick(["82", "83", "72", "73", "84", "21", "11", "61"])
        r = d(7)
        return [f"0{p} {r[:3]} {r[3:]}", f"0{p}{r}"], [f"+27 {p} {r[:3]} {r[3:]}", f"+27{p}{r}"], "0" + p + r, "27"
    if cc == "DE":
        if _r.random() < 0.6:
            p = _pick(["151", "152", "157", "160", "162", "170", "171", "172",
                       "173", "175", "176", "177", "178", "179"])
            r = d(_pick([7, 8]))
            return ([f"0{p} {r}", f"0{p}/{r}", f"0{p}-{r}", f"0{p} {r[:3]} {r[3:]}"],
                    [f"+49 {p} {r}", f"+49 (0){p} {r}", f"0049 {p} {r}", f"+49{p}{r}"],
                    "0" + p + r, "49")
        p = _pick(["30", "40", "89", "69", "221", "211", "711", "341", "351"])
        r = _nz(_r.randint(6, 8) if len(p) == 2 else _r.randint(5, 7))
        return ([f"0{p} {r}", f"0{p}/{r}", f"(0{p}) {r}", f"0{p} {r[:-4]} {r[-4:]}"],
                [f"+49 {p} {r}", f"+49 (0){p} {r}", f"0049 {p} {r}"], "0" + p + r, "49")
    if cc == "AT":
        if _r.random() < 0.6:
            p = _pick(["664", "676", "699", "650", "660", "681"])
            r = d(7)
            return [f"0{p} {r}", f"0{p}/{r}"], [f"+43 {p} {r}", f"+43 (0){p} {r}", f"0043 {p} {r}"], "0" + p + r, "43"
        r = _nz(7)
        return [f"01 {r}", f"01/{r}"], [f"+43 1 {r}"], "01" + r, "43"
    if cc == "CH":
        p = _pick(["79", "78", "76", "77", "44", "31", "61", "22"])
        r = d(7)
        f_ = f"{r[:3]} {r[3:5]} {r[5:]}"
        return [f"0{p} {f_}", f"0{p}{r}"], [f"+41 {p} {f_}", f"0041 {p} {f_}", f"+41 (0){p} {f_}"], "0" + p + r, "41"
    if cc == "FR":
        p = _pick("6671234579")
        r = d(8)
        pr = " ".join(r[i:i + 2] for i in range(0, 8, 2))
        return ([f"0{p} {pr}", f"0{p} {pr}", f"0{p}{r}", "0" + p + "." + pr.replace(" ", ".")],
                [f"+33 {p} {pr}", f"+33 (0){p} {pr}", f"0033 {p} {pr}", f"+33{p}{r}"], "0" + p + r, "33")
    if cc == "BE":
        if _r.random() < 0.65:
            p = "4" + _pick("5789") + _d(1)
            r = d(6)
            return [f"0{p} {r[:2]} {r[2:4]} {r[4:]}", f"0{p}/{r[:2]}.{r[2:4]}.{r[4:]}"], [f"+32 {p} {r[:2]} {r[2:4]} {r[4:]}", f"0032 {p} {r[:2]} {r[2:4]} {r[4:]}"], "0" + p + r, "32"
        r = d(7)
        return [f"02 {r[:3]} {r[3:5]} {r[5:]}", f"02/{r[:3]}.{r[3:5]}.{r[5:]}"], [f"+32 2 {r[:3]} {r[3:5]} {r[5:]}"], "02" + r, "32"
    if cc == "ES":
        if _r.random() < 0.65:
            r = _pick("67") + d(8)
            return [f"{r[:3]} {r[3:6]} {r[6:]}", f"{r[:3]} {r[3:5]} {r[5:7]} {r[7:]}", r], [f"+34 {r[:3]} {r[3:6]} {r[6:]}", f"0034 {r}", f"+34 {r}"], r, "34"
        r = _pick(["91", "93", "95", "96"]) + d(7)
        return [f"{r[:2]} {r[2:5]} {r[5:7]} {r[7:]}", f"{r[:3]} {r[3:6]} {r[6:]}"], [f"+34 {r[:2]} {r[2:5]} {r[5:7]} {r[7:]}"], r, "34"
    if cc == "MX":
        a = _pick(["55", "33", "81"])
        r = d(8)
        return [f"{a} {r[:4]} {r[4:]}", f"({a}) {r[:4]}-{r[4:]}", f"{a}{r}"], [f"+52 {a} {r[:4]} {r[4:]}", f"+52 1 {a} {r[:4]} {r[4:]}"], a + r, "52"
    if cc == "PT":
        if _r.random() < 0.7:
            r = "9" + _pick("1236") + d(7)
            return [f"{r[:3]} {r[3:6]} {r[6:]}", r], [f"+351 {r[:3]} {r[3:6]} {r[6:]}", f"00351 {r}", f"+351{r}"], r, "351"
        r = _pick(["21", "22"]) + d(7)
        return [f"{r[:2]} {r[2:5]} {r[5:]}", f"{r[:3]} {r[3:6]} {r[6:]}"], [f"+351 {r[:2]} {r[2:5]} {r[5:]}"], r, "351"
    if cc == "BR":
        a = _pick(["11", "21", "31", "41", "51", "61", "71", "81"])
        if _r.random() < 0.75:
            r = "9" + d(8)
            return [f"({a}) {r[:5]}-{r[5:]}", f"{a} {r[:5]}-{r[5:]}", f"({a}) {r}", f"{a}{r}"], [f"+55 {a} {r[:5]}-{r[5:]}", f"+55 ({a}) {r[:5]}-{r[5:]}", f"+55{a}{r}"], a + r, "55"
        r = _pick("234") + d(7)
        return [f"({a}) {r[:4]}-{r[4:]}"], [f"+55 {a} {r[:4]}-{r[4:]}"], a + r, "55"
    if cc == "IT":
        if _r.random() < 0.7:
            r = "3" + _pick("2345679") + d(8)
            return [f"{r[:3]} {r[3:6]} {r[6:]}", f"{r[:3]} {r[3:]}", r, f"{r[:3]}/{r[3:]}"], [f"+39 {r[:3]} {r[3:6]} {r[6:]}", f"+39 {r[:3]} {r[3:]}", f"0039 {r}"], r, "39"
        r = _pick(["02", "06"]) + _nz(8)
        return [f"{r[:2]} {r[2:6]} {r[6:]}", f"{r[:2]} {r[2:]}", f"{r[:2]}/{r[2:]}"], [f"+39 {r[:2]} {r[2:6]} {r[6:]}"], r, "39"
    if cc == "NL":
        if _r.random() < 0.7:
            r = d(8)
            return [f"06 {r}", f"06-{r}", f"06 {r[:2]} {r[2:4]} {r[4:6]} {r[6:]}", f"06{r}"], [f"+31 6 {r}", f"+31 (0)6 {r}", f"0031 6 {r}", f"+316{r}"], "06" + r, "31"
        a = _pick(["20", "10", "30", "70", "40"])
        r = _nz(7)
        return [f"0{a} {r[:3]} {r[3:]}", f"0{a}-{r}"], [f"+31 {a} {r[:3]} {r[3:]}", f"+31 (0){a} {r}"], "0" + a + r, "31"
    if cc == "PL":
        r = _pick(["50", "51", "53", "60", "66", "69", "72", "78", "79", "88", "22", "12"]) + d(7)
        return [f"{r[:3]} {r[3:6]} {r[6:]}", f"{r[:3]}-{r[3:6]}-{r[6:]}", r], [f"+48 {r[:3]} {r[3:6]} {r[6:]}", f"+48{r}", f"0048 {r[:3]} {r[3:6]} {r[6:]}"], r, "48"
    if cc == "SE":
        if _r.random() < 0.7:
            p = "7" + _pick("0236")
            r = d(7)
            return [f"0{p}-{r[:3]} {r[3:5]} {r[5:]}", f"0{p} {r[:3]} {r[3:5]} {r[5:]}", f"0{p}{r}"], [f"+46 {p} {r[:3]} {r[3:5]} {r[5:]}", f"+46 (0){p} {r[:3]} {r[3:5]} {r[5:]}"], "0" + p + r, "46"
        r = d(7)
        return [f"08-{r[:3]} {r[3:5]} {r[5:]}", f"08-{r}"], [f"+46 8 {r[:3]} {r[3:5]} {r[5:]}"], "08" + r, "46"
    if cc == "NO":
        r = _pick("49") + d(7) if _r.random() < 0.7 else "2" + _pick("12") + d(6)
        if r[0] in "49":
            nat = [f"{r[:3]} {r[3:5]} {r[5:]}", r]
        else:
            nat = [f"{r[:2]} {r[2:4]} {r[4:6]} {r[6:]}"]
        return nat, ["+47 " + nat[0], f"0047 {r}", f"+47{r}"], r, "47"
    if cc == "DK":
        r = _pick("2345") + d(7)
        p = f"{r[:2]} {r[2:4]} {r[4:6]} {r[6:]}"
        return [p, r], [f"+45 {p}", f"+45{r}", f"0045 {p}"], r, "45"
    if cc == "FI":
        if _r.random() < 0.75:
            p = _pick(["40", "41", "44", "45", "50"])
            r = d(7)
            return [f"0{p} {r[:3]} {r[3:]}", f"0{p}-{r}", f"0{p}{r}"], [f"+358 {p} {r[:3]} {r[3:]}", f"+358{p}{r}"], "0" + p + r, "358"
        r = d(7)
        return [f"09 {r[:4]} {r[4:]}", f"(09) {r}"], [f"+358 9 {r[:4]} {r[4:]}"], "09" + r, "358"
    if cc == "TR":
        p = _pick(["532", "533", "535", "542", "505", "555", "212", "216", "312"])
        r = d(7)
        f_ = f"{r[:3]} {r[3:5]} {r[5:]}"
        return [f"0{p} {f_}", f"0({p}) {f_}", f"0{p}{r}", f"0 {p} {f_}"], [f"+90 {p} {f_}", f"+90 ({p}) {f_}", f"0090 {p} {r}"], "0" + p + r, "90"
    if cc == "GR":
        r = (_pick(["693", "694", "697", "698", "690"]) if _r.random() < 0.7 else "210") + d(7)
        return [f"{r[:3]} {r[3:6]} {r[6:]}", r, f"{r[:3]} {r[3:]}"], [f"+30 {r[:3]} {r[3:6]} {r[6:]}", f"+30 {r}", f"0030 {r}"], r, "30"
    if cc == "CZ":
        r = _pick(["60", "72", "73", "77", "60", "22", "23"]) + d(7)
        return [f"{r[:3]} {r[3:6]} {r[6:]}", r], [f"+420 {r[:3]} {r[3:6]} {r[6:]}", f"+420{r}", f"00420 {r[:3]} {r[3:6]} {r[6:]}"], r, "420"
    if cc == "HU":
        if _r.random() < 0.75:
            p = _pick(["20", "30", "70"])
            r = d(7)
            return [f"06 {p} {r[:3]} {r[3:]}", f"06-{p}-{r[:3]}-{r[3:]}", f"06{p}/{r[:3]}-{r[3:]}", f"06{p}{r}"], [f"+36 {p} {r[:3]} {r[3:]}", f"+36-{p}-{r[:3]}-{r[3:]}", f"+36{p}{r}"], "06" + p + r, "36"
        r = _nz(7)
        return [f"06 1 {r[:3]} {r[3:]}", f"(06-1) {r[:3]}-{r[3:]}"], [f"+36 1 {r[:3]} {r[3:]}"], "061" + r, "36"
    if cc == "RO":
        if _r.random() < 0.75:
            r = "7" + _pick("2345678") + d(7)
            return [f"0{r[:3]} {r[3:6]} {r[6:]}", f"0{r}", f"0{r[:3]}.{r[3:6]}.{r[6:]}"], [f"+40 {r[:3]} {r[3:6]} {r[6:]}", f"+40{r}", f"0040 {r[:3]} {r[3:6]} {r[6:]}"], "0" + r, "40"
        r = "21" + d(7)
        return [f"021 {r[2:5]} {r[5:]}", f"021.{r[2:5]}.{r[5:]}"], [f"+40 21 {r[2:5]} {r[5:]}"], "0" + r, "40"
    if cc == "JP":
        if _r.random() < 0.6:
            p = _pick(["90", "80", "70"])
            a, b = d(4), d(4)
            return [f"0{p}-{a}-{b}", f"0{p}{a}{b}", f"0{p}-{a}-{b}"], [f"+81 {p}-{a}-{b}", f"+81-{p}-{a}-{b}", f"+81 {p} {a} {b}"], "0" + p + a + b, "81"
        p, a, b = _pick([("3", d(4), d(4)), ("6", d(4), d(4)), ("45", d(3), d(4)), ("52", d(3), d(4))])
        return [f"0{p}-{a}-{b}", f"0{p}({a}){b}"], [f"+81 {p}-{a}-{b}", f"+81 {p} {a} {b}"], "0" + p + a + b, "81"
    if cc == "KR":
        if _r.random() < 0.7:
            a, b = d(4), d(4)
            return [f"010-{a}-{b}", f"010 {a} {b}", f"010{a}{b}", f"010-{a}-{b}"], [f"+82 10-{a}-{b}", f"+82 10 {a} {b}", f"+82-10-{a}-{b}"], "010" + a + b, "82"
        p = _pick(["2", "31", "51", "32"])
        a, b = _nz(3 if p == "2" else 4), d(4)
        return [f"0{p}-{a}-{b}", f"(0{p}) {a}-{b}"], [f"+82 {p}-{a}-{b}"], "0" + p + a + b, "82"
    if cc == "CN":
        if _r.random() < 0.75:
            r = "1" + _pick("3456789") + d(9)
            return [f"{r[:3]} {r[3:7]} {r[7:]}", r, r, f"{r[:3]}-{r[3:7]}-{r[7:]}"], [f"+86 {r[:3]} {r[3:7]} {r[7:]}", f"+86-{r}", f"+86 {r}", f"0086 {r}"], r, "86"
        a = _pick(["10", "21", "20", "755"])
        r = _nz(8 if len(a) == 2 else 8)
        return [f"0{a}-{r}", f"(0{a}){r}"], [f"+86 {a} {r[:4]} {r[4:]}", f"+86-{a}-{r}"], "0" + a + r, "86"
    raise AssertionError(cc)


_FW = str.maketrans("0123456789-", "０１２３４５６７８９－")


def _phone(cc):
    nat, intl, digits, code = _phone_parts(cc)
    x = _r.random()
    if x < 0.75:
        if _r.random() < 0.68:
            return _pick(nat), "national"
        return _pick(intl), "international"
    if x < 0.84:
        # odd regrouping of the national digits
        g = _pick([[2] * 8, [3, 3, 3, 3], [4, 3, 4], [1, 3, 3, 4]])
        return _group(digits, g, _pick([" ", " ", "-", "."])), "odd-grouping"
    if x < 0.92:
        v = _pick(intl + nat)
        parts = v.split(" ")
        if len(parts) >= 2:
            k = _r.randint(1, len(parts) - 1)
            return " ".join(parts[:k]) + "\n" + " ".join(parts[k:]), "linebreak"
        return v[:4] + "\n" + v[4:], "linebreak"
    if cc == "JP" and _r.random() < 0.7:
        return _pick(nat).translate(_FW), "full-width"
    if cc == "IT":
        return "+" + code + digits, "e164"
    if cc == "HU":
        return "+" + code + digits[2:], "e164"
    return "+" + code + digits.lstrip("0"), "e164"


_PHONE_CC = {
    "en": [("US", 40), ("GB", 25), ("IE", 6), ("AU", 8), ("CA", 8), ("IN", 8), ("ZA", 5)],
    "de": [("DE", 70), ("AT", 15), ("CH", 15)], "fr": [("FR", 80), ("BE", 10), ("CH", 10)],
    "es": [("ES", 65), ("MX", 35)], "pt": [("PT", 45), ("BR", 55)], "it": [("IT", 1)],
    "nl": [("NL", 75), ("BE", 25)], "pl": [("PL", 1)], "sv": [("SE", 1)], "no": [("NO", 1)],
    "da": [("DK", 1)], "fi": [("FI", 1)], "tr": [("TR", 1)], "el": [("GR", 1)],
    "cs": [("CZ", 1)], "hu": [("HU", 1)], "ro": [("RO", 1)], "ja": [("JP", 1)],
    "ko": [("KR", 1)], "zh": [("CN", 1)],
}
_CC_LANG = {"US": "en", "GB": "en", "IE": "en", "AU": "en", "CA": "en", "IN": "en",
            "ZA": "en", "DE": "de", "AT": "de", "CH": "de", "FR": "fr", "BE": "nl",
            "ES": "es", "MX": "es", "PT": "pt", "BR": "pt", "IT": "it", "NL": "nl",
            "PL": "pl", "SE": "sv", "NO": "no", "DK": "da", "FI": "fi", "TR": "tr",
            "GR": "el", "CZ": "cs", "HU": "hu", "RO": "ro", "JP": "ja", "KR": "ko",
            "CN": "zh"}

_EXT = {"en": [" ext. {n}", " x{n}", " ext {n}", ", extension {n}"],
        "de": [", Durchwahl {n}", " (Durchwahl {n})"], "fr": [" poste {n}"],
        "es": [" ext. {n}", " extensión {n}"], "pt": [" ramal {n}"],
        "it": [" interno {n}", " int. {n}"], "nl": [" toestel {n}"],
        "pl": [" wew. {n}"], "ja": ["（内線{n}）"], "sv": [" anknytning {n}"]}


# url ------------------------------------------------------------------------
def _url(lang):
    shop = _pick({"de": ["www.zalando.de", "www.otto.de", "www.mediamarkt.de"],
                  "fr": ["www.fnac.com", "www.cdiscount.com", "www.laredoute.fr"],
                  "es": ["www.elcorteingles.es", "www.pccomponentes.com"],
                  "it": ["www.unieuro.it", "www.eprice.it"],
                  "nl": ["www.bol.com", "www.coolblue.nl"],
                  "pl": ["allegro.pl", "www.x-kom.pl"],
                  "ja": ["www.rakuten.co.jp", "www.yodobashi.com"],
                  "ko": ["www.coupang.com", "smartstore.naver.com"],
                  "zh": ["item.jd.com", "detail.tmall.com"]}.get(lang, ["www.amazon.com", "www.bestbuy.com", "www.argos.co.uk", "www.target.com", "shop.verizon.com"]))
    kinds = [
        lambda: f"https://{shop}/account/orders/{_nz(8)}",
        lambda: f"https://{shop}/returns?order={_nz(9)}&lang={lang}",
        lambda: f"{shop}/{_pick(['help', 'support', 'kontakt', 'faq'])}/{_nz(5)}",
        lambda: f"https://bit.ly/{_pick('23')}{''.join(_pick('abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789') for _ in range(6))}",
        lambda: f"https://www.facebook.com/{_ascii(_name(lang)[0], lang).lower()}.{_ascii(_name(lang)[1], lang).lower().replace(' ', '')}.{_d(2)}",
        lambda: f"linkedin.com/in/{_ascii(_name(lang)[0], lang).lower()}-{_ascii(_name(lang)[1], lang).lower().replace(' ', '-')}-{_d(3)}a{_d(2)}",
        lambda: f"https://drive.google.com/file/d/1{''.join(_pick('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-') for _ in range(24))}/view",
        lambda: f"https://imgur.com/a/{''.join(_pick('abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789') for _ in range(7))}",
        lambda: f"http://{_pick(['secure-', 'verify-', 'konto-', 'login-'])}{_pick(['metrobank', 'paypal', 'sparkasse', 'dhl'])}.{_pick(['info', 'top', 'xyz', 'online'])}/{_pick(['verify', 'update', 'id'])}?u={_nz(6)}",
        lambda: f"www.instagram.com/{_ascii(_name(lang)[0], lang).lower()}_{_d(4)}",
        lambda: f"https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode={_nz(12)}",
        lambda: f"https://tools.usps.com/go/TrackConfirmAction?tLabels=9400{_d(18)}",
        lambda: f"https://www.youtube.com/watch?v={''.join(_pick('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-') for _ in range(11))}",
    ]
    u = _pick(kinds)()
    return u, ("no-scheme" if not u.startswith("http") else "scheme")


# --------------------------------------------------------------------------
# templates: (channel, template) with {v} for the value
# --------------------------------------------------------------------------
_T = {}
_T["CARD"] = {
    "en": [("chat", "Agent: Can you confirm the card you paid with?\nCustomer: sure it's {v}"),
           ("survey", "I was charged twice for the same order on my card {v}. Please refund one of them"),
           ("email", "Hi,\n\nplease cancel the subscription billed to card {v} - I never authorised it.\n\nThanks,\n{fn}"),
           ("callnote", "Caller disputes txn of {amt} on card {v}; advised chargeback form, ref {ref}."),
           ("review", "App saved my card {v} without asking me. 1 star, deleting it now"),
           ("tweet", "@{brand}Help why was my card {v} declined 3 times today?? #fail"),
           ("form", "payment_method=card; card_number={v}; status=declined"),
           ("csv", "{id},{fn} {ln},\"{v}\",{date},refund_requested"),
           ("json", '{"ticket": {id}, "channel": "web", "card": "{v}", "status": "open"}'),
           ("sms", "pls block card {v} lost my wallet at the station"),
           ("chat", "Customer: the number on the card is {v} and it expires next month\nAgent: Thanks, please don't share the CVV."),
           ("survey", "Tried to pay {amt} with {v} and the checkout just froze. Money left my account anyway."),
           ("callnote", "Cust req replacement for damaged card {v}. Verified DOB + postcode. New card dispatched."),
           ("email", "Order {order}\nCard used: {v}\nProblem: item never arrived, want my money back")],
    "de": [("email", "Hallo, auf meiner Kreditkarte {v} wurde der Betrag von {amt} zweimal abgebucht."),
           ("chat", "Kunde: Die Kartennummer ist {v}\nMitarbeiter: Danke, ich prüfe das."),
           ("sms", "Bitte sperren Sie meine Karte {v}, sie wurde gestohlen!"),
           ("survey", "Zahlung mit Karte {v} abgelehnt, obwohl genug Geld drauf ist. Sehr ärgerlich.")],
    "fr": [("email", "Bonjour, ma carte {v} a été débitée deux fois pour la commande {order}."),
           ("chat", "Client : numéro de carte {v}\nConseiller : merci, je vérifie."),
           ("survey", "Paiement refusé avec la carte {v} alors que le plafond n'est pas atteint.")],
    "es": [("email", "Hola, me cobraron dos veces en la tarjeta {v}. ¿Pueden revisarlo?"),
           ("form", "Número de tarjeta: {v} — no reconozco el cargo de {amt}"),
           ("chat", "Cliente: mi tarjeta es la {v}\nAgente: Gracias, un momento por favor.")],
    "pt": [("email", "Olá, meu cartão {v} foi cobrado em duplicidade no dia {date}."),
           ("chat", "Cliente: o número do cartão é {v}\nAtendente: obrigado, vou verificar.")],
    "it": [("email", "Buongiorno, sulla carta {v} risulta un addebito di {amt} che non ho fatto."),
           ("review", "Pagamento rifiutato con la carta {v}, app inutile.")],
    "nl": [("email", "Hoi, er is twee keer afgeschreven van mijn creditcard {v}."),
           ("chat", "Klant: kaartnummer is {v}\nMedewerker: dank u, ik kijk even mee.")],
    "pl": [("email", "Dzień dobry, z karty {v} pobrano dwa razy {amt}."),
           ("review", "Płatność kartą {v} nie przeszła, a pieniądze zniknęły z konta.")],
    "sv": [("email", "Hej! Mitt kort {v} har debiterats två gånger.")],
    "no": [("email", "Hei, kortet mitt {v} ble belastet to ganger.")],
    "da": [("email", "Hej, mit kort {v} er blevet trukket to gange.")],
    "fi": [("email", "Hei, korttiani {v} veloitettiin kahdesti tilauksesta {order}.")],
    "tr": [("email", "Merhaba, {v} numaralı kartımdan iki kez çekim yapıldı."),
           ("sms", "Kart no {v} kaybettim lütfen bloke edin")],
    "el": [("email", "Γεια σας, η κάρτα μου {v} χρεώθηκε δύο φορές.")],
    "cs": [("email", "Dobrý den, z karty {v} mi bylo strženo dvakrát {amt}.")],
    "hu": [("email", "Jó napot, a {v} számú kártyámról kétszer vonták le az összeget.")],
    "ro": [("email", "Bună ziua, cardul meu {v} a fost debitat de două ori.")],
    "ja": [("email", "カード番号{v}で二重に請求されています。確認してください。"),
           ("chat", "お客様：お支払いに使ったカードは{v}です\n担当：ありがとうございます。"),
           ("review", "登録したカード{v}が使えなくなった。")],
    "ko": [("email", "카드번호{v}로 결제했는데 두 번 청구됐어요"),
           ("chat", "고객: 카드 번호는 {v}입니다\n상담원: 확인하겠습니다.")],
    "zh": [("email", "我的卡号是{v}，被重复扣款了"),
           ("chat", "客户：银行卡{v}扣了两次钱，请尽快处理"),
           ("review", "用卡号{v}付款一直失败，太差了")],
}
_T["EMAIL"] = {
    "en": [("survey", "Please contact me at {v} about the refund, nobody has called me back."),
           ("chat", "Agent: What's the best email to send the label to?\nCustomer: {v}"),
           ("email", "Hi team,\nmy new address for invoices is {v}, please update the account.\n{fn}"),
           ("callnote", "Cust wants confirmation by email -> {v}. Sent template R2."),
           ("review", "Support never replies. I've written to them from {v} four times."),
           ("tweet", "@{brand} still waiting on that refund, DM me or email {v}"),
           ("form", "contact_email={v}&newsletter=0&topic=billing"),
           ("csv", "{id};{fn};{ln};{v};{date};complaint"),
           ("json", '{"customer_id": "{id}", "email": "{v}", "nps": 3}'),
           ("sms", "Hi its {fn}, send the receipt to {v} thx"),
           ("web", "Your email: {v}\nMessage: the discount code didn't apply at checkout"),
           ("chat", "Customer: can you send it to {v} instead? the old one is closed\nAgent: Of course.")],
    "de": [("email", "Bitte schicken Sie die Rechnung an {v}, danke."),
           ("survey", "Erreichbar bin ich unter {v}, telefonisch eher schlecht."),
           ("chat", "Kunde: meine E-Mail ist {v}\nMitarbeiter: Vielen Dank, ist notiert.")],
    "fr": [("email", "Merci de me répondre à l'adresse {v} plutôt qu'au téléphone."),
           ("survey", "Mon adresse mail : {v} — toujours pas de remboursement.")],
    "es": [("email", "Por favor escríbanme a {v}, no puedo atender llamadas."),
           ("chat", "Cliente: mi correo es {v}\nAgente: Perfecto, se lo envío ahora.")],
    "pt": [("email", "Podem responder para {v}? Obrigado."),
           ("survey", "Meu e-mail é {v}, ninguém me respondeu até agora.")],
    "it": [("email", "Vi prego di rispondermi a {v} appena possibile."),
           ("survey", "La mia mail è {v}, aspetto ancora il rimborso.")],
    "nl": [("email", "Graag antwoord naar {v}, ik ben overdag niet bereikbaar."),
           ("survey", "Mijn mailadres is {v}. Nog steeds niets ontvangen.")],
    "pl": [("email", "Proszę o kontakt mailowy: {v}"),
           ("survey", "Mój adres e-mail to {v}, czekam na zwrot pieniędzy.")],
    "sv": [("email", "Svara gärna till {v}, tack!")],
    "no": [("email", "Vennligst svar til {v}.")],
    "da": [("email", "Skriv venligst til {v}, tak.")],
    "fi": [("email", "Vastatkaa osoitteeseen {v}, kiitos.")],
    "tr": [("email", "Lütfen {v} adresine dönüş yapın."),
           ("survey", "Mail adresim {v} iade hâlâ gelmedi")],
    "el": [("email", "Παρακαλώ απαντήστε στο {v}, ευχαριστώ.")],
    "cs": [("email", "Odpovězte prosím na {v}, děkuji.")],
    "hu": [("email", "Kérem, a {v} címre válaszoljanak.")],
    "ro": [("email", "Vă rog să îmi răspundeți la {v}, mulțumesc.")],
    "ja": [("email", "返信は{v}までお願いします。"),
           ("form", "メールアドレス：{v}"),
           ("chat", "お客様：メールは{v}です")],
    "ko": [("email", "답변은 {v}로 보내주세요"),
           ("form", "이메일: {v}")],
    "zh": [("email", "请发到我的邮箱{v}，谢谢"),
           ("chat", "客户：邮箱是{v}"),
           ("review", "客服一直不回复，我的邮箱{v}")],
}
_T["PHONE"] = {
    "en": [("survey", "Please call me back on {v}, I've been waiting a week."),
           ("chat", "Agent: What's the best number to reach you?\nCustomer: {v}"),
           ("callnote", "Cust requested callback to {v} after 5pm re: {ref}."),
           ("email", "Hi,\nyou can reach me on {v} during the day.\nCheers,\n{fn}"),
           ("review", "Called {v} four times, nobody picks up. Terrible service."),
           ("tweet", "@{brand} your engineer was supposed to call me on {v} today. No call. Again."),
           ("form", "name={fn} {ln}; phone={v}; preferred_contact=phone"),
           ("csv", "{id},{fn},{ln},{v},callback"),
           ("json", '{"lead": {id}, "mobile": "{v}", "source": "webchat"}'),
           ("sms", "this is {fn} my new number is {v} pls update"),
           ("web", "Phone number: {v}\nBest time to call: mornings"),
           ("chat", "Customer: my number changed to {v}, can you update it?\nAgent: Done!")],
    "de": [("email", "Sie erreichen mich unter {v}."),
           ("survey", "Rückruf bitte unter {v}, am besten vormittags."),
           ("chat", "Kunde: Meine Handynummer ist {v}\nMitarbeiter: Danke, wir rufen zurück.")],
    "fr": [("email", "Vous pouvez me joindre au {v} en journée."),
           ("survey", "Rappelez-moi au {v} svp, toujours aucune nouvelle.")],
    "es": [("email", "Pueden llamarme al {v} por las tardes."),
           ("chat", "Cliente: mi móvil es el {v}\nAgente: Gracias, le llamamos en breve.")],
    "pt": [("email", "Podem ligar para {v}, obrigado."),
           ("chat", "Cliente: meu celular é {v}\nAtendente: anotado!")],
    "it": [("email", "Potete chiamarmi al {v} in mattinata."),
           ("survey", "Mi richiamate al {v}? Nessuno risponde al numero verde.")],
    "nl": [("email", "U kunt mij bereiken op {v}."),
           ("survey", "Bel me terug op {v} aub, al drie keer gebeld.")],
    "pl": [("email", "Proszę o kontakt pod numerem {v}."),
           ("survey", "Mój numer to {v}, nikt nie oddzwonił.")],
    "sv": [("email", "Ni når mig på {v}.")],
    "no": [("email", "Dere kan nå meg på {v}.")],
    "da": [("email", "I kan ringe til mig på {v}.")],
    "fi": [("email", "Minut tavoittaa numerosta {v}.")],
    "tr": [("email", "Bana {v} numarasından ulaşabilirsiniz."),
           ("sms", "Tel no {v} beni arayın lütfen")],
    "el": [("email", "Μπορείτε να με καλέσετε στο {v}.")],
    "cs": [("email", "Zavolejte mi prosím na {v}.")],
    "hu": [("email", "A {v} számon érhető el vagyok.")],
    "ro": [("email", "Mă puteți suna la {v}, mulțumesc.")],
    "ja": [("email", "お電話は{v}までお願いします。"),
           ("form", "電話番号：{v}"),
           ("chat", "お客様：携帯は{v}です")],
    "ko": [("email", "연락처는 {v}입니다"),
           ("form", "휴대폰: {v}")],
    "zh": [("email", "我的电话是{v}，请回电"),
           ("chat", "客户：手机号{v}，麻烦尽快联系我")],
}
_T["IBAN"] = {
    "en": [("email", "Please refund the deposit to my account, IBAN {v}, name {fn} {ln}."),
           ("chat", "Customer: my IBAN is {v}\nAgent: Thank you, the refund will take 3-5 days."),
           ("form", "refund_iban={v}; account_holder={fn} {ln}")],
    "de": [("email", "Bitte überweisen Sie die Erstattung auf mein Konto {v}."),
           ("form", "Kontoinhaber: {fn} {ln}\nIBAN: {v}"),
           ("survey", "Seit drei Wochen warte ich auf die Rückzahlung auf {v}!")],
    "fr": [("email", "Merci de rembourser sur mon compte IBAN {v}."),
           ("form", "Titulaire : {fn} {ln} ; IBAN : {v}")],
    "es": [("email", "Les ruego que hagan la devolución a la cuenta {v}.")],
    "pt": [("email", "Por favor façam a devolução para o IBAN {v}.")],
    "it": [("email", "Vi chiedo il rimborso sull'IBAN {v}, intestato a {fn} {ln}.")],
    "nl": [("email", "Graag terugstorten op rekeningnummer {v} t.n.v. {fn} {ln}.")],
    "pl": [("email", "Proszę o zwrot na konto {v}.")],
    "sv": [("email", "Återbetala till IBAN {v}, tack.")],
    "no": [("email", "Tilbakebetaling til konto {v}, takk.")],
    "da": [("email", "Refusion til IBAN {v} tak.")],
    "fi": [("email", "Palautus tilille {v}, kiitos.")],
    "cs": [("email", "Vraťte prosím peníze na účet {v}.")],
    "hu": [("email", "Kérem a visszatérítést a {v} számlára.")],
    "ro": [("email", "Vă rog returnați banii în contul {v}.")],
    "el": [("email", "Παρακαλώ επιστρέψτε τα χρήματα στο IBAN {v}.")],
    "tr": [("email", "İadeyi {v} IBAN numaralı hesabıma yapın lütfen.")],
}
_T["URL"] = {
    "en": [("email", "Here are the photos of the damaged parcel: {v}"),
           ("chat", "Customer: I got this text, is it really from you? {v}\nAgent: No, please don't click it."),
           ("survey", "The link in your email ({v}) gives a 404 error."),
           ("tweet", "@{brand} this is what arrived {v} #disappointed"),
           ("callnote", "Cust referred to listing {v}; price differs from store."),
           ("review", "Tried the returns page {v} but it just loops back to login.")],
    "de": [("email", "Die Fotos vom beschädigten Paket finden Sie hier: {v}"),
           ("survey", "Der Link {v} funktioniert nicht.")],
    "fr": [("email", "Voici le lien vers les photos : {v}")],
    "es": [("email", "Les paso el enlace con las fotos: {v}")],
    "pt": [("email", "Segue o link com as fotos: {v}")],
    "it": [("email", "Ecco il link con le foto del pacco: {v}")],
    "nl": [("email", "Hier de link naar de foto's: {v}")],
    "pl": [("email", "Zdjęcia uszkodzonej paczki: {v}")],
    "ja": [("review", "この商品ページ{v}と違うものが届きました")],
    "ko": [("review", "상품 링크 {v} 와 다른 제품이 왔어요")],
    "zh": [("review", "商品链接{v}和收到的不一样")],
    "sv": [("email", "Här är länken: {v}")],
    "tr": [("email", "Fotoğraflar burada: {v}")],
}
_T["SSN"] = {
    "en": [("form", "SSN: {v}"),
           ("callnote", "Caller verified identity with SSN {v} and DOB."),
           ("email", "For the credit application my social security number is {v}."),
           ("chat", "Customer: my social is {v}\nAgent: Please don't share that here, I'll redact it."),
           ("csv", "{id},{fn} {ln},{v},{date},approved"),
           ("json", '{"applicant": "{fn} {ln}", "ssn": "{v}", "state": "TX"}'),
           ("web", "Social Security Number (required): {v}"),
           ("sms", "ssn {v} for the loan form"),
           ("survey", "Why do you need my SSN ({v}) just to open a checking account?"),
           ("form", "SSN#{v}"),
           ("email", "Hi, I think someone opened an account using my SSN {v}, please investigate.")],
    "es": [("email", "Mi número de seguro social es {v}, para la solicitud de crédito."),
           ("chat", "Cliente: el seguro social es {v}\nAgente: Gracias.")],
}

_GLUE = [("(", ")"), ("<", ">"), ('"', '"'), ("[", "]"), ("", "."),
         ("", ","), ("", "!!"), ("", ";"), ("'", "'")]
_GLUE_L = {"fr": [("«", "»"), ("« ", " »")], "de": [("„", "“")],
           "ja": [("「", "」")], "zh": [("（", "）"), ("“", "”")],
           "pl": [("„", "”")]}


# --------------------------------------------------------------------------
# building
# --------------------------------------------------------------------------
ITEMS = []
_SEEN = set()


_LONG_RUN = re.compile(r"\d(?:[ -]?\d){12,18}")


def _stray_luhn(text, pii):
    """True if an unannotated 13-19 digit run in text happens to pass Luhn."""
    rest = text
    for p in pii:
        rest = rest.replace(p["value"], " | ")
    if rest.startswith("IMEI "):
        return False
    return any(_luhn_ok(m.group()) for m in _LONG_RUN.finditer(rest))


def _add(text, pii, note):
    if text in _SEEN or _stray_luhn(text, pii):
        return False
    _SEEN.add(text)
    ITEMS.append({"text": text, "pii": pii, "note": note})
    return True


def _fields(lang):
    fn, ln = _name(lang)
    return dict(fn=fn, ln=ln, amt=_amt(lang), date=_date(lang), ref=_ref(),
                order=_order(), id=str(_r.randint(10000, 999999)),
                brand=_pick(_BRANDS))


def _make_single(typ, lang, value, style, extra_note=""):
    tpls = _T[typ].get(lang) or _T[typ]["en"]
    if not _T[typ].get(lang):
        lang_used = "en"
    else:
        lang_used = lang
    channel, tpl = _pick(tpls)
    vv = value
    if style == "plain" and _r.random() < 0.1 and channel not in ("json", "csv"):
        after = tpl[tpl.index("{v}") + 3:tpl.index("{v}") + 4]
        glue = _GLUE + _GLUE_L.get(lang_used, [])
        if after and not after.isspace():
            glue = [g for g in glue if g[0]]
        pre, post = _pick(glue)
        vv = pre + value + post
        style = "glued-punct"
    if typ == "EMAIL" and style == "plain" and _r.random() < 0.05:
        vv = "mailto:" + value
        style = "mailto"
    text = _fill(tpl, v=vv, **_fields(lang_used))
    return text, channel, style


def _single(typ, lang, gen):
    for _ in range(50):
        value, style, sub = gen()
        text, channel, style2 = _make_single(typ, lang, value, style)
        if _add(text, [{"type": typ, "value": value}],
                f"{typ.lower()} {lang} {channel} {sub} {style2}".replace("  ", " ").strip()):
            return
    raise AssertionError("could not build unique item")


# ---- multi-value items (signatures, forms, exports) ----
_MULTI_TPL = {
    "en": [("signature", "Best regards,\n{fn} {ln}\nAccount Manager | {company}\nT: {PHONE}\nE: {EMAIL}\nW: {URL}"),
           ("signature", "--\n{fn} {ln}\nMobile: {PHONE}\n{EMAIL}"),
           ("chat", "Agent: Can I get a callback number and an email?\nCustomer: {PHONE}, and {EMAIL}"),
           ("form", "name={fn} {ln}; email={EMAIL}; phone={PHONE}; consent=yes"),
           ("csv", "{id},{fn},{ln},{EMAIL},{PHONE},open"),
           ("json", '{"customer": "{fn} {ln}", "email": "{EMAIL}", "mobile": "{PHONE}"}'),
           ("form", "Applicant: {fn} {ln}\nSSN: {SSN}\nPhone: {PHONE}\nEmail: {EMAIL}"),
           ("callnote", "Caller {fn} {ln}, SSN {SSN}, wants statement mailed; callback {PHONE}."),
           ("email", "Hi, the card {CARD} was charged for an order I never placed. Reach me at {PHONE} or {EMAIL}."),
           ("form", "refund_to_iban={IBAN}\ncontact={EMAIL}"),
           ("email", "Please refund to IBAN {IBAN}. If anything is unclear call me on {PHONE}.\n{fn}")],
    "de": [("signature", "Mit freundlichen Grüßen\n{fn} {ln}\nTel.: {PHONE}\nE-Mail: {EMAIL}\n{URL}"),
           ("form", "Kontoinhaber: {fn} {ln}\nIBAN: {IBAN}\nE-Mail: {EMAIL}"),
           ("email", "Bitte Erstattung auf {IBAN}. Rückfragen gern unter {PHONE}.")],
    "fr": [("signature", "Cordialement,\n{fn} {ln}\nTél. : {PHONE}\nMail : {EMAIL}"),
           ("form", "nom={fn} {ln};iban={IBAN};email={EMAIL}")],
    "es": [("signature", "Un saludo,\n{fn} {ln}\nMóvil: {PHONE}\nCorreo: {EMAIL}")],
    "nl": [("signature", "Met vriendelijke groet,\n{fn} {ln}\nT {PHONE}\nE {EMAIL}")],
    "it": [("signature", "Cordiali saluti\n{fn} {ln}\nCell. {PHONE}\nEmail: {EMAIL}")],
    "pl": [("signature", "Pozdrawiam\n{fn} {ln}\ntel. {PHONE}\n{EMAIL}")],
    "pt": [("signature", "Atenciosamente,\n{fn} {ln}\nCel: {PHONE}\nE-mail: {EMAIL}")],
    "ja": [("signature", "{ln}{fn}\nTEL：{PHONE}\nMail：{EMAIL}")],
    "zh": [("form", "姓名：{ln}{fn}\n手机：{PHONE}\n邮箱：{EMAIL}")],
}
_MULTI_LANG_W = [("en", 55), ("de", 12), ("fr", 7), ("es", 5), ("nl", 5),
                 ("it", 4), ("pl", 4), ("pt", 4), ("ja", 2), ("zh", 2)]
_MULTI_CC = {"en": ["US", "US", "GB", "GB", "CA", "AU", "IE"], "de": ["DE", "DE", "AT", "CH"],
             "fr": ["FR", "BE"], "es": ["ES", "MX"], "nl": ["NL"], "it": ["IT"],
             "pl": ["PL"], "pt": ["BR", "PT"], "ja": ["JP"], "zh": ["CN"]}
_MULTI_IBAN = {"en": ["GB", "IE"], "de": ["DE", "AT", "CH"], "fr": ["FR", "BE", "LU"]}


def _build_multi(n):
    built = 0
    while built < n:
        lang = _wpick(_MULTI_LANG_W)
        channel, tpl = _pick(_MULTI_TPL[lang])
        f = _fields(lang)
        f["company"] = _pick(["Acme Logistics Ltd", "BrightPath Solutions", "Harbor Lane Pty Ltd"])
        pii, order = [], []
        pos = {}
        for typ in ("CARD", "IBAN", "SSN", "PHONE", "EMAIL", "URL"):
            if "{" + typ + "}" in tpl:
                if typ == "EMAIL":
                    v = _email_plain(lang, company=channel == "signature" and _r.random() < 0.6)
                elif typ == "PHONE":
                    v = _pick(_phone_parts(_pick(_MULTI_CC[lang]))[_pick([0, 0, 1])])
                elif typ == "URL":
                    v = _pick(["www.", "https://www.", "https://"]) + _pick(_COMPANY_DOMAINS) + _pick(["", "", "/contact", "/kontakt"])
                elif typ == "IBAN":
                    v = _group(_iban_raw(_pick(_MULTI_IBAN.get(lang, ["GB"]))), [4] * 8, " ")
                elif typ == "SSN":
                    v = _ssn()[0]
                else:
                    v = _card_std(_card_digits(_wpick(_CARD_NETS[:4])), " ")
                f[typ] = v
                pos[typ] = v
        text = _fill(tpl, **f)
        for typ in ("CARD", "IBAN", "SSN", "PHONE", "EMAIL", "URL"):
            if typ in pos:
                order.append((text.index(pos[typ]), typ, pos[typ]))
        order.sort()
        pii = [{"type": t, "value": v} for _, t, v in order]
        if _add(text, pii, f"multi {lang} {channel} " + "+".join(t for _, t, _ in order)):
            built += 1


_build_multi(34)


def _count(typ):
    return sum(1 for it in ITEMS for p in it["pii"] if p["type"] == typ)


# ---- single-value items ----
_TARGET = {"EMAIL": 120, "CARD": 120, "PHONE": 120, "URL": 40, "IBAN": 30, "SSN": 45}

# cards: guarantee every network at least twice, then weighted
_card_queue = [n for n, _ in _CARD_NETS for _ in range(2)]
while _count("CARD") < _TARGET["CARD"]:
    net = _card_queue.pop(0) if _card_queue else None
    lang = _wpick(_LANG_W)
    if net in ("Elo", "Hipercard"):
        lang = "pt"
    elif net == "RuPay":
        lang = "en"
    elif net == "Troy":
        lang = "tr"
    elif net == "JCB" and _r.random() < 0.6:
        lang = "ja"
    elif net == "UnionPay" and _r.random() < 0.6:
        lang = "zh"

    def _g(lang=lang, net=net):
        v, nn, st = _card(lang, net)
        return v, ("plain" if st in ("spaces", "hyphens", "no-separator") else st), f"{nn} {st}"
    _single("CARD", lang, _g)

# emails
while _count("EMAIL") < _TARGET["EMAIL"]:
    lang = _wpick(_LANG_W)

    def _g(lang=lang):
        v, st = _email(lang)
        return v, ("plain" if st in ("plain", "upper") else st), st
    _single("EMAIL", lang, _g)

# phones: every country first, then by language
_cc_queue = list(_CC_LANG)
while _count("PHONE") < _TARGET["PHONE"]:
    if _cc_queue:
        cc = _cc_queue.pop(0)
        lang = _CC_LANG[cc]
        if cc == "BE" and _r.random() < 0.5:
            lang = "fr"
    else:
        lang = _wpick(_LANG_W)
        cc = _wpick(_PHONE_CC[lang])

    def _g(lang=lang, cc=cc):
        v, st = _phone(cc)
        return v, ("plain" if st in ("national", "international") else st), f"{cc} {st}"
    before = len(ITEMS)
    if _r.random() < 0.08 and lang in _EXT:
        v, st = _phone(cc)
        while "\n" in v:
            v, st = _phone(cc)
        ext = _fill(_pick(_EXT[lang]), n=str(_r.randint(10, 4999)))
        channel, tpl = _pick(_T["PHONE"][lang])
        text = _fill(tpl, v=v + ext, **_fields(lang))
        _add(text, [{"type": "PHONE", "value": v}], f"phone {lang} {channel} {cc} {st} extension-outside")
    elif _r.random() < 0.05:
        v = _pick(_phone_parts(cc)[1])
        channel, tpl = _pick(_T["PHONE"][lang])
        text = _fill(tpl, v="tel:" + v.replace(" ", ""), **_fields(lang))
        _add(text, [{"type": "PHONE", "value": v.replace(" ", "")}], f"phone {lang} {channel} {cc} tel-wrapper")
    else:
        _single("PHONE", lang, _g)

# IBANs: every country first
_iban_queue = list(_IBAN_BBAN)
_lower_done = False
while _count("IBAN") < _TARGET["IBAN"]:
    cc = _iban_queue.pop(0) if _iban_queue else _wpick([("DE", 6), ("FR", 3), ("ES", 3), ("IT", 2), ("NL", 3), ("GB", 2), ("BE", 1), ("AT", 1), ("PL", 1)])
    lang = _IBAN_LANG[cc]
    if not _lower_done and cc == "NL":
        v = _iban_raw(cc).lower()
        _lower_done = True
        channel, tpl = _pick(_T["IBAN"][lang])
        _add(_fill(tpl, v=v, **_fields(lang)), [{"type": "IBAN", "value": v}], f"iban {lang} {channel} {cc} lowercase")
        continue
    if _r.random() < 0.1:
        v = _iban_raw(cc)
        text = _fill(_pick(["IBAN:{v}", "IBAN:{v};BIC:{bic}", "iban={v}&amount={amt}"]), v=v,
                     bic=_pick(["COBADEFFXXX", "BNPAFRPP", "INGBNL2A", "DEUTDEDB"]), amt=str(_r.randint(10, 999)))
        _add(text, [{"type": "IBAN", "value": v}], f"iban {lang} kv {cc} glued-label")
        continue

    def _g(cc=cc):
        v, st = _iban(cc)
        return v, ("plain" if st in ("grouped-4", "electronic") else st), f"{cc} {st}"
    _single("IBAN", lang, _g)

# SSNs
while _count("SSN") < _TARGET["SSN"]:
    lang = "es" if _r.random() < 0.12 else "en"

    def _g():
        v, st = _ssn()
        return v, ("plain" if st == "hyphens" else st), st
    _single("SSN", lang, _g)

# URLs
while _count("URL") < _TARGET["URL"]:
    lang = _wpick(_LANG_W)

    def _g(lang=lang):
        v, st = _url(lang)
        return v, "plain", st
    _single("URL", lang, _g)


# --------------------------------------------------------------------------
# hard negatives
# --------------------------------------------------------------------------
def _ean13(prefix):
    body = prefix + _d(12 - len(prefix))
    tot = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - tot % 10) % 10)


def _neg_luhn16():
    dg = _luhn_bad(_pick(["4", "5", "37", "6011"]), 16)
    return _group(dg, [4, 4, 4, 4], _pick([" ", "-", ""]))


_NEG = [
    lambda: f"Order {_nz(3)}-{_d(7)}-{_d(7)} still hasn't shipped, it's been 10 days.",
    lambda: f"Bestellnummer {_nz(9)} – Lieferung verspätet, bitte um Info.",
    lambda: f"Commande n° {_nz(10)} reçue incomplète, il manque un article.",
    lambda: f"Pedido {_nz(8)}: llegó roto el producto.",
    lambda: f"Tracking 1Z{_d(3)}{''.join(_pick('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(3))}{_d(10)} shows delivered but nothing here.",
    lambda: f"Sendungsnummer {_nz(12)} hängt seit Tagen im Paketzentrum.",
    lambda: f"Royal Mail tracking {''.join(_pick('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(2))}{_d(9)}GB hasn't moved since Monday",
    lambda: f"DHL-Sendung JJD{_d(18)} wurde an den Absender zurückgeschickt.",
    lambda: f"Invoice INV-{_r.randint(2023, 2026)}-{_nz(5)} was charged twice.",
    lambda: f"Rechnungsnr. RE{_r.randint(2023, 2026)}{_d(6)} vom {_date('de')}",
    lambda: f"Facture n° F{_d(2)}-{_nz(6)} du {_date('fr')} — montant erroné",
    lambda: f"Our EIN is {_nz(2)}-{_d(7)}, please put it on the invoice.",
    lambda: f"USt-IdNr.: DE{_nz(9)}",
    lambda: f"USt-IdNr. DE {_nz(3)} {_d(3)} {_d(3)} – bitte auf der Rechnung angeben",
    lambda: f"Steuernummer {_d(3)}/{_d(3)}/{_d(5)}",
    lambda: f"SIRET : {_nz(3)} {_d(3)} {_d(3)} {_d(5)} — merci de corriger la facture",
    lambda: f"SIREN {_nz(3)} {_d(3)} {_d(3)}",
    lambda: f"CIF: B{_d(8)} (empresa)",
    lambda: f"NIF {_d(8)}{_pick('TRWAGMYFPDXBNJZSQVHLCKE')} para la factura por favor",
    lambda: f"P.IVA IT{_d(11)} — fattura errata",
    lambda: f"Partita IVA {_d(11)}",
    lambda: f"KvK-nummer {_nz(8)}, BTW NL{_nz(9)}B01",
    lambda: f"NIP {_nz(3)}-{_d(3)}-{_d(2)}-{_d(2)} — proszę o fakturę na firmę",
    lambda: f"REGON {_nz(9)}",
    lambda: f"Org.nr {_nz(6)}-{_d(4)}",
    lambda: f"CVR-nr. {_nz(8)}",
    lambda: f"Org. nr. {_nz(3)} {_d(3)} {_d(3)} MVA",
    lambda: f"Y-tunnus {_nz(7)}-{_d(1)}",
    lambda: f"IČO: {_nz(8)}, DIČ: CZ{_nz(8)}",
    lambda: f"Adószám: {_nz(8)}-{_d(1)}-{_d(2)}",
    lambda: f"CUI RO{_nz(8)}",
    lambda: f"Vergi No: {_nz(10)}",
    lambda: f"ΑΦΜ {_nz(9)} ΔΟΥ Αθηνών",
    lambda: f"Company No. {_d(8)} registered in England and Wales. VAT Reg GB {_nz(3)} {_d(4)} {_d(2)}",
    lambda: f"ABN {_nz(2)} {_d(3)} {_d(3)} {_d(3)}",
    lambda: f"CNPJ {_d(2)}.{_d(3)}.{_d(3)}/0001-{_d(2)}",
    lambda: f"RFC {''.join(_pick('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(3))}{_d(6)}{_pick('ABC')}{_d(2)}",
    lambda: f"GSTIN {_d(2)}{''.join(_pick('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(5))}{_d(4)}{_pick('ABCDF')}1Z{_d(1)}",
    lambda: f"사업자등록번호 {_nz(3)}-{_d(2)}-{_d(5)}",
    lambda: f"统一社会信用代码91{_d(6)}{_d(9)}{_pick('ABCDEFGHJKLMNPQRTUWXY')}",
    lambda: f"法人番号{_nz(13)}",
    lambda: f"Reference number {_neg_luhn16()} – please quote it in future correspondence.",
    lambda: f"Transaction ID {_neg_luhn16()} failed at {_r.randint(0, 23):02d}:{_r.randint(0, 59):02d}",
    lambda: f"Vorgangsnummer {_neg_luhn16()}",
    lambda: f"n° de dossier {_neg_luhn16()}",
    lambda: f"IMEI {_luhn_make(_pick(['35', '86', '01', '35']), 15)} — phone blocked after update",
    lambda: f"EAN {_ean13(_pick(['40', '50', '76', '84']))} / SKU {_pick(['HX', 'KB', 'TV'])}-{_nz(4)}-{_pick(['BLK', 'WHT', 'RED'])}",
    lambda: f"Artikelnummer {_nz(8)} ist ständig ausverkauft",
    lambda: f"Model {_pick(['SM-S921B', 'A2849', 'WH-1000XM5', 'KD-55X85L', 'RTX 4070'])} stopped working after {_r.randint(2, 11)} months",
    lambda: f"Paid {_amt('en')} on {_date('en')} at {_r.randint(1, 12)}:{_r.randint(0, 59):02d} pm, still no confirmation.",
    lambda: f"Bezahlt am {_date('de')} um {_r.randint(7, 22)}:{_r.randint(0, 59):02d} Uhr, Betrag {_amt('de')}",
    lambda: f"Le colis devait arriver le {_date('fr')} entre {_r.randint(8, 12)}h et {_r.randint(13, 18)}h.",
    lambda: f"Price went from ${_r.randint(1, 9)},{_d(3)}.{_d(2)} to ${_r.randint(1, 9)},{_d(3)}.{_d(2)} overnight",
    lambda: f"Preis {_r.randint(1, 9)}.{_d(3)},{_d(2)} € statt {_r.randint(1, 9)}.{_d(3)},{_d(2)} €",
    lambda: f"App version {_r.randint(1, 12)}.{_r.randint(0, 30)}.{_r.randint(0, 9)} (build {_nz(5)}) crashes on iOS {_r.randint(15, 18)}.{_r.randint(0, 6)}.{_r.randint(0, 3)}",
    lambda: f"After updating to Android {_r.randint(11, 15)} and app v{_r.randint(3, 9)}.{_r.randint(0, 20)}.{_r.randint(0, 99)} the login is broken",
    lambda: f"Your web portal throws errors in Node.js {_r.randint(16, 22)}.x and ASP.NET Core {_r.randint(6, 8)}.0 integrations",
    lambda: f"I exported report_{_r.randint(2023, 2026)}_{_d(2)}.pdf and config.yaml but the import fails",
    lambda: f"Flight {_pick(['LH', 'BA', 'AF', 'KL', 'IB', 'FR', 'U2', 'TK', 'LX'])} {_nz(_r.randint(3, 4))} on {_date('en')} was cancelled, booking ref {''.join(_pick('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(6))}",
    lambda: f"Flug {_pick(['LH', 'EW', 'DE', 'X3'])}{_nz(4)} gestrichen, Buchungscode {''.join(_pick('ABCDEFGHJKLMNPRSTUVWXYZ23456789') for _ in range(6))}",
    lambda: f"Lieferadresse: Hauptstraße {_r.randint(1, 120)}, {_nz(5)} {_pick(['Berlin', 'München', 'Köln', 'Hamburg'])}",
    lambda: f"Shipping to {_pick(['SW1A 1AA', 'M1 1AE', 'EH1 1YZ', 'B33 8TH'])}, London area, parcel {_nz(8)}",
    lambda: f"ZIP {_nz(5)}-{_d(4)}, apt {_r.randint(1, 40)}{_pick('ABCD')}",
    lambda: f"Adres: ul. Polna {_r.randint(1, 99)}, {_nz(2)}-{_d(3)} Warszawa",
    lambda: f"Code postal {_nz(5)} {_pick(['Paris', 'Lyon', 'Lille'])}, bâtiment B",
    lambda: f"Card ending in {_d(4)} was charged {_amt('en')} twice.",
    lambda: f"Karte endet auf {_d(4)}, Abbuchung doppelt",
    lambda: f"**** **** **** {_d(4)} — this card was already cancelled",
    lambda: f"XXXX-XXXX-XXXX-{_d(4)} declined again",
    lambda: f"Tarjeta terminada en {_d(4)}",
    lambda: f"カード末尾{_d(4)}で決済しました",
    lambda: f"卡号尾号{_d(4)}",
    lambda: f"Cartão final {_d(4)} cobrado duas vezes",
    lambda: f"{_pick(['4', '5'])}{_d(3)} {_d(2)}** **** {_d(4)} shown on the receipt",
    lambda: f"IBAN DE{_d(2)} **** **** **** **{_d(2)} {_d(2)} – Erstattung fehlt",
    lambda: f"Refund to account ending {_d(4)}",
    lambda: f"Last four of my SSN are {_d(4)}",
    lambda: f"SSN: XXX-XX-{_d(4)} (masked in our system)",
    lambda: f"Phone on file: +{_pick(['49', '44', '1', '33'])} *** *** {_d(2)}{_d(2)}",
    lambda: f"We sent a code to the number ending in {_d(2)}",
    lambda: f"Email on file: {_pick('abcjmst')}***@{_pick(['gmail.com', 'gmx.de', 'web.de'])}",
    lambda: f"Wir haben den Code an {_pick('ajmst')}****{_pick('ernd')}@g***.de geschickt",
    lambda: f"My number is {_pick(['zero', 'oh'])} seven nine {_pick(['one', 'two', 'five'])} one two three four five six seven",
    lambda: f"Meine Nummer ist null eins sieben {_pick(['zwei', 'drei', 'vier'])} fünf sechs sieben acht neun",
    lambda: f"Mi número es seis {_pick(['uno', 'dos', 'tres'])} cuatro cinco seis siete ocho nueve cero",
    lambda: f"Quantity {_r.randint(2, 12)} x {_amt('en')}, subtotal {_amt('en')}",
    lambda: f"Meter reading {_nz(6)} kWh on {_date('en')}, account no. {_nz(8)}",
    lambda: f"Kundennummer {_nz(7)}, Vertragsnummer {_nz(10)}",
    lambda: f"Customer ID {_nz(9)}, ticket {_ref()}",
    lambda: f"Numer klienta {_nz(8)}, zamówienie {_nz(10)}",
    lambda: f"Numero cliente {_nz(10)}, ordine {_nz(8)}",
    lambda: f"Klantnummer {_nz(9)}, bestelling {_nz(10)}",
    lambda: f"注文番号{_nz(3)}-{_d(7)}-{_d(7)}の商品が届きません",
    lambda: f"주문번호{_nz(14)} 배송이 안 와요",
    lambda: f"订单号{_nz(18)}一直没发货",
    lambda: f"Sipariş no {_nz(9)} hâlâ kargoya verilmedi",
    lambda: f"Αριθμός παραγγελίας {_nz(8)} δεν έφτασε",
    lambda: f"Číslo objednávky {_nz(10)} stále nedorazilo",
    lambda: f"Rendelésszám: {_nz(9)}, még mindig nem érkezett meg",
    lambda: f"Comanda nr. {_nz(8)} nu a ajuns",
    lambda: f"Ordrenummer {_nz(8)} er ikke kommet",
    lambda: f"Tilausnumero {_nz(8)} ei ole saapunut",
    lambda: f"Ordernummer {_nz(9)} har inte kommit",
    lambda: f"Serial no. {''.join(_pick('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') for _ in range(12))} under warranty until {_date('en')}",
    lambda: f"Gift card code {''.join(_pick('ABCDEFGHJKLMNPQRSTUVWXYZ23456789') for _ in range(4))}-{''.join(_pick('ABCDEFGHJKLMNPQRSTUVWXYZ23456789') for _ in range(4))}-{''.join(_pick('ABCDEFGHJKLMNPQRSTUVWXYZ23456789') for _ in range(4))} doesn't work",
    lambda: f"Promo code SPRING{_r.randint(10, 50)} gave only {_r.randint(5, 15)}% off",
    lambda: f"Router model {_pick(['FRITZ!Box 7590', 'TP-Link Archer AX55', 'Livebox 6', 'Hub 3.0'])} keeps dropping wifi since firmware {_r.randint(5, 8)}.{_r.randint(0, 60)}",
    lambda: f"Tariff {_pick(['Unlimited 5G', 'Go Plus', 'MagentaMobil M'])} at {_amt('en')}/month from {_date('en')}",
    lambda: f"Contract term {_r.randint(12, 24)} months, start {_date('de')}, end {_date('de')}",
    lambda: f"Bank sort code and account were correct, but the transfer of {_amt('en')} bounced (ref {_nz(10)})",
    lambda: f"Kontonummer alt: {_nz(10)}, BLZ {_nz(8)} – gilt das noch?",
    lambda: f"The charge of {_amt('en')} on {_date('en')} appears as PAYPAL *{_pick(['SHOPNOW', 'STREAMPL'])} {_nz(10)}",
    lambda: f"Room {_r.randint(100, 999)}, booking {_nz(10)}, check-in {_date('en')} {_r.randint(14, 18)}:00",
    lambda: f"Ticket {_ref()} escalated to tier 2 at {_r.randint(0, 23):02d}:{_r.randint(0, 59):02d} UTC",
    lambda: f"Lot {_nz(6)}-{_d(3)}, best before {_date('en')}",
    lambda: f"Batch {_pick(['B', 'L'])}{_d(5)}/{_d(2)}, expiry {_date('fr')}",
    lambda: f"Termin am {_date('de')} zwischen {_r.randint(7, 11)}:00 und {_r.randint(12, 17)}:00 Uhr",
    lambda: f"Reservation {_nz(3)} {_d(3)} {_d(3)} {_d(3)} confirmed for {_r.randint(2, 6)} guests",
    lambda: f"Coordinates {_r.randint(40, 59)}.{_d(6)}, {_r.randint(1, 20)}.{_d(6)} – driver couldn't find the house",
    lambda: f"Postcode {_nz(4)} {_pick(['AB', 'KL', 'XR', 'DS'])} Amsterdam, huisnummer {_r.randint(1, 200)}",
    lambda: f"Policy number POL-{_nz(8)} renewed on {_date('en')}",
    lambda: f"Claim {_nz(4)}-{_d(4)}-{_d(4)} was rejected without explanation",
    lambda: f"Boarding pass seq. {_d(3)}, gate {_pick('ABCD')}{_r.randint(1, 60)}, seat {_r.randint(1, 40)}{_pick('ABCDEF')}",
    lambda: f"Dimensions {_r.randint(20, 200)} x {_r.randint(20, 200)} x {_r.randint(20, 200)} cm, weight {_r.randint(1, 40)}.{_d(1)} kg",
    lambda: f"Ref. {_nz(4)} {_d(4)} {_d(4)} {_d(4)} {_d(2)} (mandate reference, not a card)",
    lambda: f"Process ID {_nz(5)}, error 0x{_pick(['8007', 'C000', '8024'])}{''.join(_pick('0123456789ABCDEF') for _ in range(4))} in Microsoft.Office.Interop",
    lambda: f"The config key payments.retry.maxAttempts={_r.randint(2, 9)} seems wrong in v{_r.randint(1, 4)}.{_r.randint(0, 9)}",
    lambda: f"My name is {_name('en')[0]} and I'm {_r.randint(20, 80)}. Order total {_amt('en')}.",
    lambda: f"Le numéro de TVA intracommunautaire FR{_d(2)}{_nz(9)} est faux sur la facture",
    lambda: f"Número de pedido {_nz(3)}-{_d(3)}-{_d(3)}",
    lambda: f"Numéro client {_nz(2)} {_d(2)} {_d(2)} {_d(2)} {_d(2)}",
    lambda: f"Codice ordine {_nz(4)} {_d(4)} {_d(2)}",
    lambda: f"Zamówienie nr {_nz(3)} {_d(3)} {_d(3)} nadal w drodze",
    lambda: f"Order #{_nz(4)}-{_d(4)}-{_d(4)}-{_d(4)} — is this a valid order number? it's 16 digits",
    lambda: f"Nummer der Bestellung: {_neg_luhn16()}",
]

_N_NEG = 160
_neg_i = 0
while sum(1 for it in ITEMS if not it["pii"]) < _N_NEG:
    # cycle through all templates first, then random
    if _neg_i < len(_NEG):
        f = _NEG[_neg_i]
        idx = _neg_i
    else:
        idx = _r.randrange(len(_NEG))
        f = _NEG[idx]
    _neg_i += 1
    _add(f(), [], f"hard-negative #{idx}")

# deterministic interleaving of positives and negatives
_r.shuffle(ITEMS)


# --------------------------------------------------------------------------
# import-time checks
# --------------------------------------------------------------------------
assert len({it["text"] for it in ITEMS}) == len(ITEMS)
for _it in ITEMS:
    assert set(_it) == {"text", "pii", "note"}
    assert isinstance(_it["text"], str) and isinstance(_it["note"], str)
    for _p in _it["pii"]:
        assert _p["type"] in TYPES, _p
        assert _p["value"] and _p["value"] in _it["text"], (_p, _it["text"])
        if _p["type"] == "CARD":
            _digits = "".join(c for c in _p["value"] if c.isdigit())
            assert 12 <= len(_digits) <= 19 and _luhn_ok(_digits), _p
        if _p["type"] == "IBAN":
            assert _iban_ok(_p["value"]), _p
del _it

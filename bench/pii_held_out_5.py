"""Held-out set 5 of the PII benchmark (``bench/pii_bench.py``): the structured types, written blind.

Written without reading ``voc_engine/nlp/redact.py``, its tests or any PII bench result, and
before any run of the redactor on these texts, so that the first measurement of this set
(``python bench/pii_bench.py --record-first-run-5``) is an unseen figure.  The forms are
the ways customers in English-speaking markets (UK, IE, US, CA, AU, NZ, IN, and EU
customers writing in English) put phone numbers, US SSNs, card numbers, IBANs, e-mail
addresses and links into support comments, chats, tweets, surveys and e-mails, in
sentences written for this set with the item at the start, in the middle or at the end
and punctuation stuck to it.  No-PII texts full of harmless numbers (flights, bookings,
orders, tracking numbers, prices, dates, times, model and serial numbers, percentages)
measure precision.

Items have the layout of ``pii_bench.labelled_set``: {"text", "spans": [(start, end, TYPE)],
"type", "form", "stage"}.  A form makes either the text of one item of its type or a list
of pieces: plain strings, and (TYPE, text) pairs for the true spans (a name next to the
item is a NAME span).  A form may bring its own sentences; otherwise one of SENTENCES_5
of its type is drawn.  Values come from ``random.Random(seed + 5)``: Luhn-valid card
numbers of real issuer ranges, IBANs with valid mod-97 check digits and each country's
length, SSNs outside the never-issued ranges, phone numbers with area codes and mobile
prefixes in use.  ``check_items`` checks every span against those rules and its
surroundings; ``held_out_5_items`` runs it on what it returns.

This module imports nothing from ``pii_bench`` (which imports it); the check-digit
arithmetic and the assembly of items it shares with the other sets are in
``bench/pii_forms.py``.  ``python -m bench.pii_held_out_5 [N]`` prints a summary.
"""
from __future__ import annotations

import random
import re
import string
from collections import Counter

from bench.pii_forms import iban_ok, iban_with_check, luhn_complete, luhn_ok, form_items, negative_items

HELD_OUT_5 = "held-out 5"

# IBAN lengths (SWIFT IBAN registry) of every country this set draws from.
IBAN_LENGTH = {"GB": 22, "IE": 22, "DE": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "BE": 16, "PT": 25,
               "AT": 20, "LU": 20, "FI": 18, "MT": 31, "CY": 28, "EE": 20, "LT": 20, "PL": 28,
               "LV": 21, "SK": 24, "GI": 23, "LI": 21, "MC": 27, "SM": 27, "AD": 24, "ME": 22, "RS": 22,
               "UA": 29, "IL": 23, "QA": 29, "GE": 22, "FO": 18, "KW": 30}

# ------------------------------------------------------------------- value pools

FIRST = ("Aoife Ciaran Niamh Sean Grace Liam Olivia Noah Ava Isla Jack Harper Mia Arjun Ananya Rohan "
         "Deepika Wei Mohammed Zara Ethan Chloe Lachlan Matilda Ruby Oscar Freya Tyler Madison Brandon "
         "Kayla Jamal Keisha Darnell Siobhan Eoin Caoimhe Hamish Priyanka").split()
LAST = ("Murphy Kelly O'Sullivan Walsh Byrne Ryan Smith Jones Taylor Brown Wilson Thompson Nguyen Singh "
        "Kaur Sharma Gupta Iyer Campbell Stewart MacLeod Robertson Anderson Martinez Johnson Williams "
        "Davies Evans Roberts Hughes Okonkwo Mensah Tremblay Gagnon Leblanc Fitzpatrick").split()

US_AREAS = ("212 646 718 917 312 773 415 628 213 310 323 617 857 202 305 786 404 470 206 512 713 832 214 "
            "469 602 480 702 303 612 615 704 919 503 215 267 412 216 313 801 808").split()
CA_AREAS = "416 647 437 905 604 778 514 438 403 587 613 780 902 204 306 519".split()
UK_CITY_4 = "0113 0114 0115 0116 0117 0118 0121 0131 0141 0151 0161 0191".split()
UK_CITY_5 = "01223 01865 01273 01603 01904 01392 01244 01482 01752 01224 01872".split()
IE_MOBILE = "083 085 086 087 089".split()
NZ_MOBILE = "021 022 027 029".split()

# Real bank codes for the BBAN's bank field, and the BIC of the same bank.
GB_BANKS = {"NWBK": "NWBKGB2L", "BARC": "BARCGB22", "LOYD": "LOYDGB21", "HBUK": "HBUKGB4B",
            "MIDL": "MIDLGB22", "NAIA": "NAIAGB21", "BUKB": "BUKBGB22", "SRLG": "SRLGGB2L",
            "MONZ": "MONZGB2L", "REVO": "REVOGB21"}
IE_BANKS = {"AIBK": "AIBKIE2D", "BOFI": "BOFIIE2D", "IPBS": "IPBSIE2D", "ULSB": "ULSBIE2D"}
NL_BANKS = {"ABNA": "ABNANL2A", "INGB": "INGBNL2A", "RABO": "RABONL2U", "TRIO": "TRIONL2U",
            "KNAB": "KNABNL2H", "BUNQ": "BUNQNL2A", "SNSB": "SNSBNL2A"}
OTHER_BICS = {"DE": ["COBADEFFXXX", "DEUTDEFF", "GENODEM1GLS", "INGDDEFFXXX"], "FR": ["BNPAFRPP", "SOGEFRPP", "CRLYFRPP"],
              "ES": ["BBVAESMM", "CAIXESBBXXX", "BSCHESMM"], "IT": ["UNCRITMM", "BCITITMM"], "BE": ["GEBABEBB", "KREDBEBB"],
              "PT": ["CGDIPTPL", "BCOMPTPL"], "AT": ["BKAUATWW", "RZBAATWW"]}

# (country, BBAN layout): A = letter, 9 = digit, X = a digit or, now and then, a letter.
COMMON_LAYOUTS = [("DE", "9" * 18), ("FR", "9" * 10 + "X" * 11 + "99"), ("ES", "9" * 20),
                  ("IT", "A" + "9" * 10 + "X" * 12), ("BE", "9" * 12), ("PT", "9" * 21), ("AT", "9" * 16),
                  ("LU", "999" + "X" * 13), ("FI", "9" * 14), ("MT", "AAAA" + "9" * 5 + "X" * 18),
                  ("CY", "9" * 8 + "X" * 16), ("EE", "9" * 16), ("LT", "9" * 16), ("PL", "9" * 24)]
# Countries that no earlier stage of the bench draws from.
NEW_LAYOUTS = [("LV", "AAAA" + "9" * 13), ("SK", "9" * 20), ("GI", "AAAA" + "9" * 15), ("LI", "9" * 5 + "X" * 12),
               ("MC", "9" * 10 + "X" * 11 + "99"), ("SM", "A" + "9" * 10 + "X" * 12), ("AD", "9" * 8 + "X" * 12),
               ("ME", "9" * 18), ("RS", "9" * 18), ("UA", "9" * 6 + "X" * 19), ("IL", "9" * 19),
               ("QA", "AAAA" + "X" * 21), ("GE", "AA" + "9" * 16), ("FO", "9" * 14), ("KW", "AAAA" + "X" * 22)]

EMAIL_PROVIDERS = ["gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.com", "icloud.com", "live.ie",
                   "hotmail.com", "yahoo.co.in", "outlook.com.au", "me.com"]
LOCAL_ISP_DOMAINS = ["btinternet.com", "sky.com", "virginmedia.com", "talktalk.net", "ntlworld.com", "eircom.net",
                     "bigpond.net.au", "optusnet.com.au", "iinet.net.au", "rogers.com", "telus.net", "videotron.ca",
                     "rediffmail.com", "xtra.co.nz", "nhs.net", "hmrc.gov.uk", "ed.ac.uk", "tcd.ie",
                     "health.nsw.gov.au", "utoronto.ca", "iitb.ac.in", "kcl.ac.uk"]
SITES = ["acme-retail", "shopwell", "fly-acme", "greenbank", "homefix", "parcelco", "tixhub"]
MONTHS = "January February March April May June July August September October November December".split()


class _V:
    """Random values for this set (not formatted as in the text)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, options):
        return self.rng.choice(options)

    def digits(self, count: int, first: str = string.digits) -> str:
        return (self.rng.choice(first) + "".join(self.rng.choice(string.digits) for _ in range(count - 1))) if count else ""

    def word(self, count: int, alphabet: str = string.ascii_letters + string.digits) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(count))

    def name(self) -> tuple[str, str]:
        return self.pick(FIRST), self.pick(LAST)

    def local(self) -> str:
        first, last = self.name()
        f, l = first.lower(), last.lower().replace("'", "")
        return self.pick([f"{f}.{l}", f"{f}{l}", f"{f[0]}{l}{self.rng.randint(1, 99)}", f"{f}_{l}", f"{l}.{f}",
                          f"{f}{self.rng.randint(70, 99)}"])

    # phones
    def nanp(self) -> tuple[str, str, str]:
        exchange = self.digits(3, "23456789")
        while exchange[1:] == "11":  # N11 codes are service numbers
            exchange = self.digits(3, "23456789")
        return self.pick(US_AREAS + CA_AREAS), exchange, self.digits(4)

    def uk_mobile(self) -> str:
        return "07" + self.pick("456789") + self.digits(8)  # 07400-07999

    def uk_landline(self) -> tuple[str, str]:
        """(area code with the trunk 0, subscriber number) of a city or town."""
        pick = self.rng.random()
        if pick < 0.4:
            return self.pick(UK_CITY_4), self.digits(7, "2345678")
        if pick < 0.7:
            return self.pick(UK_CITY_5), self.digits(6, "2345678")
        return self.pick(["020", "029", "028", "023", "024"]), self.digits(8, "2378")

    def ie_mobile(self) -> tuple[str, str]:
        return self.pick(IE_MOBILE), self.digits(7, "123456789")

    def au_mobile(self) -> str:
        return "04" + self.digits(8)

    def in_mobile(self) -> str:
        return self.digits(10, "6789")

    # cards
    def card(self, brand: str) -> str:
        if brand == "visa":
            return luhn_complete("4" + self.digits(14))
        if brand == "mc":
            return luhn_complete("5" + self.pick("12345") + self.digits(13))
        if brand == "mc2":
            return luhn_complete(str(self.rng.randint(2221, 2720)) + self.digits(11))
        if brand == "amex":
            return luhn_complete(self.pick(["34", "37"]) + self.digits(12))
        if brand in ("disc", "disc65"):
            prefix = self.pick(([] if brand == "disc65" else ["6011"]) + [str(self.rng.randint(644, 649)), "65"])
            return luhn_complete(prefix + self.digits(15 - len(prefix)))
        raise ValueError(brand)

    def card16(self) -> str:
        return self.card(self.pick(["visa", "visa", "mc", "mc2", "disc"]))

    # IBANs
    def bban(self, layout: str) -> str:
        out = []
        for slot in layout:
            if slot == "A":
                out.append(self.pick(string.ascii_uppercase))
            elif slot == "9" or self.rng.random() < 0.95:
                out.append(self.pick(string.digits))
            else:
                out.append(self.pick(string.ascii_uppercase))
        return "".join(out)

    def iban_of(self, country: str) -> str:
        if country == "GB":
            return iban_with_check("GB", self.pick(sorted(GB_BANKS)) + self.digits(14))
        if country == "IE":
            return iban_with_check("IE", self.pick(sorted(IE_BANKS)) + self.digits(14))
        if country == "NL":
            return iban_with_check("NL", self.pick(sorted(NL_BANKS)) + self.digits(10))
        layout = dict(COMMON_LAYOUTS + NEW_LAYOUTS)[country]
        return iban_with_check(country, self.bban(layout))

    def iban(self) -> str:
        """An IBAN of a country an English-writing customer in the UK, IE or the EU banks in."""
        return self.iban_of(self.pick(["GB", "GB", "IE", "IE", "NL", "DE", "FR", "ES", "IT", "BE", "PT", "AT",
                                       "LU", "FI", "MT", "CY", "EE", "LT", "PL"]))

    def newiban_with_check(self) -> str:
        return self.iban_of(self.pick(NEW_LAYOUTS)[0])

    def bic_for(self, iban: str) -> str:
        banks = {"GB": GB_BANKS, "IE": IE_BANKS, "NL": NL_BANKS}.get(iban[:2])
        return banks[iban[4:8]] if banks else self.pick(OTHER_BICS[iban[:2]])

    # SSNs
    def ssn(self) -> tuple[str, str, str]:
        area = self.pick([n for n in range(1, 900) if n != 666])  # 000, 666 and 9xx are never issued
        return f"{area:03d}", f"{self.rng.randint(1, 99):02d}", f"{self.rng.randint(1, 9999):04d}"


def _paper(iban: str, sep: str = " ") -> str:
    return sep.join(iban[at:at + 4] for at in range(0, len(iban), 4))


def _groups(number: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, at = [], 0
    for size in sizes:
        parts.append(number[at:at + size])
        at += size
    if at < len(number):
        parts.append(number[at:])
    return sep.join(p for p in parts if p)


# ------------------------------------------------------------------------ phones

def _us_spaces(v: _V) -> str:
    return " ".join(v.nanp())


def _us_plus1_dashes(v: _V) -> str:
    return "+1 " + "-".join(v.nanp())


def _us_trunk_dashes(v: _V) -> str:
    return "1-" + "-".join(v.nanp())


def _us_plus1_run(v: _V) -> str:
    return "+1 " + "".join(v.nanp())


def _us_spaced_hyphens(v: _V) -> str:
    return " - ".join(v.nanp())


def _with_extension(v: _V) -> str:
    area, exchange, line = v.nanp()
    city, number = v.uk_landline()
    base = v.pick([f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}", f"+1 {area}-{exchange}-{line}",
                   {4: f"{city} {number[:3]} {number[3:]}", 5: f"{city} {number}"}.get(len(city), f"{city} {number[:4]} {number[4:]}"),
                   f"(0{v.pick('2378')}) {v.digits(4, '3456789')} {v.digits(4)}"])
    ext = v.pick([" ext. ", " x", " ext:", " extn ", " Ext ", " X ", " ext#", " ext "]) + str(v.rng.randint(2, 9999))
    return base + ext


def _uk_mobile_run(v: _V) -> str:
    return v.uk_mobile()


def _uk_plus44_433(v: _V) -> str:
    m = v.uk_mobile()[1:]
    return f"+44 {m[:4]} {m[4:7]} {m[7:]}"


def _uk_landline_hyphens(v: _V) -> str:
    area, number = v.uk_landline()
    if len(area) == 4:
        return f"{area}-{number[:3]}-{number[3:]}"
    if len(area) == 5:
        return f"{area}-{number}"
    return f"{area}-{number[:4]}-{number[4:]}"


def _ie_mobile_forms(v: _V) -> str:
    prefix, number = v.ie_mobile()
    return v.pick([f"{prefix}-{number[:3]}-{number[3:]}", f"({prefix}) {number}", f"{prefix} {number}",
                   f"{prefix}-{number}"])


def _au_mobile_forms(v: _V) -> str:
    m = v.au_mobile()
    return v.pick([m, "+61" + m[1:], f"+61 (0){m[1:4]} {m[4:7]} {m[7:]}", f"+61 {m[1:]}"])


def _nz_mobile_forms(v: _V) -> str:
    prefix, number = v.pick(NZ_MOBILE), v.digits(7, "23456789")
    return v.pick([f"{prefix} {number[:3]} {number[3:]}", f"+64 {prefix[1:]} {number[:3]} {number[3:]}",
                   f"{prefix}-{number[:3]}-{number[3:]}", f"+64{prefix[1:]}{number}"])


def _in_mobile_forms(v: _V) -> str:
    m = v.in_mobile()
    return v.pick([f"+91 {m[:5]}-{m[5:]}", f"+91 {m}", f"0{m[:5]} {m[5:]}", f"+91-{m[:5]} {m[5:]}",
                   f"(+91) {m[:5]} {m[5:]}"])


def _odd_groupings(v: _V) -> str:
    uk, au = v.uk_mobile(), v.au_mobile()
    area, exchange, line = v.nanp()
    return v.pick([f"{uk[:2]} {uk[2:5]} {uk[5:8]} {uk[8:]}", f"{uk[:4]} {uk[4:7]} {uk[7:]}",
                   f"{area} {exchange}{line}", f"{area}{exchange[0]} {exchange[1:]}{line[0]} {line[1:]}",
                   f"+44 {uk[1:3]} {uk[3:7]} {uk[7:]}", f"{au[:2]} {au[2:4]} {au[4:7]} {au[7:]}",
                   f"{uk[:3]} {uk[3:6]} {uk[6:]}", f"({area}){exchange} {line}"])


def _any_phone(v: _V) -> str:
    return v.pick([_us_spaces, _us_plus1_dashes, _uk_mobile_run, _uk_plus44_433, _ie_mobile_forms,
                   _au_mobile_forms, _nz_mobile_forms, _in_mobile_forms, _uk_landline_hyphens,
                   lambda v: "({}) {}-{}".format(*v.nanp()), lambda v: (lambda m: f"{m[:5]} {m[5:]}")(v.uk_mobile())])(v)


def _glued_label(v: _V) -> list:
    return [v.pick(["tel:", "Tel.", "Mob:", "mob:", "Ph:", "ph:", "cell#", "Cell:", "M:", "T:", "Phone:", "mobile:"]),
            ("PHONE", _any_phone(v))]


def _phone_forms():
    return [
        ("US/CA 3-3-4 with spaces, no brackets '415 555 2671'", _us_spaces),
        ("US/CA '+1 415-555-2671' (space after +1, then hyphens)", _us_plus1_dashes),
        ("US/CA trunk 1 with hyphens '1-415-555-2671'", _us_trunk_dashes),
        ("US/CA '+1 ' then ten digits run together '+1 4155552671'", _us_plus1_run),
        ("US/CA spaced hyphens '415 - 555 - 2671'", _us_spaced_hyphens),
        ("extension written many ways ('ext. 204', 'x12', 'ext:3', 'extn 45', 'Ext 2031', 'X 7', 'ext#9')", _with_extension),
        ("UK mobile, eleven digits run together '07911123456'", _uk_mobile_run),
        ("UK mobile '+44 7911 123 456' (4-3-3 after +44)", _uk_plus44_433),
        ("UK landline with hyphens '0161-496-0123' / '01865-123456' / '029-2018-3456'", _uk_landline_hyphens),
        ("IE mobile with hyphens or brackets '087-123-4567' / '(087) 1234567' / '086 1234567'", _ie_mobile_forms),
        ("AU mobile run together or with '+61 (0)' '0412345678' / '+61412345678' / '+61 (0)412 345 678'", _au_mobile_forms),
        ("NZ mobile '021 123 4567' / '+64 21 123 4567' / '027-123-4567'", _nz_mobile_forms),
        ("IN mobile '+91 98765-43210' / '+91 9876543210' / '098765 43210' / '(+91) 98765 43210'", _in_mobile_forms),
        ("odd groupings ('07 911 123 456', '0791 112 3456', '415 5552671', '+44 79 1112 3456', '04 12 345 678')", _odd_groupings),
        ("glued label, no space ('tel:', 'Mob:', 'Ph:', 'cell#', 'M:')", _glued_label,
         ["Contact {X} (evenings)", "{X}\nRe: order {order}, still not delivered", "Callback pls, {X}",
          "Name on booking as before, {X}, ref {ref}.", "Best way to reach me = {X}"]),
        ("chatty cues ('ring me on', 'my mob is', 'whatsapp me on', 'hmu on', 'give us a bell on', 'text me on')", _any_phone,
         ["ring me on {X} if the engineer can't get in", "my mob is {X}, landline's been dead since {date}",
          "whatsapp me on {X} and I'll send the photos of the damage", "hmu on {X} when my order {order} is ready lol",
          "Give us a bell on {X}, cheers", "text me on {X} not email pls!!", "can u call me back on {X}? been {mins} mins on hold",
          "Just whatsapp {X}.", "my new mob no. is {X} (old one lost with my phone)"]),
    ]


# ------------------------------------------------------------------------- SSNs

def _ssn(v: _V, sep: str = "-") -> str:
    return sep.join(v.ssn())


def _ssn_forms():
    neutral = ["The credit application wanted it, I typed {X} and got an error.", "{X}\nPlease confirm this has been deleted.",
               "As requested for the background check, {X}.", "Updated details - {X} (the old one had a typo)",
               "Why does a {price} refund need my {X}?", "Application #{order}: {X}, still pending after {days} days"]
    return [
        ("'SS number' / 'SS no.' cue, hyphens", lambda v: [v.pick(["SS number ", "SS no. ", "SS No: ", "SS num "]), ("SSN", _ssn(v))],
         neutral),
        ("'soc sec no' cues, nine digits run together", lambda v: [v.pick(["soc sec no ", "soc sec number ", "soc sec # ", "Soc Sec No: "]),
                                                                  ("SSN", _ssn(v, ""))], neutral),
        ("dotted abbreviation 'S.S.N.' / 'S.S. #', hyphens", lambda v: [v.pick(["S.S.N. ", "S.S.N.: ", "S.S. # ", "s.s.n "]), ("SSN", _ssn(v))],
         neutral),
        ("tax-form labels 'SSN/TIN:', 'TIN (SSN):', 'SSN or ITIN:', hyphens",
         lambda v: [v.pick(["SSN/TIN: ", "TIN (SSN): ", "SSN or ITIN: ", "Taxpayer ID (SSN) "]), ("SSN", _ssn(v))], neutral),
        ("no cue, hyphens, punctuation stuck to it", lambda v: _ssn(v),
         ["Your letter quotes ({X}) and that number isn't even mine.", "{X}: why is this printed on the envelope?",
          "I never gave you \"{X}\", so where did it come from?", "Delete {X}.",
          "The W-2 you mailed shows '{X}' for a different person.", "Number on the form was {X}; please correct it!"]),
        ("'social' cue, spaces 3-2-4", lambda v: _ssn(v, " "),
         ["my social is {X} if you need it for the refund", "They made me read my social ({X}) to a bot.",
          "Social: {X}", "gave my social, {X}, and still got transferred 3 times", "social security {X}."]),
        ("space, then hyphen '123 45-6789'", lambda v: "{} {}-{}".format(*v.ssn())),
        ("'SSN #' with the hash stuck to the number", lambda v: [v.pick(["SSN #", "ssn #", "SSN No. #", "Social Security #"]),
                                                                ("SSN", _ssn(v))], neutral),
        ("'SSN-' / 'ssn:' glued, hyphens", lambda v: [v.pick(["SSN-", "ssn:", "SSN:", "Ssn-", "SSN="]), ("SSN", _ssn(v))], neutral),
        ("cue well before the number, nine digits run together", lambda v: _ssn(v, ""),
         ["My SSN (the one on my W-2, not my wife's) is {X}.", "SSN - and yes I checked it twice - {X}",
          "For the social security number field I entered {X} and it said invalid.",
          "social sec. number as on the card from {year}: {X}"]),
        ("form block 'Name: … / SSN: …' (NAME)",
         lambda v: (lambda f, l: [v.pick(["Name: ", "Full name: ", "Applicant: "]), ("NAME", f"{f} {l}"),
                                  v.pick(["\nSSN: ", "\nSocial Security No: ", "\nSSN ", ", SSN "]), ("SSN", _ssn(v))])(*v.name()),
         ["Details for the credit check:\n{X}\nThanks", "{X}\n\nPlease confirm once deleted.", "Resending as asked:\n{X}"]),
    ]


# ------------------------------------------------------------------------ cards

def _card_block(v: _V) -> list:
    first, last = v.name()
    return [v.pick(["Card: ", "Card number: ", "Card no: "]), ("CARD", _groups(v.card16(), (4, 4, 4, 4), " ")),
            f"\nExp: {v.rng.randint(1, 12):02d}/{v.rng.randint(26, 31)}\n" + v.pick(["Name on card: ", "Cardholder: "]),
            ("NAME", f"{first} {last}")]


def _card_brand_glued(v: _V) -> list:
    brand = v.pick(["visa", "mc", "amex"])
    label = v.pick({"visa": ["Visa:", "VISA-", "visa#"], "mc": ["MC-", "Mastercard:", "mastercard#"],
                    "amex": ["AMEX#", "Amex:", "amex-"]}[brand])
    number = v.card(brand)
    return [label, ("CARD", _groups(number, (4, 6, 5) if brand == "amex" else (4, 4, 4, 4), v.pick([" ", ""])))]


def _card_pipes(v: _V) -> list:
    return [v.pick(["Card: ", "CC: ", "Card # "]), ("CARD", _groups(v.card16(), (4, 4, 4, 4), v.pick([" ", "-", ""]))),
            f" | Exp: {v.rng.randint(1, 12):02d}/{v.rng.randint(26, 31)} | " + v.pick(["Amount: ", "Charged: "])
            + v.pick(["\u00a3", "$", "\u20ac"]) + f"{v.rng.randint(5, 900)}.{v.rng.randint(0, 99):02d}"]


def _grouped_any(v: _V, sep: str) -> str:
    """A 16-digit card in groups of 4, or now and then an Amex in 4-6-5."""
    if v.rng.random() < 0.25:
        return _groups(v.card("amex"), (4, 6, 5), sep)
    return _groups(v.card16(), (4, 4, 4, 4), sep)


def _card_forms():
    neutral = ["Please refund the card I paid with:\n{X}", "{X}\nthat's the one you charged twice",
               "Details as asked on the phone - {X}", "Booking {ref}\n{X}"]
    return [
        ("Discover 644-649 and 65 ranges, groups of 4 with spaces", lambda v: _groups(v.card("disc65"), (4, 4, 4, 4), " ")),
        ("partly spaced 4-12 / 12-4 / 4-4-8 / 8-4-4",
         lambda v: _groups(v.card16(), v.pick([(4, 12), (12, 4), (4, 4, 8), (8, 4, 4)]), " ")),
        ("mis-grouped when typed (4-5-3-4, 5-4-4-3, 3-5-4-4, 4-4-3-5)",
         lambda v: _groups(v.card16(), v.pick([(4, 5, 3, 4), (5, 4, 4, 3), (3, 5, 4, 4), (4, 4, 3, 5)]), " ")),
        ("split over two lines (break after the 2nd or 3rd group)",
         lambda v: (lambda n, at: _groups(n[:4 * at], (4,) * at, " ") + v.pick(["\n", " \n"])
                    + _groups(n[4 * at:], (4,) * (4 - at), " "))(v.card16(), v.pick([2, 3]))),
        ("en dashes or underscores between groups (16 digits, or Amex 4-6-5)",
         lambda v: _grouped_any(v, v.pick(["\u2013", " \u2013 ", "_"]))),
        ("no-break or thin spaces between groups, pasted from a banking app (16 digits, or Amex 4-6-5)",
         lambda v: _grouped_any(v, v.pick(["\u00a0", "\u2009", "\u202f"]))),
        ("card details block: number, expiry, name on card (NAME)", _card_block,
         ["Please take the balance from this card instead:\n\n{X}\n\nThanks", "{X}", "Updated payment details\n{X}\nRef {ref}"]),
        ("brand word glued before the number ('Visa:4539…', 'MC-5412…', 'AMEX#3714…')", _card_brand_glued, neutral),
        ("Mastercard 2-series (2221-2720), run together or with hyphens",
         lambda v: _groups(v.card("mc2"), (4, 4, 4, 4), v.pick(["", "-"]))),
        ("form-style line with pipes 'Card: … | Exp: 10/27 | Amount: …'", _card_pipes,
         ["Copied from my receipt:\n{X}", "{X}\nCharged twice, please fix", "Payment log says {X} - I never approved it"]),
    ]


# ------------------------------------------------------------------------ IBANs

def _uneven(v: _V) -> str:
    iban = v.iban()
    sizes = v.pick([(4, 4, 6, 4, 4), (2, 2, 4, 4, 4, 4), (4, 4, 5, 3), (5, 5, 5, 5), (4, 4, 4, 4, 2, 4)])
    return _groups(iban, sizes, " ")


def _bic_first(v: _V) -> list:
    iban = v.iban_of(v.pick(["GB", "IE", "NL", "DE", "FR", "ES", "IT"]))
    bic = v.bic_for(iban)
    shown = _paper(iban) if v.rng.random() < 0.6 else iban
    return v.pick([[f"BIC {bic} IBAN ", ("IBAN", shown)], [f"Swift: {bic} / IBAN: ", ("IBAN", shown)],
                   [f"BIC: {bic}, IBAN: ", ("IBAN", shown)], [f"bic {bic.lower()} iban ", ("IBAN", shown.lower())]])


def _iban_forms():
    neutral = ["Refund details:\n{X}\nThanks", "{X} - please use this for the deposit refund.",
               "Bank details for the {price} refund: {X}.", "As requested,\n{X}\n(account in my name)"]
    return [
        ("countries not drawn before (LV, SK, GI, LI, MC, SM, AD, ME, RS, UA, IL, QA, GE, FO, KW), paper format",
         lambda v: _paper(v.newiban_with_check())),
        ("the same countries, electronic format", lambda v: v.newiban_with_check()),
        ("country and check digits apart, the rest run together 'IE29 AIBK93115212345678'",
         lambda v: (lambda i: f"{i[:4]} {i[4:]}")(v.iban())),
        ("bank-code block, then the account run together 'GB33BUKB 20201555555555'",
         lambda v: (lambda i: f"{i[:8]} {i[8:]}")(v.iban_of(v.pick(["GB", "IE", "NL", "DE", "GB", "IE"])))),
        ("phone autocapitalised the first letter only 'Ie29aibk9311…', run together or in 4s",
         lambda v: (lambda i: i[0] + i[1:].lower())(v.pick([lambda i: i, _paper])(v.iban())),
         ["{X} is my account for the refund", "{X}\nthat's the iban, pls refund asap", "Iban below\n{X}"]),
        ("dots between groups 'IE29.AIBK.9311.5212.3456.78'", lambda v: _paper(v.iban(), ".")),
        ("no-break or narrow spaces between groups (copied from online banking)",
         lambda v: _paper(v.iban(), v.pick(["\u00a0", "\u202f"]))),
        ("BIC first, then the IBAN on one line ('BIC … IBAN …', 'Swift: … / IBAN: …')", _bic_first, neutral),
        ("uneven groups typed by hand (4-4-6-4-4, 2-2-4-4-4-4, 5-5-5-5 …)", _uneven),
        ("abbreviated cues 'a/c', 'acct no.', 'bank acc', 'acc#'",
         lambda v: [v.pick(["a/c ", "acct no. ", "bank acc ", "acc#", "A/C: "]), ("IBAN", v.pick([_paper, lambda i: i])(v.iban()))],
         neutral),
        ("quoted e-mail reply line '> IBAN: …'",
         lambda v: [v.pick(["> IBAN: ", ">IBAN ", "> Your IBAN: "]), ("IBAN", v.pick([_paper, lambda i: i])(v.iban()))],
         ["On {date} you wrote:\n> Please confirm your bank details.\n{X}\nYes that's right, and still no refund.",
          "Still waiting.\n\n{X}\n> Account holder: as on booking", "{X}\n\nThat is correct, please pay it in."]),
    ]


# ---------------------------------------------------------------------- e-mails

def _email_plus(v: _V) -> str:
    tag = v.pick(["argos", "tesco", "ryanair", "aerlingus", "qantas", "2026", "refunds", "shop-acme", "bills.2026", "cx"])
    return f"{v.local()}+{tag}@{v.pick(['gmail.com', 'outlook.com', 'icloud.com', 'fastmail.com', 'proton.me'])}"


def _email_bracket_at(v: _V) -> str:
    left, right = v.pick([("[", "]"), ("(", ")"), ("{", "}"), ("<", ">")])
    return f"{v.local()}{left}at{right}{v.pick(EMAIL_PROVIDERS)}"


def _email_at_no_tld(v: _V) -> str:
    return f"{v.local()} at {v.pick(['gmail', 'hotmail', 'yahoo', 'outlook', 'icloud', 'eircom', 'bigpond'])}"


def _email_typo(v: _V) -> str:
    return f"{v.local()}@{v.pick(['gmail,com', 'gmial.com', 'yahoo.con', 'hotmail.co,uk', 'outlook..com', 'gmail.co', 'gamil.com', 'hotmial.com', 'icloud,com'])}"


def _email_local_isp(v: _V) -> str:
    return f"{v.local()}@{v.pick(LOCAL_ISP_DOMAINS)}"


def _email_comma_word(v: _V) -> list:
    return [("EMAIL", f"{v.local()}@{v.pick(EMAIL_PROVIDERS)}"), v.pick([",thanks", ",ta", ",cheers", ",pls", ",thx"])]


def _email_odd_local(v: _V) -> str:
    first, last = v.name()
    f, l = first.lower(), last.lower().replace("'", "")
    local = v.pick([f"{f[0]}_{l}.{v.rng.randint(1960, 2005)}", f"x.{f}.{l[0]}.x", f"{v.rng.randint(1970, 2005)}{f}{l[0]}",
                    f"{f}.{l}.{v.pick(['uk', 'ie', 'au', 'nz'])}", f"{f}__{l}", f"the.{l}.family"])
    return f"{local}@{v.pick(EMAIL_PROVIDERS)}"


def _email_defanged(v: _V) -> str:
    host, tld = v.pick([("gmail", "com"), ("outlook", "com"), ("yahoo", "co.uk"), ("icloud", "com"), ("live", "ie")])
    dot = v.pick(["[.]", "(.)", "[dot]", " [.] "])
    return f"{v.local()}@{host}{dot}{tld}".replace("co.uk", f"co{dot}uk")


def _email_employer(v: _V) -> str:
    first, last = v.name()
    return (f"{first.lower()}.{last.lower().replace(chr(39), '')}@{v.pick(['ie', 'uk', 'au', 'in', 'ca', 'mail', 'eu'])}."
            f"{v.pick(['acme-group.com', 'globex.com', 'initech.co', 'contoso.com', 'umbrella-corp.net'])}")


def _email_autocap(v: _V) -> str:
    local = v.local()
    return local[0].upper() + local[1:] + "@" + v.pick(EMAIL_PROVIDERS)


def _email_forms():
    return [
        ("plus-addressing with a shop, date or purpose tag 'aoife.murphy+argos@gmail.com'", _email_plus),
        ("'at' in brackets with no spaces, real dots 'jane.doe[at]gmail.com' / '(at)' / '{at}' / '<at>'", _email_bracket_at),
        ("spelled 'at', provider without a TLD 'jane.doe at gmail'", _email_at_no_tld,
         ["email me, I'm {X}", "{X} is my email if that helps", "you have my email ({X}), just use that",
          "My email: {X}. Please send the receipt there.", "reply to {X} pls not the old one"]),
        ("typo in the domain ('gmail,com', 'gmial.com', 'yahoo.con', 'hotmail.co,uk', 'outlook..com')", _email_typo),
        ("UK/IE/AU/CA/NZ/IN ISP and public-sector domains (btinternet.com, eircom.net, bigpond.net.au, nhs.net, *.gov.uk, *.ac.uk)",
         _email_local_isp),
        ("followed by a comma and a word with no space 'jane@x.com,thanks'", _email_comma_word,
         ["send the receipt to {X}", "new email is {X} x", "{X} - update my account please",
          "Please use {X}\nthe old one is closed"]),
        ("local part with underscores, digits, several dots 'j_murphy.1987@…', 'x.liam.k.x@…'", _email_odd_local),
        ("defanged dots in the domain with a real @ 'jane.doe@gmail[.]com' / '(.)' / '[dot]'", _email_defanged),
        ("employer address with a country sub-domain 'aoife.murphy@ie.acme-group.com'", _email_employer),
        ("first letter capitalised by the phone 'Aoife.murphy@gmail.com'", _email_autocap,
         ["{X} is my email, please update it.", "Email\n{X}", "Contact:\n{X}\nThanks", "{X}\nCan you resend the invoice here?",
          "Hi,\n{X} never got the booking confirmation."]),
    ]


# ------------------------------------------------------------------------- URLs

def _url_shortener(v: _V) -> str:
    host = v.pick(["shorturl.at", "cutt.ly", "t.ly", "rebrand.ly", "forms.gle", "qrco.de", "aka.ms", "amzn.eu",
                   "tiny.cc", "shor.by", "s.id", "trib.al"])
    return v.pick(["https://", "", "http://"]) + f"{host}/{v.word(v.rng.randint(5, 9))}"


def _url_app_store(v: _V) -> str:
    app = v.pick(["acme-retail", "fly-acme", "greenbank-mobile", "parcelco-tracking"])
    return v.pick([f"https://apps.apple.com/{v.pick(['gb', 'ie', 'au', 'us', 'in'])}/app/{app}/id{v.digits(10, '1')}",
                   f"https://play.google.com/store/apps/details?id=com.{app.replace('-', '')}.app&hl=en_{v.pick(['GB', 'IE', 'AU', 'US'])}",
                   f"apps.apple.com/app/id{v.digits(10, '1')}"])


def _url_maps(v: _V) -> str:
    lat = f"{v.rng.uniform(-37.9, 55.9):.7f}"
    lon = f"{v.rng.uniform(-122.5, 151.3):.7f}"
    place = v.pick(["Acme+Retail+Park", "Greenbank+Branch", "Parcelco+Depot", "Terminal+2+Car+Park"])
    return v.pick([f"https://www.google.com/maps/place/{place}/@{lat},{lon},17z",
                   f"https://maps.google.co.uk/maps?q={lat},{lon}",
                   f"https://www.google.com/maps/@{lat},{lon},15z"])


def _url_product(v: _V) -> str:
    asin = "B0" + v.word(8, string.ascii_uppercase + string.digits)
    return v.pick([f"https://www.amazon.co.uk/dp/{asin}?ref_=cm_sw_r_cp",
                   f"amazon.com.au/gp/product/{asin}",
                   f"https://www.argos.co.uk/product/{v.digits(7, '123456789')}",
                   f"www.currys.co.uk/products/acme-55-4k-tv-{v.digits(8, '1')}.html",
                   f"https://www.ebay.co.uk/itm/{v.digits(12, '123')}"])


def _url_meeting(v: _V) -> str:
    return v.pick([f"https://us0{v.rng.randint(2, 6)}web.zoom.us/j/{v.digits(11, '89')}?pwd={v.word(32)}",
                   f"zoom.us/j/{v.digits(10, '9')}",
                   f"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{v.word(20)}%40thread.v2/0",
                   f"https://meet.google.com/{v.word(3, string.ascii_lowercase)}-{v.word(4, string.ascii_lowercase)}-{v.word(3, string.ascii_lowercase)}"])


def _url_text_fragment(v: _V) -> str:
    phrase = v.pick(["refunds%20are%20processed", "within%2014%20days", "cancellation%20fee", "baggage%20allowance"])
    return f"https://www.{v.pick(SITES)}.{v.pick(['com', 'co.uk', 'ie', 'com.au'])}/{v.pick(['help', 'terms', 'faq'])}#:~:text={phrase}"


def _url_bare_cc(v: _V) -> str:
    return f"{v.pick(['', '', 'help.', 'www.'])}{v.pick(SITES)}.{v.pick(['ie', 'com.au', 'co.nz', 'ca', 'in', 'co.uk', 'net.au'])}"


def _url_ticket(v: _V) -> str:
    return v.pick([f"https://support.{v.pick(SITES)}.com/hc/en-{v.pick(['gb', 'ie', 'au', 'us'])}/requests/{v.digits(7, '123456789')}",
                   f"help.{v.pick(SITES)}.co.uk/case/{v.digits(8, '1')}",
                   f"https://{v.pick(SITES)}.zendesk.com/hc/en-us/articles/{v.digits(12, '3')}-Refunds"])


def _url_parens(v: _V) -> str:
    return v.pick(["https://en.wikipedia.org/wiki/Regulation_(EC)_No_261/2004",
                   f"https://www.{v.pick(SITES)}.com/deals/item,{v.digits(6, '123456789')}.html",
                   f"https://www.{v.pick(SITES)}.co.uk/offers/(spring-sale)/index.html"])


def _url_truncated(v: _V) -> str:
    path = v.pick(["help/refunds-and-returns", "account/orders/history", "support/contact-us", "legal/privacy-policy"])
    return f"{v.pick(['https://', ''])}{v.pick(SITES)}.{v.pick(['com', 'co.uk', 'ie'])}/{path[:v.rng.randint(6, len(path) - 2)]}\u2026"


def _url_forms():
    return [
        ("shorteners not drawn before (shorturl.at, cutt.ly, t.ly, rebrand.ly, forms.gle, qrco.de, aka.ms, amzn.eu …)", _url_shortener),
        ("app-store links (apps.apple.com/…/id123…, play.google.com/store/apps/details?id=…)", _url_app_store),
        ("Google Maps links with coordinates '@53.3498,-6.2603,17z'", _url_maps),
        ("retail product links with an ASIN or item number (amazon.co.uk/dp/…, argos.co.uk/product/…, ebay.co.uk/itm/…)", _url_product),
        ("meeting links with long numeric ids (zoom.us/j/…, teams, meet.google.com)", _url_meeting),
        ("text-fragment links copied from a browser '#:~:text=…'", _url_text_fragment),
        ("bare host with a country TLD, no path (shopwell.ie, fly-acme.com.au, help.homefix.co.nz)", _url_bare_cc),
        ("help-centre ticket links with numeric ids (…/hc/en-gb/requests/4512367)", _url_ticket),
        ("paths with brackets or commas (wiki-style 'Denied_boarding_(aviation)')", _url_parens,
         ["See {X} - you owe me compensation.", "{X} explains it better than your agent did", "Read this: {X}"]),
        ("tweet-truncated display link ending in '…'", _url_truncated,
         ["your page {X} just loops back to the login", "{X} is broken again @support", "why does {X} say I have no orders??"]),
    ]


# ------------------------------------------------------------------- sentences

SENTENCES_5 = {
    "EMAIL": ["{X} - please use this one, the old address bounces.",
              "{X}: that's where the receipt should have gone.",
              "\"{X}\" is the login it won't let me reset.",
              "Hi, can you resend the invoice for order {order} to {X} as the first one never arrived?",
              "I registered with ({X}) but the app keeps showing someone else's name.",
              "Changed my email to '{X}' on {date} and I still only get texts.",
              "Cancel my subscription and confirm in writing to {X}.",
              "Please reply by email, not phone: {X}",
              "Survey Q12 - preferred contact?\n{X}"],
    "PHONE": ["{X} - that's my mobile, call after {time}.",
              "{X} is the best number, the landline's dead since {date}.",
              "\"{X}\" is what I typed in the callback box and no one rang.",
              "Been on hold {mins} mins, please call me back on {X} re order {order}.",
              "Your driver had my old number, the right one is ({X}) so he couldn't reach me.",
              "Missed call from you at {time}; I'm on {X}: please try again.",
              "Still no engineer for fault ref {ref}. Call me: {X}.",
              "Any update on the refund of {price}? my number is {X}",
              "Courier can reach me on '{X}'!"],
    "CARD": ["{X} - this is the card you charged {price} twice.",
             "{X}: please refund here, it's the card I paid with.",
             "\"{X}\" was declined at the till but the money left my account.",
             "My card ({X}) was billed for a flight I cancelled on {date}.",
             "They keyed in {X} over the phone and now I've a fraud alert.",
             "Refund the {price} to card {X}, not a voucher please.",
             "The app charged the wrong card, I wanted it on {X}.",
             "Card used for booking {ref}: {X}",
             "You still have my old card saved, number '{X}'!"],
    "IBAN": ["{X} - refund to this account please, ref {ref}.",
             "{X}: my new account, the old one is closed.",
             "\"{X}\" is the account the direct debit should come from.",
             "Please return the deposit of {price} to {X} by {date} at the latest.",
             "I set up the direct debit from ({X}) but it's still coming out of the old account.",
             "Your agent read back '{X}' and said it was invalid, it isn't.",
             "Money back to my bank account please: {X}",
             "Refund for booking {ref} should go to {X}.",
             "Wrong account debited! Mine is {X}"],
    "SSN": ["{X} is my SSN and it showed up on the shared statement.",
            "{X} - social security number as requested, please delete it after the check.",
            "\"{X}\" is the SSN on my file, the letter has it wrong.",
            "I was asked for my SSN ({X}) just to change my address?",
            "The portal shows my social security number, {X}, in plain text.",
            "Your rep read my social '{X}' out loud on a recorded line.",
            "For the tax form: my SSN is {X}.",
            "W-9 attached, social security no. {X}",
            "Please remove my SSN from your system: {X}!"],
    "URL": ["{X} - this page has been down since {date}.",
            "{X}: the link in your text message, is it real?",
            "\"{X}\" is what your agent sent me and it doesn't open.",
            "I followed {X} from the email and it asked for my card details.",
            "The offer ({X}) said {pct}% off but checkout charged full price.",
            "Your own help page '{X}' contradicts what the agent said.",
            "Screenshot and details here: {X}",
            "Order {order} still shows 'processing' at {X}.",
            "Why does the app send me to {X}?"],
}


# ------------------------------------------------------------------ no-PII texts
#
# Harmless numbers that look a little like the types above: flight numbers, booking and
# order references, parcel tracking numbers (14- and 16-digit ones included; the 16-digit
# ones fail the Luhn test, so they cannot be card numbers), barcodes, serial and model
# numbers, meter readings, prices, dates, times, percentages, scores, a card's last four
# digits.  None of it identifies a person.  Phone numbers and web addresses of companies
# are left out on purpose: they are not personal, but they are of the types above.

NEGATIVE_TEMPLATES_5 = [
    "Flight {flight} pushed back at {time24}, landed {mins} min late and the bags came out on belt {belt}.",
    "Booking ref {pnr}, {adults} adults, {nights} nights, total {price}, paid on {date}.",
    "Order no. {order10} was meant to arrive {date} between {time12} and {time12b}.",
    "DPD parcel {dpd} has been 'out for delivery' for {days} days running.",
    "Canada Post tracking {capost} hasn't updated since {date}.",
    "An Post item {anpost} is 'held at customs', {days} days now.",
    "Bought a {tv} on {date} for {price}, serial no. {serial}, and the remote won't pair.",
    "Interest went from {pct}% to {pct2}% and the monthly fee from {price} to {price2}.",
    "Meter reading on {date}: {meter} kWh day, {meter2} kWh night, and the bill says 'estimated'.",
    "Error {errcode} when I try to pay, app version {ver} on iOS {ios}.",
    "Barcode {ean} rang up at {price} instead of {price2} on the shelf label.",
    "Ticket INC{inc} raised {date}, escalated after {days} days, still priority P{prio}.",
    "Gave you {score}/10 last time and {score2}/10 now: {pct}% of my order was missing.",
    "Paid with the card ending {last4} (exp {mm}/{yy}), refund of {price} still pending.",
    "Ordered {qty} x 2L bottles, {qty2} arrived and {qty3} were smashed, claim {claim}.",
    "The {train_time} from {station} was {mins} min late, coach {coach} seat {seat}, Delay Repay ref {delay_ref}.",
    "Laptop {laptop} with {ram}GB RAM, 2560x1440 at 165Hz, shipped {date}, dead on arrival.",
    "Between {year} and 2026 I've spent over {price} with you, {count} orders, {returns} returns.",
]

STATIONS = ["London Euston", "Manchester Piccadilly", "Dublin Heuston", "Leeds", "Glasgow Central", "Cork Kent",
            "Sydney Central", "Toronto Union"]


def _price(v: _V) -> str:
    amount, cents = v.rng.randint(3, 2900), v.rng.randint(0, 99)
    return v.pick([f"\u00a3{amount:,}.{cents:02d}", f"\u20ac{amount},{cents:02d}", f"${amount:,}", f"A${amount}.{cents:02d}",
                   f"C${amount}.{cents:02d}", f"NZ${amount}", f"\u20b9{amount * 10:,}", f"\u00a3{amount}", f"\u20ac {amount:,}.{cents:02d}",
                   f"US$ {amount}.{cents:02d}"])


def _date(v: _V) -> str:
    month, day = v.rng.randint(1, 12), v.rng.randint(1, 28)
    suffix = "th" if 10 <= day <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return v.pick([f"{day:02d}/{month:02d}/2026", f"{month}/{day}/26", f"2026-{month:02d}-{day:02d}", f"{day} {MONTHS[month - 1]}",
                   f"{MONTHS[month - 1][:3]} {day}{suffix}", f"{day}.{month}.2026", f"{day}-{MONTHS[month - 1][:3]}-26"])


def _time12(v: _V) -> str:
    return v.pick([f"{v.rng.randint(1, 12)}:{v.pick(['00', '15', '30', '45', '05'])}{v.pick(['am', 'pm', ' AM', ' PM', 'pm'])}",
                   f"{v.rng.randint(1, 12)}{v.pick(['am', 'pm'])}", f"{v.rng.randint(1, 12)}.{v.pick(['15', '30', '45'])}{v.pick(['am', 'pm'])}"])


def _time24(v: _V) -> str:
    return f"{v.rng.randint(0, 23):02d}:{v.rng.randint(0, 59):02d}"


def _not_luhn_16(v: _V) -> str:
    number = v.digits(16, "123456789")
    while luhn_ok(number):
        number = v.digits(16, "123456789")
    return _groups(number, (4, 4, 4, 4), v.pick([" ", ""]))


def _fill(template: str, v: _V) -> str:
    rng = v.rng
    values = {
        "order": rng.randint(100000, 99999999), "ref": v.word(6, string.ascii_uppercase + "23456789"),
        "price": _price(v), "price2": _price(v), "date": _date(v), "time": _time12(v), "time12": _time12(v),
        "time12b": _time12(v), "time24": _time24(v), "mins": rng.randint(4, 180), "days": rng.randint(2, 45),
        "pct": v.pick(["5", "12.5", "15", "20", "33", "40", "0.9", "29.9"]), "pct2": v.pick(["7.9", "19.99", "24.9", "3.25"]),
        "year": rng.randint(2012, 2024),
        "flight": v.pick(["EI 154", "FR1234", "BA0117", "QF1", "AC 849", "UA 901", "DL43", "6E 2045", "NZ 103", "VS 3",
                          "EI3327", "AI 161", "WS 1452"]) if rng.random() < 0.9 else f"{v.pick(['EI', 'BA', 'FR'])} {rng.randint(100, 9999)}",
        "belt": rng.randint(1, 12), "pnr": v.word(6, string.ascii_uppercase + "23456789"), "adults": rng.randint(1, 4),
        "nights": rng.randint(1, 14), "order10": v.digits(v.pick([9, 10]), "123456789"),
        "dpd": "1550" + v.digits(10), "capost": _not_luhn_16(v),
        "anpost": v.pick(["CE", "LX", "RR", "CP"]) + v.digits(9) + "IE",
        "tv": v.pick(["Samsung QE55Q80C", "LG OLED65C34LA", "Sony KD-50X75WL", "Hisense 43A6KTUK", "TCL 55C645K"]),
        "serial": v.word(3, string.ascii_uppercase) + v.digits(8), "meter": v.digits(5), "meter2": v.digits(5),
        "errcode": v.pick(["0x80070005", "E-4012", "500", "ERR_CONNECTION_RESET", "BLK-22", "403"]),
        "ver": f"{rng.randint(3, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 9)}", "ios": v.pick(["17.5.1", "18.1", "18.3.2", "16.7.10"]),
        "ean": f"{v.pick('509')} {v.digits(6)} {v.digits(6)}" if rng.random() < 0.5 else "50" + v.digits(11),
        "inc": v.digits(7), "prio": rng.randint(1, 4), "score": rng.randint(0, 10), "score2": rng.randint(0, 10),
        "last4": v.digits(4), "mm": f"{rng.randint(1, 12):02d}", "yy": rng.randint(26, 31),
        "qty": rng.randint(6, 24), "qty2": rng.randint(2, 5), "qty3": rng.randint(1, 2), "claim": "CLM-2026-" + v.digits(6),
        "train_time": f"{rng.randint(5, 22):02d}:{v.pick(['04', '17', '32', '48', '55'])}", "station": v.pick(STATIONS),
        "coach": v.pick("ABCDEFGHJ"), "seat": rng.randint(1, 80), "delay_ref": "DR" + v.digits(8),
        "laptop": v.pick(["Dell XPS 13 9340", "Lenovo IdeaPad 5 14ABR8", "HP 15-fd0023na", "ASUS X1504ZA-NJ015W"]),
        "ram": v.pick([8, 16, 32]), "count": rng.randint(5, 140), "returns": rng.randint(0, 12), "X": "{X}",
    }
    return template.format(**values)


# ------------------------------------------------------------------------ items

def _forms_5() -> dict[str, list]:
    return {"EMAIL": _email_forms(), "PHONE": _phone_forms(), "CARD": _card_forms(),
            "IBAN": _iban_forms(), "SSN": _ssn_forms(), "URL": _url_forms()}


def held_out_5_items(per_form: int, seed: int) -> list[dict]:
    """The texts of held-out set 5 (the item layout of ``pii_bench.labelled_set``), checked."""
    rng = random.Random(seed + 5)
    v = _V(rng)
    specs = [(kind, form, HELD_OUT_5, make, own[0] if own else SENTENCES_5[kind])
             for kind, kind_forms in _forms_5().items() for form, make, *own in kind_forms]
    items = form_items(specs, v, rng, _fill, per_form)
    items += negative_items(NEGATIVE_TEMPLATES_5, v, _fill, per_form, HELD_OUT_5)
    check_items(items)
    return items


# ------------------------------------------------------------------------ check

_CARD_SEPARATORS = re.compile(r"[ \-\u2013_\u00a0\u2009\u202f\n]")
_IBAN_SPACES = re.compile(r"[ .\u00a0\u202f]")
_EXTENSION = re.compile(r" (ext\. |x|ext:|extn |ext |X |ext#)\d+$", re.IGNORECASE)


def _span_problem(kind: str, value: str) -> str | None:
    digits = re.sub(r"\D", "", value)
    if kind == "CARD":
        if _CARD_SEPARATORS.sub("", value) != digits:
            return "a card number holds something other than digits and separators"
        if len(digits) not in (15, 16) or not luhn_ok(digits):
            return "not a Luhn-valid 15- or 16-digit number"
        if not (digits[0] == "4" or 51 <= int(digits[:2]) <= 55 or 2221 <= int(digits[:4]) <= 2720
                or digits[:2] in ("34", "37") or digits[:4] == "6011" or 644 <= int(digits[:3]) <= 649 or digits[:2] == "65"):
            return "not in a Visa, Mastercard, Amex or Discover range"
        if (len(digits) == 15) != (digits[:2] in ("34", "37")):
            return "length does not match the brand"
    elif kind == "IBAN":
        compact = _IBAN_SPACES.sub("", value).upper()
        if not compact.isalnum() or IBAN_LENGTH.get(compact[:2]) != len(compact) or not iban_ok(compact):
            return "not a valid IBAN of its country's length"
    elif kind == "SSN":
        if len(digits) != 9:
            return "an SSN has nine digits"
        if digits[:3] in ("000", "666") or digits[0] == "9" or digits[3:5] == "00" or digits[5:] == "0000":
            return "in a never-issued SSN range"
    elif kind == "PHONE":
        number = _EXTENSION.sub("", value)
        if not 10 <= len(re.sub(r"\D", "", number)) <= 12 or re.search(r"[^\d +()\-.]", number):
            return "not a phone number's digits and separators (and an extension)"
    elif kind == "EMAIL":
        if not re.search(r"@| at |[\[({<]at[\])}>]", value) or re.search(r"\s", re.sub(r" at | \[\.\] ", "", value)):
            return "no '@' or spelled 'at', or white space inside"
    elif kind == "URL":
        if "." not in value or any(c.isspace() for c in value):
            return "not a link"
    elif kind == "NAME":
        if not re.fullmatch(r"[A-Z][A-Za-z'\-]+( [A-Z][A-Za-z'\-]+)+", value):
            return "not a first and last name"
    else:
        return f"unknown type {kind}"
    return None


def check_items(items: list[dict]) -> None:
    """Raise ValueError naming the item (by index) whose spans are not exact, valid values."""
    problems = []
    for index, item in enumerate(items):
        text, spans = item["text"], item["spans"]
        if item["type"] is None:
            if spans or "@" in text or "http" in text or "www." in text:
                problems.append(f"item {index}: a no-PII text with PII in it")
            continue
        if not any(kind == item["type"] for _, _, kind in spans):
            problems.append(f"item {index}: no span of its type {item['type']}")
        previous_end = 0
        for start, end, kind in spans:
            value = text[start:end]
            if not 0 <= previous_end <= start < end <= len(text):
                problems.append(f"item {index}: span {start}-{end} overlaps or is out of the text")
            elif value != value.strip():
                problems.append(f"item {index}: span {value!r} starts or ends with white space")
            elif (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                problems.append(f"item {index}: span {value!r} runs into a neighbouring word")
            elif (problem := _span_problem(kind, value)) is not None:
                problems.append(f"item {index}: {kind} {value!r}: {problem}")
            previous_end = end
    if problems:
        raise ValueError(f"{len(problems)} bad items in {HELD_OUT_5}: " + "; ".join(problems[:10]))



if __name__ == "__main__":
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    made = held_out_5_items(count, 20260217)
    by_type = Counter(kind for item in made for _, _, kind in item["spans"])
    print(f"{len(made)} texts, {sum(not i['spans'] for i in made)} without PII; spans by type: {dict(by_type)}")
    for kind, forms in _forms_5().items():
        print(f"{kind}: {len(forms)} forms")

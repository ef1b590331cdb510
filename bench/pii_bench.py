"""PII redaction benchmark: ``voc_engine.nlp.redact`` on a labelled synthetic set and on real text.

(a) Labelled set.  Comment sentences written for this bench, with PII values generated
    here (fixed seed) and inserted in many surface forms per type, in six stages (see
    DEV, HELD_OUT_1, HELD_OUT_2, HELD_OUT_3 and HELD_OUT_4 below, HELD_OUT_5 in
    bench/pii_held_out_5.py): forms the patterns were written against, forms held out
    from that, forms written later and never tuned on, forms of the structured types
    written before the redactor was read for the next round of fixes (first measured with
    the redactor of that time: see --record-first-run), more forms of the structured
    types written blind, without reading the redactor, its tests or any result, and a
    fifth set written blind the same way, in a module of its own, with sentences and
    no-PII texts of its own, before any run of the redactor on it (its first measurement
    is recorded with --record-first-run-5; check digits and the assembly of items shared
    with that module are in bench/pii_forms.py).  Scoring is
    span-level: a true PII span counts as found when every letter and digit of it lies
    inside placeholders of its own type; a placeholder counts as correct when it covers
    part of a true span of its type.  Sentences without PII (flight numbers, prices,
    dates, order refs, "I'm Very disappointed", "Thanks, great service" ...) are mixed in,
    so precision
    also counts harmless text taken for PII.  The redacted text is aligned back onto the
    original by matching its literal parts (the redactor only replaces substrings).
(b) Real text.  Every text of the public corpora in ../shared/data (airline tweets, hotel
    reviews, banking77 and the other five), normalised as the pipeline does, redacted by
    this redactor and by the one of commit 4a59e2c (the redactor before this change);
    reported: texts whose output changed, per type, with a few examples judged by eye.
(c) Speed: the corpora per second, and adversarial 1,000,000-character strings.

    python bench/pii_bench.py [--per-form 40] [--no-corpus] [--record-first-run]
                              [--record-first-run-4 COMMIT] [--record-first-run-5]

Writes bench/results/pii.json and bench/results/pii.md; with --record-first-run (once,
before any change to the redactor aimed at held-out set 3's types) also
bench/results/pii_held_out_3_first_run.json, the unseen figure that pii.md then shows
next to the current one; with --record-first-run-4 COMMIT (once) likewise
bench/results/pii_held_out_4_first_run.json, held-out set 4 scored with the redactor of
COMMIT, the last one written before anyone had looked at that set's results; with
--record-first-run-5 (once, before any change to the redactor made after held-out set 5
was written) bench/results/pii_held_out_5_first_run.json.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import platform
import random
import re
import string
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
FIRST_RUN_3 = RESULTS / "pii_held_out_3_first_run.json"
FIRST_RUN_4 = RESULTS / "pii_held_out_4_first_run.json"
FIRST_RUN_5 = RESULTS / "pii_held_out_5_first_run.json"
FIRST_RUN_6 = RESULTS / "pii_held_out_6_first_run.json"
FIRST_RUN_7 = RESULTS / "pii_held_out_7_first_run.json"
FIRST_RUN_8 = RESULTS / "pii_held_out_8_first_run.json"
FIRST_RUN_9 = RESULTS / "pii_held_out_9_first_run.json"
FIRST_RUN_10 = RESULTS / "pii_held_out_10_first_run.json"
FIRST_RUN_11 = RESULTS / "pii_held_out_11_first_run.json"
FIRST_RUN_12 = RESULTS / "pii_held_out_12_first_run.json"
BASELINE_COMMIT = "4a59e2c"
SEED = 20260217

from bench.pii_forms import form_items, iban_with_check, luhn_complete, negative_items  # noqa: E402
from bench.pii_held_out_5 import HELD_OUT_5, held_out_5_items  # noqa: E402
from bench.pii_held_out_6 import ITEMS as HELD_OUT_6_ITEMS  # noqa: E402
from bench.pii_held_out_7 import ITEMS as HELD_OUT_7_ITEMS  # noqa: E402
from bench.pii_held_out_8 import ITEMS as HELD_OUT_8_ITEMS  # noqa: E402
from bench.pii_held_out_9 import ITEMS as HELD_OUT_9_ITEMS  # noqa: E402
from bench.pii_held_out_10 import ITEMS as HELD_OUT_10_ITEMS  # noqa: E402
from bench.pii_held_out_11 import ITEMS as HELD_OUT_11_ITEMS  # noqa: E402
from bench.pii_held_out_12 import ITEMS as HELD_OUT_12_ITEMS  # noqa: E402
from training.datasets import shared_data_dir  # noqa: E402
from voc_engine.nlp.normalise import normalise  # noqa: E402
from voc_engine.nlp.redact import PLACEHOLDERS, redact  # noqa: E402

# ------------------------------------------------------------------- value pools

FIRST = ("Jane John Maria Ahmed Siobhan Oluwaseun Priya Tom Sarah Michael Wei Fatima Lucas Chloe "
         "Daniel Emma Rajesh Aisha Grzegorz Ingrid Kevin Laura Mohammed Olivia Pedro Hannah "
         "Yuki Connor Amara Brian Nadia Patrick Rebecca Samuel Tariq Victoria Xavier Zoe "
         "Gemma Declan").split()
LAST = ("Smith Doe Garcia Khan O'Brien Adeyemi Patel Nguyen Johnson Williams Zhang Hussain "
        "Martin Dubois Brown Taylor Sharma Mensah Kowalski Larsen Murphy Rossi Ali Wilson "
        "Silva Schmidt Tanaka Byrne Okafor Walsh Haddad McDonald Cohen Evans Rahman "
        "Fitzgerald Novak Jensen Clarke Moreau").split()
STREETS = ("Baker Oak Maple Pennsylvania High Church Elm Station Victoria Park Mill Queen "
           "King Green Cedar Washington Lincoln Chestnut Willow Bridge Market Sunset").split()
STREET_TYPES_FULL = "Street Road Avenue Lane Drive Boulevard Way Court Place Terrace Close Crescent".split()
STREET_TYPES_SHORT = "St Rd Ave Ln Dr Blvd Ct Pl".split()
US_CITIES = [("Springfield", "IL"), ("Austin", "TX"), ("San Jose", "CA"), ("Portland", "OR"),
             ("Miami", "FL"), ("Denver", "CO"), ("Columbus", "OH"), ("Brooklyn", "NY"),
             ("Seattle", "WA"), ("Boston", "MA"), ("Newark", "NJ"), ("Phoenix", "AZ")]
UK_AREAS = "SW NW SE E W N EC WC M B L LS G EH CF BS OX CB NE S".split()
UK_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
DEPARTMENTS = ["customer care", "the billing team", "Harbor Bank", "the front desk", "accounts"]
DOMAINS = ["gmail.com", "yahoo.co.uk", "example.com", "outlook.com", "mail.example.org", "hotmail.fr"]
TLDLESS_DOMAINS = ["example", "gmail", "company", "localhost", "mailserver"]

# IBAN country layouts: (country, BBAN pattern) with A = letter, 9 = digit, X = either.
IBAN_LAYOUTS = [("GB", "AAAA" + "9" * 14), ("DE", "9" * 18),
                ("FR", "9" * 10 + "XXXXXXXXXXX99"), ("NL", "AAAA" + "9" * 10),
                ("ES", "9" * 20), ("IT", "A" + "9" * 10 + "X" * 12), ("BE", "9" * 12),
                ("IE", "AAAA" + "9" * 14), ("CH", "9" * 5 + "X" * 12), ("PL", "9" * 24)]


class Values:
    """Random PII values (not formatted)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def digits(self, count: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(count))

    def nanp(self) -> tuple[str, str, str]:
        area = str(self.rng.randint(2, 9)) + self.digits(2)
        exchange = str(self.rng.randint(2, 9)) + self.digits(2)
        return area, exchange, self.digits(4)

    def uk_london(self) -> tuple[str, str]:
        return "20", self.rng.choice("378") + self.digits(3) + " " + self.digits(4)

    def uk_mobile(self) -> str:
        return "7" + self.rng.choice("3456789") + self.digits(2) + " " + self.digits(6)

    def card(self, kind: str) -> str:
        if kind == "amex":
            return luhn_complete(self.rng.choice(["34", "37"]) + self.digits(12))
        prefix = {"visa": "4", "mc": "5" + str(self.rng.randint(1, 5)), "disc": "6011"}[kind]
        return luhn_complete(prefix + self.digits(15 - len(prefix)))

    def iban(self) -> str:
        country, layout = self.rng.choice(IBAN_LAYOUTS)
        bban = "".join(
            self.rng.choice(string.ascii_uppercase) if slot == "A"
            else self.rng.choice(string.digits) if slot == "9"
            else self.rng.choice(string.ascii_uppercase + string.digits)
            for slot in layout
        )
        return iban_with_check(country, bban)

    def ssn(self) -> tuple[str, str, str]:
        area = self.rng.choice([n for n in range(1, 900) if n != 666])
        return f"{area:03d}", f"{self.rng.randint(1, 99):02d}", f"{self.rng.randint(1, 9999):04d}"

    def first(self) -> str:
        return self.rng.choice(FIRST)

    def last(self) -> str:
        return self.rng.choice(LAST)

    def local(self) -> str:
        first, last = self.first().lower(), self.last().lower().replace("'", "")
        return self.rng.choice([f"{first}.{last}", f"{first}_{last}{self.rng.randint(1, 99)}",
                                f"{first[0]}{last}", f"{first}.{last}+cx"])

    def uk_postcode(self) -> str:
        area = self.rng.choice(UK_AREAS)
        district = str(self.rng.randint(1, 9)) + (self.rng.choice(["", "", "A"]) if len(area) == 2 else str(self.rng.randint(0, 9)) * self.rng.randint(0, 1))
        inward = str(self.rng.randint(0, 9)) + "".join(self.rng.choice(UK_INWARD_LETTERS) for _ in range(2))
        return f"{area}{district} {inward}"

    def house(self) -> str:
        return str(self.rng.choice([self.rng.randint(1, 99), self.rng.randint(100, 2999)]))


# Stages of a form: DEV, the forms the patterns were written against; HELD_OUT_1, forms
# written into this generator with DEV, before the patterns were changed, and not looked
# at while writing them (after their first measurement, some of their misses were
# fixed); HELD_OUT_2, forms written after that first measurement and before those
# fixes, never used to tune anything; HELD_OUT_3, the structured types only, further
# down ("held-out set 3"); HELD_OUT_4, the structured types again, written blind, after
# that ("held-out set 4"); HELD_OUT_5, written blind again, in bench/pii_held_out_5.py.
DEV, HELD_OUT_1, HELD_OUT_2 = "dev", "held-out 1", "held-out 2"

# Each form: (name, stage, make(values) -> text of the PII item, or (label, text) where a
# label such as "IBAN: " goes before it).  The text is the whole true span (a name's
# title is not part of it and is put by the template).


def _email_forms():
    return [
        ("plain", DEV, lambda v: f"{v.local()}@{v.rng.choice(DOMAINS)}"),
        ("bracketed [at] [dot]", DEV, lambda v: f"{v.local()} [at] {v.rng.choice(DOMAINS).split('.')[0]} [dot] com"),
        ("spelled 'at' ... 'dot' (probe)", DEV, lambda v: f"{v.first().lower()} at {v.rng.choice(DOMAINS).split('.')[0]} dot com"),
        ("no TLD (probe)", DEV, lambda v: f"{v.local()}@{v.rng.choice(TLDLESS_DOMAINS)}"),
        ("upper case", HELD_OUT_1, lambda v: f"{v.local()}@{v.rng.choice(DOMAINS)}".upper()),
        ("spelled dots in the local part", HELD_OUT_1, lambda v: f"{v.first().lower()} dot {v.last().lower().replace(chr(39), '')} at gmail dot com"),
        ("spelled 'at', real dots", HELD_OUT_1, lambda v: f"{v.local()} at {v.rng.choice(DOMAINS)}"),
        ("no spaces (at)(dot)", HELD_OUT_1, lambda v: f"{v.first().lower()}(at){v.rng.choice(DOMAINS).split('.')[0]}(dot)com"),
        ("spelled, all capitals", HELD_OUT_2, lambda v: f"{v.first().upper()} AT {v.rng.choice(['GMAIL', 'YAHOO', 'OUTLOOK'])} DOT COM"),
        ("spelled dots, two-part TLD", HELD_OUT_2, lambda v: f"{v.first().lower()}-{v.last().lower().replace(chr(39), '')} at outlook dot co dot uk"),
        ("space before @", HELD_OUT_2, lambda v: f"{v.local()} @{v.rng.choice(DOMAINS)}"),
        ("in angle brackets", HELD_OUT_2, lambda v: f"<{v.local()}@{v.rng.choice(DOMAINS)}>"),
    ]


def _phone_forms():
    def nanp(fmt):
        return lambda v: fmt.format(*v.nanp())
    return [
        ("NANP dashes", DEV, nanp("{}-{}-{}")),
        ("NANP dots", DEV, nanp("{}.{}.{}")),
        ("NANP (area) ", DEV, nanp("({}) {}-{}")),
        ("NANP +1", DEV, nanp("+1-{}-{}-{}")),
        ("NANP toll free 1-800", DEV, lambda v: f"1-800-{v.nanp()[1]}-{v.digits(4)}"),
        ("NANP slash (probe)", DEV, nanp("{}/{}-{}")),
        ("NANP 10 plain digits (probe)", DEV, nanp("{}{}{}")),
        ("UK +44", DEV, lambda v: "+44 {} {}".format(*v.uk_london())),
        ("UK national", DEV, lambda v: "0{} {}".format(*v.uk_london())),
        ("UK (0xx) with hyphen (probe)", DEV, lambda v: "(0{}) {}".format(*v.uk_london()).replace(" ", "-", 2).replace(")-", ") ", 1)),
        ("UK 0044 (probe)", DEV, lambda v: "0044 {} {}".format(*v.uk_london())),
        ("UK mobile", DEV, lambda v: "0" + v.uk_mobile()),
        ("France +33", DEV, lambda v: "+33 " + " ".join([str(v.rng.randint(1, 7))] + [v.digits(2) for _ in range(4)])),
        ("NANP +1 spaces", HELD_OUT_1, nanp("+1 {} {} {}")),
        ("NANP (area) no space", HELD_OUT_1, nanp("({}){}-{}")),
        ("NANP 1 (area)", HELD_OUT_1, nanp("1 ({}) {}-{}")),
        ("NANP 11 plain digits", HELD_OUT_1, nanp("1{}{}{}")),
        ("India +91", HELD_OUT_1, lambda v: f"+91 9{v.digits(4)} {v.digits(5)}"),
        ("UK mobile +44", HELD_OUT_1, lambda v: "+44 " + v.uk_mobile()),
        ("France 0033", HELD_OUT_1, lambda v: "0033 " + " ".join([str(v.rng.randint(1, 7))] + [v.digits(2) for _ in range(4)])),
        ("NANP (area) spaces", HELD_OUT_2, nanp("({}) {} {}")),
        ("NANP 1.area.exchange.line", HELD_OUT_2, nanp("1.{}.{}.{}")),
        ("UK +44 (0) spaced", HELD_OUT_2, lambda v: "+44 (0) {} {}".format(*v.uk_london())),
        ("Germany +49", HELD_OUT_2, lambda v: f"+49 30 {v.digits(7)}"),
        ("UK mobile with hyphen", HELD_OUT_2, lambda v: "0" + v.uk_mobile().replace(" ", "-")),
        ("NANP with extension", HELD_OUT_2, nanp("{}-{}-{} ext. 23")),
    ]


def _grouped(number: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, at = [], 0
    for size in sizes:
        parts.append(number[at:at + size])
        at += size
    return sep.join(parts)


def _card_forms():
    def visa_like(sep, kind=None):
        return lambda v: _grouped(v.card(kind or v.rng.choice(["visa", "mc", "disc"])), (4, 4, 4, 4), sep)
    return [
        ("16 digits, spaces", DEV, visa_like(" ")),
        ("16 digits, dashes", DEV, visa_like("-")),
        ("16 digits plain", DEV, visa_like("")),
        ("16 digits, dots (probe)", DEV, visa_like(".")),
        ("Amex 4-6-5", DEV, lambda v: _grouped(v.card("amex"), (4, 6, 5), " ")),
        ("mixed spaces and dashes", HELD_OUT_1, lambda v: _grouped(v.card("visa"), (4, 4, 4, 4), " ").replace(" ", "-", 1)),
        ("Amex 4-6-5 dots", HELD_OUT_1, lambda v: _grouped(v.card("amex"), (4, 6, 5), ".")),
        ("Amex 4-6-5 dashes", HELD_OUT_2, lambda v: _grouped(v.card("amex"), (4, 6, 5), "-")),
        ("16 digits, double spaces", HELD_OUT_2, lambda v: _grouped(v.card("mc"), (4, 4, 4, 4), "  ")),
    ]


def _iban_forms():
    return [
        ("groups of 4", DEV, lambda v: _grouped(v.iban(), tuple([4] * 9), " ").strip()),
        ("compact", DEV, lambda v: v.iban()),
        ("hyphens (probe)", DEV, lambda v: _grouped(v.iban(), tuple([4] * 9), "-").strip("-")),
        ("lower case, groups of 4", HELD_OUT_1, lambda v: _grouped(v.iban(), tuple([4] * 9), " ").strip().lower()),
        ("lower case, hyphens", HELD_OUT_2, lambda v: _grouped(v.iban(), tuple([4] * 9), "-").strip("-").lower()),
        ("groups of 4 after 'IBAN:'", HELD_OUT_2, lambda v: ("IBAN: ", _grouped(v.iban(), tuple([4] * 9), " ").strip())),
    ]


def _ssn_forms():
    return [
        ("dashes", DEV, lambda v: "{}-{}-{}".format(*v.ssn())),
        ("plain 9 digits (probe)", DEV, lambda v: "{}{}{}".format(*v.ssn())),
        ("spaces (probe)", DEV, lambda v: "{} {} {}".format(*v.ssn())),
        ("dots (probe)", DEV, lambda v: "{}.{}.{}".format(*v.ssn())),
        ("3-3-3 spaces", HELD_OUT_1, lambda v: (lambda s: f"{s[:3]} {s[3:6]} {s[6:]}")("".join(v.ssn()))),
        ("'ssn#' glued", HELD_OUT_2, lambda v: ("ssn#", "{}{}{}".format(*v.ssn()))),
        ("dashes with spaces", HELD_OUT_2, lambda v: "{} - {} - {}".format(*v.ssn())),
    ]


def _url_forms():
    return [
        ("https with path", DEV, lambda v: f"https://www.example.com/help/{v.digits(5)}?ref=cx"),
        ("www", DEV, lambda v: f"www.{v.rng.choice(['example', 'united', 'harborbank'])}.com"),
        ("bare domain", DEV, lambda v: f"{v.rng.choice(['example', 'delta', 'acme-shop'])}.com"),
        ("short link", DEV, lambda v: f"t.co/{''.join(v.rng.choice(string.ascii_letters) for _ in range(8))}"),
        ("http with port", HELD_OUT_1, lambda v: f"http://example.org:8080/track/{v.digits(6)}"),
        ("bare .co.uk with path", HELD_OUT_1, lambda v: f"example.co.uk/orders/{v.digits(5)}"),
        ("upper-case scheme", HELD_OUT_1, lambda v: f"HTTPS://EXAMPLE.COM/{v.digits(4)}"),
        ("www .co.uk with query", HELD_OUT_2, lambda v: f"www.example.co.uk/help?id={v.digits(5)}"),
        ("https subdomain .io", HELD_OUT_2, lambda v: f"https://status.example.io"),
    ]


NAME_TEMPLATES = [
    # (form, stage, template with {N} (or {n}, lower case) for the name span)
    ("my name is First Last", DEV, "Hi, my name is {N} and my flight UA {flight} was cancelled."),
    ("My name is First", DEV, "My name is {N}. I have been waiting on hold for {hours} hours."),
    ("I'm First Last", DEV, "Hello, I'm {N} and I want a refund of ${price}."),
    ("I am First", DEV, "I am {N}, booking ref {ref}, nobody called me back."),
    ("this is First from ...", DEV, "Hi, this is {N} from {dept}, just following up on order {order}."),
    ("title + Last", DEV, "{title} {N} at the counter was extremely rude to us."),
    ("title + First Last", DEV, "Please pass my thanks to {title} {N} who sorted my seat."),
    ("sign-off Regards, First Last", DEV, "The room was dirty and the AC was broken.\nRegards, {N}"),
    ("sign-off Thanks, First", DEV, "Please refund the $ {price} fee. Thanks, {N}"),
    ("sign-off Cheers,\\nFirst", DEV, "Great stay, lovely staff!\nCheers,\n{N}"),
    ("sign-off Kind regards,\\nFirst Last", DEV, "I still have not received my card.\n\nKind regards,\n{N}"),
    ("agent named First", DEV, "An agent named {N} hung up on me twice."),
    ("manager called First Last", DEV, "The manager called {N} refused to help."),
    ("staff member named First", DEV, "A staff member named {N} was amazing with our kids."),
    ("my name's First", HELD_OUT_1, "my name's {N} and I've been a member since {year}."),
    ("sign-off Best wishes, First", HELD_OUT_1, "Will not fly with you again.\nBest wishes, {N}"),
    ("sign-off - First", HELD_OUT_1, "Lost my bag on flight {flight}, still no news. - {N}"),
    ("no cue: spoke to First", HELD_OUT_1, "I spoke to {N} at the desk and she fixed everything."),
    ("lower case my name is first last", HELD_OUT_1, "my name is {n} and i want my money back"),
    ("Prof. Last", HELD_OUT_1, "Prof. {N} booked the conference rooms for us."),
    ("First Last here", HELD_OUT_1, "{N} here, my card was charged twice."),
    ("my name is Mr First Last", HELD_OUT_2, "my name is Mr {N} and I booked room {room}."),
    ("Name: First Last", HELD_OUT_2, "Name: {N}\nBooking: {ref}\nThe shower was broken."),
    ("sign-off Thank you,\nFirst Last", HELD_OUT_2, "Still waiting for the refund.\nThank you,\n{N}"),
    ("lower-case i'm First", HELD_OUT_2, "i'm {N}, my bag is still missing"),
    ("sign-off Sincerely yours, First", HELD_OUT_2, "I expect a full refund.\nSincerely yours, {N}"),
    ("appositive: the receptionist, First,", HELD_OUT_2, "The receptionist, {N}, was lovely to us."),
    ("title + hyphenated Last-Last", HELD_OUT_2, "{title} {N} sorted out the refund."),
]


def _name_value(form: str, v: Values) -> str:
    if "Last-Last" in form:
        return f"{v.last()}-{v.last()}".replace("'", "")
    if "First Last" in form or "first last" in form:
        return f"{v.first()} {v.last()}"
    if "Last" in form:
        return v.last()
    return v.first()


ADDRESS_TEMPLATES = [
    ("number + street + full type", DEV, lambda v: f"{v.house()} {v.rng.choice(STREETS)} {v.rng.choice(STREET_TYPES_FULL)}"),
    ("number + street + short type", DEV, lambda v: f"{v.house()} {v.rng.choice(STREETS)} {v.rng.choice(STREET_TYPES_SHORT)}."),
    ("221B-style number", DEV, lambda v: f"{v.rng.randint(1, 400)}{v.rng.choice('ABC')} {v.rng.choice(STREETS)} St."),
    ("with direction NW", DEV, lambda v: f"{v.house()} {v.rng.choice(STREETS)} Avenue {v.rng.choice(['NW', 'NE', 'SW', 'SE'])}"),
    ("Flat 3, 10 Downing St", DEV, lambda v: f"Flat {v.rng.randint(1, 40)}, {v.house()} {v.rng.choice(STREETS)} St"),
    ("UK postcode", DEV, lambda v: v.uk_postcode()),
    ("US City, ST 12345", DEV, lambda v: "{}, {} {}".format(*v.rng.choice(US_CITIES), v.digits(5))),
    ("street, City, ST zip", DEV, lambda v: "{} {} Street, {}, {} {}".format(v.house(), v.rng.choice(STREETS), *v.rng.choice(US_CITIES), v.digits(5))),
    ("street, City postcode (UK)", DEV, lambda v: f"{v.house()} {v.rng.choice(STREETS)} Road, London {v.uk_postcode()}"),
    ("PO Box", HELD_OUT_1, lambda v: f"PO Box {v.rng.randint(10, 9999)}"),
    ("lower case street", HELD_OUT_1, lambda v: f"{v.house()} {v.rng.choice(STREETS).lower()} street"),
    ("Apt first, ordinal street", HELD_OUT_1, lambda v: f"Apt {v.rng.randint(1, 20)}{v.rng.choice('ABC')}, {v.house()} {v.rng.randint(2, 9)}th Ave"),
    ("spelled house number", HELD_OUT_1, lambda v: f"One {v.rng.choice(STREETS)} Street"),
    ("zip+4 tail", HELD_OUT_1, lambda v: "{}, {} {}-{}".format(*v.rng.choice(US_CITIES), v.digits(5), v.digits(4))),
    ("short type, City postcode (UK)", HELD_OUT_2, lambda v: f"{v.house()} {v.rng.choice(STREETS)} St, Leeds {v.uk_postcode()}"),
    ("P.O. Box", HELD_OUT_2, lambda v: f"P.O. Box {v.rng.randint(10, 9999)}"),
    ("apartment then street", HELD_OUT_2, lambda v: f"apartment {v.rng.randint(1, 30)}, {v.house()} {v.rng.choice(STREETS)} Road"),
    ("French rue", HELD_OUT_2, lambda v: f"{v.rng.randint(1, 99)} rue {v.rng.choice(['de Rivoli', 'Saint-Honoré', 'Lafayette'])}"),
    ("street, City (no state)", HELD_OUT_2, lambda v: f"{v.house()} {v.rng.choice(STREETS)} Terrace, {v.rng.choice(US_CITIES)[0]}"),
    ("Loop / Row-less type: 1 Infinite Loop", HELD_OUT_2, lambda v: f"{v.rng.randint(1, 99)} {v.rng.choice(STREETS)} Loop"),
    ("street + Apt after", HELD_OUT_2, lambda v: f"{v.house()} Main St Apt {v.rng.randint(1, 30)}"),
]

ADDRESS_SENTENCES = [
    "Please send the replacement to {A}, not the old address.",
    "I live at {A} and the parcel never arrived.",
    "The hotel at {A} charged me $ {price} for parking.",
    "Deliver to {A} after {hour}pm please, order {order}.",
]

GENERIC_SENTENCES = {
    "EMAIL": ["Please email me at {X} about the refund of ${price}.",
              "My booking {ref} confirmation never reached {X}.",
              "Contact me: {X} (flight UA {flight} on {date})",
              "you can reach me on {X} thanks"],
    "PHONE": ["Please call me on {X} to rebook flight {flight}.",
              "My number is {X}, I waited {hours} hours.",
              "Text me at {X} when my bag arrives.",
              "Nobody called back on {X} about order {order}."],
    "CARD": ["I paid with card {X} and was charged ${price} twice.",
             "Refund to {X} please, booking {ref}.",
             "The app saved my card number {X} without asking!",
             "card: {X} exp {month}/{yy}"],
    "IBAN": ["Please refund to my account {X} by {date}.",
             "IBAN {X}, the transfer of ${price} never came.",
             "Send it to {X}. Thanks"],
    "SSN": ["They asked for my SSN {X} on the phone.",
            "my social security number is {X}, please delete it",
            "Why does the form want {X} for a ${price} refund?",
            "I typed {X} into the form and it crashed."],
    "URL": ["The page {X} gives an error since {date}.",
            "See {X} for the screenshots.",
            "your site {X} keeps logging me out"],
}

NEGATIVE_TEMPLATES = [
    "Flight UA {flight} was delayed {hours} hours and I missed my connection.",
    "They charged me ${price} and another €{cents} in fees.",
    "Booked on {date} and flying {date2}, still no seat assigned.",
    "Order #{order9} never arrived, tracking says delivered.",
    "order number {order10} was cancelled without notice",
    "Booking ref {ref} and confirmation {ref}, gate B{gate}, seat {seat}.",
    "I'm Very disappointed with the service on flight {flight}.",
    "I'm Extremely upset, {hours} hours on the tarmac.",
    "I am Platinum and this is how you treat me?",
    "Thanks, great service and friendly staff!",
    "Thanks, Delta! Made my connection with {mins} minutes to spare.",
    "Regards to the crew, best flight ever.",
    "Cheers, United. Lost my bag again.",
    "The Dr Pepper on board was warm.",
    "Rated {score}/10, room {room} on floor {floor}, {mins} min walk to the beach.",
    "My account ending {last4} was debited on {date}.",
    "Tag numbers 0016 {tag6} and 0016 {tag6b}, please find my bags.",
    "Call centre kept me waiting {mins} minutes at 10:30, then hung up.",
    "I called {count} times about claim {claim10} and got nowhere.",
    "The 2 Broke Girls episode was playing on the seatback screen.",
    "Our room at Terminal {gate} was noisy, 5 stars for the staff though.",
    "Version 2.13.0 of the app crashes on iOS 17.2, model A{model}.",
    "Invoice {invoice} shows {pct}% VAT, total £{price}.",
    "Room 12 Ocean View was lovely, 3 Nights total, {mins} Minutes from the beach.",
    "This is Ridiculous from start to finish.",
    "My name is on the booking but the app says it isn't.",
    "A guy called me back after {hours} hours, useless.",
]


def _fill(template: str, v: Values) -> str:
    rng = v.rng
    return template.format(
        flight=rng.randint(10, 9999), hours=rng.randint(2, 9), price=f"{rng.randint(20, 2500):,}.{rng.randint(0, 99):02d}",
        cents=f"{rng.randint(5, 99)}.{rng.randint(0, 99):02d}", date=f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2026",
        date2=f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", order=rng.randint(10000, 9999999),
        order9=v.digits(9), order10=str(rng.randint(2, 9)) + v.digits(9), ref="".join(rng.choice(string.ascii_uppercase + "23456789") for _ in range(6)),
        gate=rng.randint(1, 60), seat=f"{rng.randint(1, 40)}{rng.choice('ABCDEF')}", mins=rng.randint(5, 95),
        score=rng.randint(1, 10), room=rng.randint(100, 1999), floor=rng.randint(1, 30), last4=v.digits(4),
        tag6=v.digits(6), tag6b=v.digits(6), count=rng.randint(3, 12), claim10=str(rng.randint(2, 9)) + v.digits(9),
        model=v.digits(4), invoice=f"INV-{v.digits(6)}", pct=rng.choice([5, 20, 21]), month=f"{rng.randint(1, 12):02d}",
        yy=rng.randint(26, 31), hour=rng.randint(1, 9), year=rng.randint(1990, 2024), dept=rng.choice(DEPARTMENTS),
        title=rng.choice(["Mr", "Mrs", "Ms", "Dr", "Miss", "Mr.", "Mrs.", "Dr."]),
        N="{N}", n="{n}", A="{A}", X="{X}",
    )


# --------------------------------------------------------------- held-out set 3
#
# Written before redact.py was read for this round and before any run with it: formats
# as people type them in comments and web forms (national and E.164 phone numbers of
# several countries, card and IBAN groupings, SSNs with a cue word, obfuscated e-mail
# addresses, URLs without a scheme), in sentences of their own, with no-PII sentences
# full of harmless numbers.  Drawn from a random generator of its own, after the other
# stages, so that adding it leaves every text of DEV and held-out 1 and 2 as it was.
# Nothing in the redactor may be aimed at these forms: their figure is the unseen one.
# A form here may also give (label, text, after), ``after`` going right after the span.

HELD_OUT_3 = "held-out 3"

# More IBAN layouts (shortest, longest and mixed ones), none of them in IBAN_LAYOUTS.
IBAN_LAYOUTS_3 = [("NO", "9" * 11), ("AT", "9" * 16), ("SE", "9" * 20), ("PT", "9" * 21),
                  ("MT", "AAAA" + "9" * 5 + "X" * 18), ("LU", "999" + "X" * 13), ("DK", "9" * 14),
                  ("FI", "9" * 14)]


def _d(v: Values, count: int, first: str = string.digits) -> str:
    return v.rng.choice(first) + v.digits(count - 1)


def _iban_3(v: Values) -> str:
    country, layout = v.rng.choice(IBAN_LAYOUTS_3)
    bban = "".join(v.rng.choice(string.ascii_uppercase) if slot == "A"
                   else v.rng.choice(string.digits) if slot == "9"
                   else v.rng.choice(string.ascii_uppercase + string.digits) for slot in layout)
    return iban_with_check(country, bban)


def _any_iban(v: Values) -> str:
    return v.iban() if v.rng.random() < 0.5 else _iban_3(v)


def _card_3(v: Values, kind: str) -> str:
    if kind == "maestro19":
        return luhn_complete(v.rng.choice(["6759", "5018", "6304"]) + v.digits(14))
    if kind == "diners":
        return luhn_complete(v.rng.choice(["300", "301", "305", "360", "368"]) + v.digits(10))
    if kind == "jcb":
        return luhn_complete("35" + str(v.rng.randint(28, 89)) + v.digits(11))
    return v.card(kind)


def _phone_forms_3():
    def nanp(fmt):
        return lambda v: fmt.format(*v.nanp())

    def uk_mobile_digits(v):
        return "7" + v.rng.choice("3456789") + v.digits(8)

    def uk_regional(v):
        if v.rng.random() < 0.5:  # 4-digit area code: 0161 496 0123
            area = v.rng.choice(["0113", "0114", "0116", "0117", "0121", "0131", "0141", "0151", "0161", "0191"])
            return f"{area} {_d(v, 3, '2345678')} {v.digits(4)}"
        area = v.rng.choice(["01223", "01865", "01273", "01603", "01904", "01632", "01392", "01244"])
        return f"{area} {_d(v, 6, '2345678')}"  # 5-digit area code: 01632 960123

    def de_mobile(v):
        return "01" + v.rng.choice(["51", "52", "57", "60", "62", "70", "71", "76"]) + " " + v.digits(v.rng.choice([7, 8]))

    def de_city_slash(v):
        return "0" + v.rng.choice(["30", "40", "89", "221", "69", "711", "211"]) + "/" + _d(v, v.rng.choice([6, 7, 8]), "123456789")

    def fr_digits(v):
        return "0" + v.rng.choice("1234567") + v.digits(8)

    def au_mobile(v):
        return "04" + v.digits(2) + " " + v.digits(3) + " " + v.digits(3)

    return [
        ("US E.164 compact +1XXXXXXXXXX", HELD_OUT_3, lambda v: "+1" + "".join(v.nanp())),
        ("US +1 (area) exchange-line", HELD_OUT_3, nanp("+1 ({}) {}-{}")),
        ("US (area) with ' x204' extension", HELD_OUT_3, lambda v: "({}) {}-{}".format(*v.nanp()) + f" x{v.rng.randint(2, 9999)}"),
        ("US dots with 'extension 5512'", HELD_OUT_3, lambda v: "{}.{}.{}".format(*v.nanp()) + f" extension {v.rng.randint(10, 9999)}"),
        ("UK E.164 compact mobile", HELD_OUT_3, lambda v: "+44" + uk_mobile_digits(v)),
        ("UK regional landline 0161 / 01632", HELD_OUT_3, uk_regional),
        ("UK landline with 'ext 214'", HELD_OUT_3, lambda v: "0{} {}".format(*v.uk_london()) + f" ext {v.rng.randint(2, 999)}"),
        ("UK +44 (0)7xxx mobile", HELD_OUT_3, lambda v: (lambda m: f"+44 (0){m[:4]} {m[4:]}")(uk_mobile_digits(v))),
        ("DE mobile national 0151 1234567", HELD_OUT_3, de_mobile),
        ("DE city code with slash 089/1234567", HELD_OUT_3, de_city_slash),
        ("DE +49 (0) mobile", HELD_OUT_3, lambda v: "+49 (0)" + de_mobile(v)[1:]),
        ("FR national pairs 06 12 34 56 78", HELD_OUT_3, lambda v: " ".join(textwrap_pairs(fr_digits(v)))),
        ("FR dotted pairs 06.12.34.56.78", HELD_OUT_3, lambda v: ".".join(textwrap_pairs(fr_digits(v)))),
        ("FR E.164 compact +33612345678", HELD_OUT_3, lambda v: "+33" + fr_digits(v)[1:]),
        ("IN +91-XXXXXXXXXX", HELD_OUT_3, lambda v: "+91-" + _d(v, 10, "6789")),
        ("IN national 0 + 10 digits", HELD_OUT_3, lambda v: "0" + _d(v, 10, "6789")),
        ("AU mobile 04xx xxx xxx", HELD_OUT_3, au_mobile),
        ("AU +61 4xx xxx xxx", HELD_OUT_3, lambda v: "+61 " + au_mobile(v)[1:]),
        ("AU landline (02) 9xxx xxxx", HELD_OUT_3, lambda v: f"(0{v.rng.choice('2378')}) {_d(v, 4, '3456789')} {v.digits(4)}"),
    ]


def textwrap_pairs(digits: str) -> list[str]:
    return [digits[i:i + 2] for i in range(0, len(digits), 2)]


def _card_forms_3():
    def any16(v):
        return v.card(v.rng.choice(["visa", "mc", "disc"]))
    return [
        ("Amex compact 15 digits", HELD_OUT_3, lambda v: v.card("amex")),
        ("Diners 14 digits 4-6-4", HELD_OUT_3, lambda v: _grouped(_card_3(v, "diners"), (4, 6, 4), " ")),
        ("JCB 16 digits, dashes", HELD_OUT_3, lambda v: _grouped(_card_3(v, "jcb"), (4, 4, 4, 4), "-")),
        ("Maestro 19 digits 4-4-4-4-3", HELD_OUT_3, lambda v: _grouped(_card_3(v, "maestro19"), (4, 4, 4, 4, 3), " ")),
        ("16 digits split 8-8", HELD_OUT_3, lambda v: _grouped(any16(v), (8, 8), " ")),
        ("16 digits, spaced dashes 'dddd - dddd'", HELD_OUT_3, lambda v: _grouped(any16(v), (4, 4, 4, 4), " - ")),
        ("masked, then the full number", HELD_OUT_3,
         lambda v: (lambda n: (f"XXXX XXXX XXXX {n[-4:]}, sorry, the full number is ", _grouped(n, (4, 4, 4, 4), " ")))(any16(v))),
        ("'CC#' glued, 16 digits plain", HELD_OUT_3, lambda v: ("CC#", any16(v))),
        ("'Card no.:' on its own line, spaces", HELD_OUT_3, lambda v: ("Card no.:\n", _grouped(any16(v), (4, 4, 4, 4), " "))),
    ]


def _ssn_forms_3():
    return [
        ("'SSN:' + dashes", HELD_OUT_3, lambda v: ("SSN: ", "{}-{}-{}".format(*v.ssn()))),
        ("'social security #' + spaces", HELD_OUT_3, lambda v: ("social security # ", "{} {} {}".format(*v.ssn()))),
        ("en dashes", HELD_OUT_3, lambda v: "{}\u2013{}\u2013{}".format(*v.ssn())),
        ("slashes", HELD_OUT_3, lambda v: "{}/{}/{}".format(*v.ssn())),
        ("'SS#' glued, plain 9 digits", HELD_OUT_3, lambda v: ("SS#", "{}{}{}".format(*v.ssn()))),
        ("'SSN:' glued, plain 9 digits", HELD_OUT_3, lambda v: ("SSN:", "{}{}{}".format(*v.ssn()))),
        ("dash then space '416-06 7354'", HELD_OUT_3, lambda v: "{}-{} {}".format(*v.ssn())),
        ("'Social Security No.' + dots", HELD_OUT_3, lambda v: ("Social Security No. ", "{}.{}.{}".format(*v.ssn()))),
    ]


def _email_forms_3():
    def name(v):
        return v.first().lower(), v.last().lower().replace("'", "")
    return [
        ("plus-tag and sub-domain", HELD_OUT_3,
         lambda v: (lambda f, l: f"{f}.{l}+{v.rng.choice(['amazon', 'travel', 'bank', 'news'])}@{v.rng.choice(['mail', 'mx', 'post'])}.{v.rng.choice(['company.co.uk', 'example.de', 'uni-example.edu'])}")(*name(v))),
        ("curly {at} {dot}", HELD_OUT_3, lambda v: (lambda f, l: f"{f}.{l} {{at}} {v.rng.choice(['gmail', 'yahoo', 'outlook'])} {{dot}} com")(*name(v))),
        ("real @, spelled dot", HELD_OUT_3, lambda v: f"{v.local()}@{v.rng.choice(['gmail', 'hotmail', 'icloud'])} dot com"),
        ("spaces around @ and dots", HELD_OUT_3, lambda v: (lambda f, l: f"{f} . {l} @ {v.rng.choice(['gmail', 'outlook', 'web'])} . {v.rng.choice(['com', 'de', 'fr'])}")(*name(v))),
        ("mailto: link", HELD_OUT_3, lambda v: f"mailto:{v.local()}@{v.rng.choice(DOMAINS)}"),
        ("digits, hyphenated domain, long TLD", HELD_OUT_3,
         lambda v: (lambda f, l: f"{f[0]}.{l}{v.rng.randint(1960, 2005)}@{v.rng.choice(['my-isp.net', 'big-pond.com.au', 'home-mail.solutions', 'ex-ample.info'])}")(*name(v))),
        ("upper-case first letter, (at) spaced", HELD_OUT_3, lambda v: (lambda f, l: f"{f.title()}.{l.title()} (at) {v.rng.choice(['gmail', 'yahoo'])} (dot) com")(*name(v))),
    ]


def _iban_forms_3():
    return [
        ("paper format, other countries (NO, AT, SE, PT, MT ...)", HELD_OUT_3, lambda v: _grouped(_iban_3(v), tuple([4] * 9), " ").strip()),
        ("lower case, compact", HELD_OUT_3, lambda v: _any_iban(v).lower()),
        ("'IBAN:' glued, compact", HELD_OUT_3, lambda v: ("IBAN:", _any_iban(v))),
        ("country and check digits apart 'DE 89 3704...'", HELD_OUT_3, lambda v: (lambda i: f"{i[:2]} {i[2:4]} {i[4:]}")(_any_iban(v))),
        ("paper format, double spaces", HELD_OUT_3, lambda v: _grouped(_any_iban(v), tuple([4] * 9), "  ").strip()),
        ("paper format followed by the BIC", HELD_OUT_3,
         lambda v: ("", _grouped(_any_iban(v), tuple([4] * 9), " ").strip(),
                    f", BIC {v.rng.choice(['COBADEFFXXX', 'NWBKGB2L', 'DNBANOKK', 'BKAUATWW'])}")),
        ("lower case, paper format, other countries", HELD_OUT_3, lambda v: _grouped(_iban_3(v), tuple([4] * 9), " ").strip().lower()),
    ]


def _url_forms_3():
    def slug(v, n=6):
        return "".join(v.rng.choice(string.ascii_lowercase + string.digits) for _ in range(n))
    return [
        ("no scheme, sub-domain and path", HELD_OUT_3,
         lambda v: f"{v.rng.choice(['support', 'help', 'my', 'account'])}.{v.rng.choice(['example', 'acme-air', 'harborbank'])}.com/{v.rng.choice(['orders', 'tickets', 'case'])}/{v.digits(6)}"),
        ("www with path and query '&'", HELD_OUT_3, lambda v: f"www.{v.rng.choice(['example', 'shopco'])}.com/track?order={v.digits(7)}&lang=en"),
        ("https with fragment", HELD_OUT_3, lambda v: f"https://{v.rng.choice(['example.com', 'help.example.org'])}/faq/refunds#{slug(v)}"),
        ("https with utm query", HELD_OUT_3, lambda v: f"https://shop.example.de/cart?utm_source=email&utm_medium=cx&id={slug(v, 8)}"),
        ("bare new-TLD domain with path", HELD_OUT_3, lambda v: f"{v.rng.choice(['acme.shop', 'example.io', 'getfly.app', 'hotel.travel'])}/{v.rng.choice(['r', 'returns', 'b'])}/{slug(v)}"),
        ("http to an IP address", HELD_OUT_3, lambda v: f"http://{v.rng.randint(11, 223)}.{v.rng.randint(0, 255)}.{v.rng.randint(0, 255)}.{v.rng.randint(1, 254)}/{v.rng.choice(['admin', 'login', 'status'])}"),
        ("www with trailing slash", HELD_OUT_3, lambda v: f"www.{v.rng.choice(['example', 'united', 'acme-shop'])}.{v.rng.choice(['com', 'co.uk', 'de', 'com.au'])}/"),
        ("percent-encoded path", HELD_OUT_3, lambda v: f"https://example.com/search?q=lost%20bag%20{v.digits(4)}"),
    ]


SENTENCES_3 = {
    "EMAIL": ["Email: {X}\nOrder: #{order}",
              "send the invoice to {X} not my old address pls",
              "I changed my login to {X} on {date_iso} and now I'm locked out.",
              "the receipt for \u20ac{eu_price} went to {X}?"],
    "PHONE": ["Phone: {X}\nBest time to call: {time12}",
              "pls call me back on {X} before {time24}, re order {order}",
              "If I don't answer, my husband's number is {X}.",
              "Contact number {X} (mobile), flying {airline}{flight} tomorrow."],
    "CARD": ["Card number: {X}\nExpiry: {month}/{yy}",
             "You charged {X} twice on {date_iso} ({pct}% foreign fee on top).",
             "I typed {X} at checkout and got error 502.",
             "why is {X} still on file after I closed my account??"],
    "IBAN": ["Bank details for the refund: {X}, holder as on booking {ref}.",
             "Please transfer the \u20ac{eu_price} to {X} within 14 days.",
             "my iban is {X} (new account since {date_de})"],
    "SSN": ["The agent read out {X} on a recorded line!",
            "I gave them {X} at {time12} and they still couldn't find my file.",
            "Why does a {pct}% cashback offer need {X}?",
            "my social is {X}, do not store it"],
    "URL": ["Link: {X}\nIt 404s since {date_iso}.",
            "the checkout at {X} keeps timing out",
            "I followed {X} from your email and it asked for my password.",
            "Screenshots are here (see {X})."],
}

NEGATIVE_TEMPLATES_3 = [
    "Amazon order {amazon} arrived damaged, refund of ${price} still pending.",
    "USPS tracking {usps} hasn't moved since {date_iso}.",
    "UPS says 1Z{ups} is out for delivery, it isn't.",
    "Flight {airline}{flight} on {date_iso} left at {time24}, {pct}% of us missed the connection.",
    "Paid \u20ac{eu_price} (incl. {pct}% MwSt) on {date_de}, no receipt.",
    "Booked for March {day}, {year}, check-in {time24}, check-out 11:00.",
    "Ticket #INC{d7} opened {date_iso}, still open after {hours} hours.",
    "The book (ISBN 978-{d1}-{d3}-{d5}-{d1b}) arrived with a torn cover.",
    "Promo code SAVE{pct} gave {pct}% off, 0% APR for 12 months.",
    "Loyalty number {d8}, my tier expired on {date_de}.",
    "It said 3-5 business days, then another 7-10 days, now {count} weeks.",
    "Open 9:00-17:30 Mon-Fri, I called at {time24} and it was closed.",
    "Invoice {year}-{d5} dated {date_iso} for \u00a3{price}, due in 30 days.",
    "Gate change from A{gate} to C{gate2}, boarding {time24}, departure {time24b}.",
    "My balance went from ${price} to -${cents} after {count} charges.",
    "Paid with Apple Pay, card ending {last4}, on {date_de} at {time12}.",
    "The letter shows my SSN as XXX-XX-{last4}, so why ask again?",
    "Screen is 1920x1080 at 144 Hz, firmware {d1}.{d1b}.{d2}, iOS 17.4.1.",
    "Room {room}, 2 adults 1 child, {count} nights, rated 4.5/5.",
    "Between {year} and 2025 I flew {miles} miles with you.",
    "Serial no. SN-{d5}-{d5b}, model KD-55X85J, bought {date_iso}.",
    "Price went from 9.99 to 12.99 a month (+30%), cancel ref {ref}.",
]


def _fill_3(template: str, v: Values) -> str:
    rng = v.rng
    values = {
        "price": f"{rng.randint(20, 2500):,}.{rng.randint(0, 99):02d}", "cents": f"{rng.randint(5, 99)}.{rng.randint(0, 99):02d}",
        "eu_price": f"{rng.randint(1, 2):d}.{rng.randint(0, 999):03d},{rng.randint(0, 99):02d}",
        "date_iso": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "date_de": f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2026",
        "time24": f"{rng.randint(5, 22):02d}:{rng.choice(['00', '15', '30', '45', '05', '55'])}",
        "time24b": f"{rng.randint(5, 22):02d}:{rng.choice(['10', '20', '40', '50'])}",
        "time12": f"{rng.randint(1, 12)}:{rng.choice(['00', '15', '30', '45'])} {rng.choice(['am', 'pm', 'AM', 'PM'])}",
        "order": rng.randint(10000, 9999999), "flight": rng.randint(10, 9999),
        "airline": rng.choice(["BA", "LH ", "AA", "QF", "AF ", "EK", "6E "]),
        "amazon": f"{rng.randint(100, 999)}-{v.digits(7)}-{v.digits(7)}",
        "usps": " ".join(["9400", v.digits(4), v.digits(4), v.digits(4), v.digits(4), v.digits(2)]),
        "ups": "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(16)),
        "pct": rng.choice([5, 10, 15, 19, 20, 25, 30, 40]), "day": rng.randint(1, 28), "year": rng.randint(2015, 2024),
        "d1": rng.randint(0, 9), "d1b": rng.randint(0, 9), "d2": v.digits(2), "d3": v.digits(3), "d5": v.digits(5),
        "d5b": v.digits(5), "d7": v.digits(7), "d8": _d(v, 8, "123456789"), "count": rng.randint(2, 9),
        "hours": rng.randint(2, 72), "gate": rng.randint(1, 40), "gate2": rng.randint(1, 40), "last4": v.digits(4),
        "room": rng.randint(100, 1999), "miles": f"{rng.randint(10, 400):,},000",
        "ref": "".join(rng.choice(string.ascii_uppercase + "23456789") for _ in range(6)),
        "month": f"{rng.randint(1, 12):02d}", "yy": rng.randint(26, 31), "X": "{X}",
    }
    return template.format(**values)


def held_out_3_items(per_form: int, seed: int = SEED) -> list[dict]:
    """The texts of held-out set 3 (same item layout as ``labelled_set``)."""
    rng = random.Random(seed + 3)
    v = Values(rng)
    items: list[dict] = []
    forms = {"EMAIL": _email_forms_3(), "PHONE": _phone_forms_3(), "CARD": _card_forms_3(),
             "IBAN": _iban_forms_3(), "SSN": _ssn_forms_3(), "URL": _url_forms_3()}
    for kind, kind_forms in forms.items():
        for form, stage, make in kind_forms:
            for _ in range(per_form):
                made = make(v)
                label, value, after = (made + ("",))[:3] if isinstance(made, tuple) else ("", made, "")
                filled = _fill_3(rng.choice(SENTENCES_3[kind]), v)
                slot_at = filled.index("{X}")
                start = slot_at + len(label)
                text = filled[:slot_at] + label + value + after + filled[slot_at + 3:]
                items.append({"text": text, "spans": [(start, start + len(value), kind)], "type": kind,
                              "form": form, "stage": stage})
    for template in NEGATIVE_TEMPLATES_3:
        for _ in range(per_form):
            items.append({"text": _fill_3(template, v), "spans": [], "type": None,
                          "form": "no PII (harmless numbers)", "stage": HELD_OUT_3})
    return items


# --------------------------------------------------------------- held-out set 4
#
# The structured types once more, written blind: without reading redact.py, its tests or
# any bench result, and before any run of the redactor on these forms.  Every form is a
# way people write that kind of data in survey comments, chats, e-mails and web forms,
# and none is a form of the stages above (other countries, groupings, separators, casing,
# brackets and quotes around the item, the item at the start or the end of the comment,
# on a line of its own, two items in one comment).  Drawn from a random generator of its
# own, after the other stages, so that adding it leaves every text of those as it was.
# Nothing in the redactor may be aimed at these forms before their first measurement.
#
# A form here makes either the text of one item of its type, or a list of pieces: plain
# strings, and (type, text) pairs for the true spans (a display name or an account
# holder next to the item is a NAME span).  A form may bring its own sentences (to put
# the item at the start or the end of the comment, or on a line of its own); otherwise
# one of SENTENCES_4 is drawn for it.

HELD_OUT_4 = "held-out 4"
# Held-out sets 6 to 12 (bench/pii_held_out_6.py ... _12.py) are fixed lists of texts written
# blind, with the values as written rather than generated from forms; they label the
# structured types only, so NAME, ADDRESS and HANDLE placeholders in their texts are neither
# right nor wrong.
HELD_OUT_6 = "held-out 6"
HELD_OUT_7 = "held-out 7"
HELD_OUT_8 = "held-out 8"
HELD_OUT_9 = "held-out 9"
HELD_OUT_10 = "held-out 10"
HELD_OUT_11 = "held-out 11"
HELD_OUT_12 = "held-out 12"
STAGES = (DEV, HELD_OUT_1, HELD_OUT_2, HELD_OUT_3, HELD_OUT_4, HELD_OUT_5, HELD_OUT_6, HELD_OUT_7, HELD_OUT_8,
          HELD_OUT_9, HELD_OUT_10, HELD_OUT_11, HELD_OUT_12)

# IBAN layouts of countries in neither IBAN_LAYOUTS nor IBAN_LAYOUTS_3 (A = letter,
# 9 = digit, X = either): Croatia, Czechia, Hungary, Romania, Greece, Lithuania, Estonia,
# Slovenia, Bulgaria, Cyprus, Iceland, Saudi Arabia, the UAE, Turkey, Brazil.
IBAN_LAYOUTS_4 = [("HR", "9" * 17), ("CZ", "9" * 20), ("HU", "9" * 24), ("RO", "AAAA" + "9" * 16),
                  ("GR", "9" * 23), ("LT", "9" * 16), ("EE", "9" * 16), ("SI", "9" * 15),
                  ("BG", "AAAA" + "9" * 14), ("CY", "9" * 24), ("IS", "9" * 22), ("SA", "9" * 20),
                  ("AE", "9" * 19), ("TR", "9" * 22), ("BR", "9" * 23 + "AX")]
# Big countries with all-digit account parts, as their banks print them.
IBAN_NATIONAL_4 = {"DE": "9" * 18, "FR": "9" * 23, "IT": "A" + "9" * 22, "ES": "9" * 20,
                   "NL": "AAAA" + "9" * 10, "GB": "AAAA" + "9" * 14, "IE": "AAAA" + "9" * 14,
                   "BE": "9" * 12, "AT": "9" * 16, "PT": "9" * 21}
BICS_4 = ["DEUTDEFF", "COBADEFFXXX", "BNPAFRPP", "BBVAESMM", "UNCRITMM", "INGBNL2A", "AIBKIE2D",
          "ZABAHR2X", "GIBACZPX", "OTPVHUHB", "ETHNGRAA", "HABALT22", "LJBASI2X"]
DOMAINS_4 = ["gmx.de", "web.de", "orange.fr", "libero.it", "ziggo.nl", "eircom.net", "btinternet.com",
             "icloud.com", "proton.me", "shaw.ca", "comcast.net", "bigpond.com", "yahoo.es"]
CC_DOMAINS_4 = ["uol.com.br", "terra.com.br", "mweb.co.za", "telkomsa.net", "singnet.com.sg",
                "rediffmail.com", "yahoo.co.in", "xtra.co.nz", "telefonica.es", "t-online.de",
                "sympatico.ca", "optusnet.com.au", "tiscali.it", "free.fr"]
SITES_4 = ["example", "shopco", "acme-air", "harborbank", "fly-example", "myhotel-group", "trainfare"]


def _word(v: Values, count: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(v.rng.choice(alphabet) for _ in range(count))


def _names_4(v: Values) -> tuple[str, str]:
    """First and last name, the last one without an apostrophe (for e-mail local parts)."""
    return v.first(), v.last().replace("'", "")


def _addr_4(v: Values) -> str:
    first, last = _names_4(v)
    f, l = first.lower(), last.lower()
    local = v.rng.choice([f"{f}.{l}", f"{f}{l}{v.rng.randint(1, 99)}", f"{f[0]}.{l}", f"{l}.{f}", f"{f}_{l}"])
    return f"{local}@{v.rng.choice(DOMAINS_4 + CC_DOMAINS_4 + DOMAINS)}"


# ---- phone numbers (held-out 4)

def _ph_ca_dotted(v: Values) -> str:
    area = v.rng.choice(["416", "647", "437", "604", "778", "514", "438", "403", "587", "613", "902", "204", "306", "519", "905"])
    return f"+1.{area}.{_d(v, 3, '23456789')}.{v.digits(4)}"


def _ph_ie(v: Values, international: bool) -> str:
    if v.rng.random() < 0.7:
        number = f"8{v.rng.choice('35679')} {v.digits(3)} {v.digits(4)}"
    else:  # Dublin landline
        number = f"1 {_d(v, 3, '2345689')} {v.digits(4)}"
    return ("+353 " if international else "0") + number


def _ph_es(v: Values) -> str:
    digits = v.rng.choice("6796") + v.digits(8) if v.rng.random() < 0.8 else "91" + _d(v, 7, "2345")
    grouped = _grouped(digits, (3, 2, 2, 2), " ") if v.rng.random() < 0.5 else _grouped(digits, (3, 3, 3), " ")
    return v.rng.choice(["+34 ", "+34 ", ""]) + grouped


def _ph_it_mobile(v: Values) -> str:
    prefix = "3" + v.rng.choice(["20", "24", "28", "33", "34", "35", "38", "39", "40", "45", "47", "48", "49", "66", "80", "88", "89", "92", "93"])
    rest = v.digits(7)
    return v.rng.choice([f"+39 {prefix} {rest[:3]} {rest[3:]}", f"{prefix} {rest}", f"+39 {prefix}{rest}", f"{prefix}-{rest}"])


def _ph_nl(v: Values) -> str:
    if v.rng.random() < 0.7:
        return "06-" + _d(v, 8, "123456789")
    return v.rng.choice(["020", "010", "030", "070"]) + "-" + _d(v, 7, "2345678")


def _ph_br(v: Values) -> str:
    area = v.rng.choice(["11", "21", "31", "41", "47", "51", "61", "71", "81", "85", "19", "27"])
    return v.rng.choice(["+55 ", "", ""]) + f"({area}) 9{v.digits(4)}-{v.digits(4)}"


def _ph_za(v: Values) -> str:
    prefix = v.rng.choice(["60", "61", "71", "72", "73", "74", "76", "78", "79", "82", "83", "84", "21", "11"])
    return (f"+27 {prefix}" if v.rng.random() < 0.5 else f"0{prefix}") + f" {v.digits(3)} {v.digits(4)}"


def _ph_sg(v: Values) -> str:
    return "+65 " + v.rng.choice("8966") + v.digits(3) + " " + v.digits(4)


def _ph_de_extension(v: Values) -> str:
    city = v.rng.choice(["30", "40", "89", "221", "69", "711", "211", "341", "351"])
    main = _d(v, v.rng.randint(3, 5), "123456789")
    ext = v.digits(v.rng.randint(1, 4))
    return (f"+49 {city}" if v.rng.random() < 0.4 else f"0{city}") + f" {main}-{ext}"


def _ph_uk_533(v: Values) -> str:
    return "07" + v.rng.choice("3456789") + v.digits(2) + " " + v.digits(3) + " " + v.digits(3)


def _ph_in_national(v: Values) -> str:
    return v.rng.choice(["", "", "0"]) + _d(v, 5, "6789") + " " + v.digits(5)


def _ph_fr_plus33_0(v: Values) -> str:
    return "+33 (0)" + v.rng.choice("1234567") + " " + " ".join(v.digits(2) for _ in range(4))


def _ph_au_landline_intl(v: Values) -> str:
    return "+61 " + v.rng.choice("2378") + " " + _d(v, 4, "3456789") + " " + v.digits(4)


def _ph_double_zero(v: Values) -> str:
    return v.rng.choice([
        lambda: f"0049 1{v.rng.choice(['51', '52', '60', '70', '76'])} {v.digits(7)}",
        lambda: f"0034 6{v.digits(2)} {v.digits(3)} {v.digits(3)}",
        lambda: f"0039 3{v.digits(2)} {v.digits(3)} {v.digits(4)}",
        lambda: f"0031 6 {_d(v, 8, '123456789')}",
        lambda: f"0061 4{v.digits(2)} {v.digits(3)} {v.digits(3)}",
        lambda: f"0027 8{v.rng.choice('234')} {v.digits(3)} {v.digits(4)}",
        lambda: f"0065 9{v.digits(3)} {v.digits(4)}",
        lambda: f"00353 8{v.rng.choice('35679')} {v.digits(3)} {v.digits(4)}",
    ])()


def _ph_e164_hyphens(v: Values) -> str:
    return v.rng.choice([
        lambda: f"+44-20-{v.rng.choice('378')}{v.digits(3)}-{v.digits(4)}",
        lambda: f"+44-7{v.rng.choice('3456789')}{v.digits(2)}-{v.digits(6)}",
        lambda: f"+49-30-{_d(v, 7, '123456789')}",
        lambda: f"+33-6-{v.digits(2)}-{v.digits(2)}-{v.digits(2)}-{v.digits(2)}",
        lambda: f"+61-2-{_d(v, 4, '3456789')}-{v.digits(4)}",
        lambda: f"+353-1-{_d(v, 3, '2345689')}-{v.digits(4)}",
        lambda: f"+91-{_d(v, 5, '6789')}-{v.digits(5)}",
    ])()


def _ph_nbsp(v: Values) -> str:
    nb = "\u00a0"
    return v.rng.choice([
        lambda: nb.join(["+33", v.rng.choice("67")] + [v.digits(2) for _ in range(4)]),
        lambda: nb.join(["+44", "20", v.rng.choice("378") + v.digits(3), v.digits(4)]),
        lambda: nb.join(["+49", "89", _d(v, 7, "123456789")]),
        lambda: nb.join(["0" + v.rng.choice("67")] + [v.digits(2) for _ in range(4)]),
    ])()


def _ph_us_bracket_hyphen(v: Values) -> str:
    return "({})-{}-{}".format(*v.nanp())


def _any_phone_4(v: Values) -> str:
    return v.rng.choice([
        _ph_ca_dotted, lambda v: _ph_ie(v, False), lambda v: _ph_ie(v, True), _ph_es, _ph_it_mobile, _ph_nl,
        _ph_br, _ph_za, _ph_sg, _ph_de_extension, _ph_uk_533, _ph_in_national, _ph_fr_plus33_0,
        _ph_au_landline_intl, _ph_us_bracket_hyphen,
    ])(v)


def _phone_forms_4():
    def two(v):
        joiner = v.rng.choice([" or ", " / ", ", or my landline ", " (mobile) and ", " and at work "])
        return [("PHONE", _any_phone_4(v)), joiner, ("PHONE", _any_phone_4(v))]
    return [
        ("CA +1 with dots '+1.416.555.0199'", HELD_OUT_4, _ph_ca_dotted),
        ("IE national '087 123 4567' / '01 234 5678'", HELD_OUT_4, lambda v: _ph_ie(v, False)),
        ("IE +353 '+353 87 123 4567'", HELD_OUT_4, lambda v: _ph_ie(v, True)),
        ("ES 3-2-2-2 or 3-3-3, with or without +34", HELD_OUT_4, _ph_es),
        ("IT mobile 3xx, with or without +39", HELD_OUT_4, _ph_it_mobile),
        ("NL hyphen after trunk code '06-12345678' / '020-1234567'", HELD_OUT_4, _ph_nl),
        ("BR '(11) 98765-4321', with or without +55", HELD_OUT_4, _ph_br),
        ("ZA '082 123 4567' / '+27 82 123 4567'", HELD_OUT_4, _ph_za),
        ("SG '+65 9123 4567'", HELD_OUT_4, _ph_sg),
        ("DE with extension after a hyphen '030 12345-678'", HELD_OUT_4, _ph_de_extension),
        ("UK mobile 5-3-3 '07700 900 123'", HELD_OUT_4, _ph_uk_533),
        ("IN national 5-5 without +91 '98765 43210'", HELD_OUT_4, _ph_in_national),
        ("FR '+33 (0)6 12 34 56 78'", HELD_OUT_4, _ph_fr_plus33_0),
        ("AU landline E.164 '+61 2 9876 5432'", HELD_OUT_4, _ph_au_landline_intl),
        ("00-prefixed international (0049, 0034, 0039, 0031, 0061, 0027, 0065, 00353)", HELD_OUT_4, _ph_double_zero),
        ("E.164 with hyphens '+44-20-7946-0958'", HELD_OUT_4, _ph_e164_hyphens),
        ("non-breaking spaces, pasted from a signature", HELD_OUT_4, _ph_nbsp),
        ("US '(212)-555-0134', hyphen after the bracket", HELD_OUT_4, _ph_us_bracket_hyphen),
        ("two numbers in one comment", HELD_OUT_4, two,
         ["You can reach me on {X}, any time after {time}.", "Numbers: {X}\nOrder {order}",
          "if no answer on {X} leave a voicemail pls", "Call {X} about booking {ref}, I'm away till {date_long}."]),
        ("label on one line, number on the next", HELD_OUT_4, _any_phone_4,
         ["Tel.:\n{X}\nPlease call before {time}.", "Mobile:\n{X}", "Best number to reach me:\n{X}\n\nThanks",
          "Callback requested\nPhone\n{X}\nReason: refund for order {order}"]),
        ("at the start of the comment, no cue", HELD_OUT_4, _any_phone_4,
         ["{X} - call me, nobody answers emails", "{X} is my mobile, text me when the car is ready",
          "{X}\ncall after {time} pls", "{X} (WhatsApp) - send the photos of the damage there"]),
        ("at the end of the comment, after a cue", HELD_OUT_4, _any_phone_4,
         ["Waited {mins} minutes on hold. Call me back: {X}", "Still no refund for order {order}. My number is {X}",
          "Driver couldn't find the house, he can ring {X}.", "Happy to talk about it, I'm on {X}!"]),
    ]


# ---- cards (held-out 4)

def _card16_4(v: Values) -> str:
    kind = v.rng.choice(["visa", "mc", "mc2", "disc"])
    if kind == "mc2":
        return luhn_complete(str(v.rng.randint(2221, 2720)) + v.digits(11))
    return v.card(kind)


def _card_forms_4():
    def bracketed(v):
        left, right = v.rng.choice([("(", ")"), ('"', '"'), ("[", "]"), ("'", "'"), ("\u201c", "\u201d")])
        return [left, ("CARD", _grouped(_card16_4(v), (4, 4, 4, 4), v.rng.choice([" ", "-"]))), right]

    def two(v):
        a = _grouped(_card16_4(v), (4, 4, 4, 4), " ")
        b = _grouped(_card16_4(v), (4, 4, 4, 4), v.rng.choice([" ", "-", ""]))
        return v.rng.choice([["old card ", ("CARD", a), ", new card ", ("CARD", b)],
                             [("CARD", a), " (expired) and ", ("CARD", b), " (current)"]])

    def with_expiry(v):
        card = _grouped(_card16_4(v), (4, 4, 4, 4), " ")
        return [("CARD", card), f" {v.rng.randint(1, 12):02d}/{v.rng.randint(26, 32)}"]

    return [
        ("Mastercard 2-series BIN (2221-2720), spaces", HELD_OUT_4,
         lambda v: _grouped(luhn_complete(str(v.rng.randint(2221, 2720)) + v.digits(11)), (4, 4, 4, 4), " ")),
        ("Amex typed in 4-4-4-3 groups", HELD_OUT_4, lambda v: _grouped(v.card("amex"), (4, 4, 4, 3), " ")),
        ("Diners 14 digits 4-6-4, dashes", HELD_OUT_4, lambda v: _grouped(_card_3(v, "diners"), (4, 6, 4), "-")),
        ("UnionPay 19 digits compact", HELD_OUT_4, lambda v: luhn_complete("62" + v.digits(16))),
        ("Visa 19 digits 4-4-4-4-3, dashes", HELD_OUT_4, lambda v: _grouped(luhn_complete("4" + v.digits(17)), (4, 4, 4, 4, 3), "-")),
        ("16 digits 4-8-4 (two groups run together)", HELD_OUT_4, lambda v: _grouped(_card16_4(v), (4, 8, 4), " ")),
        ("in brackets or quotes", HELD_OUT_4, bracketed),
        ("followed directly by the expiry 'MM/YY'", HELD_OUT_4, with_expiry),
        ("two cards in one comment", HELD_OUT_4, two,
         ["Please move the subscription: {X}.", "{X} - both show the same pending charge of {price_mixed}",
          "I have {X} on the account, only one of them is mine?"]),
        ("at the start of the comment, no cue", HELD_OUT_4,
         lambda v: _grouped(_card16_4(v), (4, 4, 4, 4), v.rng.choice([" ", "-", ""])),
         ["{X} was charged twice on {date_us}, please refund one.", "{X} - this card was cancelled, why are you still billing it?",
          "{X}\nplease remove this card from my account", "{X} is the card, the amount was {price_mixed}"]),
        ("16 digits plain at the end of the comment, full stop", HELD_OUT_4, _card16_4,
         ["The card you charged was {X}.", "I paid at the desk with {X}.", "Refund it to the card I used, {X}!",
          "Charged {price_mixed} on {date_long} to {X}."]),
    ]


# ---- IBANs (held-out 4)

def _iban_of(v: Values, country: str, layout: str) -> str:
    bban = "".join(v.rng.choice(string.ascii_uppercase) if slot == "A"
                   else v.rng.choice(string.digits) if slot == "9"
                   else v.rng.choice(string.ascii_uppercase + string.digits) for slot in layout)
    return iban_with_check(country, bban)


def _iban_4(v: Values) -> str:
    return _iban_of(v, *v.rng.choice(IBAN_LAYOUTS_4))


def _any_iban_4(v: Values) -> str:
    pick = v.rng.random()
    if pick < 0.4:
        return _iban_of(v, *v.rng.choice(sorted(IBAN_NATIONAL_4.items())))
    return _iban_4(v) if pick < 0.8 else _iban_3(v)


def _paper(iban: str, sep: str = " ") -> str:
    return sep.join(iban[at:at + 4] for at in range(0, len(iban), 4))


def _iban_national_fields(v: Values) -> str:
    """Grouped by the national fields, as the bank prints them."""
    country = v.rng.choice(["IT", "FR", "ES", "DE"])
    iban = _iban_of(v, country, IBAN_NATIONAL_4[country])
    head, bban = iban[:4], iban[4:]
    if country == "IT":  # CIN, ABI, CAB, account
        return f"{head} {bban[0]} {bban[1:6]} {bban[6:11]} {bban[11:]}"
    if country == "FR":  # bank, branch, account, key
        return f"{head} {bban[:5]} {bban[5:10]} {bban[10:21]} {bban[21:]}"
    if country == "ES":  # entity, office, check digits, account
        return f"{head} {bban[:4]} {bban[4:8]} {bban[8:10]} {bban[10:]}"
    return f"{head} {bban[:8]} {bban[8:]}"  # DE: bank code, account


def _iban_forms_4():
    def broken(v):
        groups = _paper(_any_iban_4(v)).split(" ")
        at = v.rng.randint(2, len(groups) - 2)
        return " ".join(groups[:at]) + "\n" + " ".join(groups[at:])

    def foreign_cue(v):
        country, label = v.rng.choice([("DE", "IBAN-Nr.: "), ("FR", "N\u00b0 IBAN : "), ("IT", "IBAN n. "),
                                       ("ES", "N\u00famero IBAN: "), ("NL", "IBAN-nummer: "), ("AT", "IBAN-Nr. "),
                                       ("PT", "NIB/IBAN: "), ("BE", "Num\u00e9ro de compte IBAN: ")])
        return [label, ("IBAN", _paper(_iban_of(v, country, IBAN_NATIONAL_4[country])))]

    def bracketed(v):
        left, right = v.rng.choice([("(", ")"), ('"', '"'), ("[", "]"), ("\u201c", "\u201d")])
        return [left, ("IBAN", _any_iban_4(v)), right]

    def two(v):
        a, b = _paper(_any_iban_4(v)), _any_iban_4(v)
        return v.rng.choice([["old account ", ("IBAN", a), ", new account ", ("IBAN", b)],
                             ["from ", ("IBAN", a), " to ", ("IBAN", b)]])

    def holder_block(v):
        first, last = v.first(), v.last()
        return ["Account holder: ", ("NAME", f"{first} {last}"), "\nIBAN: ", ("IBAN", _paper(_any_iban_4(v))),
                f"\nBIC: {v.rng.choice(BICS_4)}"]

    return [
        ("electronic format, more countries (HR, CZ, HU, RO, GR, LT, EE, SI, BG, CY, IS, SA, AE, TR, BR)", HELD_OUT_4, _iban_4),
        ("paper format, more countries (HR, CZ, HU, RO, GR, ... BR)", HELD_OUT_4, lambda v: _paper(_iban_4(v))),
        ("grouped by national fields (IT CIN/ABI/CAB, FR bank/branch/account/key, ES, DE)", HELD_OUT_4, _iban_national_fields),
        ("paper format broken over two lines", HELD_OUT_4, broken),
        ("cue in the customer's language ('IBAN-Nr.:', 'N\u00b0 IBAN :', 'IBAN n.')", HELD_OUT_4, foreign_cue),
        ("electronic format in brackets or quotes", HELD_OUT_4, bracketed),
        ("electronic format at the start of the comment", HELD_OUT_4, _any_iban_4,
         ["{X} - please refund the deposit here.", "{X} is my account, the transfer of {price_mixed} never arrived.",
          "{X}\nrefund to this account please, booking {ref}"]),
        ("paper format at the end of the comment, full stop", HELD_OUT_4, lambda v: _paper(_any_iban_4(v)),
         ["Still waiting for the {price_mixed} refund. My IBAN is {X}.", "Please send the money to {X}.",
          "You debited the wrong account again, mine is {X}!"]),
        ("two IBANs in one comment", HELD_OUT_4, two,
         ["Please change the direct debit: {X}.", "Moved banks, {X} - the refund went to the closed one.",
          "Transfer went {X} on {date_long} and never arrived"]),
        ("'IBAN' label, number on the next line", HELD_OUT_4, _any_iban_4,
         ["IBAN:\n{X}\nAccount holder as on booking {ref}.", "My bank details\nIBAN\n{X}",
          "Refund details:\nIBAN\n{X}\n\nThanks"]),
        ("bank-details block with account holder (NAME) and BIC", HELD_OUT_4, holder_block,
         ["Please refund the deposit to:\n\n{X}\n\nThanks", "{X}", "Refund of {price_mixed} to\n{X}\nRef: {ref}"]),
    ]


# ---- SSNs and ITINs (held-out 4)

def _ssn_4(v: Values, sep: str = "-") -> str:
    return sep.join(v.ssn())


def _itin(v: Values, sep: str = "-") -> str:
    group = v.rng.choice(list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
    return sep.join([str(v.rng.randint(900, 999)), f"{group:02d}", f"{v.rng.randint(1, 9999):04d}"])


def _ssn_forms_4():
    def two(v):
        a, b = _ssn_4(v), _ssn_4(v, v.rng.choice(["-", "-", " "]))
        return v.rng.choice([["mine is ", ("SSN", a), " and my wife's is ", ("SSN", b)],
                             [("SSN", a), " (me) and ", ("SSN", b), " (my husband)"]])

    def after_name(v):
        first, last = v.first(), v.last()
        return [("NAME", f"{first} {last}"), v.rng.choice([" (SSN ", " (SSN: ", " (ss# "]), ("SSN", _ssn_4(v)), ")"]

    def quoted(v):
        left, right = v.rng.choice([('"', '"'), ("'", "'"), ("\u201c", "\u201d")])
        return [left, ("SSN", _ssn_4(v)), right]

    return [
        ("ITIN 9XX-7X-XXXX after 'ITIN'", HELD_OUT_4,
         lambda v: [v.rng.choice(["ITIN ", "ITIN: ", "ITIN no ", "ITIN# "]), ("SSN", _itin(v))]),
        ("ITIN plain 9 digits after 'ITIN no.'", HELD_OUT_4,
         lambda v: [v.rng.choice(["ITIN no. ", "ITIN number ", "individual taxpayer ID "]), ("SSN", _itin(v, ""))]),
        ("'Soc Sec #' abbreviations + dashes", HELD_OUT_4,
         lambda v: [v.rng.choice(["Soc Sec # ", "soc. sec. no. ", "Soc.Sec.#", "SocSec: "]), ("SSN", _ssn_4(v))]),
        ("at the start of the comment, dashes", HELD_OUT_4, lambda v: _ssn_4(v),
         ["{X} is my SSN, why did your agent read it out?",
          "{X} - that's the social security number I gave, and the letter shows a different one.",
          "{X}\nThis SSN is mine, please remove it from the shared account.", "{X} (SSN) was entered by your agent, not me"]),
        ("at the end of the comment, full stop", HELD_OUT_4, lambda v: _ssn_4(v, v.rng.choice(["-", "-", " "])),
         ["For the record, the number I gave was {X}.", "They made me type my social security number: {X}.",
          "My SSN is {X}.", "The credit check failed although I entered my social, {X}."]),
        ("label on one line, number on the next", HELD_OUT_4, lambda v: _ssn_4(v),
         ["SSN:\n{X}\nPlease delete this after the check.", "Social Security Number\n{X}",
          "SSN (for the credit check):\n{X}\n\nThanks"]),
        ("two SSNs in one comment", HELD_OUT_4, two,
         ["For the joint account, {X}.", "They asked for both: {X}", "Your form mixed them up, {X}, please fix"]),
        ("in brackets after a name (NAME)", HELD_OUT_4, after_name,
         ["Applicant: {X}, please process my refund.", "The form was filled in for {X} and rejected.",
          "Loan application for {X} still pending after {days} days"]),
        ("in quotes", HELD_OUT_4, quoted,
         ["The letter says my SSN is {X}, how did you get it?", "I typed {X} exactly as on my card and the form says invalid format.",
          "Your agent wrote {X} on the form in front of other customers."]),
        ("Unicode hyphen, non-breaking hyphen or minus sign (pasted from Word or a PDF)", HELD_OUT_4,
         lambda v: _ssn_4(v, v.rng.choice(["\u2010", "\u2011", "\u2212"]))),
    ]


# ---- e-mail addresses (held-out 4)

def _email_forms_4():
    def display(v):
        first, last = v.first(), v.last()
        addr = f"{first.lower()}.{last.lower().replace(chr(39), '')}@{v.rng.choice(DOMAINS_4 + DOMAINS)}"
        return [("NAME", f"{first} {last}"), " <", ("EMAIL", addr), ">"]

    def quoted_last_first(v):
        first, last = _names_4(v)
        addr = f"{first[0].lower()}{last.lower()}@{v.rng.choice(DOMAINS_4 + DOMAINS)}"
        return ['"', ("NAME", f"{last}, {first}"), '" <', ("EMAIL", addr), ">"]

    def name_parenthesised(v):
        first, last = v.first(), v.last()
        f, l = first.lower(), last.lower().replace("'", "")
        addr = f"{v.rng.choice([f'{f}.{l}', f'{f[0]}{l}', f'{f}{l[0]}{v.rng.randint(1, 99)}'])}@{v.rng.choice(DOMAINS_4 + CC_DOMAINS_4)}"
        return [("NAME", f"{first} {last}"), " (", ("EMAIL", addr), ")"]

    def mixed_case_plus(v):
        first, last = _names_4(v)
        tag = v.rng.choice(["Orders", "Amazon", "Hotels", "Bank", "Travel2026", "Newsletter", "Shopping"])
        domain = v.rng.choice(["Gmail.com", "Outlook.com", "iCloud.com", "Yahoo.co.uk", "GMX.de", "Hotmail.com"])
        return f"{first}.{last}+{tag}@{domain}"

    def apostrophe_hyphen(v):
        first, last = v.first().lower(), v.last().lower().replace("'", "")
        local = v.rng.choice([
            f"{first}.{v.rng.choice(['o' + chr(39) + 'brien', 'o' + chr(39) + 'connor', 'd' + chr(39) + 'souza', 'o' + chr(39) + 'neill', 'd' + chr(39) + 'angelo'])}",
            f"{v.rng.choice(['mary-jane', 'jean-luc', 'anne-marie', 'jean-pierre', 'ana-maria'])}.{last}",
            f"{first}.{v.rng.choice(['al-hassan', 'smith-jones', 'garcia-lopez', 'van-der-berg'])}",
        ])
        return f"{local}@{v.rng.choice(DOMAINS_4 + DOMAINS)}"

    def cc_domain(v):
        first, last = _names_4(v)
        local = v.rng.choice([f"{first.lower()}.{last.lower()}", f"{first.lower()}{v.rng.randint(70, 99)}", f"{last.lower()}_{first[0].lower()}"])
        return f"{local}@{v.rng.choice(CC_DOMAINS_4)}"

    def deep_subdomain(v):
        first, last = _names_4(v)
        return (f"{first[0].lower()}{last.lower()}@{v.rng.choice(['cs', 'eng', 'med', 'hr', 'it', 'sales'])}."
                f"{v.rng.choice(['mail', 'staff', 'students', 'eu'])}."
                f"{v.rng.choice(['uni-example.ac.uk', 'example.edu', 'corp-example.com', 'example.gov.au', 'example.co.za'])}")

    def two(v):
        a, b = _addr_4(v), _addr_4(v)
        return v.rng.choice([["old: ", ("EMAIL", a), ", new: ", ("EMAIL", b)],
                             [("EMAIL", a), " (work) and ", ("EMAIL", b), " (personal)"],
                             [("EMAIL", a), " / ", ("EMAIL", b)]])

    def glued_label(v):
        return [v.rng.choice(["E-mail:", "Email:", "email-", "e-mail:", "EMAIL:"]), ("EMAIL", _addr_4(v))]

    def numeric_local(v):
        return f"{_d(v, v.rng.randint(5, 11), '123456789')}@{v.rng.choice(['qq.com', '163.com', '126.com', 'foxmail.com'])}"

    def bracketed(v):
        left, right = v.rng.choice([("[", "]"), ('"', '"'), ("'", "'"), ("\u201c", "\u201d")])
        return [left, ("EMAIL", _addr_4(v)), right]

    return [
        ("display name then <address> 'Jane Doe <jane.doe@x.com>'", HELD_OUT_4, display),
        ("quoted 'Last, First' display name '\"Doe, Jane\" <jdoe@x.com>'", HELD_OUT_4, quoted_last_first),
        ("name then address in brackets 'Jane Doe (jane@x.com)'", HELD_OUT_4, name_parenthesised),
        ("mixed case with a plus tag 'Jane.Doe+Orders@Gmail.com'", HELD_OUT_4, mixed_case_plus),
        ("apostrophe or hyphen in the local part", HELD_OUT_4, apostrophe_hyphen),
        ("national ISP domains and two-level country TLDs (.com.br, .co.za, .com.sg, .co.in)", HELD_OUT_4, cc_domain),
        ("two-level sub-domain 'jdoe@cs.mail.uni-example.ac.uk'", HELD_OUT_4, deep_subdomain),
        ("numeric local part (QQ-style)", HELD_OUT_4, numeric_local),
        ("glued label 'E-mail:jane@x.com'", HELD_OUT_4, glued_label,
         ["Contact details {X} (prefer email)", "{X}\nOrder {order}\nProblem: item missing",
          "Preferred contact: {X}, not phone"]),
        ("in square brackets or quotes", HELD_OUT_4, bracketed),
        ("two addresses in one comment", HELD_OUT_4, two,
         ["Please update my e-mail ({X}) on both bookings.", "Hi, {X} - send the invoice to both please",
          "You keep writing to {X}, I only read the new one"]),
        ("at the start of the comment, no cue", HELD_OUT_4, _addr_4,
         ["{X} - that's my new email, please update the booking.", "{X}\nPlease use this address from now on.",
          "{X} is the address on my account, I never got the reset link."]),
        ("at the end of the comment, full stop or '!'", HELD_OUT_4, _addr_4,
         ["Please send the refund confirmation to {X}.", "Reply to me at {X}!", "My address on file should be {X}."]),
        ("on the line after 'my email is'", HELD_OUT_4, _addr_4,
         ["my email is\n{X}", "Please write to me at:\n{X}\nThank you", "email me, not by phone\n{X}"]),
    ]


# ---- URLs (held-out 4)

def _url_4(v: Values) -> str:
    """A URL with a scheme or www and a path, for the forms about its surroundings."""
    site = f"{v.rng.choice(SITES_4)}.{v.rng.choice(['com', 'co.uk', 'de', 'fr', 'com.au', 'ie'])}"
    path = v.rng.choice(["help/refunds", "account/orders", "support/case", "booking/manage", "returns"])
    return v.rng.choice([f"https://www.{site}/{path}", f"www.{site}/{path}/{v.digits(5)}", f"http://{site}/{path}",
                         f"https://{site}/{path}?id={v.digits(6)}"])


def _url_forms_4():
    def shortener(v):
        host = v.rng.choice(["bit.ly", "amzn.to", "tinyurl.com", "rb.gy", "ow.ly", "buff.ly", "is.gd", "goo.gl", "youtu.be", "lnkd.in"])
        return v.rng.choice(["https://", "", "http://"]) + f"{host}/{_word(v, v.rng.randint(6, 10))}"

    def port(v):
        sub = v.rng.choice(["portal", "my", "booking", "pay", "api", "secure"])
        return (f"https://{sub}.{v.rng.choice(SITES_4)}.com:{v.rng.choice([8443, 3000, 9443, 443, 8000, 5000, 8081])}"
                f"/{v.rng.choice(['login', 'checkout', 'account', 'v2/status'])}")

    def document(v):
        name = v.rng.choice(["Terms-and-Conditions_2026", "refund_policy", "baggage-rules", "invoice", "privacy"])
        ext = v.rng.choice(["pdf", "html", "aspx", "php", "htm"])
        query = v.rng.choice(["", "", f"?v={v.rng.randint(2, 9)}", f"?id={v.digits(5)}&lang=en"])
        return f"https://www.{v.rng.choice(SITES_4)}.com/{v.rng.choice(['media/docs', 'legal', 'files', 'content/dam'])}/{name}.{ext}{query}"

    def cc_bare(v):
        pairs = [("de", "kontakt"), ("fr", "aide/remboursement"), ("es", "ayuda/pedidos"), ("it", "assistenza"),
                 ("nl", "klantenservice"), ("ie", "help/contact"), ("com.br", "pedidos"), ("co.za", "help/returns"),
                 ("com.sg", "support"), ("co.in", "orders/track"), ("ca", "en/help"), ("com.au", "returns")]
        tld, path = v.rng.choice(pairs)
        return f"{v.rng.choice(SITES_4)}.{tld}/{path}"

    def angle(v):
        return ["<", ("URL", _url_4(v) if v.rng.random() < 0.5 else f"https://{v.rng.choice(SITES_4)}.com/{v.digits(6)}"), ">"]

    def reset(v):
        return (f"https://{v.rng.choice(['account', 'login', 'id', 'auth'])}.{v.rng.choice(SITES_4)}.com/reset-password"
                f"?token={_word(v, 32)}&uid={v.digits(7)}")

    def cloud(v):
        return v.rng.choice([
            lambda: f"https://drive.google.com/file/d/{_word(v, 33, string.ascii_letters + string.digits + '-_')}/view?usp=sharing",
            lambda: f"https://www.dropbox.com/s/{_word(v, 15, string.ascii_lowercase + string.digits)}/receipt.pdf?dl=0",
            lambda: f"https://maps.app.goo.gl/{_word(v, 17)}",
            lambda: f"https://photos.app.goo.gl/{_word(v, 17)}",
            lambda: f"https://1drv.ms/u/s!{_word(v, 10)}-{_word(v, 12)}",
            lambda: f"https://imgur.com/a/{_word(v, 7)}",
        ])()

    def camel(v):
        return v.rng.choice([
            lambda: f"Www.{v.rng.choice(SITES_4)}.com/{v.rng.choice(['returns', 'help', 'refunds'])}",
            lambda: f"MyAccount.{v.rng.choice(['Example', 'ShopCo', 'AcmeAir'])}.com/Orders/{v.digits(6)}",
            lambda: f"Help.{v.rng.choice(['AcmeAir', 'HarborBank', 'TrainFare'])}.co.uk/Refunds",
            lambda: f"WWW.{v.rng.choice(SITES_4).upper()}.COM/{v.rng.choice(['CONTACT', 'RETURNS'])}",
        ])()

    def social(v):
        first, last = _names_4(v)
        f, l = first.lower(), last.lower()
        handle = v.rng.choice([f"{f}.{l}", f"{f}_{l}{v.rng.randint(1, 99)}", f"{f[0]}{l}"])
        return v.rng.choice([
            lambda: f"https://www.instagram.com/{handle}/",
            lambda: f"x.com/{handle.replace('.', '_')}",
            lambda: f"https://www.linkedin.com/in/{f}-{l}-{_word(v, 8, '0123456789abcdef')}",
            lambda: f"https://medium.com/@{handle}/{v.rng.choice(['my-refund-story', 'worst-hotel-ever'])}-{_word(v, 12, '0123456789abcdef')}",
            lambda: f"facebook.com/{f}.{l}.{v.digits(2)}",
            lambda: f"https://www.tiktok.com/@{handle}",
        ])()

    def two(v):
        return [("URL", _url_4(v)), v.rng.choice([" and ", " or ", ", "]), ("URL", _url_4(v))]

    return [
        ("shorteners other than t.co (bit.ly, amzn.to, tinyurl.com, rb.gy ...)", HELD_OUT_4, shortener),
        ("followed by sentence punctuation '.', ',', '?', '!'", HELD_OUT_4, _url_4,
         ["The refund form is at {X}. It does not load on mobile.", "Went to {X}, logged in, nothing there.",
          "Have you seen {X}? It says the offer ended.", "Check {X}! Your own site says it's free."]),
        ("https with sub-domain and a port (:8443, :3000 ...)", HELD_OUT_4, port),
        ("path to a document (.pdf, .aspx, .php ...)", HELD_OUT_4, document),
        ("bare country-TLD domain with path (.de, .fr, .com.br, .co.za, .com.sg ...)", HELD_OUT_4, cc_bare),
        ("in angle brackets <https://...>", HELD_OUT_4, angle),
        ("password-reset link with a long token", HELD_OUT_4, reset,
         ["Your reset link {X} expired before I could use it.", "Clicked {X} from the email and it says 'invalid token'",
          "is {X} really from you? it asked for my card details"]),
        ("cloud share and photo links (Drive, Dropbox, Maps, OneDrive, Imgur)", HELD_OUT_4, cloud,
         ["Photos of the damage: {X} - the box was crushed", "I uploaded the receipt here {X} as your form rejects PDFs",
          "Video of the broken seat {X}, row {mins}", "The pickup point was here {X}, not where the app said"]),
        ("capitalised or camel-case host, no scheme 'Www.example.com' / 'MyAccount.Example.com'", HELD_OUT_4, camel),
        ("social-profile links (instagram.com/user, x.com/user, medium.com/@user ...)", HELD_OUT_4, social,
         ["Your staff posted my photo without asking, my profile is {X}", "Message me on {X} if that's easier",
          "I posted the whole story on {X} and got more replies than from you"]),
        ("two links in one comment", HELD_OUT_4, two,
         ["Both {X} give error 403.", "Tried {X}, neither works.", "I was sent {X} by two different agents"]),
        ("at the start of the comment", HELD_OUT_4, lambda v: v.rng.choice([_url_4, shortener, cc_bare])(v),
         ["{X} doesn't load on Safari.", "{X} - this page shows someone else's order!",
          "{X}\nthis link from your SMS is broken"]),
        ("on its own line at the end of the comment", HELD_OUT_4, lambda v: v.rng.choice([_url_4, cloud, document])(v),
         ["Here's the page that fails:\n{X}", "Screenshot:\n{X}", "See below\n\n{X}"]),
    ]


SENTENCES_4 = {
    "EMAIL": ["Hi team,\n\nplease update my contact e-mail to {X} - the old one is closed.\n\nThanks",
              "Booking {ref} ({date_long}): the confirmation was meant for {X} but never came",
              "why do I get marketing at {X} when I unsubscribed on {date_us}??",
              "Q7. How can we contact you? {X}",
              "You can reply to {X}, I check it daily."],
    "PHONE": ["pls ring me on {X} after {time}, re order {order}",
              "Survey Q: Best number to reach you? A: {X}",
              "I gave {X} as my contact number at check-in on {date_long} and nobody called.",
              "Hello,\nMy mobile is {X} - the courier has the wrong one.\nRegards",
              "Reception said they'd call {X} when the room was ready ({mins} min later, nothing)."],
    "CARD": ["You charged {price_mixed} to {X} on {date_us} and again the next day.",
             "Refund should go back to the card {X}, not store credit.",
             "Payment page: card {X} declined three times, error code E{err}.",
             "I updated my card to {X} in the app but it still bills the old one."],
    "IBAN": ["Please send the deposit of {price_mixed} back to {X}, reference {ref}.",
             "Refund via bank transfer to {X} please (account in my name).",
             "I paid from {X} on {date_long} but the booking still shows unpaid.",
             "Direct debit from {X} went out twice this month!"],
    "SSN": ["The loan form asked for {X} and then timed out.",
            "Your agent asked me to confirm {X} over chat, is that safe?",
            "Why is {X} printed on the {month_name} statement?",
            "I entered {X} for the credit check on {date_us}, it says invalid."],
    "URL": ["Tried to pay via {X} but the page froze at {pct}%",
            "The link in your SMS ({X}) goes to a blank page",
            "Your help article at {X} is out of date, it still mentions version {ver}",
            "Got an email pointing to {X} - is that phishing?"],
}

# No-PII texts: references of real retailers and carriers, trains and flights, prices,
# dates, times, percentages, versions, postcode districts, masked cards and accounts.
NEGATIVE_TEMPLATES_4 = [
    "FedEx tracking {fedex} says 'delivery exception' since {date_long}.",
    "DHL waybill {dhl}, parcel stuck in customs for {days} days.",
    "Royal Mail tracking {royal} shows 'we have your item' since {date_uk}.",
    "eBay order {ebay} - seller never shipped, paid {price_mixed}.",
    "Apple order {apple} still 'processing' after {days} days.",
    "Expedia itinerary {expedia} shows the wrong return date ({date_us}).",
    "Airbnb reservation {airbnb}: host cancelled {days} days before check-in.",
    "Hotel confirmation {hotel_conf}, and the front desk had no record of it.",
    "Train {train} was cancelled {mins} min before departure, platform {platform}, coach {coach}.",
    "Flight {flight_code} delayed from {time12} to {time24}, then cancelled at {time24b}.",
    "Paid {price_mixed} for the upgrade, the website said {price_mixed2}.",
    "Stayed {count} nights from {date_long}, checked out on {date_us} at {time12}, bill still wrong.",
    "Open {opening}, I arrived at {time12} and the doors were shut.",
    "Fees went up {pct_dec}% this year and the rate dropped to {rate}% APR.",
    "App v{ver} crashes on Android {android}, build {build}.",
    "Windows 11 {win}, Chrome {chrome}, and the checkout still spins forever.",
    "Does next-day delivery cover {outward} postcodes yet? Last time it took {days} days.",
    "Direct debit from the account ending in {last4} failed on {date_uk}.",
    "Statement shows {masked} charged {price_mixed} twice on {date_long}.",
    "Case #{case} was closed without a reply after {days} days.",
    "Attached screenshot_{date_compact}.png and invoice_{invoice}.pdf to the ticket.",
    "Parcel was {kg} kg, {dims} cm, and you charged the {price_mixed} oversize fee.",
    "The SWIFT code {bic} on your invoice is wrong, the transfer of {price_mixed} bounced.",
    "Room was {temp} at {time12}, AC set to {temp2}, {count} complaints logged.",
    "Week {week}, Q{quarter} {year}: {count} deliveries late, {pct_dec}% of them from the {outward} depot.",
    "Seat {seat} on {flight_code} had no power and we landed at {time24}, {mins} min late.",
]

MONTHS_4 = ("January February March April May June July August September October November "
            "December").split()


def _fill_4(template: str, v: Values) -> str:
    rng = v.rng
    month, day = rng.randint(1, 12), rng.randint(1, 28)

    def date_long() -> str:
        m, d = rng.randint(1, 12), rng.randint(1, 28)
        suffix = "th" if 10 <= d <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
        return rng.choice([f"{d} {MONTHS_4[m - 1]} 2026", f"{MONTHS_4[m - 1]} {d}, 2026", f"{d}{suffix} {MONTHS_4[m - 1][:3]}",
                           f"{d:02d}-{MONTHS_4[m - 1][:3]}-2026", f"{d} {MONTHS_4[m - 1][:3]} '26"])

    def price() -> str:
        amount = rng.randint(5, 2400)
        cents = rng.randint(0, 99)
        return rng.choice([f"\u00a3{amount:,}.{cents:02d}", f"\u20ac{amount},{cents:02d}", f"{amount:,}".replace(",", ".") + f",{cents:02d} \u20ac",
                           f"CHF {amount}.\u2013", f"\u00a5{amount * 100:,}", f"R$ {amount},{cents:02d}",
                           f"\u20b9{amount * 10:,}", f"A${amount}.{cents:02d}", f"US${amount:,}", f"SGD {amount}.{cents:02d}",
                           f"C$ {amount}.{cents:02d}", f"ZAR {amount},{cents:02d}", f"${amount}"])

    def time12() -> str:
        return rng.choice([f"{rng.randint(1, 12)}:{rng.choice(['05', '20', '35', '50'])}{rng.choice(['am', 'pm', ' a.m.', ' PM'])}",
                           f"{rng.randint(1, 12)}{rng.choice(['am', 'pm'])}"])

    def time24() -> str:
        return rng.choice([f"{rng.randint(0, 23):02d}:{rng.choice(['10', '25', '40', '55'])}",
                           f"{rng.randint(6, 22)}h{rng.choice(['00', '15', '30', '45'])}",
                           f"{rng.randint(6, 22):02d}{rng.choice(['00', '30'])} hrs"])

    values = {
        "ref": "".join(rng.choice(string.ascii_uppercase + "23456789") for _ in range(6)),
        "order": rng.randint(100000, 9999999), "date_us": f"{month}/{day}/2026", "date_uk": f"{day:02d}/{month:02d}/2026",
        "date_long": date_long(), "time": time12(), "time12": time12(),
        "time24": time24(), "time24b": time24(), "days": rng.randint(2, 40), "mins": rng.randint(5, 95),
        "pct": rng.randint(10, 99), "price_mixed": price(), "price_mixed2": price(),
        "ver": f"{rng.randint(1, 12)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}", "month_name": MONTHS_4[month - 1],
        "err": rng.randint(100, 599), "count": rng.randint(2, 9),
        "fedex": "7" + v.digits(11), "dhl": _d(v, 10, "123456789"),
        "royal": rng.choice(["RX", "RN", "LX", "RR", "VA"]) + v.digits(9) + "GB",
        "ebay": f"{v.digits(2)}-{v.digits(5)}-{v.digits(5)}", "apple": "W" + _d(v, 10, "123456789"),
        "expedia": "7" + v.digits(12), "airbnb": "HM" + _word(v, 8, string.ascii_uppercase + "23456789"),
        "hotel_conf": f"{_d(v, 4, '123456789')}.{v.digits(3)}.{v.digits(3)}",
        "train": rng.choice([f"ICE {rng.randint(500, 1999)}", f"Eurostar 9{v.digits(3)}", f"Amtrak {rng.randint(1, 799)}",
                             f"TGV INOUI {rng.randint(6000, 9999)}", f"Frecciarossa {rng.randint(9500, 9699)}",
                             f"the {rng.randint(6, 22):02d}:{rng.choice(['04', '32', '48'])} to Leeds"]),
        "platform": rng.randint(1, 14), "coach": rng.choice("ABCDEFGH"),
        "flight_code": rng.choice(["EK 3", "LH400", "QR 017", "SQ 322", "AC 856", "EI 105", "FR 8345", "U2 8231",
                                   "IB 6251", "AZ 610", "KL 1008", "LA 8084", "TP 1351", "AI 171"]),
        "opening": rng.choice(["9am-5:30pm", "08h00\u201318h00", "Mon\u2013Sat 10:00\u201320:00", "7.30am to 9pm", "0900-1700 hrs"]),
        "pct_dec": rng.choice(["12.5", "3,5", "0.75", "18", "7.9", "33.3"]), "rate": rng.choice(["4.9", "19.99", "24.9", "0"]),
        "android": rng.choice(["12", "13", "14", "15"]), "build": f"{rng.randint(20, 26)}.{rng.randint(1, 12)}.{rng.randint(0, 9)} ({v.digits(5)})",
        "win": rng.choice(["23H2", "24H2", "22H2"]), "chrome": f"{rng.randint(118, 131)}.0.{rng.randint(5000, 6999)}.{rng.randint(10, 199)}",
        "outward": rng.choice(["LS6", "M14", "SW11", "EH7", "BT9", "CF10", "B15", "G12", "BS8", "NE6"]),
        "last4": v.digits(4),
        "masked": rng.choice([f"**** **** **** {v.digits(4)}", f"\u2022\u2022\u2022\u2022 {v.digits(4)}",
                              f"XXXX-XXXX-XXXX-{v.digits(4)}", f"Visa ****{v.digits(4)}", f"Mastercard ending {v.digits(4)}"]),
        "case": "0" + v.digits(7), "date_compact": f"2026{month:02d}{day:02d}", "invoice": v.digits(6),
        "kg": rng.choice(["2.5", "7", "12,4", "0.8", "23"]),
        "dims": f"{rng.randint(20, 120)} x {rng.randint(15, 80)} x {rng.randint(5, 60)}",
        "bic": rng.choice(BICS_4), "temp": f"{rng.randint(26, 31)}\u00b0C", "temp2": f"{rng.randint(17, 21)} \u00b0C",
        "week": rng.randint(1, 52), "quarter": rng.randint(1, 4), "year": rng.randint(2023, 2026),
        "seat": f"{rng.randint(1, 45)}{rng.choice('ABCDEFHJK')}",
        "X": "{X}",
    }
    return template.format(**values)


def _forms_4() -> dict[str, list]:
    return {"EMAIL": _email_forms_4(), "PHONE": _phone_forms_4(), "CARD": _card_forms_4(),
            "IBAN": _iban_forms_4(), "SSN": _ssn_forms_4(), "URL": _url_forms_4()}


def held_out_4_items(per_form: int, seed: int = SEED) -> list[dict]:
    """The texts of held-out set 4 (same item layout as ``labelled_set``)."""
    rng = random.Random(seed + 4)
    v = Values(rng)
    specs = [(kind, form, stage, make, own[0] if own else SENTENCES_4[kind])
             for kind, kind_forms in _forms_4().items() for form, stage, make, *own in kind_forms]
    items = form_items(specs, v, rng, _fill_4, per_form)
    items += negative_items(NEGATIVE_TEMPLATES_4, v, _fill_4, per_form, HELD_OUT_4)
    return items


def labelled_set(per_form: int, seed: int = SEED) -> list[dict]:
    """Items: {"text", "spans": [(start, end, type)], "type", "form", "stage"}."""
    rng = random.Random(seed)
    v = Values(rng)
    items: list[dict] = []

    def add(template: str, kind: str | None, value, form: str, stage: str, slot: str) -> None:
        filled = _fill(template, v)
        if kind is None:
            items.append({"text": filled, "spans": [], "type": None, "form": form, "stage": stage})
            return
        label, value = value if isinstance(value, tuple) else ("", value)
        slot_at = filled.index(slot)
        start = slot_at + len(label)
        text = filled[:slot_at] + label + value + filled[slot_at + len(slot):]
        items.append({"text": text, "spans": [(start, start + len(value), kind)], "type": kind,
                      "form": form, "stage": stage})

    forms = {"EMAIL": _email_forms(), "PHONE": _phone_forms(), "CARD": _card_forms(),
             "IBAN": _iban_forms(), "SSN": _ssn_forms(), "URL": _url_forms()}
    for kind, kind_forms in forms.items():
        for form, stage, make in kind_forms:
            for _ in range(per_form):
                add(rng.choice(GENERIC_SENTENCES[kind]), kind, make(v), form, stage, "{X}")
    for form, stage, template in NAME_TEMPLATES:
        for _ in range(per_form):
            value = _name_value(form, v)
            slot = "{n}" if "{n}" in template else "{N}"
            add(template, "NAME", value.lower() if slot == "{n}" else value, form, stage, slot)
    for form, stage, make in ADDRESS_TEMPLATES:
        for _ in range(per_form):
            add(rng.choice(ADDRESS_SENTENCES), "ADDRESS", make(v), form, stage, "{A}")
    for template in NEGATIVE_TEMPLATES:
        for _ in range(per_form):
            add(template, None, None, "no PII", DEV, "")
    return (items + held_out_3_items(per_form, seed) + held_out_4_items(per_form, seed)
            + held_out_5_items(per_form, seed) + fixed_set_items(HELD_OUT_6_ITEMS, HELD_OUT_6)
            + fixed_set_items(HELD_OUT_7_ITEMS, HELD_OUT_7) + fixed_set_items(HELD_OUT_8_ITEMS, HELD_OUT_8)
            + fixed_set_items(HELD_OUT_9_ITEMS, HELD_OUT_9) + fixed_set_items(HELD_OUT_10_ITEMS, HELD_OUT_10)
            + fixed_set_items(HELD_OUT_11_ITEMS, HELD_OUT_11) + fixed_set_items(HELD_OUT_12_ITEMS, HELD_OUT_12))


FIXED_SET_LABELS = frozenset({"EMAIL", "URL", "IBAN", "CARD", "SSN", "PHONE"})


def fixed_set_items(fixed: list[dict], stage: str) -> list[dict]:
    """A fixed set's texts as scored items: each listed value becomes the span of its first
    occurrence not already taken (a value can repeat inside one text); one form per type."""
    items = []
    for item in fixed:
        text, spans = item["text"], []
        for pii in item["pii"]:
            start = text.find(pii["value"])
            while any(s < start + len(pii["value"]) and start < e for s, e, _ in spans):
                start = text.find(pii["value"], start + 1)
            spans.append((start, start + len(pii["value"]), pii["type"]))
        kind = spans[0][2] if spans else None
        items.append({"text": text, "spans": spans, "type": kind, "form": "written blind" if spans else "no PII",
                      "stage": stage, "labels": FIXED_SET_LABELS})
    return items


# -------------------------------------------------------------------------- scoring

_PLACEHOLDER_SPLIT = re.compile("(" + "|".join(re.escape(p) for p in PLACEHOLDERS.values()) + ")")
_KIND_OF = {placeholder: kind for kind, placeholder in PLACEHOLDERS.items()}


def align(original: str, redacted: str) -> list[tuple[int, int, str]] | None:
    """(start, end, type) in ``original`` of each placeholder of ``redacted``."""
    pieces = _PLACEHOLDER_SPLIT.split(redacted)
    pattern = "".join("(.+?)" if index % 2 else re.escape(piece) for index, piece in enumerate(pieces))
    match = re.fullmatch(pattern, original, re.DOTALL)
    if match is None:
        return None
    kinds = [_KIND_OF[piece] for piece in pieces[1::2]]
    return [(match.start(g + 1), match.end(g + 1), kind) for g, kind in enumerate(kinds)]


def score(items: list[dict], redactor) -> dict:
    per_type = defaultdict(lambda: Counter())
    per_type_stage = defaultdict(lambda: Counter())
    per_form = defaultdict(lambda: Counter())
    misses: dict[str, list[str]] = defaultdict(list)
    false_positives: dict[str, list[str]] = defaultdict(list)
    unaligned = 0
    for item in items:
        text = item["text"]
        regions = align(text, redactor(text).text)
        if regions is None:
            unaligned += 1
            continue
        for start, end, kind in item["spans"]:
            chars = [i for i in range(start, end) if text[i].isalnum()]
            own = all(any(s <= i < e and k == kind for s, e, k in regions) for i in chars)
            hidden = all(any(s <= i < e for s, e, k in regions) for i in chars)
            per_type[kind]["spans"] += 1
            per_type[kind]["found"] += own
            per_type[kind]["hidden_any_type"] += hidden
            key = (kind, item["form"], item["stage"])
            per_form[key]["spans"] += 1
            per_form[key]["found"] += own
            if not own and len(misses[key]) < 2:
                misses[key].append(text)
        for s, e, k in regions:
            if "labels" in item and k not in item["labels"]:
                continue
            correct = any(k == kind and s < end and start < e for start, end, kind in item["spans"])
            per_type[k]["placeholders"] += 1
            per_type[k]["correct"] += correct
            per_type_stage[k, item["stage"]]["placeholders"] += 1
            per_type_stage[k, item["stage"]]["correct"] += correct
            if not correct and len(false_positives[k]) < 4:
                false_positives[k].append(f"{text!r} -> {text[s:e]!r}")
    types = {}
    for kind in PLACEHOLDERS:
        c = per_type[kind]
        types[kind] = {
            "spans": c["spans"], "placeholders": c["placeholders"],
            "precision": round(c["correct"] / c["placeholders"], 4) if c["placeholders"] else None,
            "recall": round(c["found"] / c["spans"], 4) if c["spans"] else None,
            "recall_by_stage": {stage: _ratio([c for key, c in per_form.items() if key[0] == kind and key[2] == stage])
                                for stage in STAGES},
            # Placeholders put in texts of each stage (held-out 3 has no-PII texts of its own).
            "precision_by_stage": {stage: _precision(per_type_stage[kind, stage]) for stage in STAGES},
            "hidden_by_any_placeholder": round(c["hidden_any_type"] / c["spans"], 4) if c["spans"] else None,
            "false_positive_examples": false_positives.get(kind, []),
        }
    forms = [
        {"type": kind, "form": form, "stage": stage, "spans": c["spans"],
         "recall": round(c["found"] / c["spans"], 4), "missed_examples": misses.get((kind, form, stage), [])}
        for (kind, form, stage), c in per_form.items()
    ]
    return {"types": types, "forms": forms, "unaligned": unaligned, "texts": len(items),
            "texts_without_pii": sum(1 for item in items if not item["spans"])}


def _precision(c: Counter) -> dict:
    return {"placeholders": c["placeholders"],
            "precision": round(c["correct"] / c["placeholders"], 4) if c["placeholders"] else None}


def _ratio(counters: list[Counter]) -> float | None:
    spans = sum(c["spans"] for c in counters)
    return round(sum(c["found"] for c in counters) / spans, 4) if spans else None


# ---------------------------------------------------------------------- real text

CORPORA = [  # (name, file, text column)
    ("airline_tweets", "airline_tweets/train.csv", "text"),
    ("hotel_reviews", "hotel_reviews/reviews.csv", "Review"),
    ("banking77", "banking77/train.csv", "text"),
    ("womens_clothing_reviews", "womens_clothing_reviews/reviews.csv", "text"),
    ("amazon_multidomain_reviews", "amazon_multidomain_reviews/reviews.csv", "text"),
    ("labelled_sentences_uci", "labelled_sentences_uci/sentences.csv", "text"),
    ("sst_sentences", "sst_sentences/sentences.csv", "text"),
    ("financial_phrasebank", "financial_phrasebank/sentences.csv", "text"),
]

# Changed spans looked at by eye, (corpus, span) -> verdict: "PII" (a private person's
# data, rightly hidden), "public" (rightly a name or address, but of a public figure,
# author, fictional character or company: not private, hidden all the same), "FP" (not
# personal data at all).  Examples without an entry show as "not judged".
EYEBALLED = {
    ("airline_tweets", "Husain"): "public: a journalist, 'Mr. Husain', also addressed by his handle",
    ("airline_tweets", "Shaquille"): "PII: a staff member, 'Dude named Shaquille at the desk'",
    ("airline_tweets", "Hayes"): "public: an airline executive, 'Hope Mr. Hayes takes note'",
    ("airline_tweets", "Bila"): "public: a TV presenter, 'cheer up Ms. Bila'",
    ("airline_tweets", "Fabrice"): "PII: the customer's own sign-off, 'Best, Fabrice'",
    ("airline_tweets", "John"): "PII: the customer's own sign-off, 'Thanks, John.'",
    ("airline_tweets", "Denise"): "PII: a staff member, 'a manager named Denise yell at 2 different customers'",
    ("airline_tweets", "David"): "PII: the customer's own sign-off, 'Thanks David.'",
    ("airline_tweets", "8004337300"): "public: the airline's own reservations number (a phone number all the same)",
    ("airline_tweets", "7403607771"): "PII: the customer's number, 'please call us back to rebook'",
    ("airline_tweets", "18009174929"): "public: a blood-donation service's number in a promotional tweet",
    ("airline_tweets", "9148445695"): "PII: the customer's number, 'please call me 9148445695'",
    ("airline_tweets", "919-675-0985"): "PII, by all signs: a local (not toll-free) number after 'hold has now "
                                        "progressed to over an hour...'",
    ("financial_phrasebank", "495 777-34-77 ext. 3932"): "public: a bank office's telephone number in a press "
                                                         "release (a phone number all the same)",
    ("airline_tweets", "298033455"): "kept, rightly: a Rapid Rewards number, 'SWRR# 298033455'",
    ("airline_tweets", "314505529"): "kept, rightly: a trip number, 'trip I'd 314505529'",
    ("airline_tweets", "4016688561"): "kept, rightly: a baggage claim number, 'Claim 4016688561'",
    ("airline_tweets", "1079871763"): "kept, rightly: a Rapid Rewards number ('-RR'; not a valid phone number)",
    ("amazon_multidomain_reviews", "1581128312"): "kept, rightly: an ISBN (not a valid phone number)",
    ("amazon_multidomain_reviews", "Norman Johnson"): "public: a character of the book reviewed, 'a man named Norman Johnson'",
    ("amazon_multidomain_reviews", "Oz"): "public: the TV doctor, 'Dr. Oz'",
    ("labelled_sentences_uci", "Seuss"): "public: an author's pen name, 'the Dr Seuss book'",
    ("sst_sentences", "Zhang"): "public: a film director, 'Mr. Zhang's subject matter'",
    ("sst_sentences", "Seigner"): "public: an actress, 'Ms. Seigner and Mr. Serrault'",
    ("financial_phrasebank", "Ashley"): "public: a company executive in the news, 'Mr Ashley, deputy executive chairman'",
    ("financial_phrasebank", "Kari Kauniskangas"): "public: a company executive quoted in the news",
    ("amazon_multidomain_reviews", "44 Scotland Street"): "public: a novel's title (and a real street address)",
    ("financial_phrasebank", "200 Fifth Avenue"): "public: the Toy Building's address",
    ("amazon_multidomain_reviews", "87 First Street"): "public: a community centre's address",
    ("amazon_multidomain_reviews", "2950 Lake Emma Road Lake Mary, FL 32746"): "public: a company's address printed on a label",
    ("amazon_multidomain_reviews", "150 Milford Road East Windsor, NJ 08520"): "public: a company's customer-service address",
    ("amazon_multidomain_reviews", "depression-blog at blogspot dot com"): "public: a blog's address spelled out (taken for an e-mail)",
    ("amazon_multidomain_reviews", "VBoston at aol.com"): "PII: a reviewer's e-mail address, 'forward your thoughts to VBoston at aol.com'",
}
# Texts of these corpora are customer comments: all their examples are shown (up to
# examples_per_type); the other corpora give two each.
CUSTOMER_CORPORA = ("airline_tweets", "hotel_reviews", "banking77")


def load_corpora() -> dict[str, list[str]]:
    base = shared_data_dir()
    out = {}
    for name, rel, column in CORPORA:
        path = base / rel
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8") as handle:
            out[name] = [row[column] or "" for row in csv.DictReader(handle)]
    return out


def baseline_redactor(commit: str = BASELINE_COMMIT):
    """The redactor of ``commit``, loaded from git (None when git cannot show it)."""
    try:
        source = subprocess.run(["git", "show", f"{commit}:voc_engine/nlp/redact.py"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(source)
    spec = importlib.util.spec_from_file_location("redact_baseline", handle.name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(module)
    finally:
        Path(handle.name).unlink()
    return module.redact


def _changed_regions(original: str, redacted: str) -> list[tuple[str, str, int]]:
    regions = align(original, redacted) or []
    return [(kind, original[s:e], s) for s, e, kind in regions]


def corpus_check(corpora: dict[str, list[str]], old_redact, examples_per_type: int = 10) -> dict:
    report: dict = {"corpora": {}, "examples": defaultdict(list)}
    timings = {"new_s": 0.0, "old_s": 0.0, "texts": 0}
    for name, raw_texts in corpora.items():
        texts = [normalise(t) for t in raw_texts]
        started = time.process_time()
        new = [redact(t) for t in texts]
        timings["new_s"] += time.process_time() - started
        started = time.process_time()
        old = [old_redact(t) for t in texts] if old_redact else None
        timings["old_s"] += time.process_time() - started
        timings["texts"] += len(texts)
        changed_by_type: Counter = Counter()
        placeholders_new: Counter = Counter()
        placeholders_old: Counter = Counter()
        changed = 0
        for index, (text, result) in enumerate(zip(texts, new)):
            placeholders_new.update(result.counts)
            if old is not None:
                placeholders_old.update(old[index].counts)
                if old[index].text == result.text:
                    continue
                changed += 1
                before = Counter(kind for kind, _, _ in _changed_regions(text, old[index].text))
            else:
                before = Counter()
            regions = _changed_regions(text, result.text)
            after = Counter(kind for kind, _, _ in regions)
            seen_here = set()
            for kind, span, at in regions:
                if after[kind] > before[kind] and kind not in seen_here:
                    seen_here.add(kind)
                    changed_by_type[kind] += 1
                    if sum(e["corpus"] == name for e in report["examples"][kind]) < examples_per_type:
                        report["examples"][kind].append({"corpus": name, "span": span,
                                                         "verdict": EYEBALLED.get((name, span), "not judged"),
                                                         "context": _context(text, at, span)})
        report["corpora"][name] = {
            "texts": len(texts), "texts_changed_vs_baseline": changed if old is not None else None,
            "texts_with_more_of_type": dict(changed_by_type),
            "placeholders_new": dict(placeholders_new), "placeholders_baseline": dict(placeholders_old),
        }
    report["examples"] = {kind: _pick(examples, examples_per_type) for kind, examples in report["examples"].items()}
    report["speed"] = {
        "texts": timings["texts"], "new_texts_per_s": round(timings["texts"] / timings["new_s"]),
        "baseline_texts_per_s": round(timings["texts"] / timings["old_s"]) if old_redact else None,
    }
    return report


# Bare runs of 9 to 11 digits: the ambiguous case (SSN or phone number, or an order,
# claim or loyalty number) that the redactor decides by validity and by the words before.
_BARE_RUN_RE = re.compile(r"(?<![\w.,/$£€¥#+=-])\d{9,11}(?![\w-])(?![.,/]\d)")


def bare_digit_runs(corpora: dict[str, list[str]]) -> dict:
    """Every bare 9-11 digit run of the corpora: whether this redactor hid it, with context."""
    runs = []
    for name, raw_texts in corpora.items():
        for raw in raw_texts:
            text = normalise(raw)
            if not _BARE_RUN_RE.search(text):
                continue
            redacted = redact(text).text
            for match in _BARE_RUN_RE.finditer(text):
                run = match.group(0)
                runs.append({"corpus": name, "run": run, "digits": len(run), "redacted": run not in redacted,
                             "verdict": EYEBALLED.get((name, run), "not judged"),
                             "context": _context(text, match.start(), run)})
    return {"runs": runs, "redacted": sum(r["redacted"] for r in runs), "kept": sum(not r["redacted"] for r in runs)}


def _context(text: str, at: int, span: str) -> str:
    return text[max(0, at - 60): at + len(span) + 40].replace("\n", " ")


def _pick(examples: list[dict], count: int) -> list[dict]:
    """All examples from customer-comment corpora, then two from each other corpus."""
    customer = [e for e in examples if e["corpus"] in CUSTOMER_CORPORA][:count]
    others: dict[str, list[dict]] = defaultdict(list)
    for example in examples:
        if example["corpus"] not in CUSTOMER_CORPORA and len(others[example["corpus"]]) < 2:
            others[example["corpus"]].append(example)
    return customer + [e for picked in others.values() for e in picked]


# ------------------------------------------------------------------------- speed

ADVERSARIAL = {
    "letters": lambda n: "a" * n,
    "digits": lambda n: "1" * n,
    "digit groups '1234 '": lambda n: ("1234 " * (n // 5 + 1))[:n],
    "double-spaced groups '1234  '": lambda n: ("1234  " * (n // 6 + 1))[:n],
    "spaced hyphens '123 - '": lambda n: ("123 - " * (n // 6 + 1))[:n],
    "groups of three '123 '": lambda n: ("123 " * (n // 4 + 1))[:n],
    "extensions '202-555-0173 ext. '": lambda n: ("202-555-0173 ext. " * (n // 18 + 1))[:n],
    "contact cues 'email me at a@b '": lambda n: ("email me at a@b " * (n // 16 + 1))[:n],
    "dotted digits '1.'": lambda n: ("1." * (n // 2 + 1))[:n],
    "dashed '12-'": lambda n: ("12-" * (n // 3 + 1))[:n],
    "at signs 'a@'": lambda n: ("a@" * (n // 2 + 1))[:n],
    "spelled 'a at b dot '": lambda n: ("a at b dot " * (n // 11 + 1))[:n],
    "capitalised words 'Jane '": lambda n: ("Jane " * (n // 5 + 1))[:n],
    "cue + capitals 'my name is Aaaa'": lambda n: "my name is " + "A" + "a" * n,
    "title chain 'Mr Mr Mr'": lambda n: ("Mr " * (n // 3 + 1))[:n],
    "title + capitals 'Mr Jane Jane Jane'": lambda n: "Mr " + ("Jane " * (n // 5 + 1))[:n],
    "cue chain 'I'm Jane Doe '": lambda n: ("I'm Jane Doe " * (n // 13 + 1))[:n],
    "cue chain 'this is Jane Doe Smith '": lambda n: ("this is Jane Doe Smith " * (n // 23 + 1))[:n],
    "cue chain 'agent named Jane '": lambda n: ("agent named Jane " * (n // 17 + 1))[:n],
    "sign-off chain 'Regards, Jane '": lambda n: ("Regards, Jane " * (n // 14 + 1))[:n],
    "street words '12 Baker Baker'": lambda n: "12 " + ("Baker " * (n // 6 + 1))[:n],
    "postcode-like 'SW1A 1'": lambda n: ("SW1A 1" * (n // 6 + 1))[:n],
    "IBAN-like 'GB82 '": lambda n: ("GB82 " * (n // 5 + 1))[:n],
    "brackets '[at] '": lambda n: ("[at] " * (n // 5 + 1))[:n],
    # The paths of the candidate-and-classify number pass: words read around every number,
    # lists, slashes, digits typed one by one or spelled out, hyphen-glued labels.
    "single digits '1 '": lambda n: ("1 " * (n // 2 + 1))[:n],
    "spelled digits 'one '": lambda n: ("one " * (n // 4 + 1))[:n],
    "slash-joined groups '1234/'": lambda n: ("1234/" * (n // 5 + 1))[:n],
    "phone word + number 'call 1234567 '": lambda n: ("call 1234567 " * (n // 13 + 1))[:n],
    "list of references 'ref 1234567, '": lambda n: ("ref 1234567, " * (n // 13 + 1))[:n],
    "hyphen-glued labels 'SSN-1234567 '": lambda n: ("SSN-1234567 " * (n // 12 + 1))[:n],
    # Card runs with every separator a card may have (underscores, commas, line breaks), digits
    # a few at a time after a card word, and mistyped or spelled e-mail domains.
    "digits and separators '1234_12,1234\\n1 -'": lambda n: ("1234_12,1234\n1 -" * (n // 17 + 1))[:n],
    "line-broken groups '1234 \\n'": lambda n: ("1234 \n" * (n // 6 + 1))[:n],
    "card word + small groups 'card 4 11 '": lambda n: ("card 4 11 " * (n // 10 + 1))[:n],
    "mistyped domains 'a@b,c;d..'": lambda n: ("a@b,c;d.." * (n // 9 + 1))[:n],
    "spelled at + provider 'a.b at gmail '": lambda n: ("a.b at gmail " * (n // 13 + 1))[:n],
}


def adversarial_timings(old_redact, length: int = 1_000_000, repeats: int = 3) -> dict:
    """Best of ``repeats`` CPU seconds per call, this redactor and the baseline's."""
    def best(redactor, text: str) -> float:
        times = []
        for _ in range(repeats):
            started = time.process_time()
            redactor(text)
            times.append(time.process_time() - started)
        return round(min(times), 3)

    out = {}
    for name, make in ADVERSARIAL.items():
        text = make(length)
        out[name] = {"new_s": best(redact, text), "baseline_s": best(old_redact, text) if old_redact else None}
    return out


# ------------------------------------------------------------------------ report

def to_markdown(result: dict) -> str:
    lab = result["labelled"]
    lines = [
        "# PII redaction benchmark", "",
        f"Machine: {result['machine']}. Command: `{result['command']}` ({result['wall_s']} s).", "",
        "## (a) Labelled synthetic set", "",
        f"{lab['texts']} texts ({lab['texts_without_pii']} without PII), seed {result['seed']}, "
        f"{result['per_form']} texts per form. Span-level: a true span is found when all its letters "
        "and digits are under placeholders of its type; 'hidden' counts any placeholder type. "
        f"Stages: {DEV}, the forms the patterns were written against; {HELD_OUT_1}, written with them "
        "but not looked at while writing the patterns (some of their misses were fixed after a first "
        f"measurement, so they are no longer unseen); {HELD_OUT_2}, written after that measurement "
        "and never used to tune anything (its misses were seen, and some fixed later); "
        f"{HELD_OUT_3}, structured types only, written before the redactor was read for the next "
        "round of fixes, in sentences of its own and with no-PII texts full of harmless numbers, and "
        "never used to tune anything: its first-run figure below is the one measured unseen; "
        f"{HELD_OUT_4}, structured types again (with the names next to them), written blind, without "
        "reading the redactor, its tests or any result, with no-PII texts of its own; "
        f"{HELD_OUT_5}, structured types once more (bench/pii_held_out_5.py), written blind the same way, "
        "with sentences and no-PII texts of its own, and never run through the redactor before its "
        f"first-run figure below; {HELD_OUT_6}, 598 fixed texts (bench/pii_held_out_6.py) written blind by "
        "another hand in survey, chat, review, e-mail and export styles in several languages, values as "
        "written (obfuscated, mistyped, split across lines; 8 Luhn-invalid card numbers counted as cards), "
        f"structured types only, scored the same way; {HELD_OUT_7}, 589 more fixed texts (bench/pii_held_out_7.py) "
        "written blind once more, after the redactor's fixes for held-out 6, every card Luhn-valid; "
        f"{HELD_OUT_8}, 594 more (bench/pii_held_out_8.py), written blind while held-out 7's misses were fixed; "
        f"{HELD_OUT_9}, 601 more (bench/pii_held_out_9.py), written blind while held-out 8's misses were fixed, "
        f"most values written plainly as people usually do; {HELD_OUT_10}, 597 more (bench/pii_held_out_10.py), "
        "written blind while held-out 9's misses were fixed, realistic shares of plain values and networks; "
        f"{HELD_OUT_11}, 636 more (bench/pii_held_out_11.py), written blind while held-out 10's misses were fixed, "
        "more phone numbers and SSNs, and hard negatives shaped like them; "
        f"{HELD_OUT_12}, 613 more (bench/pii_held_out_12.py), written blind while held-out 11's misses were fixed, "
        "mostly phone numbers of 38 countries and e-mail addresses, with look-alike negatives.", "",
        "| type | spans | precision | recall | " + " | ".join(f"recall, {stage}" for stage in STAGES)
        + " | hidden by any placeholder |",
        "| --- | ---: | ---: | ---: | " + "---: | " * len(STAGES) + "---: |",
    ]
    for kind, t in lab["types"].items():
        by_stage = " | ".join(_f(t["recall_by_stage"][stage]) for stage in STAGES)
        lines.append(f"| {kind} | {t['spans']} | {_f(t['precision'])} | {_f(t['recall'])} | {by_stage} | "
                     f"{_f(t['hidden_by_any_placeholder'])} |")
    first_forms = {}
    for stage, (record, _, _) in FIRST_RUN_STAGES.items():
        first = result.get(_first_run_key(stage))
        lines += _first_run_lines(stage, first, record, lab)
        first_forms[stage] = (first or {}).get("forms", {})
    lines += ["", f"Recall per form ('first run': {' and '.join(FIRST_RUN_STAGES)} forms, as first measured):", "",
              "| type | form | stage | spans | recall | first run | a missed example |",
              "| --- | --- | --- | ---: | ---: | ---: | --- |"]
    for f in lab["forms"]:
        example = f["missed_examples"][0].replace("\n", "\\n").replace("|", "\\|") if f["missed_examples"] else ""
        then = first_forms.get(f["stage"], {}).get(f"{f['type']}: {f['form']}")
        lines.append(f"| {f['type']} | {f['form']} | {f['stage']} | {f['spans']} | {_f(f['recall'])} | {_f(then)} | {example} |")
    fps = [(kind, e) for kind, t in lab["types"].items() for e in t["false_positive_examples"]]
    if fps:
        lines += ["", "Placeholders not on a true span of their type (first few):", ""]
        lines += [f"- {kind}: `{e}`".replace("\n", "\\n") for kind, e in fps]
    corpus = result.get("corpus")
    if corpus:
        lines += ["", f"## (b) Real text: changes against the redactor of commit {BASELINE_COMMIT}", "",
                  "Every text normalised as the pipeline does, then redacted by both.", "",
                  "| corpus | texts | texts changed | by type (texts gaining a placeholder of it) |",
                  "| --- | ---: | ---: | --- |"]
        for name, c in corpus["corpora"].items():
            by_type = ", ".join(f"{k} {v}" for k, v in sorted(c["texts_with_more_of_type"].items())) or "-"
            lines.append(f"| {name} | {c['texts']:,} | {c['texts_changed_vs_baseline']} | {by_type} |")
        lines += ["", "Examples of spans newly redacted (all of those in customer comments: airline tweets, hotel "
                  "reviews, banking77; the first two of each other corpus), with verdicts by eye ('not judged' "
                  "where none was given):", ""]
        for kind, examples in corpus["examples"].items():
            for e in examples:
                lines.append(f"- {kind} ({e['corpus']}): `{e['span']}` in \"{e['context']}\" — {e['verdict']}")
        bare = corpus["bare_digit_runs"]
        lines += ["", f"Bare runs of 9-11 digits in all these texts (not inside a URL): {len(bare['runs'])}; "
                  f"redacted {bare['redacted']}, kept {bare['kept']}. Each one:", ""]
        for r in bare["runs"]:
            lines.append(f"- {'redacted' if r['redacted'] else 'kept'}: `{r['run']}` ({r['corpus']}) in "
                         f"\"{r['context']}\" — {r['verdict']}")
        s = corpus["speed"]
        lines += ["", f"Speed on these {s['texts']:,} texts: {s['new_texts_per_s']:,} texts per CPU second "
                  f"(baseline {s['baseline_texts_per_s']:,})."]
    lines += ["", "## (c) Adversarial 1,000,000-character strings", "",
              f"CPU seconds per redact call (process time, best of 3), on a machine shared with other jobs (load average "
              f"{result['load_average']} at the start); the baseline is the redactor of commit {BASELINE_COMMIT}.", "",
              "| input | this redactor, s | baseline, s |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {t['new_s']} | {t['baseline_s']} |" for name, t in result["adversarial_s"].items()]
    return "\n".join(lines) + "\n"


def _first_run_lines(stage: str, first: dict | None, record: Path, lab: dict) -> list[str]:
    """The section comparing a stage's first (unseen) run with now."""
    lines = ["", f"### {stage}: first run (unseen) and now", ""]
    if not first:
        return lines + [f"No first-run record ({record.name} is missing): the figures here are not unseen ones."]
    lines += [f"Written in commit {first['written_in_commit']}; first measured at commit "
              f"{first['measured_at_commit']} ({first['date']}), redact.py "
              f"{'changed' if first['redact_py_changed_since_written'] else 'unchanged'} since it was written: "
              "that run saw these forms unseen. Precision counts the placeholders put in this stage's texts "
              f"(its {first['texts_without_pii']} no-PII texts included)."
              + (f" {first['note']}" if first.get("note") else ""), "",
              "| type | spans | recall, first run | recall, now | precision, first run | precision, now |",
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for kind, then in first["types"].items():
        now = lab["types"][kind]
        lines.append(f"| {kind} | {then['spans']} | {_f(then['recall'])} | {_f(now['recall_by_stage'][stage])} | "
                     f"{_f(then['precision'])} | {_f(now['precision_by_stage'][stage]['precision'])} |")
    return lines


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


# Stages whose first measurement is kept: stage -> (its record, the line that defines the
# stage, the file that line is in: the commit adding it is the one the stage was written in).
FIRST_RUN_STAGES = {
    HELD_OUT_3: (FIRST_RUN_3, f'HELD_OUT_3 = "{HELD_OUT_3}"', "bench/pii_bench.py"),
    HELD_OUT_4: (FIRST_RUN_4, f'HELD_OUT_4 = "{HELD_OUT_4}"', "bench/pii_bench.py"),
    HELD_OUT_5: (FIRST_RUN_5, f'HELD_OUT_5 = "{HELD_OUT_5}"', "bench/pii_held_out_5.py"),
    HELD_OUT_6: (FIRST_RUN_6, "_RNG = random.Random(20240606)", "bench/pii_held_out_6.py"),
    HELD_OUT_7: (FIRST_RUN_7, "_R = random.Random(7_0607_2024)", "bench/pii_held_out_7.py"),
    HELD_OUT_8: (FIRST_RUN_8, "_RNG8 = random.Random(8_1205_2026)", "bench/pii_held_out_8.py"),
    HELD_OUT_9: (FIRST_RUN_9, "_RNG9 = random.Random(9_1205_2026)", "bench/pii_held_out_9.py"),
    HELD_OUT_10: (FIRST_RUN_10, "_RNG10 = random.Random(10_1205_2026)", "bench/pii_held_out_10.py"),
    HELD_OUT_11: (FIRST_RUN_11, "_R = random.Random(11_1205_2026)", "bench/pii_held_out_11.py"),
    HELD_OUT_12: (FIRST_RUN_12, "_R12 = random.Random(12_1205_2026)", "bench/pii_held_out_12.py"),
}


def _first_run_key(stage: str) -> str:
    return stage.replace("-", "_").replace(" ", "_") + "_first_run"  # "held_out_3_first_run"


def first_run_record(labelled: dict, per_form: int, stage: str = HELD_OUT_3, commit: str = "HEAD") -> dict:
    """A held-out stage's figures as measured with the redactor of ``commit``, with the
    commits that show that redactor had not seen it."""
    _, defining_line, defined_in = FIRST_RUN_STAGES[stage]
    written_in = _git("log", "--reverse", "--format=%h", "-S", defining_line, "--", defined_in).split("\n")[0]
    if commit == "HEAD":  # measured now: any change to the redactor since (the working tree too)
        changed = bool(_git("diff", "--name-only", written_in, "--", "voc_engine/nlp/redact.py"))
    else:
        # Measured at a commit: changes made by commits that had the set in their history; a
        # merge counts only for lines of its own (a resolved conflict), as its combined diff
        # shows, not for those it takes from a branch that never had the set.
        touching = _git("log", "--format=%h", "--ancestry-path", f"{written_in}..{commit}", "--",
                        "voc_engine/nlp/redact.py").split()
        changed = any(_git("show", "--format=", sha, "--", "voc_engine/nlp/redact.py") for sha in touching)
    return {
        "written_in_commit": written_in, "measured_at_commit": _git("rev-parse", "--short", commit),
        "date": time.strftime("%Y-%m-%d"), "redact_py_changed_since_written": changed, "per_form": per_form,
        "texts_without_pii": sum(1 for item in labelled_set(per_form) if item["stage"] == stage and not item["spans"]),
        "types": {kind: {"spans": sum(f["spans"] for f in labelled["forms"]
                                      if f["type"] == kind and f["stage"] == stage),
                         "recall": t["recall_by_stage"][stage],
                         "precision": t["precision_by_stage"][stage]["precision"],
                         "placeholders": t["precision_by_stage"][stage]["placeholders"]}
                  for kind, t in labelled["types"].items() if t["recall_by_stage"][stage] is not None},
        "forms": {f"{f['type']}: {f['form']}": f["recall"] for f in labelled["forms"] if f["stage"] == stage},
        "missed_examples": {f"{f['type']}: {f['form']}": f["missed_examples"] for f in labelled["forms"]
                            if f["stage"] == stage and f["missed_examples"]},
    }


def _f(value) -> str:
    return "-" if value is None else f"{value:.4f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-form", type=int, default=40)
    parser.add_argument("--no-corpus", action="store_true")
    parser.add_argument("--record-first-run", action="store_true",
                        help=f"write {FIRST_RUN_3.name}: only once, with the redactor that has not seen {HELD_OUT_3}")
    parser.add_argument("--record-first-run-4", metavar="COMMIT",
                        help=f"write {FIRST_RUN_4.name}: only once, scoring {HELD_OUT_4} with the redactor of COMMIT, "
                             f"the last one that had not seen it")
    parser.add_argument("--record-first-run-5", action="store_true",
                        help=f"write {FIRST_RUN_5.name}: only once, with the redactor that has not seen {HELD_OUT_5}")
    parser.add_argument("--record-first-run-6", action="store_true",
                        help=f"write {FIRST_RUN_6.name}: only once, with the redactor that has not seen {HELD_OUT_6}")
    parser.add_argument("--record-first-run-7", action="store_true",
                        help=f"write {FIRST_RUN_7.name}: only once, with the redactor that has not seen {HELD_OUT_7}")
    parser.add_argument("--record-first-run-8", action="store_true",
                        help=f"write {FIRST_RUN_8.name}: only once, with the redactor that has not seen {HELD_OUT_8}")
    parser.add_argument("--record-first-run-9", action="store_true",
                        help=f"write {FIRST_RUN_9.name}: only once, with the redactor that has not seen {HELD_OUT_9}")
    parser.add_argument("--record-first-run-10", action="store_true",
                        help=f"write {FIRST_RUN_10.name}: only once, with the redactor that has not seen {HELD_OUT_10}")
    parser.add_argument("--record-first-run-11", action="store_true",
                        help=f"write {FIRST_RUN_11.name}: only once, with the redactor that has not seen {HELD_OUT_11}")
    parser.add_argument("--record-first-run-12", action="store_true",
                        help=f"write {FIRST_RUN_12.name}: only once, with the redactor that has not seen {HELD_OUT_12}")
    args = parser.parse_args()
    to_record = [stage for stage, wanted in ((HELD_OUT_3, args.record_first_run), (HELD_OUT_5, args.record_first_run_5),
                                                      (HELD_OUT_6, args.record_first_run_6),
                                                      (HELD_OUT_7, args.record_first_run_7),
                                                      (HELD_OUT_8, args.record_first_run_8),
                                                      (HELD_OUT_9, args.record_first_run_9),
                                                      (HELD_OUT_10, args.record_first_run_10),
                                                      (HELD_OUT_11, args.record_first_run_11),
                                                      (HELD_OUT_12, args.record_first_run_12))
                 if wanted]
    for stage in to_record:
        if FIRST_RUN_STAGES[stage][0].exists():
            parser.error(f"{FIRST_RUN_STAGES[stage][0]} exists already: the first run of {stage} is not to be overwritten")
    started = time.perf_counter()
    items = labelled_set(args.per_form)
    result = {
        "machine": f"{platform.machine()}, CPython {platform.python_version()}",
        "command": "python bench/pii_bench.py" + (f" --per-form {args.per_form}" if args.per_form != 40 else "")
                   + (" --no-corpus" if args.no_corpus else "")
                   + (" --record-first-run" if args.record_first_run else "")
                   + (f" --record-first-run-4 {args.record_first_run_4}" if args.record_first_run_4 else "")
                   + (" --record-first-run-5" if args.record_first_run_5 else "")
                   + (" --record-first-run-6" if args.record_first_run_6 else "")
                   + (" --record-first-run-7" if args.record_first_run_7 else "")
                   + (" --record-first-run-8" if args.record_first_run_8 else "")
                   + (" --record-first-run-9" if args.record_first_run_9 else "")
                   + (" --record-first-run-10" if args.record_first_run_10 else "")
                   + (" --record-first-run-11" if args.record_first_run_11 else "")
                   + (" --record-first-run-12" if args.record_first_run_12 else ""),
        "seed": SEED, "per_form": args.per_form,
        "labelled": score(items, redact),
    }
    for stage in to_record:
        record = FIRST_RUN_STAGES[stage][0]
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(first_run_record(result["labelled"], args.per_form, stage), indent=2) + "\n")
    if args.record_first_run_4:
        if FIRST_RUN_4.exists():
            parser.error(f"{FIRST_RUN_4} exists already: the first run of {HELD_OUT_4} is not to be overwritten")
        unseen = baseline_redactor(args.record_first_run_4)
        if unseen is None:
            parser.error(f"git cannot show the redactor of {args.record_first_run_4}")
        stage_items = [item for item in items if item["stage"] == HELD_OUT_4]
        record = first_run_record(score(stage_items, unseen), args.per_form, HELD_OUT_4, args.record_first_run_4)
        FIRST_RUN_4.write_text(json.dumps(record, indent=2) + "\n")
    for stage, (record, _, _) in FIRST_RUN_STAGES.items():
        if record.exists():
            result[_first_run_key(stage)] = json.loads(record.read_text())
    old_redact = baseline_redactor()
    if not args.no_corpus:
        corpora = load_corpora()
        result["corpus"] = corpus_check(corpora, old_redact)
        result["corpus"]["bare_digit_runs"] = bare_digit_runs(corpora)
    result["load_average"] = ", ".join(f"{load:.1f}" for load in os.getloadavg())
    result["adversarial_s"] = adversarial_timings(old_redact)
    result["wall_s"] = round(time.perf_counter() - started, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pii.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / "pii.md").write_text(to_markdown(result))
    print(to_markdown(result))


if __name__ == "__main__":
    main()

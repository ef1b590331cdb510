"""What the PII benchmark's labelled sets share: check-digit arithmetic and item assembly.

``bench/pii_bench.py`` imports the held-out modules (``bench/pii_held_out_5.py`` ...), so
what both need lives here, in a module that imports neither of them.

Check digits are computed here rather than taken from ``voc_engine.nlp.redact``: the
bench's values must not depend on the code it measures.  ``self_test`` holds them to
published examples (Wikipedia's Luhn example, the test numbers of the card networks,
IBANs of the SWIFT/ECBS registry) and runs at import.

An item has the layout {"text", "spans": [(start, end, TYPE)], "type", "form", "stage"}.
A form makes the text of one item of its type, or a list of pieces: plain strings, and
(TYPE, text) pairs for the true spans (a name next to the item is a NAME span); the
pieces go where a sentence holds "{X}".
"""
from __future__ import annotations

import random
from typing import Any, Callable, Iterable, Sequence

SLOT = "{X}"

# ------------------------------------------------------------------- check digits


def luhn_ok(number: str) -> bool:
    """The Luhn test (ISO/IEC 7812-1) on a string of digits."""
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def luhn_complete(partial: str) -> str:
    """``partial`` with its Luhn check digit appended."""
    return next(partial + digit for digit in "0123456789" if luhn_ok(partial + digit))


def iban_ok(iban: str) -> bool:
    """ISO 13616 check: country and check digits moved to the end, letters as 10..35, mod 97 == 1."""
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(char, 36)) for char in moved)) % 97 == 1


def iban_with_check(country: str, bban: str) -> str:
    """The IBAN of ``bban`` in ``country``, with its mod-97 check digits."""
    remainder = int("".join(str(int(char, 36)) for char in bban + country + "00")) % 97
    return f"{country}{98 - remainder:02d}{bban}"


def self_test() -> None:
    assert luhn_ok("79927398713") and not luhn_ok("79927398710")
    assert luhn_ok("4111111111111111") and luhn_ok("378282246310005") and luhn_ok("6011111111111117")
    assert luhn_complete("7992739871") == "79927398713"
    for example in ("GB82WEST12345698765432", "DE89370400440532013000", "IE29AIBK93115212345678",
                    "FR1420041010050500013M02606", "NL91ABNA0417164300", "LV80BANK0000435195001",
                    "GI75NWBK000000007099453", "SK3112000000198742637541"):
        assert iban_ok(example), example
        assert iban_with_check(example[:2], example[4:]) == example, example
    assert not iban_ok("GB82WEST12345698765433")


# ------------------------------------------------------------------------ items

Made = str | list  # a form's output: the span's text, or pieces


def place(filled: str, made: Made, kind: str) -> tuple[str, list[tuple[int, int, str]]]:
    """``filled`` (a sentence with "{X}") with what a form ``made`` in the slot, and its spans."""
    pieces = [(kind, made)] if isinstance(made, str) else made
    slot_at = filled.index(SLOT)
    text, spans = filled[:slot_at], []
    for piece in pieces:
        if isinstance(piece, tuple):
            spans.append((len(text), len(text) + len(piece[1]), piece[0]))
            piece = piece[1]
        text += piece
    return text + filled[slot_at + len(SLOT):], spans


# One form to draw from: (type, form name, stage, make(values), the sentences it goes into).
FormSpec = tuple[str, str, str, Callable[[Any], Made], Sequence[str]]


def form_items(specs: Iterable[FormSpec], values: Any, rng: random.Random, fill: Callable[[str, Any], str],
               per_form: int) -> list[dict]:
    """``per_form`` items of each form: the form's value is made first, then a sentence is
    drawn and filled (that order fixes what the seeded generator gives every set)."""
    items: list[dict] = []
    for kind, form, stage, make, sentences in specs:
        for _ in range(per_form):
            made = make(values)
            text, spans = place(fill(rng.choice(sentences), values), made, kind)
            items.append({"text": text, "spans": spans, "type": kind, "form": form, "stage": stage})
    return items


def negative_items(templates: Iterable[str], values: Any, fill: Callable[[str, Any], str], per_form: int,
                   stage: str) -> list[dict]:
    """``per_form`` texts without PII from each template."""
    return [{"text": fill(template, values), "spans": [], "type": None, "form": "no PII (harmless numbers)",
             "stage": stage}
            for template in templates for _ in range(per_form)]


self_test()

"""PII redaction: published test numbers, checksum failures left alone, harmless numbers kept."""
from __future__ import annotations

import pytest

from voc_engine.nlp.redact import (
    PLACEHOLDERS,
    Redaction,
    iban_valid,
    itin_valid,
    luhn_valid,
    redact,
    redact_free_text,
    ssn_valid,
)

# ----------------------------------------------------------------- payment cards

# Test card numbers published by the card schemes / payment processors.
PUBLISHED_TEST_CARDS = [
    "4111 1111 1111 1111",  # Visa
    "4012 8888 8888 1881",  # Visa
    "5500 0000 0000 0004",  # Mastercard
    "5555-5555-5555-4444",  # Mastercard
    "3782 822463 10005",  # American Express (4-6-5 grouping)
    "6011 1111 1111 1117",  # Discover
    "3530111333300000",  # JCB, unformatted
]


def test_luhn_reference_example() -> None:
    # The worked example of the Luhn algorithm (ISO/IEC 7812-1, Wikipedia "Luhn algorithm").
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")


@pytest.mark.parametrize("card", PUBLISHED_TEST_CARDS)
def test_published_test_cards_are_redacted(card: str) -> None:
    result = redact(f"I paid with {card}, please refund.")
    assert result.text == "I paid with [CARD], please refund."
    assert result.counts == {"CARD": 1}


def test_luhn_failing_digit_run_is_not_a_card() -> None:
    text = "Reference 4111 1111 1111 1112 on my statement"
    assert not luhn_valid("4111111111111112")
    assert redact(text) == Redaction(text=text, counts={})


def test_card_followed_by_expiry_keeps_the_expiry() -> None:
    assert redact("card 4111 1111 1111 1111 12/27").text == "card [CARD] 12/27"


def test_two_cards_in_one_digit_run_are_both_found() -> None:
    result = redact("4111111111111111 5500000000000004")
    assert result.text == "[CARD] [CARD]"
    assert result.counts == {"CARD": 2}


# ------------------------------------------------------------------------- IBANs

# Examples published in the SWIFT IBAN registry / ISO 13616 literature.
PUBLISHED_IBANS = [
    "GB82 WEST 1234 5698 7654 32",
    "DE89 3704 0044 0532 0130 00",
    "FR14 2004 1010 0505 0001 3M02 606",
    "NL91 ABNA 0417 1643 00",
    "BE68 5390 0754 7034",
    "NO93 8601 1117 947",
    "DE89370400440532013000",
]


@pytest.mark.parametrize("iban", PUBLISHED_IBANS)
def test_published_ibans_are_valid_and_redacted(iban: str) -> None:
    assert iban_valid(iban)
    result = redact(f"Please send the refund to {iban}. Thanks")
    assert result.text == "Please send the refund to [IBAN]. Thanks"
    assert result.counts == {"IBAN": 1}


def test_iban_with_broken_check_digits_is_left_alone() -> None:
    broken = "GB83 WEST 1234 5698 7654 32"
    assert not iban_valid(broken)
    assert redact(f"account {broken}").text == f"account {broken}"


def test_iban_followed_by_words_is_cut_at_its_registered_length() -> None:
    assert redact("GB82 WEST 1234 5698 7654 32 ABCD please").text == "[IBAN] ABCD please"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A reference that opens like an IBAN (registered country letters, two digits)
        # just before the real one: the real one is tried as a candidate of its own.
        ("Refund for coach GB 2317 should be paid to DE89 3704 0044 0532 0130 00.",
         "Refund for coach GB 2317 should be paid to [IBAN]."),
        ("Refund for ticket DK4402 should be paid to GB82 WEST 1234 5698 7654 32.",
         "Refund for ticket DK4402 should be paid to [IBAN]."),
        # Two IBANs side by side: the search goes on where the first one ends.
        ("Old DE89 3704 0044 0532 0130 00 GB82 WEST 1234 5698 7654 32 new",
         "Old [IBAN] [IBAN] new"),
    ],
)
def test_iban_after_a_look_alike_or_another_iban_is_found(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_iban_of_wrong_length_is_not_valid() -> None:
    assert not iban_valid("GB82 WEST 1234 5698 7654 3")


# -------------------------------------------------------------------------- SSNs

@pytest.mark.parametrize("ssn", ["078-05-1120", "123-45-6789", "001-01-0001", "665-99-9999"])
def test_valid_ssns_are_redacted(ssn: str) -> None:
    assert redact(f"My SSN is {ssn}.").text == "My SSN is [SSN]."


@pytest.mark.parametrize(
    "ssn",
    ["000-12-3456", "666-12-3456", "900-12-3456", "999-45-6789", "123-00-4567", "123-45-0000"],
)
def test_ssns_never_issued_are_left_alone(ssn: str) -> None:
    area, group, serial = ssn.split("-")
    assert not ssn_valid(area, group, serial)
    assert redact(f"number {ssn} here").text == f"number {ssn} here"


def test_unformatted_ssn_is_redacted_after_ssn_keyword() -> None:
    assert redact("my social security number is 078051120").text == "my social security number is [SSN]"


# ------------------------------------------------------------------------ phones

@pytest.mark.parametrize(
    "phone",
    [
        "+44 20 7946 0958",
        "+44 (0)20 7946 0958",
        "+1-202-555-0173",
        "+1 (202) 555-0173",
        "+33 1 23 45 67 89",
        "(202) 555-0173",
        "202.555.0173",
        "202-555-0173",
        "1-800-555-0199",
        "555-123-4567",  # not a valid exchange, still someone's number as written
        "(123) 456-7890",
        "020 7946 0958",
        "07700 900123",
        "0161 496 0000",
        "07700900123",
    ],
)
def test_phone_numbers_are_redacted(phone: str) -> None:
    result = redact(f"Call me on {phone}, after 5pm.")
    assert result.text == "Call me on [PHONE], after 5pm."
    assert result.counts == {"PHONE": 1}


def test_unformatted_us_number_is_a_phone_unless_named_as_a_reference() -> None:
    assert redact("call me 2025550173 please").text == "call me [PHONE] please"
    assert redact("reach me: 2025550173").text == "reach me: [PHONE]"
    assert redact("order 2025550173 never arrived").text == "order 2025550173 never arrived"


@pytest.mark.parametrize(("text", "expected"), [
    ("mobile 0412 345 678 after 5", "mobile [PHONE] after 5"),      # Australia
    ("phone (0)20 7946 0958", "phone [PHONE]"),                     # UK, trunk in brackets
    ("call 0800 123 4567 now", "call [PHONE] now"),
    ("order 0412345678 is missing", "order 0412345678 is missing"),   # named as an order number
    ("call 0 stars, phone bill 0.99", "call 0 stars, phone bill 0.99"),
])
def test_a_national_number_with_a_trunk_zero_needs_a_phone_word(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("write to jane[at]example[dot]com", "write to [EMAIL]"),
    ("jane (at) example (dot) co (dot) uk please", "[EMAIL] please"),
    ("reach me: jane.doe @ gmail.com", "reach me: [EMAIL]"),
    ("Sunday @ MCO.Keep up the good work", "Sunday @ MCO.Keep up the good work"),  # a tweet, not an address
    ("meet @ the gate at 5", "meet @ the gate at 5"),
])
def test_spelled_out_email_addresses_are_redacted(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("visa 4111 1111 1111 1111 exp 12/27 cvv 123", "visa [CARD] exp 12/27 cvv [CARD]"),
    ("CVC: 4567.", "CVC: [CARD]."),
    ("the security code is 987", "the security code is [CARD]"),
    ("cvv changed in 2024", "cvv changed in 2024"),
    ("cvv 123.45", "cvv 123.45"),
])
def test_a_card_security_code_is_card_data(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_a_local_seven_digit_number_needs_a_phone_word() -> None:
    assert redact("call 555-1234 after 6").text == "call [PHONE] after 6"
    assert redact("text me on 555 0173").text == "text me on [PHONE]"
    assert redact("order 555-1234 never arrived").text == "order 555-1234 never arrived"
    assert redact("call at 10:30 or 11.00-12.00").text == "call at 10:30 or 11.00-12.00"


@pytest.mark.parametrize(
    "text",
    [
        "Flight UA 1234 was delayed",
        "flight AA362 DFW to LAX",
        "They charged me $1,250.00 and €99.99 in fees",
        "Booked on 2026-02-17, flying 17/02/2026 and back 02/24/2026",
        "Boarding at 10:30, landed 23:05, 3 hrs late",
        "booking ref ABC123 and confirmation F5R3ZZ",
        "order #1234567 and order 7654321 are missing",
        "I have been a customer since 1998, 2015 was better",
        "45+ min at EWR, gate B22, seat 14C, 2 bags",
        "Tracking 1Z999AA10123456784",
        "rated it 4.5/5, 10/10 would not fly again",
        "IP 192.168.1.1 blocked, version 2.13.0",
        "I <3 United, 100% sure, 24/7 support",
    ],
)
def test_ordinary_numbers_are_not_redacted(text: str) -> None:
    assert redact(text) == Redaction(text=text, counts={})


# ------------------------------------------------------------- e-mails and URLs

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Email me at jane.doe@example.com.", "Email me at [EMAIL]."),
        ("Contact: (john_smith+cx@mail.example.co.uk)!", "Contact: ([EMAIL])!"),
        ("see https://example.com/help?id=12&x=y, it fails", "see [URL], it fails"),
        ("(details at https://en.wikipedia.org/wiki/Foo_(bar))", "(details at [URL])"),
        ("Go to www.united.com.", "Go to [URL]."),
        ("lol http://t.co/LM3opxkxch", "lol [URL]"),
        ("bare t.co/AbC123!", "bare [URL]!"),
        ("short link bit.ly/2xYz9 here", "short link [URL] here"),
        ("on united.com's site", "on [URL]'s site"),
    ],
)
def test_emails_and_urls_are_redacted_without_trailing_punctuation(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_email_is_not_half_redacted_as_a_url() -> None:
    result = redact("write to help@united.com or visit united.com")
    assert result.text == "write to [EMAIL] or visit [URL]"
    assert result.counts == {"EMAIL": 1, "URL": 1}


def test_abbreviations_are_not_urls() -> None:
    text = "e.g. the U.S. flight at 5 p.m. was fine, i.e. ok"
    assert redact(text).text == text


def test_digits_inside_urls_are_not_redacted_again() -> None:
    result = redact("https://example.com/track/4111111111111111 and 202-555-0173")
    assert result.text == "[URL] and [PHONE]"
    assert result.counts == {"URL": 1, "PHONE": 1}


# ------------------------------------------------------------------ whole result

def test_mixed_comment_counts_every_type() -> None:
    text = (
        "I'm jane@example.com, card 4111-1111-1111-1111, IBAN DE89 3704 0044 0532 0130 00, "
        "SSN 078-05-1120, phone +44 20 7946 0958, see https://example.com."
    )
    result = redact(text)
    assert result.text == (
        "I'm [EMAIL], card [CARD], IBAN [IBAN], SSN [SSN], phone [PHONE], see [URL]."
    )
    assert result.counts == {"EMAIL": 1, "CARD": 1, "IBAN": 1, "SSN": 1, "PHONE": 1, "URL": 1}
    assert result.total == 6


@pytest.mark.parametrize("text", ["", "   ", "😡", "no personal data here"])
def test_text_without_pii_is_unchanged(text: str) -> None:
    assert redact(text) == Redaction(text=text, counts={})


def test_one_megabyte_of_text_is_redacted() -> None:
    chunk = "Flight 1234 was late, mail me at a.b@example.com or call 202-555-0173. "
    text = chunk * (1_000_000 // len(chunk) + 1)
    result = redact(text)
    repeats = text.count(chunk)
    assert result.counts == {"EMAIL": repeats, "PHONE": repeats}
    assert "@" not in result.text and "555" not in result.text


@pytest.mark.parametrize(
    "text",
    ["good fit.lobby/bars were great", "ignored requests.tv did not work", "late again.so annoying", "and/or 3.5/5"],
)
def test_missing_space_after_full_stop_is_not_a_url(text: str) -> None:
    assert redact(text).text == text


def test_social_handles_become_placeholders():
    from voc_engine.nlp.redact import redact

    result = redact("@united thanks @Delta_Assist! .@JetBlue mail me at a.b@example.com, meet @ 5pm")
    assert result.text == "[HANDLE] thanks [HANDLE]! .[HANDLE] mail me at [EMAIL], meet @ 5pm"
    assert result.counts == {"EMAIL": 1, "HANDLE": 3}


# ------------------------------------------------- formats an outside probe found leaking

@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("jane at example dot com", "EMAIL"),
        ("jane.doe@example", "EMAIL"),
        ("0044 20 7946 0958", "PHONE"),
        ("4155552671", "PHONE"),
        ("(020) 7946-0958", "PHONE"),
        ("415/555-2671", "PHONE"),
        ("4111.1111.1111.1111", "CARD"),
        ("GB82-WEST-1234-5698-7654-32", "IBAN"),
        ("536221234", "SSN"),
        ("536 22 1234", "SSN"),
        ("536.22.1234", "SSN"),
    ],
)
def test_probe_formats_are_redacted_as_their_type(value: str, kind: str) -> None:
    result = redact(f"Hi, reach me: {value} thanks")
    assert result.counts == {kind: 1}
    assert result.text == f"Hi, reach me: {PLACEHOLDERS[kind]} thanks"


@pytest.mark.parametrize(
    "text",
    [
        "Order #123456789 never arrived",
        "order number 123456789 was cancelled",
        "booking ref 536221234, no refund yet",
        "I called 5 times about claim 4016688561",  # a valid NANP number, named as a claim
        "SWRR# 298033455 still not credited",
        "Rapid rewards 1079871763",  # starts with 1: not a North American number
        "ISBN 0123456789 is out of print",
        "number 900123456 and 666123456 and 536001234",  # never-issued SSN area/group
        "Tag numbers 0016 964012 and 0016 964077",  # bag tags, not numbers abroad
        "look at the dot com era",
        "can't think@of one, computers@were@down",
    ],
)
def test_bare_numbers_named_as_references_and_lookalikes_are_kept(text: str) -> None:
    assert redact(text) == Redaction(text=text, counts={})


def test_an_id_word_before_a_phone_word_does_not_keep_the_number() -> None:
    assert redact("booking ABC123, call me 4155552671").text == "booking ABC123, call me [PHONE]"


def test_ssn_after_its_keyword_in_any_grouping() -> None:
    assert redact("SSN: 536 221234").text == "SSN: [SSN]"
    assert redact("my social security number is 785 391 898, delete it").text == (
        "my social security number is [SSN], delete it"
    )


def test_eleven_digits_with_the_country_code_are_a_phone() -> None:
    assert redact("My number is 14155552671, thanks").text == "My number is [PHONE], thanks"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("reach me on laura_larsen79 at yahoo.co.uk thanks", "reach me on [EMAIL] thanks"),
        ("mail ajohnson at outlook.com.", "mail [EMAIL]."),
        ("write to daniel dot obrien at gmail dot com", "write to [EMAIL]"),
        ("I booked at expedia.com instead", "I booked at [URL] instead"),  # a site, not a mailbox
    ],
)
def test_spelled_at_with_real_dots_is_an_address_only_when_it_looks_like_one(text: str, expected: str) -> None:
    assert redact(text).text == expected


# ---------------------------------------------------------------------------- names

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi, my name is Jane Doe and my flight was cancelled.", "Hi, my name is [NAME] and my flight was cancelled."),
        ("My name is Priya. I waited 3 hours.", "My name is [NAME]. I waited 3 hours."),
        ("Hello, I'm Sarah Johnson and I want a refund.", "Hello, I'm [NAME] and I want a refund."),
        ("I am David, booking ref ABC123.", "I am [NAME], booking ref ABC123."),
        ("Hi, this is Maria from customer care.", "Hi, this is [NAME] from customer care."),
        ("Mrs. Jane Doe at the desk was rude.", "Mrs. [NAME] at the desk was rude."),
        ("Dr Okafor and Ms O'Brien were great", "Dr [NAME] and Ms [NAME] were great"),
        ("Awful stay.\nRegards, John Smith", "Awful stay.\nRegards, [NAME]"),
        ("Please refund me. Thanks, Jane", "Please refund me. Thanks, [NAME]"),
        ("Great stay!\nCheers,\nTom", "Great stay!\nCheers,\n[NAME]"),
        ("Still no card.\n\nKind regards,\nJ. Smith", "Still no card.\n\nKind regards,\n[NAME]"),
        ("An agent named Shaquille hung up on me.", "An agent named [NAME] hung up on me."),
        ("The manager called Mr. Brown refused to help.", "The manager called Mr. [NAME] refused to help."),
        ("A staff member named Ingrid Larsen was amazing.", "A staff member named [NAME] was amazing."),
        ("my name's Patrick and I've been a member since 2018.", "my name's [NAME] and I've been a member since 2018."),
        ("my name is jane smith and i want my money back", "my name is [NAME] and i want my money back"),
        ("Never again.\nBest wishes, Xavier", "Never again.\nBest wishes, [NAME]"),
        ("Lost my bag, still no news. - Mohammed", "Lost my bag, still no news. - [NAME]"),
        ("I spoke to Emma at the desk and she fixed it.", "I spoke to [NAME] at the desk and she fixed it."),
        ("Prof. Adeyemi booked the rooms.", "Prof. [NAME] booked the rooms."),
        ("Connor Doe here, my card was charged twice.", "[NAME] here, my card was charged twice."),
    ],
)
def test_names_after_a_cue_are_redacted(text: str, expected: str) -> None:
    result = redact(text)
    assert result.text == expected
    assert set(result.counts) == {"NAME"}


@pytest.mark.parametrize(
    "text",
    [
        "I'm Very disappointed with flight 1234.",
        "I'm Extremely upset, 3 hours on the tarmac",
        "I am Platinum and this is how you treat me?",
        "I Am Sam is a great film",
        "Thanks, great service and friendly staff!",
        "Thanks, Delta!",
        "Cheers, United. Lost my bag again.",
        "Worst trip ever.\nRegards, Disappointed Customer",
        "It won Best Animated Film",
        "My name is on the booking but the app says it isn't.",
        "This is Ridiculous from start to finish.",
        "The Dr Pepper on board was warm.",
        "A guy called me back after 2 hours.",
        "Thanks Jane for nothing, I will never fly again",  # a name, but not a sign-off
        "I spoke to Delta twice and asked for Customer Service",  # not given names
        "my name is on the list, my name is not spelled right",
        "Great flight - Thanks",
    ],
)
def test_capitalised_words_that_are_not_names_are_kept(text: str) -> None:
    assert redact(text) == Redaction(text=text, counts={})


# ------------------------------------------------------------------------ addresses

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I live at 12 Baker Street and", "I live at [ADDRESS] and"),
        ("send it to 221B Baker St. please", "send it to [ADDRESS] please"),
        ("1600 Pennsylvania Avenue NW, Washington, DC 20500 is on file", "[ADDRESS] is on file"),
        ("Flat 3, 10 Downing St, London", "[ADDRESS], London"),
        ("postcode SW1A 1AA.", "postcode [ADDRESS]."),
        ("I moved to Springfield, IL 62704 last year", "I moved to [ADDRESS] last year"),
        ("hotel at 350 5th Avenue, Suite 200", "hotel at [ADDRESS]"),
        ("12 High Road, London NW1 6XE", "[ADDRESS]"),
        ("send it to PO Box 9309 instead", "send it to [ADDRESS] instead"),
        ("ship to Austin, TX 78701-1973 please", "ship to [ADDRESS] please"),
    ],
)
def test_street_addresses_and_postcodes_are_redacted(text: str, expected: str) -> None:
    result = redact(text)
    assert result.text == expected
    assert result.counts == {"ADDRESS": 1}


@pytest.mark.parametrize(
    "text",
    [
        "10 min walk to the beach, 2 blocks pike street",
        "room 905, gate B22, seat 14C, 3 Nights total",
        "aircraft N598JB and N615JB, confirmation F5R3ZZ",
        "landed at 5PM, terminal 2 Way out was closed",
        "QQ1 1AA is not a postcode",  # no such postcode area
        "Flight UA 1234 on 17/02/2026 cost $1,250.00",
        "Two Supreme Court justices and One Up On Wall Street",  # spelled-out numbers
    ],
)
def test_numbers_and_words_that_are_not_addresses_are_kept(text: str) -> None:
    assert redact(text) == Redaction(text=text, counts={})


def test_new_placeholder_types_are_published() -> None:
    assert PLACEHOLDERS["NAME"] == "[NAME]" and PLACEHOLDERS["ADDRESS"] == "[ADDRESS]"


# ------------------------- forms the benchmark's dev and held-out sets 1 and 2 found leaking

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Refund to 5124  6702  3655  2139 please", "Refund to [CARD] please"),  # groups two spaces apart
        ("card 4111  1111  1111  1111  12/27", "card [CARD]  12/27"),
        ("Why does the form want 416 - 06 - 7354 for a refund?", "Why does the form want [SSN] for a refund?"),
        ("order 416 - 06 - 7354", "order [SSN]"),  # hyphenated 3-2-4: the SSN's own notation
        ("I typed 601 998 067 into the form", "I typed [SSN] into the form"),  # three groups of three
        ("Text me at 455-990-8053 ext. 23 when my bag arrives.", "Text me at [PHONE] when my bag arrives."),
        ("call 020 7946 0958 ext 214", "call [PHONE]"),
        ("call +44 20 7946 0958, ext. 5", "call [PHONE]"),
        ("Contact me: omurphy@company (flight UA 238)", "Contact me: [EMAIL] (flight UA 238)"),
        ("Please email me at jcohen@mailserver about it", "Please email me at [EMAIL] about it"),
        ("you can reach me on smurphy@example thanks", "you can reach me on [EMAIL] thanks"),
        ("confirmation never reached bkowalski@example.", "confirmation never reached [EMAIL]."),
        ("Contact me: ldubois at example.com (flight UA 9871)", "Contact me: [EMAIL] (flight UA 9871)"),
    ],
)
def test_forms_found_leaking_by_the_benchmark(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "paid 1234  5678 twice, then 4111  1111  1111  1112",  # too short; Luhn fails
        "score 3 - 2, then 123 - 45 - 6789 - 1",  # a fourth group: not an SSN
        "666 - 12 - 3456 and 123 - 00 - 4567",  # never issued
        "order 601 998 067 and booking ref 536 221 234",  # named as references
        "it cost 100 000 000 and 250 000 000 euros",  # group 00: never issued
        "runs 612 345 678 901 and 1 234 567 890",  # longer runs of groups
        "order 123456 ext. 23 and claim 4016688561 ext. 2",
        "Bag tag 0016 964012 ext 5",
    ],
)
def test_lookalikes_of_the_fixed_forms_are_kept(text: str) -> None:
    assert redact(text) == Redaction(text=text, counts={})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("contact us at expedia.com", "contact us at [URL]"),
        ("email: look at expedia.com", "email: look at [URL]"),
        ("reached out at booking.com today", "reached out at [URL] today"),
    ],
)
def test_a_spelled_at_after_a_contact_word_needs_the_person_named(text: str, expected: str) -> None:
    assert redact(text).text == expected


# ------------------------------------------------------ forms held-out set 3 found leaking

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You charged 5555 - 5555 - 5555 - 4444 twice", "You charged [CARD] twice"),  # spaced dashes
        ("card 4111 - 1111 - 1111 - 1111 12/27", "card [CARD] 12/27"),
        ("Diners 3056 930902 5904 declined", "Diners [CARD] declined"),  # 4-6-4
        ("typed 41111111 11111111 twice", "typed [CARD] twice"),  # in halves
        ("paid 4111111111111111 5500000000000004", "paid [CARD] [CARD]"),
    ],
)
def test_cards_in_more_groupings(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # Each passes Luhn as a whole (or in its 7-7 / 4-4-4-4 part): the grouping says
        # it is an order or tracking number.
        "Amazon order 114-5678901-1000001 arrived damaged",  # 3-7-7, 17 digits
        "Amazon order 114-5678901-1000008 arrived damaged",  # its 7-7 tail
        "USPS tracking 9400 1111 2222 3333 1002 12 has not moved",
    ],
)
def test_order_and_tracking_numbers_are_not_cards(text: str) -> None:
    assert redact(text) == Redaction(text=text, counts={})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Contact number (202) 555-0173 x204 (mobile)", "Contact number [PHONE] (mobile)"),
        ("Phone: 202.555.0173 extension 5512\nThanks", "Phone: [PHONE]\nThanks"),
        ("my husband's number is 089/1234567.", "my husband's number is [PHONE]."),  # Germany
        ("or 030 / 12345678 at work", "or [PHONE] at work"),
        ("Contact number 0151 23456789, flying LH 630", "Contact number [PHONE], flying LH 630"),
        ("my number is 01 23 45 67 89.", "my number is [PHONE]."),  # France
        ("my number is 06.12.34.56.78.", "my number is [PHONE]."),
        ("my number is +33 1 23 45 67 89.", "my number is [PHONE]."),
        ("my husband's number is (02) 9876 5432.", "my husband's number is [PHONE]."),  # Australia
        ("or 02 9876 5432 at home", "or [PHONE] at home"),
        ("Contact number 0412 345 678 (mobile)", "Contact number [PHONE] (mobile)"),
        ("Contact number 09876543210 (mobile)", "Contact number [PHONE] (mobile)"),  # India
        ("Contact number 06123456789 (mobile)", "Contact number [PHONE] (mobile)"),
        ("room 305 +44 20 7946 0958 asap", "room 305 [PHONE] asap"),  # after a number, with its "+"
    ],
)
def test_national_numbers_and_extensions(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "USPS tracking 9400 2067 0053 7484 9311 48 hasn't moved",  # '0053 ...' is no call abroad
        "ask for room 04 304 404, it is larger",
        "part number 010-10361-00 fits",
        "flew 02.27.2015 and 03/03/2015",
        "the numbers 01 02 03 04 05 06 came up",  # six pairs
        "0412 345 67 is too short",
        "order 06123456789 is missing",  # unformatted, named as an order number
        "ABN : 59 087 901 620 now represent 5.10 %",
        "it said 10 x 20 cm, item 202-555 x2",
    ],
)
def test_lookalikes_of_national_numbers_are_kept(text: str) -> None:
    assert redact(text) == Redaction(text=text, counts={})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The agent read out 078\u201305\u20131120 on a recorded line!", "The agent read out [SSN] on a recorded line!"),
        ("The agent read out 078\u201405\u20141120!", "The agent read out [SSN]!"),  # em dashes
        ("The agent read out 078/05/1120 on a recorded line!", "The agent read out [SSN] on a recorded line!"),
        ("Why does a cashback offer need SS#078051120?", "Why does a cashback offer need SS#[SSN]?"),
        ("SS no. 078 05 1120 is on the form", "SS no. [SSN] is on the form"),
        ("Why does a cashback offer need 078-05 1120?", "Why does a cashback offer need [SSN]?"),
        ("it wants 078 05-1120 again", "it wants [SSN] again"),
    ],
)
def test_ssns_in_more_notations(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "order 078-05 1120 and ref 078/05/1120",  # not the hyphenated notation: named as references
        "versions 123.45-6789 and 123/45.6789",  # two different separators
        "666\u201312\u20133456 and 123/00/4567",  # never issued
        "runs 1\u2013123\u201345\u20136789 and 12/123/45/6789",  # part of a longer run
        "the SS 07805 1120 docked at pier 4",  # "SS" without "#" or "no." names no SSN
    ],
)
def test_lookalikes_of_ssn_notations_are_kept(text: str) -> None:
    assert redact(text) == Redaction(text=text, counts={})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my iban is DE 89 3704 0044 0532 0130 00 (new)", "my iban is [IBAN] (new)"),
        ("my iban is NO 93 86011117947 (new)", "my iban is [IBAN] (new)"),
        ("Refund to GB82  WEST  1234  5698  7654  32, holder as booked.", "Refund to [IBAN], holder as booked."),
        ("Refund to DE89  3704  0044  0532  0130  00.", "Refund to [IBAN]."),
    ],
)
def test_ibans_with_the_country_apart_or_double_spaced(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "DE 88 3704 0044 0532 0130 00 fails its check digits",
        "MEET AT 12 NOON AT GATE 5 ON THE 3RD OF MAY PLEASE",
        "meet at 12 noon at gate 5 on the 3rd of may please",
    ],
)
def test_lookalikes_of_spaced_ibans_are_kept(text: str) -> None:
    assert redact(text).counts.get("IBAN") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Email: jane.doe@gmail dot com\nOrder: #1883847", "Email: [EMAIL]\nOrder: #1883847"),
        ("write to jane@yahoo dot co dot uk", "write to [EMAIL]"),
        ("send the invoice to wei . adeyemi @ web . de not my old one", "send the invoice to [EMAIL] not my old one"),
        ("send it to jane @ example . com.", "send it to [EMAIL]."),
        ("the receipt went to mailto:jane.doe+cx@gmail.com?", "the receipt went to [EMAIL]?"),
        ("<a href=MAILTO:help@example.org>", "<a href=[EMAIL]>"),
        ("write to jane (at) gmail . com", "write to [EMAIL]"),
    ],
)
def test_emails_with_spelled_or_spaced_dots_and_mailto(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the os isn't mine but rather @Apple . App is new", "the os isn't mine but rather [HANDLE] . App is new"),
        ("thanks @ Apple . App is new", "thanks @ Apple . App is new"),  # a new sentence, not a TLD
        ("Get it while you can. Exclusively at amazon.com", "Get it while you can. Exclusively at [URL]"),
        ("Please refund asap. jane@gmail dot com", "Please refund asap. [EMAIL]"),  # the sentence's end kept
        ("meet @ the gate . com was down", "meet @ the gate . com was down"),
        ("ask jane (at) home . Then we left", "ask jane (at) home . Then we left"),
    ],
)
def test_spaced_dots_do_not_join_sentences_into_an_address(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the checkout at acme.shop/b/qn50uc keeps timing out", "the checkout at [URL] keeps timing out"),
        ("Screenshots are here (see hotel.travel/returns/x1).", "Screenshots are here (see [URL])."),
        ("track it at my.parcel.delivery/track?id=7", "track it at [URL]"),
    ],
)
def test_bare_domains_with_a_generic_tld_and_a_path(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "expensive coupon coupon.deals strongly recommend",  # no path: a missing space
        "in flight azure print.today and love them",
        "late.now/then it is fine",  # "now" is a TLD, not one in customer links
        "Nice store.Shop assistants were rude",
    ],
)
def test_words_after_a_missing_space_are_not_generic_tld_links(text: str) -> None:
    assert redact(text) == Redaction(text=text, counts={})


# ------------------------------------- numbers read as candidates, not matched form by form

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Dashes and spaces of other kinds, as pasted from a PDF, Word or a contact card: the
        # number is found as if typed plainly and the text keeps its own characters.
        ("SSN 078\u2012""05\u20121120 \u2014 please delete", "SSN [SSN] \u2014 please delete"),  # figure dashes
        ("it shows 078\u221205\u22121120", "it shows [SSN]"),  # minus signs
        ("call\u00a0+49\u202f30\u202f1234567", "call\u00a0[PHONE]"),  # narrow no-break spaces
        ("card 4111\u20091111\u20091111\u20091111 declined", "card [CARD] declined"),  # thin spaces
        # Fullwidth digits (a Japanese keyboard): found, and no longer an error.
        ("card \uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11 ok", "card [CARD] ok"),
        ("tel \uff10\uff13-\uff11\uff12\uff13\uff14-\uff15\uff16\uff17\uff18", "tel [PHONE]"),
    ],
)
def test_numbers_in_any_dash_space_or_digit_characters(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "phone",
    [
        "+48 512 345 678",  # Poland
        "+420 601 123 456",  # Czechia
        "0664 1234567",  # Austria, mobile
        "070-123 45 67",  # Sweden, mixed separators
        "0532 123 45 67",  # Turkey
        "090-1234-5678",  # Japan
        "(03) 9123 4567",  # Australia, Melbourne
        "8 (495) 123-45-67",  # Russia, trunk 8 and the area code in brackets
        "011 44 20 7946 0958",  # dialled from North America
        "0049-30-1234567",
        "+1 (415)5552671",
        "(07700) 900123",
        "0812-3456-7890",  # Indonesia, twelve digits
        "415 555 26 71",
        "12 34 56 78",  # Denmark: pairs, after a phone word
    ],
)
def test_phone_numbers_of_many_countries_after_a_phone_word(phone: str) -> None:
    result = redact(f"pls ring me on {phone} tonight")
    assert result.text == "pls ring me on [PHONE] tonight"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0664 1234567 is my mobile, text me", "[PHONE] is my mobile, text me"),  # the cue after it
        ("9876543210 (whatsapp) for photos", "[PHONE] (whatsapp) for photos"),
        ("I left 0412 34 56 78 as my contact number", "I left [PHONE] as my contact number"),
        ("Landline\n0118 496 0000\nafter 6pm please", "Landline\n[PHONE]\nafter 6pm please"),  # label above
        ("M: 07700 900123", "M: [PHONE]"),  # a signature's letter
        ("Call 0664 1234567 / 0316 123456 about my booking", "Call [PHONE] / [PHONE] about my booking"),
        ("mob 0412-345-678/0413-111-222", "mob [PHONE]/[PHONE]"),
        ("Tel-0412 345 678", "Tel-[PHONE]"),  # glued to its label by a hyphen
    ],
)
def test_phone_cues_after_above_and_between_numbers(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Structure alone: a "+", a North American grouping, an area code in brackets, a
        # national number after a trunk 0, ten digits grouped as phone numbers are.
        ("(+353) 87 123 4567 anytime", "[PHONE] anytime"),
        ("(55) 91234-5678 anytime", "[PHONE] anytime"),
        ("0151 2345 6789 anytime", "[PHONE] anytime"),
        ("300 1234567 anytime", "[PHONE] anytime"),
        ("98100-12345 anytime", "[PHONE] anytime"),
    ],
)
def test_numbers_that_are_phone_numbers_by_their_grouping_alone(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Nine digits in three groups of three: an SSN, unless a phone word says otherwise.
        ("I typed 512 345 678 twice", "I typed [SSN] twice"),
        ("they said they'd call 512 345 678 back", "they said they'd call [PHONE] back"),
        ("my landline 612 34 56 78 (Spain)", "my landline [PHONE] (Spain)"),
        # 3-2-4 is the SSN's own grouping, whatever the words around it.
        ("call about 512-34-5678 please", "call about [SSN] please"),
        # An ITIN (IRS: area 9xx, group 50-65, 70-88, 90-92 or 94-99) is as personal.
        ("the form shows 912-70-1234", "the form shows [SSN]"),
        ("taxpayer id 912701234 rejected", "taxpayer id [SSN] rejected"),
        ("S.S.N. 078051120", "S.S.N. [SSN]"),
        ("my social is 078051120", "my social is [SSN]"),
        ("SSN-078-05-1120", "SSN-[SSN]"),
        ("Social Insurance Number 046 454 286", "Social Insurance Number [SSN]"),  # Canada
        ("my NI number is AB123456C", "my NI number is [SSN]"),  # UK National Insurance
        ("NI: AB 12 34 56 C.", "NI: [SSN]."),
    ],
)
def test_nine_digits_are_an_ssn_or_a_phone_number_by_the_words_around_them(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_itin_ranges_follow_the_irs() -> None:
    assert itin_valid("912", "70", "1234") and itin_valid("999", "94", "0001")
    assert not itin_valid("912", "66", "1234")  # group 66-69 is no ITIN
    assert not itin_valid("912", "93", "1234")
    assert not itin_valid("812", "70", "1234")  # area not 9xx
    assert redact("number 912-66-1234 here").text == "number 912-66-1234 here"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me on four one five five five five two six seven one", "call me on [PHONE]"),
        ("text 4 1 5 5 5 5 2 6 7 1 when here", "text [PHONE] when here"),
        ("ssn zero seven eight zero five one one two zero", "ssn [SSN]"),
    ],
)
def test_digits_typed_one_by_one_or_spelled_out(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "we met on 12.05.2026 and again 2026/05/19",  # dates with a four-digit year
        "open 0800-2000, call between 0900-1730",  # clock times joined by a dash
        "prices rose 2019-2023",
        "router at 192.168.100.254 reboots",  # an IPv4 address
        "the total was 123 456 789 dong",  # a currency after it
        "paid € 1 234 567 in fees",  # and before it
        "we have 12 345 678 members",  # thousands, with a count after them
        "UPS 1Z 999 AA1 01 2345 6784 is stuck",  # the tail of a code of letters and digits
        "claims Ref#1-2990176298, 1-3001885409 and 1-3001885410",  # listed after a named reference
        "Skymiles number 9876543219 missing miles",
        "Marriott Bonvoy 123456789 not credited",
        "the number of shares is 9 540 000",
        "model 67000 - 67007 is a range",
        "Chrome 118.0.5993.117 and Windows 10.0.19045.3693",
        "call 911, then 112",
        "room 1205 and 1207, seats 14A-14C",
    ],
)
def test_harmless_numbers_near_and_far_from_phone_words_are_kept(text: str) -> None:
    assert redact(text) == Redaction(text=text, counts={})


def test_a_luhn_valid_imei_is_no_card() -> None:
    # 490154203237518: the IMEI example of the GSMA/3GPP TS 23.003 literature; Luhn-valid.
    assert luhn_valid("490154203237518")
    assert redact("IMEI 490154203237518 on the box").text == "IMEI 490154203237518 on the box"
    assert redact("card 4111/1111/1111/1111 declined").text == "card [CARD] declined"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("paid from GB82 WEST 1234\n5698 7654 32 on Monday", "paid from [IBAN] on Monday"),  # broken over lines
        ("IBAN DE89.3704.0044.0532.0130.00 please", "IBAN [IBAN] please"),
        ("iban: de 89 3704 0044 0532 0130 00", "iban: [IBAN]"),  # lower case, country apart
        ("IBAN: DE 8937 0400 4405 3201 3000", "IBAN: [IBAN]"),
        ("IBAN: CH93-0076-2011-6238-5295-7.", "IBAN: [IBAN]."),
    ],
)
def test_ibans_in_any_grouping(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to siobhan.o'sullivan@example.ie", "write to [EMAIL]"),
        ("mail josé.muñoz@correo.es today", "mail [EMAIL] today"),
        ("jane<at>example<dot>com", "[EMAIL]"),
        ("jane[@]example[.]com", "[EMAIL]"),
        ("jane@example[.]com", "[EMAIL]"),
        ("jane -at- example -dot- com", "[EMAIL]"),
        ("see example.com?ref=12 or example.org:8080/x", "see [URL] or [URL]"),
    ],
)
def test_emails_with_apostrophes_accents_and_obfuscations(text: str, expected: str) -> None:
    assert redact(text).text == expected


# ------------------------------------------------ issue #18: classes of failure, not strings
# Every card number below is one of the schemes' published test numbers (Luhn-valid by
# construction), written the way a customer mis-types or pastes it.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Any grouping of the whole number, one separator throughout (an issuer's range
        # and its card length, and Luhn, decide).
        ("The card 41111 1111 1111 111 was charged twice.", "The card [CARD] was charged twice."),  # 5-4-4-3
        ("Refund 411 11111 1111 1111 please, that's the one I paid with", "Refund [CARD] please, that's the one I paid with"),
        ("Paid with 55555555 5555 4444 at the desk", "Paid with [CARD] at the desk"),  # 8-4-4
        ("Paid with 555555555555 4444 at the desk", "Paid with [CARD] at the desk"),  # 12-4
        ("amex 37828 22463 10005 was declined", "amex [CARD] was declined"),  # Amex as 5-5-5
        # Broken over a line by a mail client or typed over two lines, in a card's layout.
        ("They keyed in 5555 5555\n5555 4444 over the phone.", "They keyed in [CARD] over the phone."),
        ("Card:\n6011 1111 1111\n1117\nExp 09/28", "Card:\n[CARD]\nExp 09/28"),
        # Other separators: underscores, en dashes, commas between fours, fullwidth digits.
        ("My card (6011_1111_1111_1117) was billed.", "My card ([CARD]) was billed."),
        ("billed 4012–8888–8888–1881 on Friday", "billed [CARD] on Friday"),
        ("card 5105,1051,0510,5100 declined", "card [CARD] declined"),
        ("カード ５５５５ ５５５５ ５５５５ ４４４４ です", "カード [CARD] です"),
        # A digit or two at a time after a word that names the card; spelled out.
        ("my visa is 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 ok", "my visa is [CARD] ok"),
        ("card number 40 12 88 88 88 88 18 81", "card number [CARD]"),
        ("my visa is four zero one two eight eight eight eight eight eight eight eight one eight eight one",
         "my visa is [CARD]"),
    ],
)
def test_cards_in_any_grouping_separator_or_line_break(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Order 41111 1111 1111 111 never shipped",  # a Luhn-valid card number, named as an order
        "The card 41111 1111 1111 112 was charged twice.",  # fails Luhn
        "Reference 90000 0000 0000 001 on the letter",  # Luhn-valid, no issuer's range
        "Reference 9000 0000 0000 0001 on the letter",
        "Refs:\n12345678\n98765437",  # Luhn-valid as 16 digits, but two numbers of 8 on their own lines
        "The invoice total was 340,123,456,789,014 dong",  # an amount's thousands (Luhn-valid, Amex range)
        "lottery numbers 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",  # digits one at a time, no card word
        "card ending in 1111 was declined",
    ],
)
def test_lookalikes_of_mis_grouped_cards_are_kept(text: str) -> None:
    assert redact(text) == Redaction(text=text, counts={})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Separators mistyped between the domain's labels.
        ('"priya.k@gmail,com" is the login that will not reset', '"[EMAIL]" is the login that will not reset'),
        ("send it to tom_w@hotmail.co,uk thanks", "send it to [EMAIL] thanks"),
        ("send it to tom_w@outlook..com thanks", "send it to [EMAIL] thanks"),
        ("send it to tom_w@outlook;com thanks", "send it to [EMAIL] thanks"),
        ("send it to tom@gmail com thanks", "send it to [EMAIL] thanks"),
        ("send it to tom@ gmail . com thanks", "send it to [EMAIL] thanks"),
        ("send it to tom@gmailcom thanks", "send it to [EMAIL] thanks"),  # the dot left out
        ("send it to tom.w@@gmail.com thanks", "send it to [EMAIL] thanks"),
        # An East Asian keyboard's @ and full stops; an internationalised domain.
        ("メール tom.w＠gmail.com まで", "メール [EMAIL] まで"),
        ("メール tom。w@gmail。com まで", "メール [EMAIL] まで"),
        ("пишите на иван@почта.рф", "пишите на [EMAIL]"),
        # Wrapped by a mail client.
        ("my address is tom.walsh@\nbtinternet.com if needed", "my address is [EMAIL] if needed"),
        ("my address is tom.walsh@btinternet.\ncom if needed", "my address is [EMAIL] if needed"),
        # A spelled, bracketed or spaced "at" before a provider's name and no TLD.
        ("contact conor.byrne at eircom pls not the old one", "contact [EMAIL] pls not the old one"),
        ("email me, I'm tom77 at hotmail", "email me, I'm [EMAIL]"),
        ("my email is conorbyrne at gmail", "my email is [EMAIL]"),
        ("my email is conorbyrne at gmail,com", "my email is [EMAIL]"),
        ("write to conor.byrne @ outlook", "write to [EMAIL]"),
        ("conor dot byrne (at) yahoo", "[EMAIL]"),
        ("conor(dot)byrne(at)gmail(dot)com", "[EMAIL]"),
        ("reach me on conor.byrne at gmail . com", "reach me on [EMAIL]"),
    ],
)
def test_emails_mistyped_wrapped_or_without_a_tld(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I was looking at gmail yesterday", "I was looking at gmail yesterday"),
        ("the guys at yahoo are useless", "the guys at yahoo are useless"),
        ("I read it at Yahoo, then again at Yahoo news", "I read it at Yahoo, then again at Yahoo news"),
        ("thanks @gmail for nothing", "thanks [HANDLE] for nothing"),  # a tweet's handle, not an address
        ("we stayed at home,then left", "we stayed at home,then left"),
        ("write to tom@example.com,thanks", "write to [EMAIL],thanks"),
        ("tom@yahoo.co.in is my email", "[EMAIL] is my email"),  # the whole domain, not "yahoo.co"
        ("Sunday @ MCO. Com was the worst", "Sunday @ MCO. Com was the worst"),
    ],
)
def test_lookalikes_of_mistyped_emails_are_kept(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The formats issue #18 listed as leaking, each in a sentence that does not name it.
        ("You can write to me at jane at example dot com instead.", "You can write to me at [EMAIL] instead."),
        ("The receipt went to jane.doe@example and bounced.", "The receipt went to [EMAIL] and bounced."),
        ("From abroad dial 0044 20 7946 0958 and ask for me.", "From abroad dial [PHONE] and ask for me."),
        ("Text me on 4155552671 when the parcel is out.", "Text me on [PHONE] when the parcel is out."),
        ("Our office is (020) 7946-0958, I'm there until 5.", "Our office is [PHONE], I'm there until 5."),
        ("Try 415/555-2671 after six.", "Try [PHONE] after six."),
        ("It took 4111.1111.1111.1111 twice for one booking.", "It took [CARD] twice for one booking."),
        ("Refund to GB82-WEST-1234-5698-7654-32 please.", "Refund to [IBAN] please."),
        ("The form rejected 536221234 again.", "The form rejected [SSN] again."),
        ("The form rejected 536 22 1234 again.", "The form rejected [SSN] again."),
        ("The form rejected 536.22.1234 again.", "The form rejected [SSN] again."),
    ],
)
def test_the_formats_issue_18_found_leaking(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_a_barcode_split_after_its_first_digit_is_no_international_number() -> None:
    text = "Barcode 0 062170 258625 rang up at the wrong price"  # UPC: number system 0, not a "00" prefix
    assert redact(text) == Redaction(text=text, counts={})
    assert redact("call me on 0044 20 7946 0958").text == "call me on [PHONE]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A "00" international prefix inside brackets, with no word saying it is a phone
        # number: the bracket is the one around the number, as "(+49 ...)" would be.
        ("Two missed rings (0049 151 2345 6789) this morning.", "Two missed rings ([PHONE]) this morning."),
        ("Numbers tried so far (0033 6 12 34 56 78), none answered.", "Numbers tried so far ([PHONE]), none answered."),
        ("Still waiting (011 44 20 7946 0958) for anyone.", "Still waiting ([PHONE]) for anyone."),
        # ... and not after a word naming a reference, nor a short bag tag.
        ("Order ref (0049 151 2345 6789) is missing.", "Order ref (0049 151 2345 6789) is missing."),
        ("Bag tag (0016 964012) went missing.", "Bag tag (0016 964012) went missing."),
    ],
)
def test_a_double_zero_number_in_brackets_is_a_phone_number(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Nine digits in three groups of three after a way to reach someone, in several
        # languages: a mobile number as much of Europe writes it, not an SSN.
        ("Proszę o kontakt na numer 612 345 678 po 17.", "Proszę o kontakt na numer [PHONE] po 17."),
        ("Contacto: 612 345 678, gracias", "Contacto: [PHONE], gracias"),
        ("Per contatto 347 218 905 grazie", "Per contatto [PHONE] grazie"),
        ("Bitte Kontakt unter 612-345-678 aufnehmen", "Bitte Kontakt unter [PHONE] aufnehmen"),
        # An SSN word still names an SSN, whatever else is said.
        ("Please contact me, my SSN is 231 457 892", "Please contact me, my SSN is [SSN]"),
    ],
)
def test_three_groups_of_three_after_a_contact_word_are_a_phone_number(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # Slash-joined fields of a date or a reference: no phone number starts inside them.
        "Billing cycle 03/06/2023 - 02/07/2023 was wrong",
        "Ring re case 2021/07/0612-345-678",
        # North American grouping, but named as a reference with its number word.
        "Invoice no. 212-555-0147 is wrong",
        "Order ID 415-208-3391 arrived damaged",
    ],
)
def test_dates_and_numbered_references_that_look_like_phone_numbers_are_kept(text: str) -> None:
    assert redact(text).text == text


def test_phone_numbers_listed_with_a_slash_are_still_found() -> None:
    assert redact("call 0612 345 678 / 0208 123 4567").text == "call [PHONE] / [PHONE]"
    assert redact("call me at 212-555-0147").text == "call me at [PHONE]"


def test_free_text_a_person_types_is_redacted_like_comment_text() -> None:
    assert redact_free_text("Customer wants a call on 020 7946 0958, card 5555 5555\n5555 4444") == (
        "Customer wants a call on [PHONE], card [CARD]"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me back on 020 7946 0958 X 12 after lunch", "call me back on [PHONE] after lunch"),
        ("the right one is (+1 202-555-0173 ext#31) not the old", "the right one is ([PHONE]) not the old"),
        ("desk line 202-555-0173 ext: 3", "desk line [PHONE]"),
        ("call 202-555-0173 x 2 times", "call [PHONE] x 2 times"),  # a count, not an extension
    ],
)
def test_extensions_written_with_a_hash_colon_or_spaced_capital_x(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a quoted mailbox (RFC 5322) is one address, not a name and a handle
        ('write to "mary jones"@example-law.com please', "write to [EMAIL] please"),
        # a space before the "@" and a country TLD
        ("reply to: joao.silva @mail.pt", "reply to: [EMAIL]"),
        ("contact maria.rossi @libero.it for it", "contact [EMAIL] for it"),
        # spelled joiners and a country TLD spelled after "dot"
        ("it is mary underscore ann at yahoo dot com", "it is [EMAIL]"),
        ("write anna_b AT posteo DOT de", "write [EMAIL]"),
        # a provider's address with its TLD after a space or a slash
        ("mail: k.weber@gmx de", "mail: [EMAIL]"),
        ("pls send to olga.ivanova@yandex/ru", "pls send to [EMAIL]"),
        # spelled letter by letter, or wrapped at a hyphen
        ("gave it as j o h n . d o e @ gmail . com on the call", "gave it as [EMAIL] on the call"),
        ("mail is anne.smith-\njones@gmail.com thanks", "mail is [EMAIL] thanks"),
    ],
)
def test_emails_quoted_spaced_spelled_or_wrapped(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # named as a card but failing Luhn (4111 1111 1111 1112: the published test number, last digit off)
        ("my visa 4111 1111 1111 1112 was declined", "my visa [CARD] was declined"),
        ("Carte bancaire : 3782 822463 10006 merci", "Carte bancaire : [CARD] merci"),
        ("its 4111-1111-1111-1112 expiry 09/27", "its [CARD] expiry 09/27"),
        # halves on two lines, Luhn-valid (the published Visa test number)
        ("refund to 41111111\n11111111 pls", "refund to [CARD] pls"),
    ],
)
def test_numbers_named_as_cards_or_split_in_halves(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "order 4111 1111 1111 1112 has not arrived",  # no card word: Luhn decides
        "card games: 4111 1111 1111 111 players",  # no card's layout
        "invoices 41234567\n41234568 both unpaid",  # halves of no issuer's number on two lines
    ],
)
def test_card_lookalikes_without_a_card_word_or_layout_are_kept(text: str) -> None:
    assert redact(text).text == text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SSN 219_09_9999 for the check", "SSN [SSN] for the check"),
        ("Llámame al 612 34 56 78", "Llámame al [PHONE]"),
        ("telemóvel 912 345 678", "telemóvel [PHONE]"),
        # a reference named right before: not an SSN or a number dialled from abroad
        ("Part no. 219-09-9999 is out of stock", "Part no. 219-09-9999 is out of stock"),
        ("Transaction reference 0049301234567890 for EUR 10", "Transaction reference 0049301234567890 for EUR 10"),
    ],
)
def test_ssn_underscores_phone_words_of_other_languages_and_named_references(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # values between the commas of an export row
        ("2026-01-05,4111 1111 1111 1111,129.99,EUR,declined", "2026-01-05,[CARD],129.99,EUR,declined"),
        ("2026-01-05,378282246310005,10.00,EUR", "2026-01-05,[CARD],10.00,EUR"),
        ("Doe,John,219-09-9999,1980-01-01", "Doe,John,[SSN],1980-01-01"),
        ("1001,Sato,090 1234 5678,JP,promoter", "1001,Sato,[PHONE],JP,promoter"),
        # Japanese runs on without a space
        ("090-1234-5678までお電話ください", "[PHONE]までお電話ください"),
        # "my number" in other languages; a chat's speaker label is no reference
        ("Mi número es 612345678", "Mi número es [PHONE]"),
        ("Llámenme al 612 34 56 78 por la tarde", "Llámenme al [PHONE] por la tarde"),
        ("Customer: its 219.09.9999\nAgent: thanks", "Customer: its [SSN]\nAgent: thanks"),
        # the country and area codes on the line before
        ("Tel: +44 20\n7946 0958 mornings", "Tel: [PHONE] mornings"),
    ],
)
def test_export_rows_other_scripts_and_languages_and_numbers_across_lines(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "NIP 123-456-32-18 na fakturze jest błędny",  # a Polish company tax number
        "a total of 12,345,678 views",  # thousands
        "totals 1,2345 and 3,4567 in the sheet",  # decimals with a comma
    ],
)
def test_company_numbers_thousands_and_decimal_commas_are_kept(text: str) -> None:
    assert redact(text).text == text


@pytest.mark.parametrize(
    "text, expected",
    [
        # regional networks and lengths, with a card word in the customer's language
        ("Kart numaram 9792 0000 0000 0001, iade?", "Kart numaram [CARD], iade?"),
        ("Meine Kartennummer: 6011 0009 9013 9424, danke", "Meine Kartennummer: [CARD], danke"),
        ("card_number=6761 0000 0000\nexpiry=12/29", "card_number=[CARD]\nexpiry=12/29"),
        ("le numéro de carte est 4 2 2 2 2 2 2 2 2 2 2 2 2 et voilà", "le numéro de carte est [CARD] et voilà"),
        # "at" and "dot" spelled in other languages, or an address typed a letter at a time
        ("Escríbanme a: ana1980 arroba gmail punto com", "Escríbanme a: [EMAIL]"),
        ("meu e-mail é rui22 arroba terra ponto com ponto br", "meu e-mail é [EMAIL]"),
        ("Email me (j o e 2 4 @ l i v e . c o m) later", "Email me ([EMAIL]) later"),
        # a mailbox wrapped inside a word, or after its dot following words about mail
        ("neue Mail ist anna.b\nerger@web.de danke", "neue Mail ist [EMAIL] danke"),
        ("send the invoice to smith.\njohn@gmail.com thanks", "send the invoice to [EMAIL] thanks"),
        # an international number broken over a line; an extension says phone
        ("Tél : +32 2 555\n12 34", "Tél : [PHONE]"),
        ("Oficina: 91 555 12 34 ext. 454", "Oficina: [PHONE]"),  # the extension goes with it
        ("Rückruf bitte unter 01 555 02 23.", "Rückruf bitte unter [PHONE]."),
        ("Mi número de seguro social es 219099999, gracias", "Mi número de seguro social es [SSN], gracias"),
    ],
)
def test_regional_cards_foreign_spellings_wrapped_mailboxes_and_numbers(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Vergi No: 0192587340",  # a Turkish tax number
        "Org.nr 556890-4977",  # a Swedish company number
        "Nr zamówienia 080-144-431-703",  # a Polish order number
        "Thanks for the help.\nSee you soon",  # a sentence's full stop before a line break
    ],
)
def test_tax_company_and_order_numbers_of_other_countries_are_kept(text: str) -> None:
    assert redact(text).text == text


@pytest.mark.parametrize(
    "text, expected",
    [
        # Japanese, Chinese and Korean run the number on without a space
        ("二重請求されました。カードは4111 1111 1111 1111です。", "二重請求されました。カードは[CARD]です。"),
        ("我的银行卡号是4111-1111-1111-1111，被重复扣款了。", "我的银行卡号是[CARD]，被重复扣款了。"),
        ("お客様：電話番号は０９０－１２３４－５６７８です", "お客様：電話番号は[PHONE]です"),
        ("折り返しは+81 3-4388-9725までお願いします。", "折り返しは[PHONE]までお願いします。"),
        # call words and "my number" in Portuguese, Czech and Norwegian
        ("Por favor me liguem no 212 744 465 amanhã", "Por favor me liguem no [PHONE] amanhã"),
        ("Zákazník: moje číslo je 752 686 892", "Zákazník: moje číslo je [PHONE]"),
        # a spelled mailbox with spelled dots, Danish and Finnish "at"
        ("Escríbeme: lucia punto garcia arroba gmail punto com", "Escríbeme: [EMAIL]"),
        ("skriv til frejan11 snabel-a jubii punktum dk tak", "skriv til [EMAIL] tak"),
    ],
)
def test_cjk_text_and_more_languages_around_numbers_and_addresses(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    ["사업자등록번호 700-27-42822", "ΑΦΜ 390476373", "2026年12月05日 10時30分"],
)
def test_business_and_tax_numbers_and_cjk_dates_are_kept(text: str) -> None:
    assert redact(text).text == text


# ------------------------- classes held-out set 10's first run found: call words of more languages,
# numbers wrapped over a line, "at" and "dot" of other kinds, links glued to CJK text, and
# reference numbers named in other languages (kept)

@pytest.mark.parametrize(
    "text, expected",
    [
        # Danish, Norwegian and Swedish call words and "reach me at", national numbers grouped or not
        ("Du kan ringe til mig på 31 42 75 86 i dag", "Du kan ringe til mig på [PHONE] i dag"),
        ("Kan du ringe meg på 92345678?", "Kan du ringe meg på [PHONE]?"),
        ("Dere kan nå meg på 412 55 903.", "Dere kan nå meg på [PHONE]."),
        ("Ni når mig på 0 736 512 904 efter tre.", "Ni når mig på [PHONE] efter tre."),
        ("I kan ringe til mig på 314.275.86.", "I kan ringe til mig på [PHONE]."),
        # Czech, Polish, Hungarian and Greek call words (nine digits there are no SSN)
        ("Zavolejte mi na 604 218 937, děkuji", "Zavolejte mi na [PHONE], děkuji"),
        ("Proszę zadzwonić pod 512 348 907", "Proszę zadzwonić pod [PHONE]"),
        ("Kérem hívjon a 301234567 számon", "Kérem hívjon a [PHONE] számon"),
        ("Μπορείτε να με καλέσετε στο 2101056789.", "Μπορείτε να με καλέσετε στο [PHONE]."),
        ("Handynr 412337908 bitte", "Handynr [PHONE] bitte"),  # a compound naming a phone number
        # Russian, Finnish and German call words
        ("Позвоните мне по номеру 912 345 678", "Позвоните мне по номеру [PHONE]"),
        ("Soittakaa numeroon 401234567", "Soittakaa numeroon [PHONE]"),
        ("Ruf mich unter 41233790 an", "Ruf mich unter [PHONE] an"),
        # pairs with a digit too many after a call word
        ("Call me back on 06 12 34 56 78 9 please", "Call me back on [PHONE] please"),
        # a number wrapped over a line after a phone word (Chinese: the word glued to the number)
        ("Please ring me on 07911\n123456 after six", "Please ring me on [PHONE] after six"),
        ("客户：手机号139-\n1234-5678，谢谢", "客户：手机号[PHONE]，谢谢"),
        ("Telefon +49 30\n12345678 abends", "Telefon [PHONE] abends"),
    ],
)
def test_call_words_of_more_languages_and_numbers_wrapped_over_a_line(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Dutch spelled "at" and "dot"; foreign "dot" in brackets; "(a)" and "#" typed for the "@"
        ("Mail mij op pieter77 apenstaartje ziggo punt nl graag", "Mail mij op [EMAIL] graag"),
        ("Kontakt: anna.b [at] beispiel-firma [punkt] de bitte", "Kontakt: [EMAIL] bitte"),
        ("escríbeme a ana.r [arroba] correo [punto] es", "escríbeme a [EMAIL]"),
        ("Mijn adres: j.devries(a)hetnet.nl", "Mijn adres: [EMAIL]"),
        ("我的邮箱是wangfang88#163.com，谢谢", "我的邮箱是[EMAIL]，谢谢"),
        ("邮箱：li.na＃qq.com", "邮箱：[EMAIL]"),
        # a link glued to Japanese or Chinese text ends where that text starts
        ("詳しくはhttps://example.jp/faq?id=12をご覧ください", "詳しくは[URL]をご覧ください"),
        ("网址www.example.cn/help。谢谢", "网址[URL]。谢谢"),
    ],
)
def test_emails_with_other_at_and_dot_signs_and_links_glued_to_cjk_text(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bug #4471 in C#.NET again", "Bug #4471 in C#.NET again"),  # no "#" address
        ("clause (a) example.com applies", "clause (a) [URL] applies"),  # "(a)" with spaces is no "@"
        ("Crashes in ADO.NET and VB.NET since the update", "Crashes in ADO.NET and VB.NET since the update"),
        ("see comcast.net for the outage", "see [URL] for the outage"),
        ("Når 41255903 er betalt, send varen.", "Når 41255903 er betalt, send varen."),  # "when", no person after it
        ("Call volume was 120\n45 agents on shift", "Call volume was 120\n45 agents on shift"),
        ("Phone: 020 7946 0958\n12 bags lost", "Phone: [PHONE]\n12 bags lost"),
    ],
)
def test_lookalikes_of_the_new_email_link_and_phone_forms(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # order, customer, contract, shipment numbers named in Polish, Czech, Italian, Spanish,
        # German, Dutch, Swedish, Hungarian and Chinese: nine digits are no SSN, ten no phone number
        "Zamówienie nr 412 337 908 nadal nie dotarło",
        "Numer klienta 412337908, proszę o kontakt",
        "Numero cliente 4123379081, ordine in ritardo",
        "Número de pedido 412-33-7908 sin entregar",
        "Číslo objednávky 4123379081 stále nedorazilo",
        "Objednávka č. 412 337 908 nedorazila",
        "Kundennummer 412 337 908, Vertragsnummer: 412-33-7908",
        "Sendungsnummer 4123379081 ist falsch",
        "Klantnummer 412337908, bestelling 4123379081",
        "Ordernummer 412337908 har inte kommit",
        "Rendelésszám: 412337908, még nem érkezett meg",
        "订单号 412337908 还没到",
        "Номер заказа 412337908 не пришёл",
        "Tilaus 412337908 ei ole saapunut",
        "Comanda 412337908 nu a ajuns",
        "Customer ID 412-33-7908 on the invoice",
        # a ZIP+4 code after its state, with a call word after it
        "Springfield IL 62704-1234, call me after 5",
        # a merchant's number in a card statement's descriptor
        "Statement shows SQ *CORNER CAFE 4155550123 twice",
        # a reference that opens like a card and goes on in the same grouping
        "Ref. 4111 1111 1111 1111 23 (mandate reference)",
    ],
)
def test_references_named_in_other_languages_and_merchant_numbers_are_kept(text: str) -> None:
    assert redact(text).text == text


@pytest.mark.parametrize(
    "text, expected",
    [
        # a compound naming a person's number still names an SSN; a card's expiry after it stays a card
        ("Sozialversicherungsnummer 412 33 7908", "Sozialversicherungsnummer [SSN]"),
        ("card 4111 1111 1111 1111 12 27", "card [CARD] 12 27"),
        ("Please text me 4155550123", "Please text me [PHONE]"),
    ],
)
def test_person_numbers_cards_and_phones_next_to_the_new_reference_rules(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "at" and "dot" spelled in Norwegian, Greek, Korean and French; German "(ät)" in brackets
        ("svar til kari.nordmann krøllalfa online punktum no takk", "svar til [EMAIL] takk"),
        ("email: maria-georgiou παπάκι yahoo τελεία gr", "email: [EMAIL]"),
        ("메일: kim.minji 골뱅이 daum 점 net", "메일: [EMAIL]"),
        ("écrivez à paul.girard arobase free point fr svp", "écrivez à [EMAIL] svp"),
        ("Adresse: jonas.weber(ät)beispiel.de", "Adresse: [EMAIL]"),
        ("írjon a kovacs.anna kukac freemail pont hu címre", "írjon a [EMAIL] címre"),
        ("пишите ivan.petrov собака mail точка ru", "пишите [EMAIL]"),
        # a mail provider after a spelled "at", then a dot spelled in another language
        ("scrivimi a g.rossi at libero punto it grazie", "scrivimi a [EMAIL] grazie"),
        # a fullwidth "＠" address and a bare link glued to Japanese or Chinese text
        ("連絡はyuki.tanaka＠example.co.jpにお願いします", "連絡は[EMAIL]にお願いします"),
        ("詳しくはshop.example.co.uk/p/12345をご確認ください", "詳しくは[URL]をご確認ください"),
        ("请访问example.com/help了解详情", "请访问[URL]了解详情"),
    ],
)
def test_emails_spelled_in_more_languages_and_addresses_glued_to_cjk_text(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a contact record in CSV: its number field is a phone number, even grouped like an amount
        ("10442,Ana Sousa,ana.sousa@example.pt,912 345 678,Lisboa", "10442,Ana Sousa,[EMAIL],[PHONE],Lisboa"),
        # a field after a numeric field of four digits or more
        ("(212) 555-0147,212 48 3391,pending", "[PHONE],[SSN],pending"),
        ("(212) 555-0147,212-48-3391,open", "[PHONE],[SSN],open"),
        # Spanish "llamen", "llame" and Italian "chiamatemi" call
        ("si no contesto llamen al 91 234 56 78", "si no contesto llamen al [PHONE]"),
        ("llame al 93 456 12 34 por favor", "llame al [PHONE] por favor"),
        # cut over a line after a phone word: a national number's first part, a country code and a few digits
        ("call me on 0113 496\n0521 thanks", "call me on [PHONE] thanks"),
        ("Rückruf unter 089 / 123 456\n78 bitte", "Rückruf unter [PHONE] bitte"),
        ("ring 031-12 34\n56 tack", "ring [PHONE] tack"),
        ("chiamatemi al 0039 347\n1234567", "chiamatemi al [PHONE]"),
        ("proszę dzwonić 0048 601 234\n567", "proszę dzwonić [PHONE]"),
        ("ring mig på 31 22\n47 86 i dag", "ring mig på [PHONE] i dag"),
        # a phone word or "my number" glued to the number
        ("Rückruf unter Tel0171 234 5678", "Rückruf unter Tel[PHONE]"),
        ("Tel.089 / 123 456 78", "Tel.[PHONE]"),
        ("llamar al cel33 1234 5678!", "llamar al cel[PHONE]!"),
        ("numaram05321234567", "numaram[PHONE]"),
        # Korean "the number is", glued
        ("번호는02-345-6789입니다", "번호는[PHONE]입니다"),
    ],
)
def test_phones_and_ssns_in_csv_rows_cut_over_lines_and_glued_to_words(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # goods' numbers, even in the SSN's notation; customer and product numbers in French,
        # Japanese, Chinese and Korean
        "SKU 412-33-7908 out of stock",
        "Part 412-33-7908 arrived broken",
        "réf. produit 412 337 908 en rupture",
        "お客様番号 412-337-908 でログインできません",
        "客户编号 412337908，请查一下",
        "고객번호 412337908 조회가 안 됩니다",
        "주문 번호 41233790 확인 부탁드립니다",
        # a gift card's code is no payment card
        "gift card code 1234567890123456 says invalid",
        # decimals and thousands before a number stay what they are; a record's plain id stays
        "Revenue grew 1,250,000 to 3,400,000 last year",
        "1044273,Ana Sousa,[EMAIL],Lisboa",
        # a code glued to letters; "pont" (a bridge) and "point" in a sentence
        "Batch12345678 failed",
        "a híd pont ott van, ahol a kukac is",
        "le point de vente est au pont neuf",
    ],
)
def test_goods_and_customer_numbers_gift_cards_and_lookalikes_are_kept(text: str) -> None:
    assert redact(text).text == text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SSN 412-33-7908 on file", "SSN [SSN] on file"),
        ("my card 4111 1111 1111 1111 was charged", "my card [CARD] was charged"),
        ("전화번호 02-345-6789", "전화번호 [PHONE]"),
        # a whole number on its line and a count on the next
        ("Phone: 0113 496 0521\n12 bags lost", "Phone: [PHONE]\n12 bags lost"),
    ],
)
def test_person_numbers_cards_and_phones_next_to_the_goods_and_record_rules(text: str, expected: str) -> None:
    assert redact(text).text == expected

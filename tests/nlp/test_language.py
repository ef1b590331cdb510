"""Language check on short informal English and on clear sentences in other languages."""
from __future__ import annotations

import pytest

from voc_engine.nlp.language import LanguageGuess, detect_language
from voc_engine.nlp.redact import PLACEHOLDERS

# Short, informal customer comments as they arrive from social media, app stores and
# surveys: none of them may be flagged as another language.
ENGLISH_COMMENTS = [
    "@united thanks!!! great crew",
    "ok",
    "lol no",
    "Flight Cancelled Flightled again",
    "thx",
    "worst airline ever",
    "@JetBlue you rock 🙌",
    "still waiting on my refund...",
    "delayed AGAIN #fail",
    "oh my god LAUREN OH MY GOD OH MY GOD",
    "I Want a Plane dad",
    "love it",
    "no wifi, no food, no apology",
    "app keeps crashing",
    "never again",
    "why is my bag in Denver",
    "great service, fast delivery",
    "Card declined twice, no idea why",
    "been on hold 2 hrs",
    "staff were lovely",
    "meh",
    "SO DISAPPOINTED",
    "where is my order??",
    "I appreciate your prompt response.",
    "yes please DM me",
    "seat 14C was broken",
    "refund pls",
    "terrible customer service, will not fly again",
    "Booked via the website, got charged twice [URL]",
    "call me at [PHONE] asap",
    "AIRPORT CODE TEST GO. SLC. BOS MCO",
    "my flight is late lol",
    "@AmericanAir sucks!! #TripAdvisor [URL]",
    "the pilot was hilarious 😂",
    "gate agent was super rude",
    "1st time flying with u, not impressed",
    "I don't recognise this direct debit",
    "why doesn't my balance show the transfer",
    "tiny room mold in shower noisy street",
]

# Clear sentences (5+ words) in languages often confused with English, with the
# expected ISO 639-1 code.
OTHER_LANGUAGE_SENTENCES = [
    ("Mon vol a été annulé et personne ne m'a prévenu.", "fr"),
    ("Le service client est vraiment nul, je suis très déçu.", "fr"),
    ("Ma valise est arrivée cassée et sale.", "fr"),
    ("Mi vuelo fue cancelado y nadie me ayudó en el aeropuerto.", "es"),
    ("El personal fue muy amable y la comida estaba buena.", "es"),
    ("Quiero un reembolso porque el producto llegó roto.", "es"),
    ("Mein Flug wurde ohne Erklärung gestrichen und niemand hilft mir.", "de"),
    ("Das Personal war sehr unfreundlich und die Wartezeit war lang.", "de"),
    ("O meu voo atrasou três horas e ninguém explicou nada.", "pt"),
    ("A bagagem chegou danificada e ainda não recebi resposta.", "pt"),
    ("Il mio volo è stato cancellato senza nessun preavviso.", "it"),
    ("Il personale è stato gentile ma il cibo era freddo.", "it"),
    ("Mijn vlucht had drie uur vertraging en niemand wist waarom.", "nl"),
    ("De klantenservice reageert nooit op mijn e-mails.", "nl"),
]


@pytest.mark.parametrize("text", ENGLISH_COMMENTS)
def test_short_informal_english_is_english(text: str) -> None:
    guess = detect_language(text)
    assert guess.is_english, guess
    assert guess.code == "en"
    assert 0.0 < guess.confidence <= 1.0


@pytest.mark.parametrize(("text", "code"), OTHER_LANGUAGE_SENTENCES)
def test_other_languages_are_flagged_with_their_code(text: str, code: str) -> None:
    guess = detect_language(text)
    assert not guess.is_english, guess
    assert guess.code == code, guess
    assert guess.confidence > 0.5


def test_english_with_a_french_word_is_still_english() -> None:
    assert detect_language("the crew was great, merci beaucoup to everyone on board").is_english


@pytest.mark.parametrize("text", ["😡", "🙏🙏🙏", "12345", "!!!", "", "   ", "[EMAIL] [PHONE]", "@united #1234"])
def test_text_without_letters_is_undetermined(text: str) -> None:
    assert detect_language(text) == LanguageGuess(code="und", confidence=0.0, is_english=False)


@pytest.mark.parametrize("placeholder", list(PLACEHOLDERS.values()))
def test_every_redaction_placeholder_is_ignored(placeholder: str) -> None:
    # [NAME], [ADDRESS] and [HANDLE] were once read as words.
    text = f"{placeholder} {placeholder}, {placeholder}!"
    assert detect_language(text) == LanguageGuess(code="und", confidence=0.0, is_english=False)


def test_long_text_is_decided_on_its_opening() -> None:
    guess = detect_language("The flight was late and the staff did not care. " * 25_000)
    assert guess.is_english and guess.code == "en"


def test_other_language_inside_tweet_decorations_is_still_flagged() -> None:
    guess = detect_language("@Iberia mi maleta no ha llegado y nadie contesta el teléfono https://t.co/abc #fatal")
    assert guess.code == "es" and not guess.is_english

"""Language check: flag comments that are not English instead of scoring them.

``langid`` (its model ships inside the package) is reliable on sentences but guesses
wildly on short informal text: "lol no" or "oh my god OH MY GOD" can come back as
Latin or Welsh.  Its guess is therefore weighed against a lexical prior: the share of
tokens that are known English words (spaCy's English stop words, the VADER sentiment
lexicon and a built-in customer-experience list; words that are also function words of
French, Spanish, German, Italian, Portuguese or Dutch count half), and the share that
are function words of those languages only.  Handles, URLs, hashtag marks and redaction
placeholders are removed first.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np

from voc_engine.nlp.redact import PLACEHOLDERS

__all__ = ["LanguageGuess", "detect_language", "preload", "UNDETERMINED"]

UNDETERMINED = "und"
# langid's feature extraction is a per-byte Python loop: the opening of a long
# comment decides its language as well as the whole would.
_MAX_CHARS = 2000


@dataclass(frozen=True)
class LanguageGuess:
    """ISO 639-1 code (or ``"und"``), the confidence in it, and whether it is English."""

    code: str
    confidence: float
    is_english: bool


# Customer-experience vocabulary and internet shorthand that the stop-word and
# sentiment lists do not cover.
_CX_WORDS = """
    flight flights flighted flightled plane planes airline airlines airport airports gate
    gates crew staff attendant attendants agent agents pilot pilots captain seat seats
    seating bag bags baggage luggage suitcase delayed delay delays cancelled canceled
    cancel cancelling cancellation rebook rebooked booking booked book reservation ticket
    tickets refund refunded fee fees charge charged price prices money phone hold line
    lines queue app website online email mail check checked boarding board lost damaged
    broken missed missing connection connecting layover weather upgrade miles points
    credit voucher order ordered delivery delivered package shipping store product
    account bank card payment paid pay bill billing support manager complaint experience
    trip travel traveling travelling home family kids hotel room food drink drinks water
    coffee wifi entertainment land landed landing departure arrival arrived leave leaving
    left stuck sitting runway tarmac terminal counter desk customer customers service
    weekend morning night tonight today tomorrow yesterday hour hours hrs hr minutes mins
    day days week weeks month year time times code test dm follow fleet claim question
    late early u ur r thanks thank thx ty pls plz lol omg wtf smh lmao tho ok okay yeah yep nope guys oh god
    got get gets getting going gone went want wanted need needed know think said told
    asked called waited waiting help helped back just still again really never always
    united delta southwest jetblue american usairways virgin
    don't dont can't cant won't wont didn't didnt doesn't doesnt isn't isnt wasn't wasnt
    aren't arent haven't havent hasn't couldn't couldnt shouldn't wouldn't i'm i've ive
    i'll i'd you're youre you've it's that's thats there's we're they're let's what's
    balance transfer transaction transactions debit direct deposit withdrawal withdraw
    atm pin cash fund funds top exchange rate statement recognise recognize include
    latest pending declined verify verification identity address contactless apple
    google virtual physical replacement expire expired expiry activate limit transfer
    hotel rooms bed beds bathroom shower towel towels pool breakfast lobby view location
    clean dirty noisy quiet small large tiny big cheap expensive value walk walking
    street beach restaurant restaurants bar stay stayed staying night nights parking
    mold metal sink extra instead door window floor wall walls air conditioning heat
    cold hot warm smell smelled noise carpet stairs elevator lift key reception
    house car bus train taxi shuttle city town area place places road way weekend
    buy bought sell sold send sent receive received return returned open opened close
    closed start started stop stopped find found try tried use used change changed
    show showed move moved turn turned run ran bring brought hold hear feel felt seem
    seemed leave start finish finished fix fixed lose understand understood explain
    explained offer offered provide provided expect expected happen happened
"""
# The most frequent function words of the languages most often confused with short
# English text.  Words that are also English ("a", "in", "no", "me", "was", "die") count
# half for English and nothing for the other side.
_FUNCTION_WORDS_OF_OTHER_LANGUAGES: dict[str, str] = {
    "fr": """le la les l un une des du de d au aux et ou mais donc est sont suis es était été
             être ai avons ont a je tu il elle nous vous ils elles on ne pas plus que qui
             quoi dans sur avec pour par sans sous ce cet cette ces mon ma mes ton ta tes son
             sa ses notre votre leur leurs très bien aussi toujours jamais rien personne
             merci bonjour oui non y en moi""",
    "es": """el la los las un una unos unas y o pero que de del al en con por para sin sobre
             es son soy está están estoy fue fueron ser estar he ha han hay mi mis tu tus su
             sus nuestro muy más menos también nunca nada nadie gracias hola sí no me te se
             lo le nos porque cuando donde como qué a""",
    "de": """der die das den dem des ein eine einen einem einer und oder aber ist sind bin
             bist war waren wurde wurden hat haben habe ich du er sie es wir ihr mein meine
             mit von zu zum zur auf für nicht kein keine sehr auch noch schon nur immer nie
             nichts niemand danke bitte ja nein wie was wo warum weil dass so in an""",
    "it": """il lo la i gli le un uno una e è ed o ma che di del della dei delle da dal in
             con per su non sono sei siamo era stato stata ho hai ha abbiamo hanno mio mia
             miei tuo suo molto più anche mai niente nessuno grazie ciao perché quando dove
             come questo questa a mi""",
    "pt": """o a os as um uma uns umas e é ou mas que de do da dos das em no na nos nas com
             por para sem foi foram ser estar está estou sou tem têm meu minha seu sua muito
             mais também nunca nada ninguém obrigado obrigada olá sim não porque quando onde
             como me""",
    "nl": """de het een en of maar is zijn ben bent was waren wordt werd heeft hebben heb
             ik je jij u hij zij wij we mijn jouw uw haar ons onze met van voor op aan in uit
             bij naar niet geen wel erg heel ook nog al nooit niets niemand bedankt dank
             hallo ja nee omdat wanneer waar hoe wat dat die deze dit""",
}

_HANDLE_RE = re.compile(r"(?<!\w)@\w+")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Every placeholder the redactor writes (a "[NAME]" left in would be read as the word "NAME").
_PLACEHOLDER_RE = re.compile("|".join(map(re.escape, PLACEHOLDERS.values())))
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_LETTER_RE = re.compile(r"[^\W\d_]")
_VADER_WORD_RE = re.compile(r"[a-z]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class _Resources:
    english_words: frozenset[str]
    shared_words: frozenset[str]
    foreign_words: frozenset[str]
    languages_of_word: dict[str, frozenset[str]]
    identifier: object
    english_index: int
    class_index: dict[str, int]


def _load_vader_words() -> set[str]:
    try:
        lexicon = files("vaderSentiment") / "vader_lexicon.txt"
        lines = lexicon.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return set()
    entries = (line.split("\t", 1)[0] for line in lines)
    return {entry for entry in entries if _VADER_WORD_RE.fullmatch(entry)}


def _load_identifier():
    """langid's identifier. Its model ships bz2-compressed and takes seconds to unpack
    at every start, so the unpacked arrays are cached once per machine."""
    import hashlib
    import numpy as np
    from langid.langid import LanguageIdentifier, model

    from voc_engine.config import Settings

    cache = Settings().resolved_cache_dir / f"langid-{hashlib.sha256(model).hexdigest()[:12]}.npz"
    if cache.exists():
        try:
            return _from_cache(np.load(cache, allow_pickle=False))
        except Exception:  # a damaged cache is rebuilt, never fatal
            pass
    identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(identifier.tk_output)
        values = [identifier.tk_output[k] for k in keys]
        bounds = np.cumsum([0] + [len(v) for v in values])
        partial = cache.with_name(cache.name + ".partial.npz")
        np.savez(partial, nb_ptc=identifier.nb_ptc, nb_pc=identifier.nb_pc,
                 nb_classes=np.array(identifier.nb_classes), tk_nextmove=np.array(identifier.tk_nextmove),
                 tk_output_keys=np.array(keys), tk_output_bounds=bounds,
                 tk_output_values=np.array([x for v in values for x in v], dtype=np.int64))
        partial.replace(cache)
    except Exception:
        pass  # a read-only home still works, just slower to start
    return identifier


def _from_cache(arrays):
    from langid.langid import LanguageIdentifier

    keys, bounds, values = arrays["tk_output_keys"], arrays["tk_output_bounds"], arrays["tk_output_values"]
    tk_output = {int(k): tuple(int(v) for v in values[a:b]) for k, a, b in zip(keys, bounds[:-1], bounds[1:])}
    return LanguageIdentifier(
        arrays["nb_ptc"], arrays["nb_pc"], int(arrays["nb_ptc"].shape[0]),
        tuple(str(c) for c in arrays["nb_classes"]), arrays["tk_nextmove"].tolist(), tk_output,
        norm_probs=True,
    )


def _build_resources() -> _Resources:
    from spacy.lang.en.stop_words import STOP_WORDS as english_stop_words

    languages_of_word: dict[str, set[str]] = {}
    for code, words in _FUNCTION_WORDS_OF_OTHER_LANGUAGES.items():
        for word in words.split():
            languages_of_word.setdefault(word, set()).add(code)
    other = set(languages_of_word)
    english = set(english_stop_words) | _load_vader_words() | set(_CX_WORDS.split())
    identifier = _load_identifier()
    return _Resources(
        english_words=frozenset(english - other),
        shared_words=frozenset(english & other),
        foreign_words=frozenset(other - english),
        languages_of_word={word: frozenset(codes) for word, codes in languages_of_word.items()},
        identifier=identifier,
        english_index=list(identifier.nb_classes).index("en"),
        class_index={str(code): index for index, code in enumerate(identifier.nb_classes)},
    )


_RESOURCES_LOCK = threading.Lock()  # one build (2-3 s), however many threads ask first


def _get_resources() -> _Resources:
    with _RESOURCES_LOCK:
        return _loaded_resources()


@cache
def _loaded_resources() -> _Resources:
    """Word lists and the langid model, built once on first use (2-3 s: langid's model
    ships bz2-compressed). Read-only data of installed packages, the same for every runtime."""
    return _build_resources()


def preload() -> None:
    """Load the langid model and word lists now, e.g. when a service starts."""
    _get_resources()


def _langid_probabilities(resources: _Resources, text: str) -> np.ndarray:
    # Same naive-Bayes scores as LanguageIdentifier.rank with norm_probs=True, but the
    # product only over the features present (a few hundred of 7,480 rows), which is
    # ~80x faster than langid's dense uint32 x float32 product.
    identifier = resources.identifier
    features = identifier.instance2fv(text)
    present = np.flatnonzero(features)
    log_probs = features[present].astype(np.float32) @ identifier.nb_ptc[present] + identifier.nb_pc
    probs = np.exp(log_probs - log_probs.max())
    return probs / probs.sum()


def _clean(text: str) -> str:
    text = _URL_RE.sub(" ", text)
    text = _HANDLE_RE.sub(" ", text)
    text = _PLACEHOLDER_RE.sub(" ", text)
    return text.replace("#", " ").replace("\u2019", "'")


_ENGLISH_SUFFIXES = (("'s", ""), ("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""),
                     ("ed", "e"), ("es", ""), ("s", ""), ("ly", ""), ("er", ""), ("est", ""))


def _english_weight(token: str, resources: _Resources) -> float:
    """1 for an English word, 0.5 for one that is also a foreign function word, else 0.

    Inflected forms ("delays", "tried", "flying") are looked up by their stem, since
    the lists hold mostly base forms.
    """
    if token in resources.english_words:
        return 1.0
    if token in resources.shared_words:
        return 0.5
    if token in resources.foreign_words:
        return 0.0
    for suffix, replacement in _ENGLISH_SUFFIXES:
        if token.endswith(suffix) and len(token) > len(suffix) + 2:
            if token[: -len(suffix)] + replacement in resources.english_words:
                return 1.0
    return 0.0


def detect_language(text: str) -> LanguageGuess:
    """Guess the language of a (normalised, possibly redacted) comment.

    * No letters at all (emoji, digits, punctuation): ``"und"``, not English.
    * Not English only with evidence against it: langid's best guess is another
      language and either function words of another language make up at least 15 % of
      the tokens, or langid is confident (p >= 0.9; 0.999 for one or two words) while
      fewer than 30 % of the tokens are English words.  A majority of English words
      (twice the share of foreign function words) is English whatever langid says.
    * Otherwise langid's best guess with its normalised probability.

    ``confidence`` is the share of English words when they alone decide, else the
    larger of langid's probability for the answer and that share.
    """
    cleaned = _clean(text[: _MAX_CHARS * 2])[:_MAX_CHARS]
    if not _LETTER_RE.search(cleaned):
        return LanguageGuess(code=UNDETERMINED, confidence=0.0, is_english=False)

    resources = _get_resources()
    lowered = cleaned.lower()  # ALL-CAPS complaints otherwise look like another language
    tokens = _TOKEN_RE.findall(lowered)
    token_count = max(len(tokens), 1)
    english_share = sum(_english_weight(token, resources) for token in tokens) / token_count
    foreign_tokens = [token for token in tokens if token in resources.foreign_words]
    foreign_share = len(foreign_tokens) / token_count
    english_majority = english_share >= 0.5 and english_share > 2 * foreign_share
    if english_majority:
        # langid could not overrule the words, so it is not asked (it is the dearer half).
        return LanguageGuess(code="en", confidence=round(english_share, 4), is_english=True)

    probs = _langid_probabilities(resources, lowered)
    best = int(probs.argmax())
    best_code = str(resources.identifier.nb_classes[best])
    best_probability = float(probs[best])
    english_probability = float(probs[resources.english_index])

    confident = best_probability >= (0.999 if len(tokens) <= 2 else 0.9)
    evidence_against_english = foreign_share >= 0.15 or (confident and english_share < 0.3)
    if best_code == "en" or not evidence_against_english:
        return LanguageGuess(
            code="en", confidence=round(max(english_probability, english_share), 4), is_english=True
        )
    if best_probability < 0.5 and foreign_tokens:
        # langid is unsure ("Merci beaucoup" -> Polish 0.26): prefer the most probable
        # language whose function words are actually present.
        present = set().union(*(resources.languages_of_word[token] for token in foreign_tokens))
        indexed = [(float(probs[resources.class_index[code]]), code) for code in present]
        best_probability, best_code = max(indexed)
    return LanguageGuess(code=best_code, confidence=round(best_probability, 4), is_english=False)

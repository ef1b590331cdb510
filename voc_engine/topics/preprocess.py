"""What the topic vectorizer reads: feedback text without addressees, links and brand names.

Topic words should say what went wrong, not whom the customer addressed. Stored texts are
already redacted (``[HANDLE]``, ``[URL]``, ``[EMAIL]`` … placeholders); texts from elsewhere may
still carry raw @handles and links. Both are removed here, with the configured brand and
organisation names, before BERTopic's CountVectorizer sees the text. Embeddings are untouched:
they come from the pipeline's single encoder pass.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from voc_engine.nlp.redact import PLACEHOLDERS

# Words that fill customer feedback without naming an issue: courtesy, chat filler, and the
# apostrophe-less contractions left once BERTopic strips punctuation ("don't" -> "dont").
FEEDBACK_STOP_WORDS: frozenset[str] = frozenset(
    """
    thanks thank thx ty pls plz please hi hello hey dear guys folks lol omg wtf smh ugh yes yeah
    ok okay just really actually literally got get gets getting like know let need want
    amp rt via im ive id ill youre youve youll hes shes theyre weve wed dont didnt doesnt isnt
    wasnt werent arent cant couldnt wont wouldnt shouldnt havent hasnt hadnt aint thats theres
    whats whos lets u ur ya yall don didn doesn isn wasn weren aren couldn wouldn shouldn haven
    hasn hadn ll ve re
    """.split()
)

_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))
_HANDLE = re.compile(r"(?<![\w@])@\w{1,30}")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_HASH = re.compile(r"#(?=\w)")
_SPACES = re.compile(r"\s+")
# Letters only, two or more: numbers, flight numbers and times are not topic words.
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"


def _brand_pattern(brands: Sequence[str]) -> re.Pattern | None:
    """Whole-word, case-insensitive; spaces optional, so "US Airways" also matches "usairways"."""
    alternatives = []
    for brand in sorted({b.strip() for b in brands if b and b.strip()}, key=len, reverse=True):
        words = brand.split()
        alternatives.append(r"\s*".join(re.escape(w) for w in words))
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?:'s)?(?!\w)", re.IGNORECASE)


@dataclass
class FeedbackTextCleaner:
    """Removes placeholders, @handles, links, '#' and brand names; keeps everything else.

    ``stop_words`` is the vectorizer's list: English (scikit-learn) + feedback filler + the
    brand names' own words + ``extra_stop_words``.
    """

    brands: Sequence[str] = ()
    extra_stop_words: Sequence[str] = ()
    _brand_re: re.Pattern | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        self.brands = tuple(self.brands)
        self.extra_stop_words = tuple(self.extra_stop_words)
        self._brand_re = _brand_pattern(self.brands)

    def clean(self, text: str) -> str:
        text = _PLACEHOLDER.sub(" ", text)
        text = _URL.sub(" ", text)
        text = _HANDLE.sub(" ", text)
        text = _HASH.sub("", text)
        if self._brand_re is not None:
            text = self._brand_re.sub(" ", text)
        return _SPACES.sub(" ", text).strip()

    def clean_many(self, texts: Iterable[str]) -> list[str]:
        return [self.clean(t) for t in texts]

    @property
    def stop_words(self) -> list[str]:
        brand_words = {w.lower() for b in self.brands for w in re.findall(r"\w+", b)}
        brand_words |= {re.sub(r"\W+", "", b.lower()) for b in self.brands}
        words = set(ENGLISH_STOP_WORDS) | FEEDBACK_STOP_WORDS | brand_words
        words |= {w.lower() for w in self.extra_stop_words}
        # A sorted list, not a set: it is saved as JSON with the model (BERTopic's ctfidf config).
        return sorted(w for w in words if w)

    def is_stop_word(self, word: str) -> bool:
        return all(part in set(self.stop_words) for part in word.lower().split())

"""Topic words and labels a reader can trust: phrases the comments write, what a topic's
comments have in common that the others do not.

- **Phrases as written.** Candidates are runs of one to three words inside one sentence
  piece of one comment (punctuation and numbers end a run), never starting or ending on a
  stop word but keeping the stop words inside ("hung up on", "lost my bag") and a leading
  negation ("not working", "no signal", "didn't arrive") and a closing particle ("hung up"):
  "not good enough" must never read "good".
- **Representative and distinctive.** A phrase scores ``p * log(p / q)``: ``p`` the share of
  the topic's comments that write it, ``q`` its share over all comments (its term of the
  Kullback-Leibler divergence between the topic and the corpus). A word every comment uses
  ("went", "good") has ``p`` close to ``q`` and scores nothing; a phrase few of the topic's
  comments write scores little. A longer phrase replaces a shorter one it contains when at
  least half of the comments writing the shorter one write it ("lost luggage" over
  "luggage"). Identical comments (retweets, templates) count once.
- **The topic's own voice.** When most of a topic's comments share one sentiment, its words
  come from those comments only, so a few words of praise never head a topic of complaints
  ("engineer polite" over "the agent was rude and hung up on me"); the sentiment mix is
  reported next to the label.
- **Boilerplate out.** A sentence repeated word for word in many comments next to many
  different other sentences (a closing "Sort it out!", a greeting, a signature) says nothing
  about what a comment is about; it is left out of words, labels, the keyword space and the
  merging of topics (:func:`find_boilerplate`).
- **No typos or export artefacts.** A word English does not know, or an inflection English
  does not use of a word the comments use much more often, glued to a common word ending
  ("Flightled", "Flighted", "Flightlations", "serviceee": a publisher's find-and-replace of
  "cancel" by "Cancelled Flight", a typo) or to a common word beginning ("reFlight", "newflight"),
  is not a label word (:func:`artefact_words`). Words are checked against spaCy's English lookup
  tables (spacy-lookups-data: inflected forms, lemmas and the frequency of words in web text).
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
import scipy.sparse as sp

MAX_PHRASE_WORDS = 3
# Words that turn a phrase around: kept at the start of a phrase although they are stop words.
NEGATIONS = frozenset(
    "no not never nothing nobody none nor cannot cant dont didnt doesnt isnt wasnt werent arent "
    "couldnt wouldnt wont hasnt havent hadnt shouldnt without".split()
)
# Punctuation and numbers end a phrase: words either side of them were not written together.
_PIECES = re.compile(r"[^\w\s'’-]+|\d+|_+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+|(?<=[.!?…])(?=[A-Z])")
_NOT_LETTERS = re.compile(r"[^a-z']+")

# Particles that finish a phrasal verb: a phrase of two or more words may end on one ("hung up",
# "cutting out", "turned up") although they are stop words.
PARTICLES = frozenset("up down out off back over away".split())

SENTIMENTS = ("negative", "neutral", "positive")
# A topic speaks with one voice when at least this share of its scored comments has one sentiment.
VOICE_SHARE = 0.5
# A single word joins a label after its first phrase only when this share of the comments write it.
LABEL_WORD_SHARE = 0.25


def _bare(word: str) -> str:
    return word.replace("'", "").replace("’", "")


class PhraseAnalyzer:
    """Callable for scikit-learn's ``CountVectorizer(analyzer=...)``: the candidate phrases of one
    (cleaned) comment, lower-cased, each once."""

    def __init__(self, stop_words: Iterable[str], max_words: int = MAX_PHRASE_WORDS):
        self.stop = frozenset(_bare(w) for w in stop_words) - NEGATIONS
        self.negations = NEGATIONS
        self.max_words = max_words

    def _content(self, word: str) -> bool:
        bare = _bare(word)
        return len(bare) > 1 and bare not in self.stop and bare not in self.negations

    def __call__(self, text: str) -> list[str]:
        found: dict[str, None] = {}
        for piece in _PIECES.split(text.lower().replace("-", " ")):
            words = [w.replace("’", "'") for w in _WORD.findall(piece)]
            for i, first in enumerate(words):
                first_ok = self._content(first) or _bare(first) in self.negations
                if not first_ok:
                    continue
                for n in range(1, self.max_words + 1):
                    if i + n > len(words):
                        break
                    last = words[i + n - 1]
                    if self._content(last) or (n > 1 and last in PARTICLES):
                        found[" ".join(words[i:i + n])] = None
        return list(found)


# ------------------------------------------------------------------------------- boilerplate
def sentences(text: str) -> list[str]:
    return [s for s in (part.strip() for part in _SENTENCE_END.split(text)) if s]


def _norm(sentence: str) -> str:
    norm = _NOT_LETTERS.sub(" ", sentence.lower().replace("’", "'")).strip()
    return norm if re.search(r"[a-z]{2}", norm) else ""


def find_boilerplate(texts: Sequence[str], min_contexts: int = 5, min_share: float = 0.002) -> list[str]:
    """Sentences (normalised: lower case, letters only) repeated word for word in at least
    ``max(min_contexts, min_share * len(texts))`` comments, next to at least ``min_contexts``
    different other sentences, and more varied company than any sentence that comes with them.

    A closing such as "Sort it out!" follows many different complaints; a templated complaint
    recurs with a few closings: the sentence with the more varied company is the boilerplate.
    Retweets and copies of one whole comment have no other sentence, so they are never boilerplate.
    """
    split = [[_norm(s) for s in sentences(t)] for t in texts]
    company: dict[str, set[str]] = defaultdict(set)
    comments: Counter[str] = Counter()
    for parts in split:
        unique = set(p for p in parts if p)
        for part in unique:
            comments[part] += 1
            company[part].update(unique - {part})
    needed = max(min_contexts, math.ceil(min_share * len(texts)))
    candidates = {s for s, n in comments.items() if n >= needed and len(company[s]) >= min_contexts}
    boiler = set()
    for sentence in candidates:
        variety = len(company[sentence])
        # a sentence is content when its companions are at least as varied as it is, i.e. when
        # it is what the boilerplate attaches to
        if all(len(company[other]) < variety for other in company[sentence] if other in candidates):
            boiler.add(sentence)
    return sorted(boiler)


def strip_boilerplate(text: str, boilerplate: frozenset[str] | set[str]) -> str:
    """The comment without its boilerplate sentences (the whole comment when nothing else is left)."""
    if not boilerplate:
        return text
    kept = [s for s in sentences(text) if _norm(s) not in boilerplate]
    return " ".join(kept) if kept else text


# ------------------------------------------------------------------------------- artefacts
MIN_STEM = 3
MAX_TAIL = 7
MIN_ENDING_WORDS = 20  # a tail is a word ending (a head a word beginning) when at least this many
# English words end (begin) with it
INFLECTIONS = frozenset({"s", "es", "d", "ed", "ing"})
# A form English uses this many times (natural log) less often than its stem is not a form the
# comments' authors meant: "flighted" is e^6.5 times rarer than "flight" in English, "waisted"
# e^2.9 times rarer than "waist", "sleeved" e^1.9 times rarer than "sleeve".
RARE_FORM_LOG_RATIO = 5.0
_LOG_PROB = re.compile(r'"([a-z]+)":\s*(-?[0-9.]+)')


@lru_cache(maxsize=1)
def _english() -> tuple[object, frozenset[str], dict[str, float], frozenset[str]]:
    """spaCy's English lookup tables (spacy-lookups-data): the inflected forms (a spaCy table,
    tested with ``in``), the common word endings, the log-probability of each lower-case word in
    English web text, and the common word beginnings."""
    import gzip
    from pathlib import Path

    import spacy_lookups_data
    from spacy.lookups import load_lookups

    lookups = load_lookups("en", ["lemma_lookup", "lemma_index"])
    forms = lookups.get_table("lemma_lookup")  # keys are hashes: test membership with a string
    known = {str(v).lower() for v in forms.values() if isinstance(v, str)}
    index = lookups.get_table("lemma_index")
    for pos in ("noun", "verb", "adj", "adv"):
        known.update(str(w).lower() for w in index.get(pos, []))
    source = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        log_prob = {m.group(1): float(m.group(2)) for m in _LOG_PROB.finditer(handle.read())}
    # The lemmas and their inflected forms ("cancellations" ends in "-lations"): the table is
    # keyed by hashes, so the forms are found by asking for each regular inflection.
    known |= {word + ending for word in list(known) for ending in INFLECTIONS if word + ending in forms}
    endings: Counter[str] = Counter()
    beginnings: Counter[str] = Counter()
    for word in known:
        if word.isalpha():
            for k in range(1, min(MAX_TAIL, len(word) - MIN_STEM) + 1):
                endings[word[-k:]] += 1
                beginnings[word[:k]] += 1
    return (forms, frozenset(e for e, n in endings.items() if n >= MIN_ENDING_WORDS), log_prob,
            frozenset(b for b, n in beginnings.items() if n >= MIN_ENDING_WORDS))


def artefact_words(counts: dict[str, int], stop_words: Iterable[str] = ()) -> set[str]:
    """Words (``{word: comments using it}``) that look like typos or export artefacts.

    A word is one when it is a word the comments use at least twice as often plus a common
    English word ending ("flight" + "led", "flight" + "lations"), is no inflected form English
    knows ("flights", "rebooked" never are), and English either does not use it at all
    ("flightled", "serviceee") or uses it, as an inflection, far less than its stem ("flighted",
    RARE_FORM_LOG_RATIO). So is a word English does not use at all that is a common English word
    beginning plus a word the comments use at least twice as often ("re" + "flight": "reflight";
    "inflight", which English uses, is not). A compound whose parts are no common ending or
    beginning ("easyjet") never is, nor a word made of a stop word ("themed", "hers"), nor one
    written with an apostrophe ("wife's").
    """
    forms, endings, log_prob, beginnings = _english()
    stop = frozenset(stop_words)
    found = set()
    for word, n in counts.items():
        if not word.isalpha() or word in forms:
            continue
        for k in range(MIN_STEM, len(word)):
            stem, tail = word[:k], word[k:]
            if (len(tail) > MAX_TAIL or stem in stop or counts.get(stem, 0) < 2 * n
                    or tail not in endings):
                continue
            if word not in log_prob or (tail in INFLECTIONS and stem in log_prob
                                        and log_prob[word] < log_prob[stem] - RARE_FORM_LOG_RATIO):
                found.add(word)
                break
        if word in found or word in log_prob:
            continue
        for k in range(1, min(MAX_TAIL, len(word) - MIN_STEM) + 1):
            head, rest = word[:k], word[k:]
            if head in beginnings and rest not in stop and counts.get(rest, 0) >= 2 * n:
                found.add(word)
                break
    return found


# ------------------------------------------------------------------------------- labels
@dataclass
class TopicWords:
    """What :func:`topic_words` finds for one topic."""

    words: list[str]
    label: str | None
    voice: str | None  # the sentiment the words were taken from, None for all comments


def sentiment_mix(labels: Sequence[str | None], scores: Sequence[float | None] | None = None) -> dict | None:
    """Share of negative / neutral / positive comments and the mean score, over scored comments."""
    named = [s for s in labels if s in SENTIMENTS]
    if not named:
        return None
    counts = Counter(named)
    mix: dict = {s: round(counts[s] / len(named), 4) for s in SENTIMENTS}
    values = [float(v) for v in (scores or []) if v is not None and np.isfinite(v)]
    mix["mean"] = round(float(np.mean(values)), 4) if values else None
    mix["scored"] = len(named)
    return mix


def voice_of(mix: dict | None) -> str | None:
    """The sentiment most of a topic's scored comments share (VOICE_SHARE), or None."""
    if not mix:
        return None
    top = max(SENTIMENTS, key=lambda s: mix[s])
    return top if mix[top] >= VOICE_SHARE else None


class PhraseTable:
    """Which comments write which candidate phrase (binary, distinct comments), over a corpus."""

    def __init__(self, texts: Sequence[str], stop_words: Iterable[str], max_words: int = MAX_PHRASE_WORDS,
                 originals: Sequence[str] | None = None):
        """``texts``: what the phrases are read from (boilerplate left out); ``originals``: the
        whole comments, which decide which comments are copies of one another (default: ``texts``)."""
        from sklearn.feature_extraction.text import CountVectorizer

        self.analyzer = PhraseAnalyzer(stop_words, max_words)
        lowered = [t.lower().strip() for t in (originals if originals is not None else texts)]
        # Identical comments count once: a retweeted sentence is one voice, not a hundred.
        first: dict[str, int] = {}
        self.distinct = np.array([first.setdefault(t, i) == i for i, t in enumerate(lowered)], dtype=bool)
        vectorizer = CountVectorizer(analyzer=self.analyzer, binary=True, min_df=2, dtype=np.int32)
        try:
            matrix = vectorizer.fit_transform(texts)
        except ValueError:  # no phrase written twice
            matrix = sp.csr_matrix((len(texts), 0), dtype=np.int32)
            vectorizer = None
        self.matrix = sp.csr_matrix(matrix.multiply(self.distinct[:, None])) if matrix.shape[1] else matrix
        self.phrases = np.asarray(vectorizer.get_feature_names_out() if vectorizer else [], dtype=object)
        self.corpus_counts = np.asarray(self.matrix.sum(axis=0)).ravel()
        self.n_distinct = int(self.distinct.sum())
        words = {p: int(c) for p, c in zip(self.phrases, self.corpus_counts) if " " not in p}
        self.artefacts = artefact_words(words, self.analyzer.stop)
        self.usable = np.array([not (set(p.split()) & self.artefacts) for p in self.phrases],
                               dtype=bool)

    def topic_words(self, members: np.ndarray, voice: np.ndarray | None, n_words: int, label_phrases: int,
                    min_comments: int = 2) -> TopicWords:
        """Words and label of the comments ``members`` (boolean mask); ``voice``: mask of the
        comments the words are taken from (the topic's majority sentiment), None for all."""
        speaking = members & self.distinct & (voice if voice is not None else True)
        if speaking.sum() < min_comments:
            speaking = members & self.distinct
        n = int(speaking.sum())
        if n == 0 or not len(self.phrases):
            return TopicWords([], None, None)
        counts = np.asarray(self.matrix[speaking].sum(axis=0)).ravel()
        p = counts / n
        q = self.corpus_counts / max(1, self.n_distinct)
        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.where((counts >= min(min_comments, n)) & (p > q) & self.usable, p * np.log(p / q), 0.0)
            if not (score > 0).any():  # a topic of one distinct comment: its own phrases
                score = np.where((counts > 0) & (p > q) & self.usable, p * np.log(p / q), 0.0)
        order = [i for i in np.argsort(-score, kind="stable") if score[i] > 0]
        longer = [i for i in order if " " in self.phrases[i]]
        chosen: list[int] = []
        for i in order:
            i = self._longer(i, longer, counts)
            if any(self._contains(c, i) or self._contains(i, c) for c in chosen):
                continue
            chosen.append(i)
            if len(chosen) == n_words:
                break
        words = [str(self.phrases[i]) for i in chosen]
        return TopicWords(words, self._label(chosen, score, p, label_phrases), None)

    def _lemmas(self, i: int) -> tuple[str, ...]:
        forms = _english()[0]
        return tuple(forms.get(w, w) for w in self.phrases[i].split())

    def _longer(self, i: int, candidates: list[int], counts: np.ndarray) -> int:
        """The longest phrase containing phrase ``i`` that at least half of its writers write."""
        best = i
        for j in candidates:
            if (len(self.phrases[j]) > len(self.phrases[best]) and counts[j] * 2 >= counts[i]
                    and self._contains(j, i)):
                best = j
        return best

    def _contains(self, longer: int, shorter: int) -> bool:
        """Whether phrase ``longer`` holds phrase ``shorter``, word forms aside ("bags" holds "bag")."""
        a, b = self._lemmas(longer), self._lemmas(shorter)
        return any(a[k:k + len(b)] == b for k in range(len(a) - len(b) + 1))

    def _label(self, chosen: list[int], score: np.ndarray, share: np.ndarray, label_phrases: int) -> str | None:
        """The best phrase, then phrases that share no word (or word form) with the label so far
        and say nearly as much (at least half its score); a single word only when at least
        LABEL_WORD_SHARE of the comments write it: no stray tokens after the phrase that names
        the topic ("warning poor, went, good")."""
        if not chosen:
            return None
        picked = [chosen[0]]
        used = set(self._lemmas(chosen[0]))
        for i in chosen[1:]:
            if len(picked) == label_phrases or score[i] < 0.5 * score[chosen[0]]:
                break
            lemmas = {w for w in self._lemmas(i) if _bare(w) not in self.analyzer.stop}
            if (" " not in self.phrases[i] and share[i] < LABEL_WORD_SHARE) or used & lemmas:
                continue
            picked.append(i)
            used |= lemmas
        return ", ".join(str(self.phrases[i]) for i in picked)


def distinct_labels(labels: list[str], words: list[list[str]]) -> list[str]:
    """Labels two topics would share get each topic's next word that the label lacks."""
    counts = Counter(labels)
    result = []
    for label, topic_words in zip(labels, words):
        if counts[label] > 1:
            taken = set(label.split(", "))
            extra = next((w for w in topic_words if w not in taken and not any(
                f" {w} " in f" {t} " or f" {t} " in f" {w} " for t in taken)), None)
            if extra:
                label = f"{label}, {extra}"
        result.append(label)
    return result

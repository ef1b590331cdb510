"""Text normalisation: the first step every comment goes through.

Comments arrive from web forms, e-mail bodies, chat exports and social APIs, so they
carry markup, entities (Twitter escapes ``&`` as ``&amp;``), Windows line endings,
invisible characters and the odd stray control byte.  ``normalise`` turns them into
plain Unicode text that every later step (redaction, language check, segmentation,
the encoder) can trust; all character offsets the engine reports refer to text that has
been through it (and then redaction).

Only the standard library is used, and every pattern is linear in the input length so a
1 MB comment cannot stall the pipeline.
"""
from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["normalise", "decode_bytes"]

# Tags are stripped only when their name is a real HTML element, so plain-text uses of
# angle brackets ("I <3 United", "x < y", "Dear <customer>") survive.
_BLOCK_TAGS = (
    "address|article|aside|blockquote|br|caption|dd|div|dl|dt|figcaption|figure|footer|"
    "form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|tfoot|thead|tr|ul"
)
_CELL_TAGS = "td|th"
_INLINE_TAGS = (
    "a|abbr|b|bdi|bdo|big|body|center|cite|code|col|colgroup|data|del|dfn|em|font|head|"
    "html|i|img|input|ins|kbd|label|link|mark|meta|option|q|s|samp|select|small|span|"
    "strike|strong|sub|sup|textarea|time|title|tt|u|var|wbr"
)


def _tag_pattern(names: str) -> re.Pattern[str]:
    # [^<>]* cannot run past the next '<', which keeps the scan linear.
    return re.compile(rf"</?(?:{names})(?=[\s/>])[^<>]*>", re.IGNORECASE)


_BLOCK_TAG_RE = _tag_pattern(_BLOCK_TAGS)
_CELL_TAG_RE = _tag_pattern(_CELL_TAGS)
_INLINE_TAG_RE = _tag_pattern(_INLINE_TAGS)
_TAG_HINT_RE = re.compile(r"<[A-Za-z/!]")

# Elements whose content is not text a customer wrote, plus comments.
_HIDDEN_OPEN_RE = re.compile(r"<(script|style|noscript|template)(?=[\s>/])[^<>]*>|<!--", re.IGNORECASE)
_HIDDEN_CLOSE_RE = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
    for name in ("script", "style", "noscript", "template")
}

# Semicolon-terminated entities, plus the four everyday ones standing alone ("&amp" at the
# end of a truncated tweet).  html.unescape on whole text would also expand other legacy
# forms such as "&current" -> "¤t" and corrupt ordinary text.
_ENTITY_RE = re.compile(
    r"&(?:#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};|(?:amp|lt|gt|quot)(?![A-Za-z0-9;]))"
)

# Zero-width joiner is kept inside emoji sequences (family, profession emoji) and removed
# elsewhere; the other zero-width / invisible characters always go.
_EMOJI_CLASS = "\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F"
_ZWJ_OUTSIDE_EMOJI_RE = re.compile(rf"(?<![{_EMOJI_CLASS}])\u200d|\u200d(?![{_EMOJI_CLASS}])")
_INVISIBLE_RE = re.compile(
    "[\u200b\u200c\u2060\ufeff\u00ad\u180e"  # zero-width space/non-joiner, word joiner, BOM, soft hyphen
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"  # C0/C1 controls (\t \n \v \f \r and NEL handled below)
    "\ud800-\udfff\ufffe\uffff]"  # lone surrogates and non-characters cannot be encoded
)
_LINE_BREAK_RE = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_SPACE_RUN_RE = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}|[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_AROUND_NEWLINE_RE = re.compile(r"[ \t]*\n[ \t]*")
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")


def decode_bytes(raw: bytes) -> tuple[str, bool]:
    """Decode UTF-8 bytes; return the text and whether invalid bytes were replaced.

    Invalid sequences become U+FFFD instead of raising, so one bad row cannot stop a
    batch; the flag lets the caller record that the text was damaged.
    """
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace"), True


def _remove_hidden_elements(text: str) -> str:
    # A manual scan rather than one "<script>.*?</script>" regex: with many unclosed
    # openers that regex rescans the rest of the text for each one (quadratic).
    pieces: list[str] = []
    position = 0
    while True:
        opener = _HIDDEN_OPEN_RE.search(text, position)
        if opener is None:
            pieces.append(text[position:])
            break
        pieces.append(text[position : opener.start()])
        if opener.group(1) is None:  # comment
            close_at = text.find("-->", opener.end())
            end = -1 if close_at < 0 else close_at + 3
        else:
            closer = _HIDDEN_CLOSE_RE[opener.group(1).lower()].search(text, opener.end())
            end = -1 if closer is None else closer.end()
        if end < 0:  # unclosed: like a browser, everything after the opener is hidden
            break
        pieces.append(" ")
        position = end
    return "".join(pieces)


def _strip_tags(text: str) -> str:
    if not _TAG_HINT_RE.search(text):
        return text
    text = _remove_hidden_elements(text)
    text = _BLOCK_TAG_RE.sub("\n", text)
    text = _CELL_TAG_RE.sub(" ", text)
    return _INLINE_TAG_RE.sub("", text)


def _unescape_entities(text: str) -> str:
    if "&" not in text:
        return text
    text = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
    # Second pass for double-escaped input ("&amp;amp;", "&amp;lt;3").
    if "&" in text:
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def normalise(text: str) -> str:
    """Return ``text`` as clean plain Unicode (NFC).

    Steps: HTML tags stripped (block tags and ``<br>`` become line breaks, script/style
    content and comments dropped), entities unescaped (twice, for double escaping),
    line endings unified to ``\\n``, control and zero-width characters removed, runs of
    spaces collapsed, blank-line runs capped at one empty line, outer whitespace
    stripped.  Single tabs and newlines are kept: they mark structure the segmenter uses.
    """
    if not isinstance(text, str):
        raise TypeError(f"normalise() expects str, got {type(text).__name__}")
    text = _strip_tags(text)
    text = _unescape_entities(text)
    text = _LINE_BREAK_RE.sub("\n", text)
    text = _INVISIBLE_RE.sub("", text)
    if "\u200d" in text:
        text = _ZWJ_OUTSIDE_EMOJI_RE.sub("", text)
    # After entity decoding: "e&#769;" only becomes composable once decoded.
    text = unicodedata.normalize("NFC", text)
    text = _SPACE_RUN_RE.sub(" ", text)
    if "\n" in text:
        text = _SPACE_AROUND_NEWLINE_RE.sub("\n", text)
        text = _MANY_NEWLINES_RE.sub("\n\n", text)
    return text.strip()

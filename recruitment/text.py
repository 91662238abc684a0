"""Text normalisation for Vietnamese names: searching with or without diacritics, and the
hygiene every typed or imported text goes through (``clean_text``)."""

import functools
import re
import unicodedata

from django.utils.translation import gettext as _

#: Control characters (C0 and C1, DEL), which no name or place holds and a database or
#: spreadsheet mishandles (PostgreSQL refuses NUL). Tab, line feed and carriage return are
#: whitespace, made spaces.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Invisible characters that change how a text shows or compares without showing
#: themselves: zero-width spaces and joiners, bidirectional embeddings, overrides and
#: isolates (which can make "ecalp" read "place"), the byte-order mark, the soft hyphen.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
#: Vietnamese needs at most two combining marks on a letter in NFD (ệ: e, circumflex, dot
#: below); more is a flood that draws over the lines around it.
MAX_MARKS = 2
MARKS_FLOOD = re.compile(
    f"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]{{{MAX_MARKS + 1},}}"
)


#: Texts that need no cleaning: printable ASCII and the precomposed letters of Vietnamese (and
#: the rest of Latin-1's letters and Latin Extended-A), each already NFC and at most two marks
#: in NFD; no control, invisible, tab or line-break character.
PLAIN = re.compile("[\x20-\x7e\xc0-\xff\u0100-\u01b0\u1ea0-\u1ef9]*")

#: What makes a spreadsheet run a text (once stripped) as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


def clean_text(value: str, *, multiline: bool = False) -> tuple[str, str | None, str | None]:
    """A text as it is kept: (text, problem, warning). NFC, invisible characters removed
    (a warning names them), tabs and line breaks made spaces, stripped. A control character or
    a flood of combining marks is a problem (the text is not kept). ``multiline`` keeps
    line breaks (notes)."""
    if PLAIN.fullmatch(value):  # most texts: nothing to clean
        return value.strip(), None, None
    control = CONTROL.search(value)
    if control:
        return (
            "",
            _("contains an invisible control character (U+%(code)04X): retype the value")
            % {"code": ord(control.group())},
            None,
        )
    if MARKS_FLOOD.search(unicodedata.normalize("NFD", value)):
        return (
            "",
            _("has more than %(count)s diacritical marks on one letter") % {"count": MAX_MARKS},
            None,
        )
    warning = None
    found = sorted(set(INVISIBLE.findall(value)))
    if found:
        value = INVISIBLE.sub("", value)
        warning = _("invisible formatting characters (%(codes)s) were removed") % {
            "codes": ", ".join(f"U+{ord(char):04X}" for char in found)
        }
    for space in "\t" if multiline else "\t\n\r":
        value = value.replace(space, " ")
    return unicodedata.normalize("NFC", value).strip(), None, warning


def strip_diacritics(text: str) -> str:
    """'Nguyễn Thị Huế' -> 'Nguyen Thi Hue' (đ/Đ become d/D, which Unicode does not decompose)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D")


def search_key(text: str) -> str:
    """The form names are stored and searched in: no diacritics, lower case, single spaces."""
    return " ".join(strip_diacritics(text).lower().split())


def mask_citizen_id(citizen_id: str) -> str:
    """A citizen ID as lists show it: the province code and the last four digits
    ("035•••••2658"); the whole number is shown only on the person's own page."""
    if not citizen_id or len(citizen_id) < 8:
        return "•" * len(citizen_id or "")
    return citizen_id[:3] + "•" * (len(citizen_id) - 7) + citizen_id[-4:]


# --- Vietnamese order --------------------------------------------------------------------

#: The Vietnamese alphabet, with the Latin letters it does not use in their Latin places.
ALPHABET = tuple("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
#: Vowel marks that make a letter of its own (ă â ê ô ơ ư), and the tones, in dictionary
#: order: level, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot below (nặng).
LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_CODES = {letter: f"{10 + index:02d}" for index, letter in enumerate(ALPHABET)}
WORD_BREAK = "01"
NUMBER = "02"
NUMBER_WIDTH = 8


#: Names are made of few distinct words (a roster of 10,000 repeats its surnames and
#: middle names): each word's letters are worked out once.
@functools.lru_cache(maxsize=16384)
def _letters(word: str) -> tuple[str, str]:
    """A word's letters as codes and its tones as digits, numbers by value."""
    codes, tones, digits = [], [], ""
    for char in unicodedata.normalize("NFD", word.casefold()) + " ":
        if char.isdigit():
            digits += char
            continue
        if digits:
            codes.append(NUMBER + digits[-NUMBER_WIDTH:].rjust(NUMBER_WIDTH, "0"))
            digits = ""
        if char in LETTER_MARKS and codes and codes[-1] in _CODES.values():
            letter = unicodedata.normalize("NFC", ALPHABET[int(codes[-1]) - 10] + char)
            codes[-1] = _CODES.get(letter, codes[-1])
        elif char in TONES and tones:
            tones[-1] = str(TONES[char])
        elif char in _CODES:
            codes.append(_CODES[char])
            tones.append("0")
    return "".join(codes), "".join(tones)


def vietnamese_sort_key(text: str, *, person: bool = False) -> str:
    """A key whose plain (byte or locale) order is the Vietnamese order of ``text``: letters
    in the Vietnamese alphabet (a ă â b c d đ e …), tones only after the letters, numbers by
    their value ("số 2" before "số 10"), case and punctuation aside. A person's name is
    ordered by given name, then middle names, then family name ("Hà Văn Dũng" comes before
    "Hoàng Đức Định"). Made of digits only, so every database orders it alike."""
    words = text.split()
    if person and len(words) > 1:
        words = [words[-1], *words[1:-1], words[0]]
    parts = [_letters(word) for word in words]
    primary = WORD_BREAK.join(codes for codes, _ in parts)
    return f"{primary}00{''.join(tones for _, tones in parts)}"[:500]


@functools.lru_cache(maxsize=16384)
def _word_search_key(word: str) -> str:
    return strip_diacritics(word).lower()


def name_keys(full_name: str) -> dict[str, str]:
    """The columns a person's name derives: its search form (``search_key``, worked out word
    by word) and its Vietnamese sort key."""
    return {
        "name_key": " ".join(key for word in full_name.split() if (key := _word_search_key(word))),
        "sort_key": vietnamese_sort_key(full_name, person=True),
    }

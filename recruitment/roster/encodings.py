"""Text typed with the legacy Vietnamese fonts of the 1990s and 2000s, still found in
rosters: TCVN3 (the ".VnTime" fonts, TCVN 5712:1993) stores each Vietnamese letter as a byte
that a Unicode reader shows as a Latin-1 look-alike ("Hä vµ tªn" for "Họ và tên"); VNI (the
"VNI-Times" fonts) stores a vowel and then its marks as a second byte ("Hoï vaø teân"). Such
text is converted to Unicode (NFC) and the reader says which encoding it met; it is never
stored garbled.

The table is TCVN 5712's upper half (bytes 0xA1-0xFF), as the C library's ``iconv`` decodes
it; the bytes below 0x80 are ASCII in both.
"""

from __future__ import annotations

import re
import unicodedata

#: A Latin-1 look-alike -> the Vietnamese letter (or combining mark) TCVN3 stores there.
TCVN3 = str.maketrans(
    {
        "\u00a1": "\u0102",
        "\u00a2": "\u00c2",
        "\u00a3": "\u00ca",
        "\u00a4": "\u00d4",
        "\u00a5": "\u01a0",
        "\u00a6": "\u01af",
        "\u00a7": "\u0110",
        "\u00a8": "\u0103",
        "\u00a9": "\u00e2",
        "\u00aa": "\u00ea",
        "\u00ab": "\u00f4",
        "\u00ac": "\u01a1",
        "\u00ad": "\u01b0",
        "\u00ae": "\u0111",
        "\u00af": "\u1eb0",
        "\u00b0": "\u0300",
        "\u00b1": "\u0309",
        "\u00b2": "\u0303",
        "\u00b3": "\u0301",
        "\u00b4": "\u0323",
        "\u00b5": "\u00e0",
        "\u00b6": "\u1ea3",
        "\u00b7": "\u00e3",
        "\u00b8": "\u00e1",
        "\u00b9": "\u1ea1",
        "\u00ba": "\u1eb2",
        "\u00bb": "\u1eb1",
        "\u00bc": "\u1eb3",
        "\u00bd": "\u1eb5",
        "\u00be": "\u1eaf",
        "\u00bf": "\u1eb4",
        "\u00c0": "\u1eae",
        "\u00c1": "\u1ea6",
        "\u00c2": "\u1ea8",
        "\u00c3": "\u1eaa",
        "\u00c4": "\u1ea4",
        "\u00c5": "\u1ec0",
        "\u00c6": "\u1eb7",
        "\u00c7": "\u1ea7",
        "\u00c8": "\u1ea9",
        "\u00c9": "\u1eab",
        "\u00ca": "\u1ea5",
        "\u00cb": "\u1ead",
        "\u00cc": "\u00e8",
        "\u00cd": "\u1ec2",
        "\u00ce": "\u1ebb",
        "\u00cf": "\u1ebd",
        "\u00d0": "\u00e9",
        "\u00d1": "\u1eb9",
        "\u00d2": "\u1ec1",
        "\u00d3": "\u1ec3",
        "\u00d4": "\u1ec5",
        "\u00d5": "\u1ebf",
        "\u00d6": "\u1ec7",
        "\u00d7": "\u00ec",
        "\u00d8": "\u1ec9",
        "\u00d9": "\u1ec4",
        "\u00da": "\u1ebe",
        "\u00db": "\u1ed2",
        "\u00dc": "\u0129",
        "\u00dd": "\u00ed",
        "\u00de": "\u1ecb",
        "\u00df": "\u00f2",
        "\u00e0": "\u1ed4",
        "\u00e1": "\u1ecf",
        "\u00e2": "\u00f5",
        "\u00e3": "\u00f3",
        "\u00e4": "\u1ecd",
        "\u00e5": "\u1ed3",
        "\u00e6": "\u1ed5",
        "\u00e7": "\u1ed7",
        "\u00e8": "\u1ed1",
        "\u00e9": "\u1ed9",
        "\u00ea": "\u1edd",
        "\u00eb": "\u1edf",
        "\u00ec": "\u1ee1",
        "\u00ed": "\u1edb",
        "\u00ee": "\u1ee3",
        "\u00ef": "\u00f9",
        "\u00f0": "\u1ed6",
        "\u00f1": "\u1ee7",
        "\u00f2": "\u0169",
        "\u00f3": "\u00fa",
        "\u00f4": "\u1ee5",
        "\u00f5": "\u1eeb",
        "\u00f6": "\u1eed",
        "\u00f7": "\u1eef",
        "\u00f8": "\u1ee9",
        "\u00f9": "\u1ef1",
        "\u00fa": "\u1ef3",
        "\u00fb": "\u1ef7",
        "\u00fc": "\u1ef9",
        "\u00fd": "\u00fd",
        "\u00fe": "\u1ef5",
        "\u00ff": "\u1ed0",
    }
)
#: The look-alikes that Vietnamese text in Unicode never holds: a value with one of them (and
#: nothing beyond Latin-1) was typed in TCVN3. The Latin-1 letters Vietnamese uses (à, á, â,
#: ã, è, é, ê, ì, í, ò, ó, ô, õ, ù, ú, ý and capitals) and common signs (° ± « » · × ÷) are
#: no evidence on their own.
TELLS = frozenset(chr(code) for code in range(0xA1, 0x100)) - frozenset(
    "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ°±«»·×÷"
)

TELL = re.compile("[" + re.escape("".join(sorted(TELLS))) + "]")
BEYOND_LATIN1 = re.compile("[^\x00-\xff]")
TCVN3_NAME = "TCVN3 (.VnTime)"
VNI_NAME = "VNI (VNI-Times)"

_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
#: VNI's mark bytes after a vowel (lower case; the capital forms are their upper case).
_TONES = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_WITH_CIRCUMFLEX = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_WITH_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
#: The vowels and the marks each may take, VNI byte -> combining marks.
_VNI_MARKS: dict[str, dict[str, str]] = {
    "a": {**_TONES, **{k: _CIRCUMFLEX + v for k, v in _WITH_CIRCUMFLEX.items()}}
    | {k: _BREVE + v for k, v in _WITH_BREVE.items()},
    "e": {**_TONES, **{k: _CIRCUMFLEX + v for k, v in _WITH_CIRCUMFLEX.items()}},
    "o": {**_TONES, **{k: _CIRCUMFLEX + v for k, v in _WITH_CIRCUMFLEX.items()}},
    "u": _TONES,
    "y": _TONES,
    "ô": _TONES,  # ơ
    "ö": _TONES,  # ư
}
#: VNI bytes standing for a letter on their own.
_VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ"}
_VNI_LETTERS |= {"ò": "ị", "î": "ỵ"}
#: The bytes TCVN3 uses and VNI never does (0xA1-0xBF): text with one is TCVN3.
_TCVN3_ONLY = re.compile("[\u00a1-\u00bf]")


def looks_tcvn3(text: str) -> bool:
    """Whether ``text`` was typed in TCVN3: a tell-tale look-alike, nothing beyond Latin-1."""
    return TELL.search(text) is not None and BEYOND_LATIN1.search(text) is None


def sheet_from_legacy(rows: list[list[object]]) -> dict[str, int]:
    """Every text of a sheet typed in TCVN3 or VNI converted in place (any text beyond
    Latin-1 was typed in Unicode, and is left as it is); how many of each encoding. A text
    with no tell-tale look-alike is read in the sheet's encoding (the one most texts use)."""
    found: dict[str, int] = {}
    plain: list[tuple[list[object], int]] = []
    for row in rows:
        for index, value in enumerate(row):
            if not isinstance(value, str) or value.isascii() or BEYOND_LATIN1.search(value):
                continue
            legacy = legacy_encoding(value)
            if legacy is None:
                plain.append((row, index))
                continue
            found[legacy[0]] = found.get(legacy[0], 0) + 1
            row[index] = legacy[1]
    if plain and found:
        encoding = max(found, key=found.get)
        for row, index in plain:
            value = row[index]
            row[index] = from_tcvn3(value) if encoding == TCVN3_NAME else (from_vni(value) or value)
            found[encoding] += 1
    return found


def _vni_letter(char: str) -> str | None:
    lower = char.lower()
    letter = _VNI_LETTERS.get(lower)
    if letter is None:
        return None
    return letter.upper() if char != lower else letter


def from_vni(text: str) -> str | None:
    """VNI text as Unicode, NFC ("Hoï vaø teân" -> "Họ và tên"), or None when the text does
    not read as VNI (a look-alike left over)."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        lower = char.lower()
        marks = _VNI_MARKS.get(lower)
        following = text[index + 1] if index + 1 < len(text) else ""
        if marks is not None and following and following.lower() in marks:
            base = _VNI_LETTERS.get(lower, lower)
            base = base.upper() if char != lower else base
            out.append(base + marks[following.lower()])
            index += 2
            continue
        letter = _vni_letter(char)
        out.append(letter if letter is not None else char)
        index += 1
    result = unicodedata.normalize("NFC", "".join(out))
    return None if TELL.search(result) else result


def legacy_encoding(text: str) -> tuple[str, str] | None:
    """(encoding name, the text in Unicode) for text typed in TCVN3 or VNI, else None."""
    if not looks_tcvn3(text):
        return None
    if not _TCVN3_ONLY.search(text):
        converted = from_vni(text)
        if converted is not None:
            return VNI_NAME, converted
    return TCVN3_NAME, from_tcvn3(text)


def from_tcvn3(text: str) -> str:
    """TCVN3 text as Unicode, NFC ("Hä vµ tªn" -> "Họ và tên")."""
    return unicodedata.normalize("NFC", text.translate(TCVN3))

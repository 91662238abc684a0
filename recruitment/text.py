"""Text normalisation for Vietnamese names: searching with or without diacritics."""

import unicodedata


def strip_diacritics(text: str) -> str:
    """'Nguyễn Thị Huế' -> 'Nguyen Thi Hue' (đ/Đ become d/D, which Unicode does not decompose)."""
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

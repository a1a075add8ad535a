"""Alt+letter for every label of a form: each gets a letter of its own, chosen the way a person would."""

from __future__ import annotations

from collections.abc import Iterable


def _candidates(text: str) -> list[int]:
    """Positions worth a mnemonic, best first: the first letter of each word, then any other letter.
    Only plain letters a–z: Alt+ư cannot be typed on every Vietnamese keyboard layout."""
    firsts, others = [], []
    for i, ch in enumerate(text):
        if not ("a" <= ch.lower() <= "z"):
            continue
        (firsts if i == 0 or not text[i - 1].isalpha() else others).append(i)
    return firsts + others


def taken_by(texts: Iterable[str]) -> set[str]:
    """The letters texts with a "&" already use ("&Lưu" takes L)."""
    found = set()
    for text in texts:
        at = text.replace("&&", "").find("&")
        if 0 <= at < len(text) - 1:
            found.add(text.replace("&&", "")[at + 1].lower())
    return found


def assign(texts: list[str], taken: Iterable[str] = ()) -> list[str]:
    """The texts with a "&" before a letter no other text (nor `taken`) uses; a text with no free letter
    is left as it is (it can still be reached with Tab)."""
    used = {letter.lower() for letter in taken}
    result = []
    for text in texts:
        plain = text.replace("&", "&&")
        for i in _candidates(text):
            letter = text[i].lower()
            if letter not in used:
                used.add(letter)
                before = text[:i].replace("&", "&&")
                plain = before + "&" + text[i:].replace("&", "&&")
                break
        result.append(plain)
    return result

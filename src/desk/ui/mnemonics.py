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
    """The texts with a "&" before a letter no other text (nor `taken`) uses, each its best free letter in
    order; a text whose letters the others took gets one after all where another can move to a letter
    still free (a matching); only a text for which no such move exists is left as it is (Tab reaches it)."""
    blocked = {letter.lower() for letter in taken}
    options = [[i for i in _candidates(text) if text[i].lower() not in blocked] for text in texts]
    holder: dict[str, int] = {}             # letter -> the text that has it
    chosen: dict[int, int] = {}             # text -> the position of its letter

    def take(n: int, tried: set[str]) -> bool:
        for i in options[n]:
            letter = texts[n][i].lower()
            if letter in tried:
                continue
            tried.add(letter)
            if letter not in holder or take(holder[letter], tried):
                holder[letter], chosen[n] = n, i
                return True
        return False

    for n, found in enumerate(options):     # in order, each its best free letter
        free = next((i for i in found if texts[n][i].lower() not in holder), None)
        if free is not None:
            holder[texts[n][free].lower()], chosen[n] = n, free
    for n in range(len(texts)):
        if n not in chosen:
            take(n, set())
    result = []
    for n, text in enumerate(texts):
        if n in chosen:
            i = chosen[n]
            result.append(text[:i].replace("&", "&&") + "&" + text[i:].replace("&", "&&"))
        else:
            result.append(text.replace("&", "&&"))
    return result

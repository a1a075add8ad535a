"""The keys a record's row stores for the register list: search key, title fold and sort keys, from its texts."""

from __future__ import annotations

from desk.domain import sort_keys
from desk.domain.fields import FieldSpec
from desk.domain.register import Record, Register
from desk.domain.text import exact_search_form, search_form

MEMO_LIMIT = 20_000         # distinct values remembered per field (bounds memory on odd files)
TITLE_SORT = "title_sort"   # the stored collation key of a record's title


def search_key(reg: Register, values: Record, folded: dict[str, str] | None = None,
                keys: DerivedKeys | None = None) -> str:
    """search_form() of the searchable fields one after another, made from each field's (the same text:
    every word after a space); folded: text -> search form already made (the title's, by derived_columns);
    keys: forms remembered across records."""
    parts = [str(values.get(name) or "") for name in reg.search_fields]
    folded = folded or {}
    form_of = keys.search_form if keys is not None else search_form
    return "".join(f for f in (folded[p] if p in folded else form_of(p) for p in parts if p) if f != " ") or " "


class DerivedKeys:
    """The sort keys and search forms derived_columns makes, remembered for a caller deriving many records (a
    bulk write: domains, states, bodies and names repeat from row to row). Each depends on its text and
    the field's kind of key alone, so a remembered one is the one save() would make."""

    def __init__(self, limit: int | None = None) -> None:
        # Distinct texts remembered per field, and search forms (0: one record's, none kept).
        self.limit = MEMO_LIMIT if limit is None else limit
        self._forms: dict[str, str] = {}
        self._triples: dict[str, dict[str | None, tuple[str, str, str]]] = {}

    def forms(self, spec: FieldSpec, text: str | None) -> tuple[str, str, str]:
        """The sort key of a text field's text, its search form and its exact search form, remembered."""
        memo = self._triples.get(spec.name)
        if memo is None:
            memo = self._triples[spec.name] = {}
        found = memo.get(text)
        if found is None:
            key = sort_keys.key_of(spec)
            if key is sort_keys.vi_sort_text:
                found = sort_keys.sort_and_search_forms(text)
            else:       # a person's name: its own key (given name first)
                found = (key(text), self.search_form(text or ""), exact_search_form(text or ""))
            if len(memo) < self.limit:
                memo[text] = found
        return found

    def search_form(self, text: str) -> str:
        """text.search_form(text), remembered."""
        found = self._forms.get(text)
        if found is None:
            found = search_form(text)
            if len(self._forms) < self.limit:
                self._forms[text] = found
        return found


def key_inputs(reg: Register, values: Record, named: Record) -> tuple[Record, Record]:
    """What derived_columns reads of a record: its title and sorted texts (from values), and its searchable
    fields (from named: values with each reference replaced by the name of the record it refers to)."""
    return ({name: values.get(name) for name in (reg.title_field, *reg.keyed_sorts)},
            {name: named.get(name) for name in reg.search_fields})


def derived_columns(reg: Register, titled: Record, searched: Record, keys: DerivedKeys | None = None) -> Record:
    """The columns a record's row stores beside its values (search_key, title_sort, ...): from its title and
    sorted texts (titled) and its searchable ones, each reference by its name (searched), alone; what
    save() stores, and what a large import's second process makes (services.key_helper)."""
    folded: dict[str, str] = {}
    titles = _title_columns(reg, titled, keys, folded)
    return {"search_key": search_key(reg, searched, folded, keys), **titles}


def title_columns(reg: Register, values: Record, keys: DerivedKeys | None = None) -> Record:
    """title_sort, title_fold and title_casefold: the title's collation key, search_form() and
    exact_search_form(), for the register list; and the collation key of each other text column the list sorts in SQL
    (Register.keyed_sorts)."""
    return _title_columns(reg, values, keys, {})


def _title_columns(reg: Register, values: Record, keys: DerivedKeys | None, folded: dict[str, str]) -> Record:
    # Each text is split and looked up once for its sort key and search forms; folded gets text -> search
    # form of the title and sorted texts, which are most registers' searchable ones too.
    keys = keys if keys is not None else DerivedKeys(limit=0)
    title = values.get(reg.title_field)
    sort, fold, exact = keys.forms(reg.spec[reg.title_field], title)
    found = {TITLE_SORT: sort, "title_fold": fold, "title_casefold": exact}
    folded[title or ""] = fold
    for name in reg.keyed_sorts:
        text = values.get(name)
        found[f"{name}_sort"], folded[text or ""], _ = keys.forms(reg.spec[name], text)
    return found

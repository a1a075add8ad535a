"""The keys a record's row stores are each text's sort key and search forms, however many records share them."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.domain import registers
from desk.domain.derived_keys import DerivedKeys, derived_columns
from desk.domain.sort_keys import key_of
from desk.domain.text import exact_search_form, search_form

_TEXTS = st.one_of(st.none(), st.sampled_from(["Trụ sở chật", "Nguyễn Văn  Ánh", "12/QĐ-UBND", "", " "]),
                   st.text(max_size=12), st.text(max_size=12).map(lambda t: unicodedata.normalize("NFD", t)))


def _alone(reg, values):
    """The columns made field by field with the plain key functions, as the first version of Desk did."""
    spec = reg.spec
    title = values.get(reg.title_field)
    parts = [str(values.get(name) or "") for name in reg.search_fields]
    forms = [search_form(part) for part in parts if part]
    return {"search_key": "".join(f for f in forms if f != " ") or " ",
            "title_sort": key_of(spec[reg.title_field])(title), "title_fold": search_form(title or ""),
            "title_casefold": exact_search_form(title or ""),
            **{f"{name}_sort": key_of(spec[name])(values.get(name)) for name in reg.keyed_sorts}}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(list(registers.REGISTERS)), st.data())
def test_the_derived_columns_are_each_text_s_keys_alone_remembered_or_not(name, data):
    # Given records of a register whose texts repeat (some from record to record, in NFC and NFD)
    reg = registers.register(name)
    fields = (reg.title_field, *reg.keyed_sorts, *reg.search_fields)
    rows = data.draw(st.lists(st.fixed_dictionaries({field: _TEXTS for field in fields}), min_size=1, max_size=6))
    shared = DerivedKeys()
    for _ in range(2):
        for values in rows:
            # Then the columns a bulk write makes (keys remembered across records) and save()'s (none kept)
            # are what each key function makes of each text alone
            assert derived_columns(reg, values, values, shared) == _alone(reg, values)
            assert derived_columns(reg, values, values) == _alone(reg, values)

"""Every register row's search texts hold each word after a space, punctuation read as one (word-start search).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06

A search looked for the typed words anywhere in a row's folded texts, so "Hương" found every
"phường" and "Yến" every "Nguyễn". It now looks for each word at a word's start (domain.text.
search_words): search_key, title_fold and title_casefold hold their words each after a space, with
punctuation as a break ("123/QĐ-UBND" is " 123 qđ ubnd"). The stored texts are already folded, so
each is remade from itself: what records.stored_columns makes from the record's values.
"""
import sqlalchemy as sa
from alembic import op

from desk.domain.text import exact_search_form, search_form

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

TABLES = ("obstacle", "official", "staffing_frame", "movement", "visit", "initiative", "procedure_figures",
          "staffing_need")
_CHUNK = 5_000


def _remade(form, text: str | None) -> str | None:
    # A stored text is fold()'s or exact_form()'s own output, which they leave as it is: its form
    # only breaks its words at punctuation and puts a space before each.
    return None if text is None else form(text)


def upgrade() -> None:
    conn = op.get_bind()
    for table in TABLES:
        rows = conn.execute(sa.text(f'SELECT id, search_key, title_fold, title_casefold FROM "{table}"')).all()
        remade = [{"id": row_id, "key": search_form(key or ""), "fold": _remade(search_form, folded),
                   "exact": _remade(exact_search_form, exact)} for row_id, key, folded, exact in rows]
        update = sa.text(f'UPDATE "{table}" SET search_key = :key, title_fold = :fold, title_casefold = :exact '
                         'WHERE id = :id')
        for start in range(0, len(remade), _CHUNK):
            conn.execute(update, remade[start:start + _CHUNK])


def downgrade() -> None:
    conn = op.get_bind()
    for table in TABLES:
        # Back to single spaces between words; the punctuation a word start replaced is not restored.
        conn.execute(sa.text(f'UPDATE "{table}" SET search_key = trim(search_key), title_fold = trim(title_fold), '
                             'title_casefold = trim(title_casefold)'))

"""UserError is something the clerk can fix and is shown as a message; anything else is a bug."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; `str(error)` is a complete sentence in the UI language."""

    exit_code = 2


class ValidationError(UserError):
    """A record failed validation; `errors` maps field name -> message shown next to the field."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("\n".join(self.errors.values()))


class StoreError(UserError):
    """The database cannot be used as it is (busy, read-only, full, damaged, too new)."""

    exit_code = 1

"""Reading workbooks back (templates, Desk's own exports, other offices' files); no Qt, no services."""

"""French formats of the portal, over Django's (`FORMAT_MODULE_PATH`): what differs and why.

- Thousands are grouped by a narrow no-break space (U+202F), as in `config.typography`, so that
  `intcomma`, `localize` and form widgets print « 2 587 031 » like our own filters.
- Dates are typed « 03/12/2026 » (or « 3/12/2026 », « 03/12/26 ») and ISO « 2026-12-03 » (what a
  browser's date picker posts).
"""

THOUSAND_SEPARATOR = "\u202f"
DECIMAL_SEPARATOR = ","
NUMBER_GROUPING = 3
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # '03/12/2026'
    "%d/%m/%y",  # '03/12/26'
    "%Y-%m-%d",  # '2026-12-03' (date picker)
    "%d.%m.%Y",  # '03.12.2026'
]

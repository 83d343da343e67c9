"""Calendar arithmetic of contracts (no model import: also used by migrations)."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day `months` later, clamped to the month's last day (31 Aug + 6 months → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: datetime.date, years: int) -> datetime.date:
    return add_months(day, 12 * years)

"""The clean stage: repair text, strip page chrome, read the dateline, pick the title
and find the publication date.  Each is a small module with a plain function, and
:mod:`.steps` wraps them as pipeline steps."""

from .chrome import BoilerplateModel, chrome_kind, line_key, strip_chrome
from .dateline import Dateline, canonical_agency, parse_dateline
from .dates import find_published, parse_date
from .repair import repair_text
from .steps import ChromeStep, DatelineStep, DatesStep, RepairStep, TitleStep
from .title import pick_title, strip_site_name

__all__ = [
    "BoilerplateModel",
    "ChromeStep",
    "Dateline",
    "DatelineStep",
    "DatesStep",
    "RepairStep",
    "TitleStep",
    "canonical_agency",
    "chrome_kind",
    "find_published",
    "line_key",
    "parse_date",
    "parse_dateline",
    "pick_title",
    "repair_text",
    "strip_chrome",
    "strip_site_name",
]

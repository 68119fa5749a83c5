"""Cleaning: page furniture out, with a map back to the text as received.

:func:`clean` drops the lines of a scraped page that are not its article
(credits, captions, share buttons, paywall prompts, comment forms, tags,
related links, adverts, the repeated headline, bylines and datelines) and
reads the authors and dates that the byline and dateline give.
"""

from quotegraph.clean.cleaner import Cleaned, clean
from quotegraph.clean.offsets import OffsetMap

__all__ = ["Cleaned", "OffsetMap", "clean"]

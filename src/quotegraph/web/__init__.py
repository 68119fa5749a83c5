"""The web face: a FastAPI app with a JSON API and server-rendered pages over a Corpus.

>>> from quotegraph.corpus import Corpus              # doctest: +SKIP
>>> app = create_app(Corpus("news.db"))               # doctest: +SKIP
"""

from quotegraph.web.app import create_app
from quotegraph.web.security import Access

__all__ = ["Access", "create_app"]

"""Who may write, and from where: the access token, cross-site checks, trusted hosts.

Reading is open to whoever reaches the server, which by default is only this
machine. Writing (a correction) must come from the app's own pages or from a
client that holds the token:

* form posts carry a CSRF token that matches the ``qg_csrf`` cookie (SameSite
  strict), and an ``Origin`` or ``Referer`` of this very server;
* API posts from a browser do the same with an ``X-CSRF-Token`` header; other
  clients send no Origin, and when a token is required, ``Authorization: Bearer``;
* when the server is bound to a non-loopback address a token is required for
  every write; a browser logs in once on ``/login`` and gets it as a cookie.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

CSRF_COOKIE = "qg_csrf"
TOKEN_COOKIE = "qg_token"
CSRF_HEADER = "x-csrf-token"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or address) only listens on this machine."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    """A fresh random token, for the write token and the CSRF cookie."""
    return secrets.token_urlsafe(24)


@dataclass(frozen=True, slots=True)
class Access:
    """The write policy of one server: the token (None: writes need none) and trusted hosts.

    ``allowed_hosts`` are the names a request's ``Host`` may carry (any port),
    which stops DNS-rebinding pages from talking to a server on localhost;
    None accepts any host.
    """

    token: str | None = None
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_NAMES

    @classmethod
    def for_bind(cls, host: str, token: str | None) -> Access:
        """The policy for a server bound to ``host``: loopback names only unless bound wider."""
        if is_loopback(host):
            return cls(token=token, allowed_hosts=LOOPBACK_NAMES)
        return cls(token=token or new_token(), allowed_hosts=None)

    def host_allowed(self, host_header: str | None) -> bool:
        """Whether a request's ``Host`` header names this server."""
        if self.allowed_hosts is None:
            return True
        if not host_header:
            return False
        name = urlsplit(f"//{host_header}").hostname or ""
        return name in self.allowed_hosts or f"[{name}]" in self.allowed_hosts

    def token_ok(self, request: Request) -> bool:
        """Whether the request carries the write token (always true when none is needed)."""
        if self.token is None:
            return True
        presented = _bearer(request) or request.cookies.get(TOKEN_COOKIE, "")
        return _same(presented, self.token)

    def token_matches(self, given: str) -> bool:
        """Whether ``given`` is the write token (typed into the login form)."""
        return self.token is None or _same(given, self.token)

    def check_form_origin(self, request: Request, csrf: str) -> None:
        """Refuse a form post that is cross-site or lacks the CSRF token of its page."""
        _require_same_origin(request, required=True)
        if not _same(csrf, request.cookies.get(CSRF_COOKIE, "")):
            raise HTTPException(403, "the form has expired or came from another site; reload")

    def check_form(self, request: Request, csrf: str) -> None:
        """Refuse a form post that is cross-site, lacks the CSRF token or the write token."""
        self.check_form_origin(request, csrf)
        if not self.token_ok(request):
            raise HTTPException(401, "writing needs the access token: log in on /login first")

    def check_api(self, request: Request) -> None:
        """Refuse an API write from another site or without the token when one is needed."""
        if self.token is not None and _bearer(request):
            if not _same(_bearer(request), self.token):
                raise HTTPException(401, "wrong access token")
            return
        from_browser = _require_same_origin(request, required=False)
        if from_browser and not _same(
            request.headers.get(CSRF_HEADER, ""), request.cookies.get(CSRF_COOKIE, "")
        ):
            raise HTTPException(403, f"browser writes need the {CSRF_HEADER} header")
        if not self.token_ok(request):
            raise HTTPException(
                401, "writing needs the access token: send 'Authorization: Bearer TOKEN'"
            )


def own_origin(request: Request) -> str:
    """This server's origin as the client addressed it."""
    return f"{request.url.scheme}://{request.headers.get('host', '')}".lower()


def safe_next(path: str | None, default: str = "/") -> str:
    """A local path to go back to after a form post, never another site."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return default
    return path


def _require_same_origin(request: Request, *, required: bool) -> bool:
    """Check Origin (else Referer) against this server; True when a browser sent one."""
    sent = request.headers.get("origin") or request.headers.get("referer")
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        raise HTTPException(403, "cross-site requests may not write")
    if not sent or sent == "null":
        if required or sent == "null":
            raise HTTPException(403, "writes must come from this site's own pages")
        return False
    parts = urlsplit(sent)
    if f"{parts.scheme}://{parts.netloc}".lower() != own_origin(request):
        raise HTTPException(403, "cross-site requests may not write")
    return True


def _bearer(request: Request) -> str:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def _same(given: str, expected: str) -> bool:
    return bool(given) and bool(expected) and hmac.compare_digest(given, expected)

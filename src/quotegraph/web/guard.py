"""Around every request: unknown hosts refused, the CSRF cookie given, safety headers set.

A plain ASGI middleware (no task or stream per request), so that it costs
next to nothing on the pages it wraps.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quotegraph.web.security import CSRF_COOKIE, Access, new_token

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
COOKIE_ATTRIBUTES = "HttpOnly; Path=/; SameSite=strict"
SAFETY_HEADERS = (
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
)


class Guard:
    """Refuses requests for other hosts; gives each browser its CSRF token; sets headers.

    The token is put in the request's state as ``csrf``. Paths starting with
    one of ``open_paths`` (the API docs, which run their own scripts) get no
    content security policy.
    """

    def __init__(self, app: ASGIApp, *, access: Access, open_paths: tuple[str, ...]) -> None:
        self.app = app
        self.access = access
        self.open_paths = open_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not self.access.host_allowed(headers.get("host")):
            refusal = PlainTextResponse(
                "unknown host: open this server as http://127.0.0.1 or http://localhost",
                status_code=400,
            )
            await refusal(scope, receive, send)
            return
        known = cookie_parser(headers.get("cookie", "")).get(CSRF_COOKIE)
        token = known or new_token()
        scope.setdefault("state", {})["csrf"] = token
        policy = not scope["path"].startswith(self.open_paths)

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                if not known:
                    out.append(
                        "set-cookie", f"{CSRF_COOKIE}={token}; HttpOnly; Path=/; SameSite=strict"
                    )
                for name, value in SAFETY_HEADERS:
                    out.setdefault(name, value)
                if policy:
                    out.setdefault("content-security-policy", CONTENT_SECURITY_POLICY)
            await send(message)

        await self.app(scope, receive, send_guarded)

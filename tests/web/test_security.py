"""Writes only from this site's pages or with the token; hosts checked; redirects stay local."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import BASE, RecordingCorpus, csrf_of

from quotegraph.web.security import Access, is_loopback, safe_next


def _quote_url(corpus: RecordingCorpus, action: str = "accept") -> str:
    return f"/actions/quotes/{corpus.quotes()[0].id}/{action}"


def test_form_posts_need_the_csrf_token(recording: tuple[RecordingCorpus, TestClient]) -> None:
    """A post without the page's CSRF token, or with another, is refused."""
    corpus, client = recording
    for data in ({}, {"csrf": "forged"}):
        response = client.post(_quote_url(corpus), data=data, headers={"Origin": BASE})
        assert response.status_code == 403
    assert not corpus.calls


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
        {"Origin": BASE, "Sec-Fetch-Site": "cross-site"},
    ],
)
def test_form_posts_must_come_from_this_site(
    recording: tuple[RecordingCorpus, TestClient],
    headers: dict[str, str],
) -> None:
    """A cross-site post (or one that hides where it came from) is refused, CSRF token or not."""
    corpus, client = recording
    data = {"csrf": csrf_of(client)}
    assert client.post(_quote_url(corpus), data=data, headers=headers).status_code == 403
    assert not corpus.calls


def test_referer_of_this_site_is_enough(recording: tuple[RecordingCorpus, TestClient]) -> None:
    corpus, client = recording
    data = {"csrf": csrf_of(client)}
    response = client.post(
        _quote_url(corpus), data=data, headers={"Referer": f"{BASE}/review"}, follow_redirects=False
    )
    assert response.status_code == 303


def test_csrf_cookie_is_strict_and_http_only(client: TestClient) -> None:
    cookie = TestClient(client.app, base_url=BASE).get("/").headers["set-cookie"]
    assert "qg_csrf=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_api_writes_from_other_sites_are_refused(
    recording: tuple[RecordingCorpus, TestClient],
) -> None:
    """Browsers send Origin: another site's, or ours without the CSRF header, is refused."""
    corpus, client = recording
    url = f"/api/quotes/{corpus.quotes()[0].id}/accept"
    assert client.post(url, headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post(url, headers={"Origin": BASE}).status_code == 403
    assert not corpus.calls
    csrf = client.cookies["qg_csrf"]
    assert client.post(url, headers={"Origin": BASE, "X-CSRF-Token": csrf}).status_code == 200
    assert client.post(url).status_code == 200, "a script on this machine sends no Origin"
    assert len(corpus.calls) == 2


def test_unknown_host_is_refused(client: TestClient) -> None:
    """A page on another name (DNS rebinding) cannot reach the server on localhost."""
    assert client.get("/", headers={"Host": "evil.example:8000"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200


def test_bound_wider_writes_need_the_token(guarded: TestClient) -> None:
    """Bound to every interface, an API write needs the bearer token; reads do not."""
    assert guarded.get("/api/quotes").status_code == 200
    url = "/api/quotes/anything/accept"
    assert guarded.post(url).status_code == 401
    assert guarded.post(url, headers={"Authorization": "Bearer wrong"}).status_code == 401
    # Past the checks: this version may not record corrections (501), or the quote is unknown.
    passed = guarded.post(url, headers={"Authorization": "Bearer sesame"}).status_code
    assert passed not in (401, 403)


def test_login_sets_the_token_cookie(guarded: TestClient) -> None:
    """The login form checks the token and keeps it in a strict, HTTP-only cookie."""
    page = guarded.get("/review").text
    assert "Log in to correct" in page
    csrf = csrf_of(guarded, "/login")
    origin = {"Origin": "http://quotes.lan"}
    wrong = guarded.post("/login", data={"csrf": csrf, "token": "nope"}, headers=origin)
    assert wrong.status_code == 401
    right = guarded.post(
        "/login", data={"csrf": csrf, "token": "sesame"}, headers=origin, follow_redirects=False
    )
    assert right.status_code == 303
    assert "qg_token=sesame" in right.headers["set-cookie"]
    assert "SameSite=strict" in right.headers["set-cookie"]
    assert "Log in to correct" not in guarded.get("/review").text


def test_binding_policy() -> None:
    """Loopback binds need no token; wider binds get one generated when none is given."""
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    assert Access.for_bind("127.0.0.1", None).token is None
    generated = Access.for_bind("0.0.0.0", None).token
    assert generated and len(generated) >= 24
    assert Access.for_bind("0.0.0.0", "given").token == "given"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/review?x=1", "/review?x=1"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        (None, "/"),
    ],
)
def test_redirects_stay_on_this_site(given: str | None, expected: str) -> None:
    assert safe_next(given) == expected

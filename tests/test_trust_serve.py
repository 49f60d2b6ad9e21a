"""`wirewatch serve` lets in only the browser holding its token, on its own Host and Origin.

The guarded textual-serve app runs in-process on a free port of 127.0.0.1; every request
checked here is refused (or served the page) before any dashboard process would start.
"""

from __future__ import annotations

import argparse
import re
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from feeds.config import ConfigError, load_settings
from tui import commands

TOKEN = "s3cret-token-for-tests-0123456789"
REFUSED_TOKEN = b"wirewatch serve: open the URL with the token that `wirewatch serve` printed\n"
REFUSED_HOST = b"wirewatch serve: refused: the Host header names another server\n"
REFUSED_ORIGIN = b"wirewatch serve: refused: a request from another site (Origin)\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def client() -> AsyncIterator[TestClient]:
    port = free_port()
    server = commands.guarded_server("true", port, TOKEN)
    app = await server._make_app()
    async with TestClient(TestServer(app, host="127.0.0.1", port=port)) as test_client:
        yield test_client


async def get(client: TestClient, path: str, **headers: str) -> tuple[int, bytes]:
    async with client.get(path, headers=headers, allow_redirects=False) as response:
        return response.status, await response.read()


async def test_no_token_or_a_wrong_one_is_refused(client: TestClient) -> None:
    for path in ("/", "/ws", "/static/js/textual.js", "/download/x", "/?token=wrong",
                 f"/?token={TOKEN[:-1]}", "/?token=%C3%A9"):
        assert await get(client, path) == (403, REFUSED_TOKEN), path
    client.session.cookie_jar.update_cookies({f"wirewatch_serve_{client.port}": "wrong"})
    assert await get(client, "/static/js/textual.js") == (403, REFUSED_TOKEN)


async def test_the_token_opens_the_page_and_its_cookie_the_rest(client: TestClient) -> None:
    async with client.get(f"/?token={TOKEN}") as response:
        assert response.status == 200
        page = await response.text()
        cookie = response.cookies[f"wirewatch_serve_{client.port}"]
    assert f'data-session-websocket-url="ws://127.0.0.1:{client.port}/ws"' in page
    assert (cookie.value, cookie["httponly"], cookie["samesite"], cookie["path"]) == (
        TOKEN, True, "Strict", "/")
    status, script = await get(client, "/static/js/textual.js")  # the cookie, no token
    assert status == 200 and b"WebSocket" in script


async def test_a_foreign_host_is_refused_even_with_the_token(client: TestClient) -> None:
    for host in (f"evil.example:{client.port}", "127.0.0.1", f"127.0.0.1:{client.port + 1}",
                 f"localhost.evil.example:{client.port}"):
        assert await get(client, f"/?token={TOKEN}", Host=host) == (403, REFUSED_HOST), host


async def test_localhost_is_sent_to_127_0_0_1(client: TestClient) -> None:
    async with client.get(f"/?token={TOKEN}", headers={"Host": f"localhost:{client.port}"},
                          allow_redirects=False) as response:
        assert (response.status, response.headers["Location"]) == (
            302, f"http://127.0.0.1:{client.port}/?token={TOKEN}")


async def test_a_foreign_origin_is_refused(client: TestClient) -> None:
    page = f"/?token={TOKEN}"
    for origin in ("http://evil.example", "null", f"http://127.0.0.1:{client.port + 1}",
                   f"https://127.0.0.1:{client.port}"):
        assert await get(client, page, Origin=origin) == (403, REFUSED_ORIGIN), origin
    assert (await get(client, page, Origin=f"http://127.0.0.1:{client.port}"))[0] == 200


async def test_a_cross_site_websocket_is_refused(client: TestClient) -> None:
    for origin, path in (("http://evil.example", f"/ws?token={TOKEN}"),
                         (f"http://127.0.0.1:{client.port}", "/ws")):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(path, headers={"Origin": origin})
        assert refused.value.status == 403, origin


async def test_the_pages_websocket_is_let_in_with_the_cookie(client: TestClient) -> None:
    assert (await get(client, f"/?token={TOKEN}"))[0] == 200  # sets the cookie
    ws = await client.ws_connect("/ws?width=80&height=24",
                                 headers={"Origin": f"http://127.0.0.1:{client.port}"})
    await ws.close()  # upgraded: the app process ("true") started and ended


def serve_args(config: Path, db: Path) -> argparse.Namespace:
    return argparse.Namespace(config=str(config), db=str(db), port=8765)


def test_serve_prints_the_url_with_a_new_token_each_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "c.toml"
    config.write_text("")
    served: list[str] = []
    monkeypatch.delenv("WIREWATCH_SERVE_TOKEN", raising=False)
    monkeypatch.setattr("textual_serve.server.Server.serve", lambda self: served.append(self))
    tokens = []
    for _ in range(2):
        assert commands.serve(serve_args(config, tmp_path / "w.db")) == 0
        line = capsys.readouterr().err
        prefix = "wirewatch: serving the dashboard on http://127.0.0.1:8765/?token="
        assert line.startswith(prefix) and line.endswith(" (open this URL; Ctrl+C stops)\n")
        tokens.append(line.removeprefix(prefix).split(" ")[0])
    assert len(served) == 2 and tokens[0] != tokens[1]
    assert all(len(token) >= 32 for token in tokens)


def test_a_configured_token_is_used_and_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "c.toml"
    config.write_text(f'[serve]\ntoken = "{TOKEN}"\n')
    monkeypatch.delenv("WIREWATCH_SERVE_TOKEN", raising=False)
    monkeypatch.setattr("textual_serve.server.Server.serve", lambda self: None)
    commands.serve(serve_args(config, tmp_path / "w.db"))
    assert f"/?token={TOKEN} " in capsys.readouterr().err
    monkeypatch.setenv("WIREWATCH_SERVE_TOKEN", "from-the-environment-42")
    assert load_settings(config).serve_token == "from-the-environment-42"
    monkeypatch.setenv("WIREWATCH_SERVE_TOKEN", "short")
    with pytest.raises(ConfigError, match="^WIREWATCH_SERVE_TOKEN: expected 16 to 200 "):
        load_settings(config)
    monkeypatch.delenv("WIREWATCH_SERVE_TOKEN")
    config.write_text('[serve]\ntoken = "has spaces in it, sixteen+"\n')
    with pytest.raises(ConfigError, match=re.escape(f"{config}: serve.token: expected 16 to ")):
        load_settings(config)

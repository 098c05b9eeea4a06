"""`brochure watch --serve`: the page of the previews, its event stream, what it refuses to serve, and the page
itself in headless Chromium reloading after an edit, a broken save and a fix."""

from __future__ import annotations

import http.client
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import IN_CI
from openday import FAX, FAX_ERROR, FAX_LINE, PHONE, quattropole_copy
from projects import edit

from brochure.commands.cli import main
from brochure.commands.serve import PreviewServer, with_previews
from brochure.commands.watch import Watcher, watch
from brochure.errors import ExitStatus

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PANELS = ["cover", "inside-left", "inside-middle", "inside-right", "flap", "back"]
RELOAD_GUARD_MS = 180_000  # an anti-hang guard for a rebuild on a busy machine, not a timing


def saves(content: Path) -> Iterator[set[tuple[object, str]]]:
    """What watchfiles reports after each save of the content: the watch loop rebuilds on each `next`."""
    while True:
        yield {("modified", str(content))}


def get(server: PreviewServer, path: str, host: str | None = None) -> tuple[int, bytes]:
    """The status and body of a GET sent with `path` exactly as written (no client tidies it up)."""
    connection = http.client.HTTPConnection(*server.address, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host or f"127.0.0.1:{server.port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PreviewServer, Path]]:
    """The previews of a project, built once and served on a free port; and the previews folder. Its tests
    share an xdist group: one process builds it."""
    project = quattropole_copy(tmp_path_factory.mktemp("served") / "p")
    watcher = Watcher(project / "content.yaml", project / "out", ["previews"])
    with PreviewServer(0) as server:
        rebuild = watcher.rebuild()
        assert rebuild.ok
        server.publish(rebuild)
        yield server, project / "out" / "quattropole-previews"


@pytest.mark.xdist_group("served")
def test_it_listens_on_127_0_0_1_only_and_serves_the_previews_by_name(served):
    server, previews = served
    assert server.address[0] == "127.0.0.1" and server.url == f"http://127.0.0.1:{server.port}/"
    status, body = get(server, "/previews/panel-01-cover.png?g=1")
    assert status == 200 and body == (previews / "panel-01-cover.png").read_bytes()
    status, body = get(server, "/")
    assert status == 200
    assert re.findall(r'data-panel="([^"]+)"', body.decode()) == PANELS


@pytest.mark.xdist_group("served")
@pytest.mark.parametrize(
    "path",
    [
        "/previews/../content.yaml",
        "/previews/../../content.yaml",
        "/previews/..%2f..%2fcontent.yaml",
        "/previews/%2e%2e/%2e%2e/content.yaml",
        "/previews/%2E%2E%2F%2E%2E%2Fcontent.yaml",
        "/previews//etc/passwd",
        "/previews/panel-01-cover.png/../../content.yaml",
        "/../content.yaml",
        "/content.yaml",
        "/out/quattropole-previews/panel-01-cover.png",
        "/previews/quattropole-print.pdf",
    ],
)
def test_nothing_but_a_preview_of_the_last_good_build_is_served(served, path: str):
    server, previews = served
    secret = (previews.parent.parent / "content.yaml").read_bytes()
    status, body = get(server, path)
    assert status == 404 and secret not in body and body == b"not found\n"


@pytest.mark.xdist_group("served")
def test_a_request_by_another_host_name_is_refused(served):
    """A web site whose name resolves to 127.0.0.1 (DNS rebinding) must not read the page."""
    server, _ = served
    assert get(server, "/", host=f"localhost:{server.port}")[0] == 200
    assert get(server, "/", host=f"attacker.example:{server.port}")[0] == 403
    assert get(server, "/previews/panel-01-cover.png", host="attacker.example")[0] == 403


def test_the_event_stream_says_each_new_generation_and_ends_when_the_server_closes(project: Path):
    edit(project / "content.yaml", PHONE, PHONE + FAX)  # a broken save is a generation too, and costs no build
    watcher = Watcher(project / "content.yaml", project / "out", ["previews"])
    server = PreviewServer(0).start()
    connection = http.client.HTTPConnection(*server.address, timeout=120)  # an anti-hang guard
    connection.request("GET", "/events")
    stream = connection.getresponse()
    assert stream.status == 200 and stream.getheader("Content-Type") == "text/event-stream"
    assert stream.readline() == b"data: 0\n" and stream.readline() == b"\n"
    server.publish(watcher.rebuild())
    assert stream.readline() == b"data: 1\n" and stream.readline() == b"\n"
    server.close()
    assert stream.read() == b""  # the stream ended with the server
    connection.close()
    PreviewServer(server.port).close()  # and the port is free for the next watch


def test_a_broken_save_keeps_the_last_good_previews_on_the_page(project: Path):
    content = project / "content.yaml"
    loop = watch(Watcher(content, project / "out", ["previews"]), saves(content))
    with PreviewServer(0) as server:
        server.publish(next(loop))
        edit(content, PHONE, PHONE + FAX)
        broken = next(loop)
        assert not broken.ok
        assert server.publish(broken) == 2
        assert server.shown.drawn == 1 and len(server.shown.pictures) == 9
        body = get(server, "/")[1].decode()
        assert (
            "sections.contact[4].contact.fax: unknown key" in body and 'src="/previews/panel-01-cover.png?g=1"' in body
        )
        assert get(server, "/previews/panel-01-cover.png?g=1")[0] == 200


def test_the_new_previews_are_shown_before_the_checks_then_the_findings(project: Path):
    content, previews = project / "content.yaml", project / "out" / "quattropole-previews"
    with PreviewServer(0) as server:
        seen: dict[str, object] = {}

        def drawn(pictures: dict[str, bytes], changed: tuple[str, ...]) -> None:
            generation = server.show_checking(pictures, changed)  # what the watch hands the page
            body = get(server, "/")[1].decode()
            cover = previews / "panel-01-cover.png"
            seen.update(generation=generation, body=body, on_disk=cover.read_bytes() if cover.exists() else None)
            seen["served"] = get(server, f"/previews/panel-01-cover.png?g={generation}")[1]
            seen["drawn"], seen["pictures"] = pictures["panel-01-cover.png"], dict(pictures)

        loop = watch(Watcher(content, project / "out", with_previews(["print"])), saves(content), drawn)
        assert server.publish(next(loop)) == 2  # the first build: its previews shown while checking, then published
        old_cover = (previews / "panel-01-cover.png").read_bytes()
        edit(content, "au cœur de l'Europe", "au cœur même de l'Europe")
        rebuild = next(loop)
        # Before the checks ran, the page showed the new cover, from memory: nothing was written yet.
        assert seen["generation"] == 3 and seen["on_disk"] == old_cover
        assert seen["served"] == seen["drawn"] != old_cover
        assert "laid out, checking…" in str(seen["body"]) and 'src="/previews/panel-01-cover.png?g=3"' in str(
            seen["body"]
        )
        assert '<figure data-panel="cover" class="changed"' in str(seen["body"])
        # The panels alone, the page's pictures, are handed to it before the sides are encoded: the same bytes.
        assert seen["pictures"] == {path.name: path.read_bytes() for path in previews.glob("panel-*.png")}
        assert server.publish(rebuild) == 4  # then the findings, and the same pictures, from the files written
        body = get(server, "/")[1].decode()
        assert "checks: 0 errors, 0 warnings" in body and "checking" not in body
        assert (
            get(server, "/previews/panel-01-cover.png?g=4")[1]
            == seen["drawn"]
            == (previews / "panel-01-cover.png").read_bytes()
        )


def test_serve_forces_the_previews_on_and_the_proof_with_print():
    assert with_previews(None) == ["print", "email", "previews", "mailing", "proof"]
    assert with_previews(["print"]) == ["print", "previews", "proof"]
    assert with_previews(["previews", "email"]) == ["previews", "email"]


def test_serve_opens_the_page_once_it_listens_serves_the_first_build_and_stops_cleanly(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    seen: dict[str, object] = {}

    def page_at(url) -> tuple[int, str]:
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        connection.request("GET", "/")
        response = connection.getresponse()
        answer = response.status, response.read().decode()
        connection.close()
        return answer

    def a_browser(url: str) -> bool:
        """Instead of the user's browser: ask for the page, which must be listening already."""
        seen["opened"] = urlsplit(url)
        seen["first"] = page_at(seen["opened"])
        return True

    def ctrl_c_after_a_look(watcher):
        """Instead of watching the disk: look at the page once the first build is shown, then press Ctrl-C."""
        url = re.search(r"serving the previews at (\S+)", capsys.readouterr().err).group(1)
        seen["url"] = urlsplit(url)
        seen["page"] = page_at(seen["url"])[1]
        raise KeyboardInterrupt
        yield  # a generator, as file_changes is

    monkeypatch.setattr("brochure.commands.serve.open_in_browser", a_browser)
    monkeypatch.setattr("brochure.commands.watch.file_changes", ctrl_c_after_a_look)
    args = ["serve", str(project / "content.yaml"), "-o", str(project / "out"), "--only", "print"]
    assert main([*args, "--open", "--port", "0"]) == ExitStatus.INTERRUPTED  # Ctrl-C: 130, as for any command
    assert seen["url"].hostname == "127.0.0.1" and seen["url"].port > 0
    assert seen["opened"] == seen["url"] and seen["first"][0] == 200  # opened where it listened, before the build
    assert "checks: 0 errors, 0 warnings" in seen["page"]
    assert re.findall(r'data-panel="([^"]+)"', seen["page"]) == PANELS  # --only print, and the previews drawn
    assert re.findall(r'src="/proof/(side-\d.png)\?', seen["page"]) == ["side-1.png", "side-2.png"]  # and the proof
    assert capsys.readouterr().err.endswith("stopped\n")
    PreviewServer(seen["url"].port).close()  # the port is free again


def test_a_bug_has_a_banner_of_its_own_over_the_stale_previews():
    import datetime as dt

    from brochure.commands.livepage import page
    from brochure.commands.serve import Pictures, Shown
    from brochure.commands.watch import Rebuild

    good = Pictures(("panel-01-cover.png",), ((756, 794),), 1, "09:29:40", folder=Path("out"))
    bug = Rebuild(dt.datetime(2026, 12, 6, 9, 29, 46), 0.1, ExitStatus.INTERNAL_ERROR, error="internal error: KeyError")
    body = page(Shown(2, bug, good))
    assert '<section id="banner" class="bug"' in body and "a bug in brochure" in body and "KeyError" in body
    assert '<main id="panels" class="stale">' in body and "stale — from 09:29:40" in body
    assert "stale — from" not in page(Shown(1, None, good))  # nothing failed yet


def test_serve_help_has_an_example_and_the_defaults(capsys):
    assert main(["serve", "--help"]) == ExitStatus.OK
    out = capsys.readouterr().out
    assert "brochure serve --open" in out and "default 8450" in out and "default: out" in out


def test_port_needs_serve_and_a_port_in_use_is_one_line(project: Path, capsys, monkeypatch):
    from brochure.editions import helper

    started = []
    monkeypatch.setattr(helper.Helper, "__init__", lambda self, *args: started.append(args))
    content = str(project / "content.yaml")
    assert main(["watch", content, "--port", "0"]) == ExitStatus.INVALID_INPUT
    assert "--port: give it with --serve" in capsys.readouterr().err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["watch", content, "--serve", "--port", str(port)]) == ExitStatus.INVALID_INPUT
    err = capsys.readouterr().err
    assert err == f"--port {port}: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    assert started == []  # no second process left behind by a watch that never started


# In headless Chromium: the page as a person sees it. One browser for the module's tests, which share an xdist
# group: one process starts it.


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None and not IN_CI:  # in CI, a missing Chromium fails the browser tests
        pytest.skip("no chromium on PATH: the served page cannot be tested in a browser (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def shown_pictures(page) -> dict[str, dict]:
    """Each panel's picture on the page: its URL, whether it loaded, and whether it is marked changed."""
    return {
        item["panel"]: item
        for item in page.eval_on_selector_all(
            "#panels figure",
            """figures => figures.map(f => ({panel: f.dataset.panel, src: f.querySelector('img').src,
                width: f.querySelector('img').complete ? f.querySelector('img').naturalWidth : 0,
                changed: f.classList.contains('changed')}))""",
        )
    }


def stale_labels(page) -> list[str]:
    """What each panel's stale label says (none: ''), and how its picture is filtered (greyed or 'none')."""
    return page.eval_on_selector_all(
        "#panels figure",
        """figures => figures.map(f => (f.querySelector('.stale-label')?.innerText ?? '') + ' '
            + getComputedStyle(f.querySelector('img')).filter)""",
    )


def findings_listed(page) -> list[dict]:
    return page.eval_on_selector_all(
        "#findings tbody tr",
        """rows => rows.map(r => ({severity: r.cells[0].innerText, panel: r.cells[2].innerText,
            field: r.cells[3].innerText, line: r.cells[4].innerText}))""",
    )


def enlarges_the_cover(page) -> None:
    """A click on the cover shows the same file, all its pixels, at least nearly at print size (its width
    attribute, half its pixels), well larger than in the row; Escape closes it."""
    cover = page.locator("#panels figure[data-panel=cover] img")
    thumbnail, print_size = cover.bounding_box()["width"], int(cover.get_attribute("width"))
    page.click("#panels figure[data-panel=cover] img")
    page.wait_for_function("document.querySelector('#overlay img').naturalWidth > 0")  # loaded
    natural = page.evaluate("document.querySelector('#overlay img').naturalWidth")
    shown = page.locator("#overlay img").bounding_box()["width"]
    assert page.evaluate("document.querySelector('#overlay img').src") == cover.evaluate("i => i.src")
    assert natural == pytest.approx(2 * print_size, abs=1)
    assert page.is_visible("#overlay") and shown >= 0.85 * print_size and shown > 1.5 * thumbnail
    page.keyboard.press("Escape")
    assert page.is_hidden("#overlay")


def sharp_panels(page) -> list[tuple[int, float]]:
    """Each panel's picture: its pixels across, and how wide the row shows it in CSS pixels."""
    return page.eval_on_selector_all(
        "#panels figure img", "images => images.map(i => [i.naturalWidth, i.getBoundingClientRect().width])"
    )


def shows_the_panels_sharp(page) -> None:
    """On a screen of two device pixels per CSS pixel, each panel's picture has a pixel for each device pixel
    it covers or more; in a window wide enough to show them at print size, exactly that (an odd pixel aside)."""
    assert page.evaluate("devicePixelRatio") == 2
    assert all(natural >= 2 * shown > 0 for natural, shown in sharp_panels(page))
    size = page.viewport_size
    page.set_viewport_size({"width": 2600, "height": size["height"]})
    assert all(natural == pytest.approx(2 * shown, abs=1) for natural, shown in sharp_panels(page))
    page.set_viewport_size(size)


@pytest.mark.xdist_group("browser")
def test_the_page_reloads_itself_after_an_edit_and_shows_the_new_preview(project: Path, browser):
    content, previews = project / "content.yaml", project / "out" / "quattropole-previews"
    loop = watch(Watcher(content, project / "out", with_previews(["print"])), saves(content))
    with PreviewServer(0, [content]) as server:
        server.publish(next(loop))
        page = browser.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=2)
        requested: list[str] = []
        page.on("request", lambda request: requested.append(urlsplit(request.url).path))
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(server.url, wait_until="load")
        first = shown_pictures(page)
        assert list(first) == PANELS and all(item["width"] > 0 for item in first.values())
        assert "checks: 0 errors, 0 warnings" in page.inner_text("#status")
        shows_the_panels_sharp(page)
        enlarges_the_cover(page)
        page.click("#show-proof")  # the proof instead of the panels
        assert page.is_hidden("#panels") and page.is_visible("#proof")
        proof = page.eval_on_selector_all("#proof img", "images => images.map(i => [i.src, i.naturalWidth])")
        assert [urlsplit(src).path for src, _ in proof] == ["/proof/side-1.png", "/proof/side-2.png"]
        assert all(width > 0 for _, width in proof)
        assert (
            get(server, "/proof/side-2.png")[1] == (project / "out" / "quattropole-proof" / "side-2.png").read_bytes()
        )
        page.click("#show-panels")
        assert page.is_visible("#panels") and page.is_hidden("#proof")
        old_cover = (previews / "panel-01-cover.png").read_bytes()
        page.evaluate("window.sameDocument = true")

        edit(content, "au cœur de l'Europe", "au cœur même de l'Europe")
        rebuild = next(loop)
        assert rebuild.changed_panels == ("cover",)
        with page.expect_event("load", timeout=RELOAD_GUARD_MS):
            server.publish(rebuild)  # nothing else tells the page: it hears it on its event stream

        assert page.evaluate("window.sameDocument") is None  # a new document: the page reloaded
        assert "panels changed: cover;" in page.inner_text("#status")
        second = shown_pictures(page)
        assert all(item["width"] > 0 for item in second.values())
        assert [panel for panel, item in second.items() if item["changed"]] == ["cover"]
        assert second["cover"]["src"].endswith("/previews/panel-01-cover.png?g=2")
        fetched = next(response for response in responses if response.url == second["cover"]["src"]).body()
        assert fetched == (previews / "panel-01-cover.png").read_bytes() != old_cover
        assert requested.count("/") == 2 and requested.count("/events") == 2  # one each per load: no polling

        # A save that fails the checks: a banner, the previews kept and marked stale, every finding located.
        line = "                renforcer la dynamique transfrontalière\n"
        edit(content, line, line + line.replace("\n", " encore et encore\n") * 12)
        failed = next(loop)
        assert failed.status == ExitStatus.CHECK_FAILED
        with page.expect_event("load", timeout=RELOAD_GUARD_MS):
            server.publish(failed)
        assert "Checks failed" in page.inner_text("#banner") and "print edition: " in page.inner_text("#banner")
        assert all(label.startswith("stale — from ") and "grayscale(1)" in label for label in stale_labels(page))
        listed = findings_listed(page)
        assert listed and all(re.fullmatch(r"content\.yaml:\d+:\d+", row["line"]) and row["field"] for row in listed)
        overflow = next(row for row in listed if row["panel"] == "inside-middle" and row["severity"] == "error")
        lines = content.read_text(encoding="utf-8").splitlines()
        number = int(overflow["line"].split(":")[1])
        assert overflow["field"].startswith("sections.fields_of_action")  # the section the panel prints ...
        assert lines.index("  fields_of_action:") < number <= len(lines)  # ... and a line in it
        page.click("#show-proof")  # the proof of the rejected render, its findings drawn: this build's
        assert "this build's" in page.inner_text("#proof") and all(
            src.endswith(f"?g={server.shown.generation}")
            for src in page.eval_on_selector_all("#proof img", "i => i.map(x => x.src)")
        )
        page.close()


@pytest.mark.xdist_group("browser")
def test_the_page_shows_a_broken_save_keeps_the_previews_and_recovers(project: Path, browser):
    content = project / "content.yaml"
    loop = watch(Watcher(content, project / "out", ["previews"]), saves(content))
    with PreviewServer(0, [content]) as server:
        server.publish(next(loop))
        page = browser.new_page()
        page.goto(server.url, wait_until="load")
        good = shown_pictures(page)
        assert page.locator("#error").count() == 0

        edit(content, PHONE, PHONE + FAX)
        with page.expect_event("load", timeout=RELOAD_GUARD_MS):
            server.publish(next(loop))
        assert "not rebuilt, the last good outputs are kept" in page.inner_text("#status")
        assert f"{content}:{FAX_ERROR}" in page.inner_text("#error")
        assert page.inner_text("#banner .where") == f"content.yaml:{FAX_LINE}"  # the line, made prominent
        kept = shown_pictures(page)
        assert [item["src"] for item in kept.values()] == [item["src"] for item in good.values()]
        assert all(item["width"] > 0 for item in kept.values())
        assert all(label.startswith("stale — from ") and "grayscale(1)" in label for label in stale_labels(page))

        edit(content, FAX, "")
        edit(content, PHONE, PHONE.replace("\n", ": x\n"))  # not YAML: a second colon on the line
        with page.expect_event("load", timeout=RELOAD_GUARD_MS):
            server.publish(next(loop))
        assert page.inner_text("#banner .where") == f"content.yaml:{FAX_LINE - 1}"
        assert "YAML syntax error" in page.inner_text("#error") and page.locator("#panels.stale").count() == 1
        assert [item["src"] for item in shown_pictures(page).values()] == [item["src"] for item in good.values()]

        edit(content, PHONE.replace("\n", ": x\n"), PHONE)
        with page.expect_event("load", timeout=RELOAD_GUARD_MS):
            server.publish(next(loop))
        assert page.locator("#error").count() == 0 and page.locator("#banner").count() == 0
        assert stale_labels(page) == [" none"] * len(PANELS)  # fresh again
        assert "panels changed: none;" in page.inner_text("#status")
        recovered = shown_pictures(page)
        assert list(recovered) == PANELS and all(item["width"] > 0 for item in recovered.values())
        assert all(item["src"].endswith("?g=4") for item in recovered.values())
        page.close()

"""`brochure edit` without a browser: the form made from the schema, what a save writes (and refuses), uploads, and
what the server refuses to answer. The page in a browser is tested in test_edit_browser.py."""

from __future__ import annotations

import difflib
import http.client
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from PIL import Image

from brochure.commands.cli import main
from brochure.commands.edit import EditServer
from brochure.commands.editform import form, project_images, shown
from brochure.commands.editsave import MAX_UPLOAD_BYTES, Edit, Refused, Saver, store_upload
from brochure.commands.editwords import WORDS, page_language
from brochure.errors import ExitStatus
from brochure.files.yamlfile import node_at, read_yaml

FESTIVAL = ROOT / "brochure" / "examples" / "festival"
PROGRAMME = "sections.programme[2].programme.items"  # the festival's programme, as the checks name it


def festival_copy(folder: Path) -> Path:
    """A copy of the festival example, to change freely; its content file."""
    shutil.copytree(FESTIVAL, folder, ignore=shutil.ignore_patterns("out"))
    return folder / "content.yaml"


@pytest.fixture
def festival(tmp_path: Path) -> Path:
    return festival_copy(tmp_path / "festival")


def png(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


# The form, from the schema.


def test_the_form_has_every_text_of_every_block_in_every_language_side_by_side(festival: Path):
    root, _ = read_yaml(festival, "content")
    html = form(root, project_images(festival.parent, festival.parent / "out"), WORDS["en"])
    paths = re.findall(r'data-path="([^"]*)"', html)
    assert "document.title" in paths and "document.author" in paths
    assert "sections.welcome.blocks[0].heading.text" in paths  # a section written as a mapping: its `blocks`
    assert [f"sections.programme[2].programme.items[{i}].time" for i in range(7)] == [
        path for path in paths if path.endswith(".time") and path.startswith(PROGRAMME)
    ]
    assert "sections.cover.blocks[0].photo.file" in paths and "sections.shuttle[1].photo.alt" in paths
    # Every language of a translated text, one box each, in the content's order.
    welcome = html.split('data-path="sections.welcome.blocks[0].heading.text"')[1].split("</div>")[0]
    assert re.findall(r'<textarea data-lang="(\w+)"', welcome) == ["fr", "de", "en"]
    assert "Music up high" in welcome
    # How a block looks is not the form's: no level, style, colour, focus or ratio.
    assert not [path for path in paths if re.search(r"\.(level|style|colour|focus|ratio|bleed|icon)$", path)]
    # One text for every language has a box of its own and a way to translate it.
    kicker = html.split('data-path="sections.title[0].heading.kicker"')[1].split("</div></div>")[0]
    assert 'data-lang=""' in kicker and "SAINT-RÉMY-LES-CRÊTES" in kicker and 'class="translate"' in kicker
    # The images to choose from: the project's, not the outputs, the photos listed with their folder.
    assert project_images(festival.parent, festival.parent / "out") == [
        "assets/logo.svg",
        "assets/photos/dandelions.jpg",
        "assets/photos/sunset-hills.jpg",
    ]


def test_the_page_speaks_the_browsers_language():
    assert page_language("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5") == "fr"
    assert page_language("de-DE,de;q=0.9") == "de"
    assert page_language("it, en;q=0.3, de;q=0.5") == "de"  # by preference, not by order
    assert page_language("ja, zh") == "en" and page_language(None) == "en" and page_language("fr;q=0") == "en"
    assert set(WORDS["fr"]) == set(WORDS["de"]) == set(WORDS["en"])  # every word in every language


# Saves.


def test_a_one_field_save_changes_that_line_only_and_keeps_comments_and_quoting(festival: Path):
    before = festival.read_text(encoding="utf-8")
    lead = "sections.welcome.blocks[2].text.text"
    base = {
        "fr": "Deux fois par an, la musique monte au sommet.",
        "de": "Zweimal im Jahr zieht die Musik auf den Gipfel.",
        "en": "Twice a year, music climbs to the summit.",
    }
    edited = {**base, "de": "Zweimal im Jahr steigt die Musik auf den Gipfel."}
    assert Saver(festival).save([Edit(lead, edited, base)], []).ok
    after = festival.read_text(encoding="utf-8")
    changed = list(difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""))
    assert changed[3:] == [
        "-            de: Zweimal im Jahr zieht die Musik auf den Gipfel.",
        "+            de: Zweimal im Jahr steigt die Musik auf den Gipfel.",
    ]


def test_an_invalid_save_writes_nothing_and_names_its_field_in_one_line(festival: Path):
    before = festival.read_bytes()
    time = f"{PROGRAMME}[1].time"
    saved = Saver(festival).save([Edit(time, "25:70", "15:00", "line")], [])
    assert festival.read_bytes() == before and not list(festival.parent.glob(".*saving*"))
    assert re.fullmatch(rf"content\.yaml:\d+:\d+: {re.escape(time)}: not a time of day: .*", saved.error)
    assert saved.field == time
    # An image outside the project is refused as a build refuses it, and nothing is read there.
    picture = "sections.cover.blocks[0].photo.file"
    saved = Saver(festival).save([Edit(picture, "../../etc/passwd.png", "assets/photos/sunset-hills.jpg", "image")], [])
    assert "is outside the project folder" in saved.error and festival.read_bytes() == before


def test_a_save_over_a_field_changed_meanwhile_is_refused_naming_it_and_others_merge(festival: Path):
    title = "document.title"
    base = {
        "fr": "Solstice 2027 – Festival de musique au sommet",
        "de": "Solstice 2027 – Musikfestival auf dem Gipfel",
        "en": "Solstice 2027 – Music festival on the summit",
    }
    first, second = Saver(festival), Saver(festival)  # two tabs: the same file, the same values to start from
    assert first.save([Edit(title, {**base, "fr": "Solstice 2027 – Le festival"}, base)], []).ok
    written = festival.read_bytes()
    refused = second.save([Edit(title, {**base, "fr": "Solstice 2027 – Festival au sommet"}, base)], [])
    assert refused.conflicts == (title,) and festival.read_bytes() == written
    # A field the first tab did not touch: the second tab's save is merged with the first's.
    author = second.save([Edit("document.author", "Association Solstice e.V.", "Association Solstice", "line")], [])
    text = festival.read_text(encoding="utf-8")
    assert author.ok and "fr: Solstice 2027 – Le festival" in text and "author: Association Solstice e.V." in text


def test_an_added_programme_item_is_appended_as_the_others_are_written(festival: Path):
    item = {"time": "23:15", "text": {"fr": "Feu d'artifice", "de": "Feuerwerk", "en": "Fireworks", "xx": ""}}
    assert Saver(festival).save([], [(PROGRAMME, {"text": {"fr": ""}})]).ok is True  # nothing typed: nothing
    assert Saver(festival).save([], [(PROGRAMME, item)]).ok
    assert Saver(festival).save([], [("document.keywords", "solstice")]).ok  # a list the file has not: made
    root, _ = read_yaml(festival, "content")
    assert shown(node_at(root, "document.keywords")) == ["solstice"]
    assert shown(node_at(root, f"{PROGRAMME}[7]")) == {  # as typed: 23:15, whether quoted or not
        "time": "23:15",
        "text": {"fr": "Feu d'artifice", "de": "Feuerwerk", "en": "Fireworks"},
    }


# Uploads.


def test_an_upload_is_checked_as_a_build_checks_an_image_and_a_refused_one_writes_nothing(tmp_path: Path):
    project = tmp_path / "p"
    project.mkdir()
    good = png()
    assert store_upload(project, "../../Summer Photo.PNG", good) == "assets/Summer-Photo.png"
    assert (project / "assets" / "Summer-Photo.png").read_bytes() == good
    assert store_upload(project, "Summer Photo.PNG", good) == "assets/Summer-Photo.png"  # the same: once
    assert store_upload(project, "Summer Photo.PNG", png(65)) == "assets/Summer-Photo-2.png"  # another: beside
    before = sorted(path.name for path in (project / "assets").iterdir())
    with pytest.raises(Refused, match=r"^'broken\.png' is not a valid PNG image: "):
        store_upload(project, "broken.png", good[: len(good) // 2])
    with pytest.raises(Refused, match=r"^'fake\.jpg' is not a JPEG file, whatever its name says$"):
        store_upload(project, "fake.jpg", good)
    with pytest.raises(Refused, match=r"is not an image brochure takes"):
        store_upload(project, "notes.txt", b"hello")
    with pytest.raises(Refused, match=r"too large"):
        store_upload(project, "huge.png", good + bytes(MAX_UPLOAD_BYTES))
    assert sorted(path.name for path in (project / "assets").iterdir()) == before


def test_an_upload_never_writes_through_a_link_out_of_the_project(tmp_path: Path):
    project, elsewhere = tmp_path / "p", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    (project / "assets").symlink_to(elsewhere)
    with pytest.raises(Refused, match="leads out of the project"):
        store_upload(project, "photo.png", png())
    assert list(elsewhere.iterdir()) == []


# The server: what it refuses.


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditServer]:
    """An edit server over a copy of the festival, no build shown: what it answers, and refuses."""
    content = festival_copy(tmp_path_factory.mktemp("edit") / "festival")
    with EditServer(0, [content], content.parent / "out") as served:
        yield served


def ask(server: EditServer, method: str, path: str, body: bytes = b"", headers: dict | None = None):
    """The status and body of a request sent exactly as written; Host, token and length as given."""
    sent = {"Host": f"127.0.0.1:{server.port}", "X-Brochure-Token": server.token, "Content-Length": str(len(body))}
    sent.update(headers or {})
    connection = http.client.HTTPConnection(*server.address, timeout=30)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in sent.items():
            if value is not None:
                connection.putheader(name, value)
        connection.endheaders()
        if body:
            connection.send(body)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_the_page_has_the_form_and_the_sessions_token_in_the_browsers_language(server: EditServer):
    status, body = ask(server, "GET", "/", headers={"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"})
    page = body.decode()
    assert status == 200 and '<html lang="de">' in page and ">Speichern<" in page
    assert f'<meta name="brochure-token" content="{server.token}">' in page
    assert 'data-path="sections.welcome.blocks[0].heading.text"' in page


def test_a_request_by_another_host_name_or_from_another_page_is_refused(server: EditServer):
    save = json.dumps({"fields": [], "added": []}).encode()
    assert ask(server, "POST", "/save", save)[0] == 200
    assert ask(server, "GET", "/", headers={"Host": f"evil.example:{server.port}"})[0] == 403
    assert ask(server, "POST", "/save", save, {"Host": f"evil.example:{server.port}"})[0] == 403
    assert ask(server, "POST", "/save", save, {"X-Brochure-Token": None})[0] == 403  # no token: another page's form
    assert ask(server, "POST", "/save", save, {"X-Brochure-Token": "guessed"})[0] == 403
    assert ask(server, "POST", "/save", save, {"Origin": "http://evil.example"})[0] == 403
    assert ask(server, "POST", "/save", save, {"Origin": f"http://localhost:{server.port}"})[0] == 200
    assert ask(server, "POST", "/upload", png(), {"X-Brochure-Token": None, "X-File-Name": "a.png"})[0] == 403
    assert not (server.content.parent / "assets" / "a.png").exists()


def test_request_sizes_are_bounded_before_a_byte_is_read(server: EditServer):
    status, body = ask(server, "POST", "/save", headers={"Content-Length": str(10**9)})  # says more than it may
    assert status == 413 and b"too large" in body
    status, _ = ask(server, "POST", "/upload", headers={"Content-Length": str(MAX_UPLOAD_BYTES + 1)})
    assert status == 413
    assert ask(server, "POST", "/save", headers={"Content-Length": None})[0] == 411
    assert ask(server, "POST", "/save", b"not json")[0] == 400


def test_only_the_projects_listed_images_are_served_and_an_svg_may_run_nothing(server: EditServer):
    status, body = ask(server, "GET", "/image/assets/logo.svg")
    assert status == 200 and body == (server.content.parent / "assets" / "logo.svg").read_bytes()
    for path in (
        "/image/content.yaml",
        "/image/../content.yaml",
        "/image/%2e%2e/%2e%2e/etc/passwd",
        "/image//etc/hostname.png",
        "/image/out/solstice-print.pdf",
    ):
        assert ask(server, "GET", path)[0] == 404, path
    connection = http.client.HTTPConnection(*server.address, timeout=30)
    connection.request("GET", "/image/assets/logo.svg", headers={"Host": f"localhost:{server.port}"})
    response = connection.getresponse()
    assert "sandbox" in response.getheader("Content-Security-Policy") and response.getheader("X-Content-Type-Options")
    connection.close()


def test_an_upload_over_http_lands_in_assets_and_a_refused_one_says_why(server: EditServer):
    status, body = ask(server, "POST", "/upload", png(), {"X-File-Name": "..%2F..%2Fnew%20photo.png"})
    assert status == 200 and json.loads(body) == {"path": "assets/new-photo.png"}
    status, body = ask(server, "POST", "/upload", b"<svg", {"X-File-Name": "bad.svg"})
    assert status == 422 and json.loads(body)["error"].startswith("'bad.svg' is not a valid SVG image")
    assert not (server.content.parent / "assets" / "bad.svg").exists()


def test_edit_help_has_an_example_and_a_port_in_use_is_one_line(capsys, festival: Path):
    assert main(["edit", "--help"]) == ExitStatus.OK
    assert "brochure edit --open" in capsys.readouterr().out
    with EditServer(0, [festival], festival.parent / "out") as taken:
        status = main(["edit", str(festival), "--port", str(taken.port)])
    assert status == ExitStatus.INVALID_INPUT
    assert re.fullmatch(
        rf"--port {taken.port}: cannot listen on 127\.0\.0\.1:{taken.port}: .*\n", capsys.readouterr().err
    )


def test_edit_serves_the_form_and_the_first_build_then_stops_on_ctrl_c(
    festival: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    seen: dict[str, object] = {}

    def ctrl_c_after_a_look(watcher):
        """Instead of watching the disk: look at the page and its state after the first build, then press Ctrl-C."""
        url = re.search(r"editing at http://127\.0\.0\.1:(\d+)/", capsys.readouterr().err)
        connection = http.client.HTTPConnection("127.0.0.1", int(url.group(1)), timeout=30)
        for path in ("/", "/state"):
            connection.request("GET", path)
            seen[path] = connection.getresponse().read().decode()
        connection.close()
        raise KeyboardInterrupt
        yield  # a generator, as file_changes is

    monkeypatch.setattr("brochure.commands.watch.file_changes", ctrl_c_after_a_look)
    assert main(["edit", str(festival), "--port", "0"]) == ExitStatus.INTERRUPTED
    assert 'data-path="sections.welcome.blocks[0].heading.text"' in seen["/"]
    state = json.loads(seen["/state"])
    assert (
        state["ok"]
        and state["final"]
        and [item["panel"] for item in state["previews"]]
        == ["cover", "inside-left", "inside-middle", "outside-left", "outside-middle", "back"]
    )
    room = state["rooms"]["sections.welcome[0].heading.text.en"]  # measured in the print PDF just built
    assert room["length"] == len("Music up high") < room["fits"] and not room["overflows"]
    assert (festival.parent / "out" / "solstice-print.pdf").is_file()


def test_a_content_file_broken_by_hand_is_shown_where_and_no_save_writes_over_it(festival: Path):
    festival.write_text(festival.read_text(encoding="utf-8") + "sections: [\n", encoding="utf-8")
    broken = festival.read_bytes()
    with EditServer(0, [festival], festival.parent / "out") as server:
        status, body = ask(server, "GET", "/")
        assert status == 200 and re.search(r'<pre class="error">content\.yaml:\d+:\d+: ', body.decode())
        assert str(festival.parent) not in body.decode()
        save = {"fields": [{"path": "document.author", "value": "X", "base": "Association Solstice", "kind": "line"}]}
        status, body = ask(server, "POST", "/save", json.dumps(save).encode())
        assert status == 422 and re.match(r"content\.yaml:\d+:\d+: ", json.loads(body)["error"])
    assert festival.read_bytes() == broken

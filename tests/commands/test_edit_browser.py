"""`brochure edit` in headless Chromium, as a person who never saw YAML uses it: fix a typo, add a programme item,
translate a text, replace a photo, save, and see the leaflet rebuilt with them; a mistake shown at its field; a
second tab's save over the same field refused; the room of a text turning red when it overflows. One watch
loop, the real one, rebuilds the festival example after each save, for the whole module."""

from __future__ import annotations

import io
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import needs_tool
from PIL import Image
from test_edit import PROGRAMME, festival_copy
from test_serve import browser  # noqa: F401 - the module's one Chromium, a fixture

from brochure.commands.edit import EditServer
from brochure.commands.serve import with_previews
from brochure.commands.watch import Watcher, file_changes, watch
from brochure.content.write import MISSING, Change, current_value, write_changes

BUILD_GUARD_MS = 180_000  # an anti-hang guard for a rebuild on a busy machine, not a timing
SHOTS = os.environ.get("BROCHURE_SHOTS")  # a folder to keep the page's screenshots in, to look at them


@pytest.fixture(scope="module")
def editing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditServer]:
    """The festival with a typo, a heading not yet translated into English and a programme item fewer (the panel
    has room for one more), served for editing, rebuilt by the watch loop after each save."""
    content = festival_copy(tmp_path_factory.mktemp("edit") / "festival")
    text = content.read_text(encoding="utf-8")
    workshop = (
        '          - time: "16:30"\n            text:\n              fr: Atelier percussions pour les enfants\n'
        "              de: Trommelworkshop für Kinder\n              en: Drumming workshop for children\n"
    )
    for old, new in (
        ("la musique monte au sommet", "la muisque monte au sommet"),
        ("            en: Music up high\n", ""),
        (workshop, ""),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    content.write_text(text, encoding="utf-8")
    watcher = Watcher(content, content.parent / "out", with_previews(["print"]))
    stop = threading.Event()
    with EditServer(0, [content], watcher.outdir) as server:

        def loop() -> None:
            for rebuild in watch(watcher, file_changes(watcher, stop), server.show_checking):
                server.publish(rebuild)

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        yield server
        stop.set()
        thread.join(timeout=60)


def built_after(page, generation: int) -> None:
    """Wait until the page shows a build published after `generation`, its checks done."""
    page.wait_for_function(
        f"Number(document.body.dataset.generation) > {generation} && document.body.dataset.final === 'true'",
        timeout=BUILD_GUARD_MS,
    )


def rebuilt_with(page, server: EditServer, generation: int, saved: str) -> None:
    """Wait until the page shows a build whose print PDF holds `saved`: the file may have changed twice (an
    upload, then the save), each save is built, the last one holds it."""
    for _ in range(4):
        built_after(page, generation)
        if saved in pdf_text(server):
            return
        # The generation the page shows, from the server: the page may be reloading itself (an item was added).
        generation = server.shown.generation
    raise AssertionError(f"no build printed {saved!r}")


def shoot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=False)


def pdf_text(server: EditServer) -> str:
    pdf = server.outdir / "solstice-print.pdf"
    return re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)


def photo(path: Path) -> Path:
    """A photo of 1600 × 900 px, of a colour no other image of the leaflet has."""
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (30, 160, 200)).save(buffer, "JPEG", quality=80)
    path.write_bytes(buffer.getvalue())
    return path


def field(page, path: str):
    return page.locator(f'.field[data-path="{path}"]')


@needs_tool("pdftotext", "pdfimages")
@pytest.mark.xdist_group("browser")
def test_a_typo_an_item_a_translation_and_a_photo_reach_the_print_pdf(editing: EditServer, browser, tmp_path):  # noqa: F811
    server = editing
    page = browser.new_page(viewport={"width": 1400, "height": 900}, extra_http_headers={"Accept-Language": "fr"})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.url)
    built_after(page, 0)
    other = browser.new_page(viewport={"width": 1400, "height": 900})  # a second tab, opened on the same file
    other.goto(server.url)
    assert page.inner_text("#save") == "Enregistrer" and other.inner_text("#save") == "Save"
    shoot(page, "1-opened-fr")

    # A typo fixed, in French.
    lead = "sections.welcome.blocks[2].text.text"
    field(page, lead).locator('textarea[data-lang="fr"]').fill("Deux fois par an, la musique monte au sommet.")
    # A programme item added, in every language.
    programme = page.locator('fieldset.list[data-list="sections.programme[2].programme.items"]')
    programme.locator("button.add").click()
    added = programme.locator("li.new-item")
    added.locator('.field[data-path="time"] input').fill("23:15")
    for lang, text in (("fr", "Feu d'artifice"), ("de", "Feuerwerk über dem Tal"), ("en", "Fireworks")):
        added.locator(f'.field[data-path="text"] textarea[data-lang="{lang}"]').fill(text)
    # A heading translated into English: the build says it is missing, at the field.
    heading = field(page, "sections.welcome.blocks[0].heading.text")
    assert "content.yaml:" in page.inner_text("#banner") and str(server.content) not in page.inner_text("#banner")
    assert heading.locator("ul.findings li.error").inner_text() == "missing translation 'en'"
    assert heading.locator('textarea[data-lang="en"]').input_value() == ""
    heading.locator('textarea[data-lang="en"]').fill("Music on the heights")
    # A photo replaced by one uploaded, checked, then chosen.
    picture = field(page, "sections.shuttle[1].photo.file")
    picture.locator("input[type=file]").set_input_files(str(photo(tmp_path / "Blue Hour.jpg")))
    page.wait_for_function(
        "document.querySelector('.field[data-path=\"sections.shuttle[1].photo.file\"] select').value"
        " === 'assets/Blue-Hour.jpg'"
    )
    assert (server.content.parent / "assets" / "Blue-Hour.jpg").is_file()
    shoot(page, "2-edited")

    generation = server.shown.generation
    page.click("#save")
    rebuilt_with(page, server, generation, "Feuerwerk über dem Tal")  # the page reloaded (an item was added)
    shoot(page, "3-saved-and-rebuilt")
    assert "Enregistré" in page.inner_text("#message") and not page.locator(".field .error:visible").count()
    text = pdf_text(server)
    assert "la musique monte au sommet" in text and "muisque" not in text
    assert "23:15" in text and "Feuerwerk über dem Tal" in text and "Fireworks" in text
    assert "Music on the heights" in text
    images = subprocess.run(["pdfimages", "-list", str(server.outdir / "solstice-print.pdf")], capture_output=True)
    sizes = {tuple(map(int, line.split()[3:5])) for line in images.stdout.decode().splitlines()[2:]}
    assert (1600, 900) in sizes  # the uploaded photo, printed
    assert not re.search(r"\b(error|warning)\b", page.inner_text("#status"))

    # The other tab started from the typo: its save of the same field is refused, naming it; the file is kept.
    kept = server.content.read_bytes()
    field(other, lead).locator('textarea[data-lang="fr"]').fill("Deux fois par an, la muisque monte tout là-haut.")
    other.click("#save")
    other.wait_for_function("document.getElementById('message').classList.contains('bad')")
    assert other.inner_text("#message").endswith(f": {lead}")  # that field only: the others it shows are as saved
    assert field(other, lead).locator(".error").is_visible()
    assert server.content.read_bytes() == kept
    shoot(other, "4-conflict-in-another-tab")
    assert not errors
    page.close()
    other.close()


@pytest.mark.xdist_group("browser")
def test_a_mistake_is_shown_at_its_field_and_an_overflow_turns_its_room_red(editing: EditServer, browser):  # noqa: F811
    server = editing
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(server.url)
    built_after(page, 0)
    heading = "sections.welcome.blocks[0].heading.text.en"
    if current_value(server.content, heading) is MISSING:  # run without the test before it: the build failed
        generation = server.shown.generation
        write_changes(server.content, [Change(heading, "Music on the heights")])
        built_after(page, generation)
    page.wait_for_function("[...document.querySelectorAll('.room')].some(room => room.textContent)")
    rooms = page.eval_on_selector_all(".room", "rooms => rooms.map(room => room.textContent).filter(Boolean)")
    assert rooms and all(re.fullmatch(r"\d+ of about \d+ characters", room) for room in rooms)

    # A time that is none: not saved, the one-line error next to the field, the file as it was.
    before = server.content.read_bytes()
    time = f"{PROGRAMME}[1].time"
    page.locator(f'.field[data-path="{time}"] input').fill("25:70")
    page.click("#save")
    error = page.locator(f'.field[data-path="{time}"] .error')
    error.wait_for(state="visible")
    assert error.inner_text() == "not a time of day: '25:70' (write it as HH:MM, e.g. 18:30)"
    assert re.search(rf"content\.yaml:\d+:\d+: {re.escape(time)}: not a time of day", page.inner_text("#message"))
    assert server.content.read_bytes() == before
    shoot(page, "5-mistake-at-its-field")
    page.locator(f'.field[data-path="{time}"] input').fill("15:00")

    # A text far too long for its panel: saved, the build's checks fail, the text's room is red, the finding at it.
    text = "sections.welcome.blocks[3].text.text"
    long = " ".join(["Au solstice d'été, la musique monte au sommet du Haut-Ravel avec les fanfares."] * 14)
    field(page, text).locator('textarea[data-lang="fr"]').fill(long)
    generation = server.shown.generation
    page.click("#save")
    built_after(page, generation)
    room = field(page, text).locator('.room[data-room$=".fr"]')
    assert "characters too many" in room.inner_text() and "over" in room.get_attribute("class")
    assert page.inner_text("#status").startswith("Not rebuilt")
    findings = page.locator("section[data-section=welcome] ul.findings li.error")  # at the field, or its block
    assert findings.count() and "inside-left" in findings.first.inner_text()
    shoot(page, "6-overflow-red")
    page.close()

"""A project's templates/: one block's template replaced, nothing else copied; looked up after the
project's own layout folder and before brochure's; filled in the sandbox; never a link out."""

from __future__ import annotations

from pathlib import Path

import pytest
from projects import override_layout

from brochure import load_content
from brochure.commands.build import document_date
from brochure.errors import InputError
from brochure.files.resources import BASE_TEMPLATES, LAYOUTS_DIR
from brochure.html.templating import render_html, template_folders

OWN_HEADING = '<p class="own-heading">{{ block.text | say(langs[0]) }}</p>\n'


def html_of(project: Path) -> str:
    content = load_content(project / "content.yaml")
    return render_html(content, content.layout, document_date(content))


def own_template(project: Path, name: str, text: str) -> Path:
    path = project / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_project_template_replaces_brochure_s_template_of_one_block(project: Path):
    before = html_of(project)
    assert 'class="own-heading"' not in before and 'class="title__text' in before
    own_template(project, "blocks/heading.html.j2", OWN_HEADING)
    after = html_of(project)
    assert '<p class="own-heading">Contact</p>' in after
    assert 'class="title__text' not in after  # every heading is the project's
    assert 'class="contact' in after and "--size-body: 8.4pt;" in after  # the rest is brochure's


def test_the_project_templates_come_after_its_own_layout_and_before_brochure_s(project: Path):
    override_layout(project)
    (project / "layouts" / "trifold-roll" / "blocks" / "heading.html.j2").write_text("<p>layout's</p>\n")
    own_template(project, "blocks/heading.html.j2", OWN_HEADING)
    own_template(project, "blocks/text.html.j2", '<p class="own-text"></p>\n')
    content = load_content(project / "content.yaml")
    assert template_folders(content.layout, content.project_dir) == [
        (project / "layouts" / "trifold-roll").resolve(),
        (project / "templates").resolve(),
        LAYOUTS_DIR / "trifold-roll",
        BASE_TEMPLATES,
    ]
    html = html_of(project)
    assert "<p>layout's</p>" in html and "own-heading" not in html  # the layout's own copy wins
    assert 'class="own-text"' not in html  # override_layout copied every template into the layout


def test_a_mistake_in_a_project_template_names_its_file_and_line(project: Path):
    path = own_template(project, "blocks/heading.html.j2", "<p>\n{{ 1 / 0 }}</p>\n")
    with pytest.raises(InputError, match=rf"^{path.resolve()}:2: template error: division by zero$"):
        html_of(project)


def test_a_project_template_is_filled_in_the_sandbox(project: Path):
    path = own_template(project, "blocks/heading.html.j2", "{{ ''.__class__.__mro__ }}\n")
    with pytest.raises(InputError, match=rf"^{path.resolve()}:1: template error: .*unsafe"):
        html_of(project)


def test_a_project_template_that_links_out_of_the_project_is_refused(project: Path, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "heading.html.j2"
    outside.write_text(OWN_HEADING, encoding="utf-8")
    (project / "templates" / "blocks").mkdir(parents=True)
    (project / "templates" / "blocks" / "heading.html.j2").symlink_to(outside)
    with pytest.raises(InputError, match="heading.html.j2: leads out of the project folder"):
        html_of(project)


def test_a_templates_folder_that_links_out_of_the_project_is_refused(project: Path, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "blocks").mkdir()
    (outside / "blocks" / "heading.html.j2").write_text(OWN_HEADING, encoding="utf-8")
    (project / "templates").symlink_to(outside, target_is_directory=True)
    with pytest.raises(InputError, match="templates: leads out of the project folder"):
        html_of(project)

"""Every command's --help shows examples to copy and says what each option does when it is not given."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from brochure.commands.cli import cli

COMMANDS = sorted(cli.commands)

# Options that stand for a file to judge against, which nothing can stand in for: without them, nothing.
NO_DEFAULT = {("check", "--content"), ("check", "--event"), ("proof", "--content"), ("proof", "--event")}
NO_DEFAULT |= {("layouts", "--content")}


def help_of(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_the_help_of_every_command_shows_an_example(name):
    text = help_of(name)
    assert "Example" in text
    example = text.split("Example", 1)[1]
    assert f"brochure {name}" in example  # a command to copy, not a word about one


def test_the_help_of_brochure_itself_starts_a_first_leaflet():
    assert "brochure new my-leaflet" in help_of().split("Example", 1)[1]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_of_every_command_says_its_default(name):
    command = cli.commands[name]
    for param in command.params:
        if not isinstance(param, click.Option) or param.is_flag or (name, param.opts[-1]) in NO_DEFAULT:
            continue
        assert param.show_default or "default" in (param.help or ""), (name, param.opts)


def test_the_output_folder_is_said_to_be_beside_the_content():
    for name in ("build", "watch"):
        assert "Output folder (default: out/ beside CONTENT)" in " ".join(help_of(name).split())

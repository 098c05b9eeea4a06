"""Where each section goes: the layout's placement with the content's `panels` over it, checked whole.

Every section the panels name must be one of the content's; every section of the content
must be printed, by exactly one panel, or by one panel per language where panels face each
other in different languages; a panel's language must be one of the content's, and a
section split by language must be printed in all of them.
"""

from __future__ import annotations

from typing import Any

import yaml

from brochure.schema.base import INVALID, Context, closest, key_item, key_node


def check_placement(
    ctx: Context, sections: dict[str, Any], sections_node: yaml.Node | None, overrides: dict[str, Any], root: yaml.Node
) -> dict[str, dict[str, Any]] | None:
    """Every panel's sections and language, `{panel id: {"sections": [...], "lang": ...}}`, with the
    problems of the whole reported; None if the panels named are not all valid."""
    layout = ctx.layout
    if any(entry is INVALID for entry in overrides.values()) or INVALID in sections.values():
        return None
    placed: dict[str, dict[str, Any]] = {}
    where: dict[str, tuple[yaml.Node, str]] = {}
    for panel in layout.panels:
        own = overrides.get(panel.id)
        if own is not None:
            placed[panel.id] = {"sections": list(own["sections"]), "lang": own.get("lang")}
            where[panel.id] = (own.get("node", root), own.get("path", f"panels.{panel.id}"), "node" in own)
        else:
            placed[panel.id] = {"sections": list(panel.sections), "lang": panel.lang}
            where[panel.id] = (key_node(root, "layout") or root, "layout", False)
    reported = len(ctx.problems)
    _names_exist(ctx, layout, placed, where, sections)
    _each_once(ctx, placed, where, sections, sections_node)
    if len(ctx.problems) == reported:  # a misspelt name would leave its language out as well: said once
        _languages(ctx, placed, where, sections)
    return placed if len(ctx.problems) == reported else None


def _names_exist(ctx: Context, layout: Any, placed: dict, where: dict, sections: dict[str, Any]) -> None:
    for panel_id, entry in placed.items():
        for name in entry["sections"]:
            if name not in sections:
                node, path, own = where[panel_id]
                close = closest(name, list(sections))
                hint = f"did you mean {close!r}?" if close else f"the sections are {', '.join(sections)}"
                by = "places" if own else f"of layout {layout.name!r} places"
                ctx.report(node, path, f"panel {panel_id!r} {by} section {name!r}, which `sections` lacks; {hint}")
        if not entry["sections"]:
            node, path, _ = where[panel_id]
            ctx.report(node, path, f"panel {panel_id!r} prints nothing; give it a section")


def _each_once(
    ctx: Context, placed: dict, where: dict, sections: dict[str, Any], sections_node: yaml.Node | None
) -> None:
    by_section: dict[str, list[tuple[str, str | None]]] = {}
    for panel_id, entry in placed.items():
        for name in entry["sections"]:
            by_section.setdefault(name, []).append((panel_id, entry["lang"]))
    for name in sections:
        panels = by_section.get(name, [])
        if not panels:
            ctx.report(
                key_item(sections_node, name) or sections_node,
                f"sections.{name}",
                f"no panel prints this section; name it in `panels` (the panels are {', '.join(placed)})",
            )
            continue
        langs = [lang for _, lang in panels]
        if len(panels) > 1 and (None in langs or len(set(langs)) < len(langs)):
            node, path, _ = where[panels[1][0]]
            ctx.report(node, path, f"section {name!r} is printed by panel {panels[0][0]!r} already")


def _languages(ctx: Context, placed: dict, where: dict, sections: dict[str, Any]) -> None:
    languages = ctx.languages
    if not languages:
        return
    split: dict[str, list[str]] = {}
    for panel_id, entry in placed.items():
        lang = entry["lang"]
        if lang is None:
            continue
        node, path, _ = where[panel_id]
        if lang not in languages:
            ctx.report(node, path, f"panel {panel_id!r} prints {lang!r}, which is not one of the content's languages")
            continue
        for name in entry["sections"]:
            if name in sections:  # a section the content lacks is said so once, above
                split.setdefault(name, []).append(lang)
    for name, langs in split.items():
        left_out = [lang for lang in languages if lang not in langs]
        if left_out:
            panel_id = next(pid for pid, entry in placed.items() if name in entry["sections"])
            node, path, _ = where[panel_id]
            ctx.report(
                node,
                path,
                f"section {name!r} is printed one language a panel, but by no panel in "
                + ", ".join(map(repr, left_out)),
            )

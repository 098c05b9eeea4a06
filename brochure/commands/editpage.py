"""The page of `brochure edit`: the form on the left, the live panels of the leaflet on the right.

The page never reloads itself while a person types: on each new build (the event stream of `serve`) it
asks `/state` for the panels, each text's room and the findings, and puts them in place. A save sends the
fields changed, each with the value it started from, and the items added; the answer is written, or
refused with the fields changed meanwhile, or refused with the content's one-line error shown at its field.
Every POST carries the session's token, which only this page knows.
"""

from __future__ import annotations

import json
from html import escape


def page(form: str, words: dict[str, str], token: str, lang: str) -> str:
    """The whole page, in the language `lang` whose `words` it shows."""
    return _PAGE.format(
        lang=escape(lang),
        title=escape(words["title"]),
        token=escape(token),
        save=escape(words["save"]),
        previews=escape(words["previews"]),
        building=escape(words["building"]),
        other=escape(words["other-findings"]),
        form=form,
        words=escape(json.dumps(words, ensure_ascii=False)),
        style=_STYLE,
        script=_SCRIPT,
    )


_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="brochure-token" content="{token}">
<title>{title}</title>
<style>{style}</style>
</head>
<body data-generation="0" data-final="false" data-words="{words}">
<header>
<h1>{title}</h1>
<p id="message" role="status"></p>
<button id="save" type="button" disabled>{save}</button>
</header>
<div id="columns">
<form id="form" autocomplete="off" onsubmit="return false">
<section id="general" hidden><h2>{other}</h2><ul class="findings"></ul></section>
{form}
</form>
<aside id="leaflet">
<h2>{previews} <span id="status">{building}</span></h2>
<div id="banner" role="alert" hidden></div>
<div id="panels"></div>
</aside>
</div>
<script>{script}</script>
</body>
</html>
"""

_STYLE = """
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; background: #eceae4; color: #1f1f1f; }
header { position: sticky; top: 0; z-index: 3; display: flex; gap: 1rem; align-items: center;
  padding: .6rem 1.2rem; background: #fff; border-bottom: 1px solid #0002; }
h1 { font-size: 1.2rem; margin: 0; flex: none; }
#message { flex: 1; margin: 0; color: #444; }
#message.bad { color: #b00020; font-weight: 600; }
#message.good { color: #1d6b2c; }
#save { font: inherit; font-weight: 600; padding: .45rem 1.6rem; border-radius: 6px; border: 0;
  background: #1d4f91; color: #fff; cursor: pointer; }
#save:disabled { background: #9aa7b8; cursor: default; }
#columns { display: grid; grid-template-columns: minmax(30rem, 1fr) minmax(24rem, 1fr); gap: 1rem;
  padding: 1rem 1.2rem; align-items: start; }
#form section { background: #fff; border-radius: 8px; padding: .6rem 1rem 1rem; margin-bottom: 1rem;
  box-shadow: 0 1px 3px #0002; }
#form h2 { font-size: 1.05rem; margin: .2rem 0 .4rem; text-transform: capitalize; }
.block { border-top: 1px solid #e4e2dc; padding-top: .5rem; margin-top: .6rem; }
.block h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: #6a665c; margin: 0 0 .3rem; }
.field { margin: .35rem 0 .6rem; }
.field .name { display: block; font-size: .85rem; color: #555; margin-bottom: .15rem; }
.langs { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .5rem; }
.langs[hidden] { display: none; }
.langs.one { grid-template-columns: 1fr auto; align-items: start; }
.lang { display: block; position: relative; }
.lang .code { position: absolute; top: .35rem; right: .45rem; font-size: .7rem; font-weight: 700; color: #8a867c; }
textarea, input, select { font: inherit; width: 100%; padding: .35rem .5rem; border: 1px solid #bdb9ae;
  border-radius: 5px; background: #fdfdfb; }
textarea { resize: vertical; padding-right: 2.6rem; overflow: hidden; }
textarea:focus, input:focus, select:focus { outline: 2px solid #1d4f91; outline-offset: 0; border-color: #1d4f91; }
.field.dirty textarea, .field.dirty input, .field.dirty select { background: #fffbe6; border-color: #c9a227; }
.room { display: block; font-size: .75rem; color: #6a665c; min-height: 1em; }
.room.over { color: #b00020; font-weight: 700; }
.lang.over textarea { border-color: #b00020; background: #fff3f3; }
button.translate, button.add, label.upload { font: inherit; font-size: .85rem; padding: .3rem .7rem;
  border: 1px solid #1d4f91; color: #1d4f91; background: #fff; border-radius: 5px; cursor: pointer; }
label.upload input { display: none; }
fieldset { border: 0; padding: 0; margin: .3rem 0; }
fieldset legend { font-size: .85rem; color: #555; padding: 0; }
fieldset.list ol { margin: .2rem 0 .4rem; padding-left: 1.4rem; }
fieldset.list li { padding: .1rem 0 .2rem; }
fieldset.list li.item { display: flex; flex-wrap: wrap; gap: 0 .6rem; align-items: flex-start; }
fieldset.list li .field { margin: .15rem 0; flex: 3 1 20rem; }
fieldset.list li .field.line, fieldset.list li .field.date { flex: 1 1 10rem; max-width: 20rem; }
fieldset.list li .field.line[data-path$="time"] { flex: 0 0 6rem; }
fieldset.list li > .field.line:only-child { max-width: none; }
fieldset.list li .field:has(> .error:not([hidden])) { flex-basis: 100%; max-width: none; }
fieldset.list li .langs { grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr)); }
details.more { margin: .2rem 0; }
details.more summary { font-size: .8rem; color: #1d4f91; cursor: pointer; }
fieldset.list li.new-item { background: #f2f7ff; border-radius: 5px; padding: .3rem .4rem; }
fieldset.group { border-left: 3px solid #e4e2dc; padding-left: .6rem; }
.picture { display: grid; grid-template-columns: 5rem 1fr auto; gap: .5rem; align-items: center; }
.picture .thumb { width: 5rem; height: 3.6rem; object-fit: cover; background: #eee; border-radius: 4px; }
ul.findings { list-style: none; margin: .2rem 0; padding: 0; }
ul.findings:empty { display: none; }
ul.findings li { font-size: .85rem; padding: .2rem .5rem; border-radius: 4px; margin: .15rem 0; }
ul.findings li.error { background: #fde8ea; color: #8a0019; }
ul.findings li.warning { background: #fff4dc; color: #6b4500; }
.error { margin: .2rem 0; padding: .3rem .5rem; background: #b00020; color: #fff; border-radius: 4px;
  font-size: .85rem; }
.error[hidden] { display: none; }
#leaflet { position: sticky; top: 4rem; max-height: calc(100vh - 5rem); overflow: auto; background: #fff;
  border-radius: 8px; padding: .6rem 1rem 1rem; box-shadow: 0 1px 3px #0002; }
#leaflet h2 { font-size: 1.05rem; margin: .2rem 0 .6rem; display: flex; justify-content: space-between; }
#status { font-weight: 400; font-size: .85rem; color: #555; }
#status.bad { color: #b00020; font-weight: 600; }
#banner { background: #fde8ea; border: 2px solid #b00020; border-radius: 6px; padding: .5rem .7rem;
  margin-bottom: .6rem; white-space: pre-wrap; font-size: .85rem; }
#banner[hidden] { display: none; }
#panels { display: grid; grid-template-columns: repeat(3, 1fr); gap: .5rem; }
#panels figure { margin: 0; }
#panels img { width: 100%; height: auto; display: block; box-shadow: 0 1px 4px #0004; cursor: zoom-in; }
#panels.stale img { filter: grayscale(1); opacity: .5; }
#panels figcaption { font-size: .75rem; color: #6a665c; text-align: center; }
#panels figure.changed figcaption { font-weight: 700; color: #1d4f91; }
#panels figure.big { grid-column: 1 / -1; }
#panels figure.big img { cursor: zoom-out; }
"""

_SCRIPT = r"""
const words = JSON.parse(document.body.dataset.words);
const token = document.querySelector('meta[name="brochure-token"]').content;
const message = document.getElementById("message"), saveButton = document.getElementById("save");
const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => values[key]);
const same = (a, b) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
function sorted(value) {
  if (value && typeof value === "object" && !Array.isArray(value))
    return Object.fromEntries(Object.keys(value).sort().map(key => [key, sorted(value[key])]));
  return value;
}
const baseOf = field => JSON.parse(field.dataset.base);
function valueOf(field) {
  const kind = field.dataset.kind, base = baseOf(field);
  if (kind === "words") {
    const one = field.querySelector(".langs.one");
    if (one && !one.hidden) return one.querySelector("textarea").value;
    // A language left empty that the file does not have yet is not part of the value: nothing changed.
    const had = base && typeof base === "object" ? base : {};
    const boxes = [...field.querySelectorAll(".langs:not(.one) textarea")]
      .filter(box => box.value !== "" || box.dataset.lang in had);
    if (base === null && !boxes.length) return null;
    return Object.fromEntries(boxes.map(box => [box.dataset.lang, box.value]));
  }
  const input = field.querySelector(kind === "image" ? "select" : "input");
  return base === null && input.value === "" ? null : input.value;
}
const editable = () => [...document.querySelectorAll("#form .field")].filter(f => !f.closest(".new-item, template"));
const changed = () => editable().filter(field => !same(valueOf(field), baseOf(field)));
function say(text, kind) { message.textContent = text; message.className = kind || ""; }
function refresh() {
  const dirty = changed(), added = document.querySelectorAll(".new-item").length;
  editable().forEach(field => field.classList.toggle("dirty", dirty.includes(field)));
  saveButton.disabled = !(dirty.length || added);
  if (dirty.length || added) say(words.unsaved);
}
// A text box as tall as its text.
const fit = box => { box.style.height = "auto"; box.style.height = box.scrollHeight + 2 + "px"; };
const fitAll = () => document.querySelectorAll("#form textarea").forEach(fit);
document.getElementById("form").addEventListener("input", event => {
  if (event.target.tagName === "TEXTAREA") fit(event.target);
});
addEventListener("resize", fitAll);
document.addEventListener("toggle", fitAll, true);
document.getElementById("form").addEventListener("input", refresh);
document.getElementById("form").addEventListener("change", refresh);

// One text for every language becomes a text per language, each starting from it.
document.querySelectorAll("button.translate").forEach(button => button.onclick = () => {
  const field = button.closest(".field"), one = field.querySelector(".langs.one");
  const common = one.querySelector("textarea").value;
  field.querySelectorAll(".langs:not(.one) textarea").forEach(box => { if (!box.value) box.value = common; });
  one.hidden = true; field.querySelector(".langs:not(.one)").hidden = false;
  field.querySelectorAll("textarea").forEach(fit);
  field.querySelector(".langs:not(.one) textarea").focus();
  refresh();
});
function wire(root) {
  root.querySelectorAll("button.add").forEach(button => button.onclick = () => {
    const list = button.closest("fieldset.list"), item = document.createElement("li");
    item.className = "item new-item";
    item.dataset.append = list.dataset.list;
    item.append(list.querySelector(":scope > template").content.cloneNode(true));
    list.querySelector(":scope > ol").append(item);
    item.querySelectorAll("textarea").forEach(fit);
    wire(item);
    const first = item.querySelector("textarea, input");
    if (first) first.focus();
    refresh();
  });
  root.querySelectorAll(".field.image").forEach(field => {
    const select = field.querySelector("select"), thumb = field.querySelector(".thumb");
    select.onchange = () => { thumb.src = "/image/" + select.value; refresh(); };
    field.querySelector("input[type=file]").onchange = event => upload(field, event.target.files[0]);
  });
}
wire(document);
fitAll();

async function post(path, body, headers) {
  const response = await fetch(path, {method: "POST", body,
    headers: {"X-Brochure-Token": token, ...headers}});
  return [response.status, await response.json().catch(() => ({error: response.statusText}))];
}
function showError(field, text) {
  const place = field.querySelector(":scope > .error");
  place.textContent = text || ""; place.hidden = !text;
}
async function upload(field, file) {
  if (!file) return;
  showError(field, "");
  const [status, answer] = await post("/upload", file, {"X-File-Name": encodeURIComponent(file.name)});
  if (status !== 200) { showError(field, answer.error); say(answer.error, "bad"); return; }
  const select = field.querySelector("select");
  const known = [...select.options].some(option => option.value === answer.path);
  if (!known) select.add(new Option(answer.path, answer.path));
  select.value = answer.path; select.onchange();
  say(words.uploaded, "good");
}
function itemOf(item) {
  let value = null;
  item.querySelectorAll(".field").forEach(field => {
    const path = field.dataset.path, own = valueOf(field);
    if (own === null || own === "") return;
    if (!path) { value = own; return; }
    value = value || {};
    let at = value; const keys = path.split(".");
    keys.slice(0, -1).forEach(key => { at = at[key] = at[key] || {}; });
    at[keys[keys.length - 1]] = own;
  });
  return value;
}
function fieldAt(path) {  // the field, block or section a path of the checks is in: the longest prefix
  let best = null, length = -1;
  document.querySelectorAll("#form [data-norm]").forEach(element => {
    const norm = element.dataset.norm;
    const inside = path === norm || path.startsWith(norm + ".") || path.startsWith(norm + "[");
    if (inside && norm.length > length && !element.closest("template")) { best = element; length = norm.length; }
  });
  return best;
}
async function save() {
  const dirty = changed(), added = [...document.querySelectorAll(".new-item")];
  if (!dirty.length && !added.length) { say(words.nothing); return; }
  editable().forEach(field => showError(field, ""));
  say(words.saving); saveButton.disabled = true;
  const fields = dirty.map(f => ({path: f.dataset.path, kind: f.dataset.kind, value: valueOf(f), base: baseOf(f)}));
  const items = added.map(item => ({list: item.dataset.append, value: itemOf(item)})).filter(item => item.value);
  const [status, answer] = await post("/save", JSON.stringify({fields, added: items}),
    {"Content-Type": "application/json"});
  if (status === 200) {
    dirty.forEach(field => field.dataset.base = JSON.stringify(valueOf(field)));
    say(words.saved, "good");
    if (items.length) { sessionStorage.setItem("brochure-edit-said", words.saved); location.reload(); }
    refresh(); say(words.saved, "good");
    return;
  }
  saveButton.disabled = false;
  if (status === 409) {
    answer.conflicts.forEach(path => {
      const field = dirty.find(f => f.dataset.path === path);
      if (field) showError(field, words.conflict.replace(/:$/, "."));
    });
    say(words.conflict + " " + answer.conflicts.join(", "), "bad");
  } else {
    const field = answer.field ? fieldAt(answer.field.replace(/^(sections\.[^.\[]+)\.blocks\[/, "$1[")) : null;
    // At the field, what is wrong with it; above the form, the whole line with where it is in the file.
    const said = answer.error.replace(/^.*?:\d+:\d+: [^\s:]+: /, "");
    if (field && field.classList.contains("field")) showError(field, said);
    say(words.invalid + " " + answer.error, "bad");
    if (field) field.scrollIntoView({block: "center"});
  }
}
saveButton.onclick = save;
document.addEventListener("keydown", event => {
  if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(); }
});
const said = sessionStorage.getItem("brochure-edit-said");
if (said) { say(said, "good"); sessionStorage.removeItem("brochure-edit-said"); }

// The leaflet: its panels, each text's room and the findings, after each build.
function showRooms(rooms) {
  document.querySelectorAll("#form [data-room]").forEach(place => {
    const room = rooms[place.dataset.room], lang = place.closest(".lang");
    place.textContent = room ? (room.overflows ? fmt(words.over, {over: room.length - room.fits})
      : fmt(words.room, room)) : "";
    place.classList.toggle("over", Boolean(room && room.overflows));
    if (lang) lang.classList.toggle("over", Boolean(room && room.overflows));
  });
}
function showFindings(findings) {
  document.querySelectorAll("#form ul.findings").forEach(list => list.replaceChildren());
  const general = document.getElementById("general");
  findings.forEach(finding => {
    const at = finding.field ? fieldAt(finding.field) : null;
    const list = at ? at.querySelector(":scope > ul.findings") : general.querySelector("ul.findings");
    const item = document.createElement("li");
    item.className = finding.severity;
    item.textContent = (finding.panel ? finding.panel + ": " : "") + finding.message;
    list.append(item);
  });
  general.hidden = !general.querySelector("li");
}
function showPanels(state) {
  const panels = document.getElementById("panels");
  const open = panels.querySelector("figure.big")?.dataset.panel;
  panels.classList.toggle("stale", state.stale);
  panels.replaceChildren(...state.previews.map(preview => {
    const figure = document.createElement("figure"), img = new Image(), caption = document.createElement("figcaption");
    figure.dataset.panel = preview.panel;
    figure.classList.toggle("changed", preview.changed);
    figure.classList.toggle("big", preview.panel === open);
    img.src = preview.src; img.alt = preview.panel; img.title = words.enlarge;
    img.width = preview.width; img.height = preview.height;
    img.onclick = () => figure.classList.toggle("big");
    caption.textContent = preview.panel;
    figure.append(img, caption);
    return figure;
  }));
}
async function update() {
  const state = await (await fetch("/state")).json();
  const status = document.getElementById("status"), banner = document.getElementById("banner");
  status.title = state.status;
  status.textContent = state.final ? (state.ok ? words.built : words.failed) + " · " + state.at
    : (state.checking ? words.checking : words.building);
  status.className = state.final && !state.ok ? "bad" : "";
  banner.textContent = state.banner; banner.hidden = !state.banner;
  showPanels(state);
  showRooms(state.rooms);
  showFindings(state.findings);
  document.body.dataset.generation = state.generation;
  document.body.dataset.final = state.final;
}
new EventSource("/events").onmessage = update;
"""

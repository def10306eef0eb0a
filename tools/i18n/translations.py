"""The Qt Linguist workflow of SLA Workbench, in one command per step.

    python -m tools.i18n.translations update      # make translations
    python -m tools.i18n.translations check       # part of make lint
    python -m tools.i18n.translations unfinished pt_PT [--limit N]

``update`` runs ``pyside6-lupdate`` over ``src/slaworkbench`` into the two ``.ts`` files
(dropping strings the code no longer has), fills every unfinished entry the translation
tables know (``tools/i18n/tables/pt_PT/*.py``; pt_BR entries come from
``tables/pt_BR/*.py`` or, when absent there, from the pt_PT text through the vocabulary of
``tools/i18n/brazil.py``), lets lupdate write the files in its own layout again, and
compiles them with ``pyside6-lrelease`` into the ``.qm`` files the program loads.

``check`` runs lupdate on copies of the ``.ts`` files and fails when an entry is
unfinished, obsolete or vanished (a string of the code is missing from the committed
catalogue, or the catalogue holds one the code lost), when a translation's ``{fields}``
or ``%n`` differ from its source's, when a source formats a number the Python way
(``{count:,}``, ``{seconds:.1f}``: English digits in every language), or when a ``.qm`` is
older than its ``.ts``.

After other work adds strings: ``make translations``, then ``unfinished pt_PT`` lists
the new sources as a table skeleton to translate into a new ``tables/pt_PT/*.py`` file
(and ``tables/pt_BR/*.py`` where Brazil says it differently), then ``make translations``
again.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "src" / "slaworkbench"
FOLDER = SOURCES / "resources" / "translations"
TABLES = Path(__file__).resolve().parent / "tables"
LANGUAGES = ("pt_PT", "pt_BR")
FIELD = re.compile(r"\{[a-z_0-9]*(?:[:!][^{}]*)?\}|%n")

Entry = str | tuple[str, ...]


def ts_file(language: str, folder: Path = FOLDER) -> Path:
    return folder / f"slaworkbench_{language}.ts"


def qm_file(language: str, folder: Path = FOLDER) -> Path:
    return folder / f"slaworkbench_{language}.qm"


def tool(name: str) -> str:
    """``pyside6-lupdate``/``pyside6-lrelease`` beside this Python, else on the path."""
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    if beside.exists():
        return str(beside)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 in this environment")
    return found


def lupdate(targets: list[Path], *, drop_obsolete: bool, sources: Path = SOURCES) -> str:
    command = [
        tool("lupdate"),
        "-extensions",
        "py",
        "-tr-function-alias",
        "tr+=trn,QT_TR_NOOP+=marked",
        "-locations",
        "none",
        "-sort-messages",
    ]
    if drop_obsolete:
        command.append("-no-obsolete")
    command += [str(sources), "-ts", *map(str, targets)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return done.stdout + done.stderr


def lrelease(language: str, target: Path | None = None) -> None:
    """Compile the language's ``.ts`` into ``target`` (its ``.qm`` beside it by default)."""
    qm = target or qm_file(language)
    subprocess.run(
        [tool("lrelease"), "-silent", str(ts_file(language)), "-qm", str(qm)], check=True
    )


@dataclass
class Message:
    context: str
    source: str
    plural: str | None
    numerus: bool
    state: str  # "" (finished), "unfinished", "obsolete", "vanished"
    forms: tuple[str, ...]


def messages(path: Path) -> Iterator[Message]:
    tree = ET.parse(path)
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            numerus = message.get("numerus") == "yes"
            if numerus:
                forms = tuple(f.text or "" for f in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            yield Message(
                context=name,
                source=message.findtext("source") or "",
                plural=message.findtext("comment"),
                numerus=numerus,
                state=translation.get("type", ""),
                forms=forms,
            )


def load_table(language: str) -> dict[str, Entry]:
    table: dict[str, Entry] = {}
    folder = TABLES / language
    for path in sorted(folder.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"_table_{language}_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        table.update(module.T)
    return table


def translation_for(language: str, source: str, tables: dict[str, dict[str, Entry]]) -> Entry:
    """The table's translation of ``source``, or ``""`` when no table has it."""
    if source in tables[language]:
        return tables[language][source]
    if language == "pt_BR" and source in tables["pt_PT"]:
        from tools.i18n.brazil import brazilian

        entry = tables["pt_PT"][source]
        return brazilian(entry) if isinstance(entry, str) else tuple(map(brazilian, entry))
    return ""


def fill(language: str, tables: dict[str, dict[str, Entry]]) -> int:
    """Write the tables' translations into the catalogue; returns how many entries.

    The tables are the source of truth: an entry they know is (re)written, so a better
    pt_BR conversion or a corrected table reaches the ``.ts``; an entry no table knows is
    left as it is (a translator may also work in Qt Linguist, then copy the text into a
    table)."""
    path = ts_file(language)
    tree = ET.parse(path)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in ("obsolete", "vanished"):
            continue
        entry = translation_for(language, message.findtext("source") or "", tables)
        if not entry:
            continue
        if message.get("numerus") == "yes":
            forms = (entry, entry) if isinstance(entry, str) else entry
            for child in list(translation):
                translation.remove(child)
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            if not isinstance(entry, str):
                raise SystemExit(f"{language}: a plural table entry for a plain string: {entry}")
            translation.text = entry
        translation.attrib.pop("type", None)
        filled += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return filled


def fields(text: str) -> list[str]:
    """The placeholders of ``text`` by name and conversion."""
    return sorted(re.sub(r":[^{}!]*\}$", "}", f) for f in FIELD.findall(text))


def python_formats(text: str) -> list[str]:
    """The fields of ``text`` that format a number the Python way (``{count:,}``,
    ``{seconds:.1f}``, ``{target:g}``): English digits in every language, so the code
    must fill them with ``slaworkbench.formatting`` instead."""
    return [f for f in FIELD.findall(text) if re.search(r":[^{}!]*\}$", f)]


def problems(paths: dict[str, Path]) -> list[str]:
    found: list[str] = []
    for language, path in paths.items():
        for m in messages(path):
            where = f"{language}: {m.context + ' › ' if m.context else ''}{m.source!r}"
            if m.state in ("obsolete", "vanished"):
                found.append(f"{where} is {m.state} (the code no longer has it)")
            elif m.state == "unfinished":
                found.append(f"{where} is unfinished")
            for field in python_formats(m.source):
                found.append(
                    f"{where}: {field} writes its number in English; fill the field with "
                    "slaworkbench.formatting (count, number, decimal) instead"
                )
            for form in m.forms:
                if m.state == "" and fields(form) != fields(m.source):
                    found.append(f"{where}: the translation {form!r} changes the fields")
    return found


TR_IN_FSTRING = re.compile(r"\{[^{}]*\btr\(")
"""A ``tr(`` call inside an f-string's replacement field."""


def calls_lupdate_cannot_see(root: Path) -> list[str]:
    """``tr("…")`` called inside an f-string: lupdate does not read it, so the sentence
    never reaches the catalogues and is English in every language (the HTML report's
    "End of report." was)."""
    import io
    import tokenize

    found = []
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            prefix = re.match(r"[A-Za-z]*", token.string)
            if token.type != tokenize.STRING or prefix is None:
                continue
            if "f" in prefix.group().lower() and TR_IN_FSTRING.search(token.string):
                where = f"{path.relative_to(ROOT)}:{token.start[0]}"
                found.append(f"{where}: tr() inside an f-string is not seen by lupdate")
    return found


def check() -> int:
    """lupdate on copies of the catalogues: nothing unfinished, obsolete or missing."""
    found = calls_lupdate_cannot_see(SOURCES)
    with tempfile.TemporaryDirectory() as folder:
        copies = {}
        for language in LANGUAGES:
            copies[language] = Path(folder) / ts_file(language).name
            shutil.copyfile(ts_file(language), copies[language])
        lupdate(list(copies.values()), drop_obsolete=False)
        found += problems(copies)
        for language in LANGUAGES:  # the committed .qm is what lrelease makes of the .ts
            fresh = Path(folder) / qm_file(language).name
            lrelease(language, fresh)
            qm = qm_file(language)
            if not qm.exists() or qm.read_bytes() != fresh.read_bytes():
                found.append(f"{qm.name} is not built from its .ts: run make translations")
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} translation problems; run make translations and translate")
        return 1
    return 0


def update() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    targets = [ts_file(language) for language in LANGUAGES]
    print(lupdate(targets, drop_obsolete=True).strip())
    tables = {language: load_table(language) for language in LANGUAGES}
    for language in LANGUAGES:
        print(f"{language}: {fill(language, tables)} entries written from the tables")
    lupdate(targets, drop_obsolete=True)  # lupdate's own layout again
    for language in LANGUAGES:
        lrelease(language)
        left = sum(1 for m in messages(ts_file(language)) if m.state == "unfinished")
        print(f"{language}: {left} unfinished")
    return 0


def unfinished(language: str, limit: int) -> int:
    """The unfinished sources as a table skeleton (``T = {source: "", ...}``)."""
    print("T = {")
    shown = 0
    for m in messages(ts_file(language)):
        if m.state != "unfinished" or shown >= limit:
            continue
        value = f"({m.source!r}, {m.plural!r})" if m.numerus else '""'
        print(f"    {m.source!r}: {value},")
        shown += 1
    print("}")
    return 0


def number(language: str, listing: Path) -> int:
    """Print the unfinished sources numbered, one a line (newlines as ``\\n``), and save
    the numbering to ``listing`` for ``take``."""
    import json

    sources = []
    for m in messages(ts_file(language)):
        if m.state == "unfinished" and (m.source, m.plural) not in sources:
            sources.append((m.source, m.plural))
    listing.write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")
    for index, (source, plural) in enumerate(sources, 1):
        shown = source.replace("\n", "\\n")
        print(f"{index}| {shown}" + (f" || {plural}" if plural else ""))
    return 0


def take(listing: Path, batch: Path, table: Path) -> int:
    """Turn ``N| translation`` lines (``N| singular || plural`` for counts) written
    against ``listing`` into a table module keyed by the source text."""
    import json

    sources = json.loads(listing.read_text(encoding="utf-8"))
    entries: dict[str, Entry] = {}
    for line in batch.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        index, _, text = line.partition("| ")
        source, plural = sources[int(index) - 1]
        text = text.replace("\\n", "\n")
        if plural:
            singular, _, many = text.partition(" || ")
            entries[source] = (singular, many or singular)
        else:
            entries[source] = text
    lines = [f'"""{table.stem}: translations written from {batch.name}."""', "", "T = {"]
    lines += [f"    {source!r}: {entry!r}," for source, entry in entries.items()]
    lines.append("}")
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{table}: {len(entries)} entries")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="translations")
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("update")
    steps.add_parser("check")
    listing = steps.add_parser("unfinished")
    listing.add_argument("language", choices=LANGUAGES)
    listing.add_argument("--limit", type=int, default=10_000)
    numbering = steps.add_parser("number")
    numbering.add_argument("language", choices=LANGUAGES)
    numbering.add_argument("listing", type=Path)
    taking = steps.add_parser("take")
    taking.add_argument("listing", type=Path)
    taking.add_argument("batch", type=Path)
    taking.add_argument("table", type=Path)
    args = parser.parse_args(argv)
    if args.step == "number":
        return number(args.language, args.listing)
    if args.step == "take":
        return take(args.listing, args.batch, args.table)
    if args.step == "update":
        return update()
    if args.step == "check":
        return check()
    return unfinished(args.language, args.limit)


if __name__ == "__main__":
    sys.exit(main())

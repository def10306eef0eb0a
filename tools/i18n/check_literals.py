"""No user-visible string literal outside ``tr()`` in ``ui/``, ``reports/`` and ``cli/`` (an
AST check).

    python -m tools.i18n.check_literals [PATH ...]     # default: src/slaworkbench/{ui,reports,cli}

The rule. A string is *user-visible* when, with its ``{fields}``, HTML tags and entities
taken out, it still holds a word (two letters in a row). Such a string is reported when
it reaches the user without a translation:

1. it is an argument of a Qt text API (``setText``, ``setWindowTitle``, ``setToolTip``,
   ``addAction``, ``addMenu``, ``addItem``, ``setHeaderLabels``, ``showMessage``,
   ``setPlaceholderText``, ``QMessageBox.question``… — ``TEXT_METHODS``) or of a widget,
   action or report block built with text (``QLabel("…")``, ``QPushButton``,
   ``QAction``, ``Paragraph``, ``Heading``, ``Cell``… — ``TEXT_CLASSES``), including
   inside a list or tuple of such arguments; or
2. it is returned by a function whose name says it makes text for people (``*_label``,
   ``*_text``, ``*_title``, ``*_sentence``, ``*_message``, ``*_tooltip``, ``*_caption``,
   ``*_help``, ``*_line``); or
3. on the command line: it is printed (``print``), the reason of a ``CommandError``, or the
   ``help``, ``description``, ``epilog`` or ``title`` of an argparse parser, argument or
   group (``ARGPARSE_CALLS``; argparse's own words go through ``cli/parser_language.py``).

A literal counts when it is the argument itself or a part of it: an f-string's text, an
operand of ``+``, either branch of ``a if c else b``, a ``"…".format()`` or ``%`` template.
Anything inside a call of ``tr``/``trn``/``self.tr``/``marked`` is translated and allowed,
and so is any other call's result (a function that returns text is checked where it
returns it).

4. ``x.tr("…")`` on anything but ``self`` is reported too: lupdate files it under the
variable's name, Qt looks it up under the object's class.

Allowed without a word: symbols (``—``, ``%``, ``…``, ``·``), numbers,
format-only templates (``{start} – {end}``), lower-case keys without spaces
(``"bad"``, ``"csat"``: styles and item data). ``warning()`` and its kin count only on
``QMessageBox`` (a logger's are for the log). A line may end in ``# i18n: not words`` for
a deliberate exception (a language's own name, a product name); the check lists them.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATHS = tuple(ROOT / "src" / "slaworkbench" / name for name in ("ui", "reports", "cli"))

TEXT_METHODS = frozenset(
    {
        "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis",
        "setPlaceholderText", "setTitle", "addAction", "addMenu", "addItem", "addItems",
        "insertItem", "insertItems", "setItemText", "setHeaderLabels",
        "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setLabelText",
        "setInformativeText", "setDetailedText", "setSuffix", "setPrefix", "showMessage",
        "setSpecialValueText", "addTab", "insertTab", "setTabText", "setTabToolTip",
        "addRow", "insertRow", "setWindowIconText", "setHtml", "setPlainText",
        "setCheckBoxText", "setButtonText", "setAccessibleName", "setAccessibleDescription",
        "setNameFilter", "setNameFilters", "setDefaultSuffix", "addButton", "setToolTipText",
        "question", "information", "warning", "critical", "about", "getText", "getItem",
        "getInt", "getDouble", "getOpenFileName", "getSaveFileName",
        "getExistingDirectory", "setLabel", "setFormat",
    }
)  # fmt: skip
TEXT_CLASSES = frozenset(
    {
        "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox",
        "QAction", "QMenu", "QMessageBox", "QCommandLinkButton", "QListWidgetItem",
        "QTreeWidgetItem", "QTableWidgetItem", "QStandardItem", "QWizardPage",
        "Paragraph", "Heading", "Cell", "Note", "Caption", "Table", "Figure",
        "print", "CommandError",
    }
)  # fmt: skip
ARGPARSE_CALLS = frozenset(
    {"ArgumentParser", "add_argument", "add_parser", "add_subparsers", "add_argument_group"}
)
ARGPARSE_TEXT = frozenset({"help", "description", "epilog", "title"})
"""The keywords of ``ARGPARSE_CALLS`` that ``--help`` shows (a metavar such as ``FILE`` or a
``version`` is not translated)."""
TEXT_FUNCTION = re.compile(r".*_(label|text|title|sentence|message|tooltip|caption|help|line)$")
TRANSLATORS = frozenset({"tr", "trn", "marked", "translate"})
WAIVER = "# i18n: not words"
_FIELD = re.compile(r"\{[^{}]*\}")
_TAG = re.compile(r"<[^<>]*>|&[a-z]+;|&#\d+;")
_WORD = re.compile(r"[^\W\d_]{2}")


_KEY = re.compile(r"[a-z0-9_.,:/*-]+")
MESSAGE_BOXES = frozenset({"question", "information", "warning", "critical", "about"})


def has_words(text: str) -> bool:
    """A word for a person: two letters in a row once fields and tags are out, and not a
    lower-case key (``"csat"``, ``"urgent,high"``, ``"bad"``, ``".json"`` — item data,
    styles and axis names, which Qt never shows)."""
    if _KEY.fullmatch(text):
        return False
    return _WORD.search(_TAG.sub(" ", _FIELD.sub(" ", text))) is not None


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    text: str
    why: str

    def __str__(self) -> str:
        if self.why == "is asked for tr()":
            return (
                f"{self.path}:{self.line}: {self.text}.tr(): lupdate files it under the "
                f"context {self.text!r}, Qt looks it up under the object's class; use tr()"
            )
        return f"{self.path}:{self.line}: {self.text!r} {self.why} outside tr()"


def _called_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def visible_literals(node: ast.AST) -> Iterator[tuple[int, str]]:
    """The literal text of ``node`` that would reach the user as it is."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if has_words(node.value):
            yield node.lineno, node.value
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.Constant) and has_words(str(part.value)):
                yield node.lineno, str(part.value)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        yield from visible_literals(node.left)
        if isinstance(node.op, ast.Add):
            yield from visible_literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from visible_literals(node.body)
        yield from visible_literals(node.orelse)
    elif isinstance(node, ast.List | ast.Tuple):
        for element in node.elts:
            yield from visible_literals(element)
    elif isinstance(node, ast.Call) and _called_name(node) == "format":
        if isinstance(node.func, ast.Attribute):
            yield from visible_literals(node.func.value)
        for argument in [*node.args, *(k.value for k in node.keywords)]:
            yield from visible_literals(argument)


class _Visitor(ast.NodeVisitor):
    def __init__(self, path: Path, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.findings: list[Finding] = []
        self.functions: list[str] = []

    def _report(self, node: ast.AST, why: str) -> None:
        for line, text in visible_literals(node):
            if WAIVER not in self.lines[line - 1]:
                self.findings.append(Finding(self.path, line, text, why))

    def visit_Call(self, node: ast.Call) -> None:
        name = _called_name(node)
        if name == "tr" and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if not (isinstance(owner, ast.Name) and owner.id == "self"):
                self.findings.append(
                    Finding(self.path, node.lineno, ast.unparse(owner), "is asked for tr()")
                )
        if name in TRANSLATORS:
            return  # translated: nothing inside reaches the user untranslated
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        if name in MESSAGE_BOXES and not (
            isinstance(receiver, ast.Name) and receiver.id == "QMessageBox"
        ):
            name = ""  # a logger's warning(), not a message box
        if name in TEXT_METHODS or name in TEXT_CLASSES:
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                self._report(argument, f"is passed to {name}()")
        elif name in ARGPARSE_CALLS:
            for keyword in node.keywords:
                if keyword.arg in ARGPARSE_TEXT:
                    self._report(keyword.value, f"is the {keyword.arg} of {name}()")
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and self.functions and TEXT_FUNCTION.match(self.functions[-1]):
            self._report(node.value, f"is returned by {self.functions[-1]}()")
        self.generic_visit(node)


def check_file(path: Path) -> list[Finding]:
    source = path.read_text(encoding="utf-8")
    visitor = _Visitor(path, source.splitlines())
    visitor.visit(ast.parse(source, filename=str(path)))
    return visitor.findings


def python_files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)
        else:
            yield path


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in arguments] or list(DEFAULT_PATHS)
    findings = [f for file in python_files(paths) for f in check_file(file)]
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} user-visible strings outside tr(); wrap them in tr()")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

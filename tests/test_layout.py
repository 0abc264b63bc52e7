"""The packages' layout: the web UI imports the core, never the other way round, and ingest/
reads files without leaning on the assistant (only its core types)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports (relative imports resolved)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_the_core_never_imports_the_web_ui_or_gradio():
    core = [p for p in (ROOT / "assistant").glob("*.py") if p.name != "cli.py"]  # the CLI serves the web UI
    offenders = {p.name: sorted(n for n in imported_modules(p) if n.startswith(("assistant.web", "gradio")))
                 for p in core}
    assert {name: found for name, found in offenders.items() if found} == {}
    assert len(core) > 30  # the check looked at the real package


def test_the_web_ui_reaches_the_core_through_its_public_surface():
    web = list((ROOT / "assistant" / "web").glob("*.py"))
    reached = {n.split(".")[1] for p in web for n in imported_modules(p)
               if n.startswith("assistant.") and not n.startswith("assistant.web") and n.count(".") >= 1}
    private = {name for name in reached if name.startswith("_")}
    assert private == set() and {"service", "types", "knowledge"} <= reached


def test_ingest_uses_only_the_core_types_of_the_assistant():
    used = {n for p in (ROOT / "ingest").glob("*.py") for n in imported_modules(p) if n.startswith("assistant")}
    assert used and {n.split(".")[1] for n in used} == {"types"}, sorted(used)

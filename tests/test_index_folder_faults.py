"""Faults of the index folder (issue 10). A read-only one (a read-only mount, or files the
service may not write) still answers; changes are refused with a clear message and nothing in
the folder changes (row 17). A damaged one is set aside and built again."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# root writes anything: without these capabilities it obeys the folder's modes like any user
AS_PLAIN_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"] if os.geteuid() == 0 else []

ADD_A_DOCUMENT = """
import sys
from assistant.knowledge import KnowledgeBase, KnowledgeError
from assistant.service import Assistant
from assistant.settings import load_settings
assistant = Assistant.from_settings(load_settings(), progress=False)
base = KnowledgeBase(assistant.settings, assistant.retriever.store, assistant.retriever.embeddings)
try:
    base.add("第一条 本办法适用于云岫县专精特新企业。".encode(), "new.txt", who="test")
except KnowledgeError as error:
    print("refused:", error)
"""


def _read_only(folder: Path) -> dict[str, tuple[int, float]]:
    """Make ``folder`` read-only; what it holds (size and time of every file), to compare later."""
    held = {}
    for path in sorted(folder.rglob("*"), reverse=True):  # files before their folders
        if path.is_file():
            held[str(path.relative_to(folder))] = (path.stat().st_size, path.stat().st_mtime)
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    folder.chmod(0o555)
    return held


def _copies() -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob("policy-assistant-index-*"))


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([*AS_PLAIN_USER, sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=False)


def test_a_read_only_index_answers_and_refuses_changes(settings_factory, tmp_path):
    from assistant.service import Assistant

    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    settings = settings_factory(knowledge_dir=knowledge, index_dir=tmp_path / "index")
    Assistant.from_settings(settings, progress=False)  # builds the index, then it is mounted read-only
    held = _read_only(settings.index_dir)
    _read_only(knowledge)
    env = dict(os.environ, POLICY_ASSISTANT_KNOWLEDGE_DIR=str(knowledge),
               POLICY_ASSISTANT_INDEX_DIR=str(settings.index_dir),
               POLICY_ASSISTANT_FEEDBACK_DB=str(tmp_path / "feedback.sqlite"))
    copies_before = set(_copies())
    try:
        asked = _run(["-m", "assistant.cli", "ask", "国家级小巨人有多少奖励？"], env)
        assert asked.returncode == 0, asked.stderr[-2000:]
        assert "200万元" in asked.stdout
        assert "read-only" in asked.stderr  # the operator learns why changes will not be kept

        ingested = _run(["-m", "assistant.cli", "ingest", "--quiet"], env)
        assert ingested.returncode == 1
        assert "is read-only: changes cannot be saved" in ingested.stderr
        assert "Traceback" not in ingested.stderr

        added = _run(["-c", ADD_A_DOCUMENT], env)
        assert "refused: the index folder index is read-only" in added.stdout, added.stderr[-2000:]
    finally:
        for path in [tmp_path, *tmp_path.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    assert {str(p.relative_to(settings.index_dir)): (p.stat().st_size, p.stat().st_mtime)
            for p in settings.index_dir.rglob("*") if p.is_file()} == held
    assert set(_copies()) <= copies_before  # the copy it answered from went with the process


def test_a_damaged_index_is_set_aside_and_built_again(settings_factory, tmp_path):
    """Issue 10, item 4: a damaged index (here its database overwritten) used to end every
    command in a chromadb traceback."""
    from assistant.service import Assistant

    settings = settings_factory(index_dir=tmp_path / "index")
    Assistant.from_settings(settings, progress=False)
    (settings.index_dir / "chroma.sqlite3").write_bytes(b"not a database " * 1000)
    env = dict(os.environ, POLICY_ASSISTANT_INDEX_DIR=str(settings.index_dir),
               POLICY_ASSISTANT_FEEDBACK_DB=str(tmp_path / "feedback.sqlite"))
    asked = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "国家级小巨人有多少奖励？"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=300, check=False)
    assert asked.returncode == 0, asked.stderr[-2000:]
    assert "200万元" in asked.stdout and "is damaged; moved to" in asked.stderr
    aside = list(tmp_path.glob("index.damaged-*"))
    assert len(aside) == 1 and (aside[0] / "chroma.sqlite3").read_bytes().startswith(b"not a database")

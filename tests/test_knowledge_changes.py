"""Rows 3, 4, 7 and 10 of the hardening issue: no destructive default, corrections checked
against the metadata schema, and every change a transaction that survives a kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.knowledge import KnowledgeBase, KnowledgeError

from .test_knowledge import NEW_POLICY, workspace  # noqa: F401  (the same fixture)


def state(knowledge: KnowledgeBase) -> dict:
    """Everything a change may touch: files, metadata, audit, and the index's documents."""
    folder = knowledge.settings.knowledge_dir
    return {"files": sorted(p.name for p in knowledge.folder.iterdir()),
            "metadata": (folder / "metadata.json").read_text(encoding="utf-8"),
            "audit": knowledge.audit_log(),
            "index": {doc_id: entry.fingerprint for doc_id, entry in knowledge.store.manifest().items()}}


@pytest.mark.parametrize(("corrections", "message"), [
    ({"period_end": "2025年"}, "period_end of .* must be a year"),
    ({"period_start": 2027, "period_end": 2025}, "ends \\(2025\\) before it starts \\(2027\\)"),
    ({"date_issued": "2024年3月1日"}, "must be an ISO date"),
    ({"title": ""}, "title of .* must be non-empty"),
    ({"region": ["盐城"]}, "region of .* must be text"),
    ({"doc_id": "../../etc"}, "doc_id must be"),
])
def test_a_bad_correction_is_refused_and_changes_nothing(workspace, corrections, message):  # noqa: F811
    """Row 4: one typo in a correction used to take every answer citing the document down."""
    assistant, knowledge = workspace
    before = state(knowledge)
    with pytest.raises(KnowledgeError, match=message):
        knowledge.add(NEW_POLICY.encode(), "yandu.txt", who="li", corrections=corrections)
    assert state(knowledge) == before
    assert "200万元" in assistant.ask("国家级小巨人有多少奖励？").text


def test_a_correction_cannot_take_another_documents_id(workspace):  # noqa: F811
    """Row 10: setting doc_id to an existing document's id dropped that document's metadata."""
    _, knowledge = workspace
    before = state(knowledge)
    with pytest.raises(KnowledgeError, match="'jinhu-plan-2022' belongs to another document"):
        knowledge.add(NEW_POLICY.encode(), "yandu.txt", who="li", corrections={"doc_id": "jinhu-plan-2022"})
    assert state(knowledge) == before


def test_an_upload_adds_unless_a_replacement_is_chosen_and_removal_can_be_undone(workspace):  # noqa: F811
    """Row 3: the upload used to replace the first document; removal is now reversible."""
    assistant, knowledge = workspace
    files = set(p.name for p in knowledge.folder.iterdir())
    meta = knowledge.add(NEW_POLICY.encode(), "yandu.txt", who="li")
    assert set(p.name for p in knowledge.folder.iterdir()) == files | {"yandu.txt"}
    chunks = sum(1 for c in assistant.retriever.chunks if c.doc_id == "baoying-plan-2023")
    knowledge.remove("baoying-plan-2023", who="wang")
    assistant.ask("宝应县专精特新企业培育目标是什么？")  # follows the new generation
    assert "baoying-plan-2023" not in assistant.retriever.docs
    assert [r["file"] for r in knowledge.removed()] == ["baoying-2023-2025-action-plan.txt"]
    restored = knowledge.restore(who="wang")
    assistant.ask("宝应县专精特新企业培育目标是什么？")  # follows the new generation
    assert restored.doc_id == "baoying-plan-2023" and knowledge.removed() == []
    assert sum(1 for c in assistant.retriever.chunks if c.doc_id == "baoying-plan-2023") == chunks
    assert [(e["action"], e["who"], e["doc_id"]) for e in knowledge.audit_log()] == [
        ("add", "li", meta.doc_id), ("remove", "wang", "baoying-plan-2023"), ("restore", "wang", "baoying-plan-2023")]


CHILD = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from assistant.settings import load_settings
    from assistant.service import Assistant
    from assistant.knowledge import KnowledgeBase

    settings = load_settings(knowledge_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]))
    assistant = Assistant.from_settings(settings, progress=False)
    knowledge = KnowledgeBase(settings, assistant.retriever.store, assistant.retriever.embeddings)
    die = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
    if sys.argv[3] == "building":   # killed while the new generation is being embedded
        knowledge.embeddings.embed_documents = die
    else:                           # killed in the middle of committing: file and metadata moved, index not yet
        knowledge.store.activate = die
    knowledge.add(sys.argv[4].encode(), "yandu.txt", who="li")
""")


@pytest.mark.parametrize("moment", ["building", "committing"])
def test_kill_9_during_an_upload_leaves_files_metadata_index_and_audit_agreeing(settings_factory, knowledge_copy,
                                                                                 tmp_path, moment):
    """Row 7: the file used to be written before the index changed and the audit line after it."""
    from assistant.service import Assistant

    index = tmp_path / "index"
    child = subprocess.run([sys.executable, "-c", CHILD, str(knowledge_copy), str(index), moment, NEW_POLICY],
                           cwd=Path(__file__).resolve().parent.parent, capture_output=True, timeout=300)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()[-2000:]
    assert any((knowledge_copy / ".changes").iterdir())  # the interrupted change is still there
    settings = settings_factory(knowledge_dir=knowledge_copy, index_dir=index)
    assistant = Assistant.from_settings(settings, progress=False)  # recovers before it answers
    knowledge = KnowledgeBase(settings, assistant.retriever.store, assistant.retriever.embeddings)
    assert not any((knowledge_copy / ".changes").iterdir())
    files = {p.name for p in knowledge.folder.iterdir()}
    listed = {e["source_file"] for e in json.loads((knowledge_copy / "metadata.json").read_text())["documents"]}
    indexed = set(knowledge.store.manifest())
    audit = knowledge.audit_log()
    if moment == "building":  # rolled back: as if never uploaded, and the audit says so
        assert "yandu.txt" not in files and "yandu.txt" not in listed
        assert [e["action"] for e in audit] == ["rolled-back add"]
    else:  # completed: the file, its entry, its chunks and the audit line are all there
        assert "yandu.txt" in files and "yandu.txt" in listed
        assert [e["action"] for e in audit] == ["add"]
        assert "30万元" in assistant.ask("盐都区对新认定的省级专精特新企业奖励多少？").text
    assert files == listed  # every file has its entry and no entry lacks its file
    assert indexed == {e["doc_id"] for e in json.loads((knowledge_copy / "metadata.json").read_text())["documents"]}
    assert os.environ.get("PYTEST_CURRENT_TEST")  # (ran under pytest, not as a leftover child)


def test_a_deleted_index_folder_is_rebuilt_in_the_background_while_the_open_one_answers(settings_factory, tmp_path):
    """Row 7: after the index folder was deleted every question failed until a restart."""
    import shutil
    import time

    from assistant.index_watch import IndexWatch
    from assistant.service import Assistant

    settings = settings_factory(index_dir=tmp_path / "index")
    assistant = Assistant.from_settings(settings, progress=False)
    chunks = assistant.retriever.store.count()
    watch = IndexWatch(assistant, every=0.2)
    assert not watch.check_once()  # the folder is there: nothing to do
    try:
        shutil.rmtree(settings.index_dir)
        # the open index still answers meanwhile, also to questions asked at once (Chroma then needs
        # new connections to the deleted files, which fail)
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: assistant.ask("国家级小巨人有多少奖励？"), range(32)))
        assert all(not answer.refused and "200万" in answer.text for answer in answers)
        watch.start()
        deadline = time.monotonic() + 60
        while watch.rebuilds < 1:
            assert time.monotonic() < deadline, "the index was not rebuilt within 60 s"
            time.sleep(0.2)
    finally:
        watch.stop()
    answer = assistant.ask("国家级小巨人有多少奖励？")
    assert not answer.refused and "200万" in answer.text
    # another process (a restart, the CLI) reads the rebuilt folder: every chunk is back
    code = ("import sys; from pathlib import Path; from assistant.store import ChunkStore; "
            f"print(ChunkStore(Path(sys.argv[1]), {assistant.retriever.store._model!r}).count())")
    read = subprocess.run([sys.executable, "-c", code, str(settings.index_dir)], capture_output=True, text=True,
                          timeout=120, check=False, cwd=Path(__file__).resolve().parent.parent)
    assert read.stdout.strip() == str(chunks), read.stderr[-500:]
    with pytest.raises(ValueError, match="positive"):
        IndexWatch(assistant, every=0)


def test_serve_rebuilds_a_deleted_index_folder(tmp_path):
    """The watch is part of `policy-assistant serve` (not only a class that could be started)."""
    import shutil
    import time

    from eval.load import start_server

    index = tmp_path / "index"
    url, server = start_server(POLICY_ASSISTANT_INDEX_DIR=str(index))
    try:
        shutil.rmtree(index)
        deadline = time.monotonic() + 90
        while not (index / "chroma.sqlite3").is_file():
            assert time.monotonic() < deadline, "serve did not rebuild its index folder within 90 s"
            time.sleep(1)
    finally:
        server.kill()


def test_serve_answers_then_completes_a_change_a_kill_9_interrupted(knowledge_copy, tmp_path):
    """`serve` no longer blocks on start-up's catch-up: it answers from the last good generation,
    then finishes the interrupted change in the background and follows it; afterwards files,
    metadata, index and audit agree."""
    import time

    import httpx

    from eval.load import start_server

    index = tmp_path / "index"
    child = subprocess.run([sys.executable, "-c", CHILD, str(knowledge_copy), str(index), "committing", NEW_POLICY],
                           cwd=Path(__file__).resolve().parent.parent, capture_output=True, timeout=300, check=False)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()[-2000:]

    def ask(question: str) -> str:
        return httpx.post(f"{url}api/ask", json={"question": question}, timeout=30).json()["answer"]

    url, server = start_server(POLICY_ASSISTANT_KNOWLEDGE_DIR=str(knowledge_copy), POLICY_ASSISTANT_INDEX_DIR=str(index))
    try:
        assert "200万元" in ask("国家级小巨人有多少奖励？")
        deadline = time.monotonic() + 90
        while "30万元" not in ask("盐都区对新认定的省级专精特新企业奖励多少？"):
            assert time.monotonic() < deadline, "the interrupted upload was not completed within 90 s"
            time.sleep(0.5)
        listed_ids = {d["doc_id"] for d in httpx.get(f"{url}api/documents", timeout=30).json()}
    finally:
        server.kill()
        server.wait(timeout=30)
    assert not any((knowledge_copy / ".changes").iterdir())
    files = {p.name for p in (knowledge_copy / "documents").iterdir()}
    listed = {e["source_file"] for e in json.loads((knowledge_copy / "metadata.json").read_text())["documents"]}
    assert "yandu.txt" in files and files == listed
    catalog = json.loads((knowledge_copy / "metadata.json").read_text())["documents"]
    assert listed_ids == {e["doc_id"] for e in catalog}  # the API lists what the answers come from
    audit = [json.loads(line) for line in (knowledge_copy / "audit.jsonl").read_text().splitlines()]
    assert [e["action"] for e in audit] == ["add"]

"""Idempotent ingest into a real Chroma with the real embedding model."""

from __future__ import annotations

import json

import pytest

from assistant.indexing import ingest
from assistant.store import ChunkStore


@pytest.fixture()
def store(tmp_path):
    return ChunkStore(tmp_path / "index", "use-multilingual-v3")


def run(store, embeddings, knowledge, paths=None, sync=True):
    return ingest(paths or [knowledge / "documents"], store=store, embeddings=embeddings, knowledge_dir=knowledge,
                  max_tokens=320, sync=sync, progress=False)


def snapshot(store):
    return {chunk.chunk_id: (chunk.text, meta) for chunk, meta in store.all_chunks()}


def test_reingest_unchanged_changes_nothing_and_edits_touch_only_their_document(store, embeddings, knowledge_copy):
    first = run(store, embeddings, knowledge_copy)
    assert len(first.added) == 5 and not first.errors
    before = snapshot(store)
    again = run(store, embeddings, knowledge_copy)
    assert again.chunks_written == 0 and len(again.unchanged) == 5 and snapshot(store) == before

    path = knowledge_copy / "documents" / "yancheng-measures-draft.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("分别达到4%、5%、6%", "分别达到5%、6%、7%"), encoding="utf-8")
    changed = run(store, embeddings, knowledge_copy)
    assert changed.updated == ["yancheng-measures"] and changed.chunks_deleted == 1
    after = snapshot(store)
    untouched = {k: v for k, v in before.items() if v[1].doc_id != "yancheng-measures"}
    assert all(after[k] == v for k, v in untouched.items())
    assert any("分别达到5%、6%、7%" in text for text, _ in after.values())
    assert not any("分别达到4%、5%、6%" in text for text, _ in after.values())

    path.unlink()
    removed = run(store, embeddings, knowledge_copy)
    assert removed.removed == ["yancheng-measures"]
    assert not any(meta.doc_id == "yancheng-measures" for _, meta in snapshot(store).values())


def test_broken_file_is_reported_and_loses_nothing(store, embeddings, knowledge_copy):
    run(store, embeddings, knowledge_copy)
    before = snapshot(store)
    (knowledge_copy / "documents" / "jinhu-2022-2024-little-giant-plan.txt").write_bytes(b"\xff\xfe\x00garbage" * 3)
    (knowledge_copy / "documents" / "broken.docx").write_bytes(b"PK\x03\x04broken")
    report = run(store, embeddings, knowledge_copy)
    assert len(report.errors) == 2 and report.removed == []
    assert snapshot(store) == before


def test_document_without_metadata_entry_gets_inferred_metadata(store, embeddings, knowledge_copy, tmp_path):
    doc = tmp_path / "new-policy.txt"
    doc.write_bytes("盐都区人民政府\n2024年3月1日\n盐都区专精特新企业奖励办法（2024-2026年）\n一、奖励标准\n"
                    "1. 对新认定的省级专精特新企业给予30万元奖励。\n".encode("gbk"))
    report = run(store, embeddings, knowledge_copy, paths=[doc], sync=False)
    assert report.added == ["new-policy"]
    chunk, meta = next((c, m) for c, m in store.all_chunks() if m.doc_id == "new-policy" and "30万元" in c.text)
    assert meta.title == "盐都区专精特新企业奖励办法（2024-2026年）"
    assert (meta.date_issued, meta.period_start, meta.period_end, meta.region) == ("2024-03-01", 2024, 2026, "盐都区")
    assert chunk.section_path == ("一、奖励标准", "1.对新认定的省级专精特新企业给予30万元奖励")


def test_invalid_metadata_file_is_a_clear_error(store, embeddings, knowledge_copy):
    from ingest.catalog import CatalogError

    (knowledge_copy / "metadata.json").write_text(json.dumps({"documents": [{"doc_id": "x"}]}), encoding="utf-8")
    with pytest.raises(CatalogError, match="metadata.json"):
        run(store, embeddings, knowledge_copy)


def test_interrupted_build_leaves_the_previous_index_answering(tmp_path, embeddings, knowledge_copy, settings_factory):
    from assistant.service import Assistant

    settings = settings_factory(knowledge_dir=knowledge_copy, index_dir=tmp_path / "index")
    assistant = Assistant.from_settings(settings, progress=False)
    store = assistant.retriever.store
    before = snapshot(store)

    class FailingHalfway:  # the real model, until the build is interrupted (a crash, a kill, a full disk)
        def __init__(self):
            self.calls = 0

        def embed_documents(self, texts):
            self.calls += 1
            if self.calls > 2:
                raise KeyboardInterrupt("interrupted")
            return embeddings.embed_documents(texts)

    path = knowledge_copy / "documents" / "jinhu-2022-2024-little-giant-plan.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("8—15家", "10—20家"), encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        run(store, FailingHalfway(), knowledge_copy)
    fresh = ChunkStore(tmp_path / "index", "use-multilingual-v3")
    assert snapshot(fresh) == before  # what other processes open is still the complete old index
    answer = assistant.ask("金湖县每年新增多少家市级专精特新小巨人企业？")
    assert "8—15家" in answer.text

    run(store, embeddings, knowledge_copy)  # the next build completes and switches
    assert "10—20家" in assistant.ask("金湖县每年新增多少家市级专精特新小巨人企业？").text


def test_an_unchanged_file_is_recognised_by_size_and_time_without_reading_it(tmp_path, monkeypatch):
    import hashlib
    from pathlib import Path

    from ingest.pipeline import ContentHashes

    policy, memo = tmp_path / "policy.txt", tmp_path / "index" / "file-hashes.json"
    memo.parent.mkdir()
    policy.write_text("第一条 对新认定的企业给予奖励。", encoding="utf-8")
    first = ContentHashes(memo)
    digest = first.of(policy)
    assert digest == hashlib.sha256(policy.read_bytes()).hexdigest()
    first.save()
    reads = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: (reads.append(self), original(self))[1])
    assert ContentHashes(memo).of(policy) == digest and reads == []  # known: not read
    policy.write_text("第一条 对新认定的企业给予奖励10万元。", encoding="utf-8")  # changed: read again
    changed = ContentHashes(memo).of(policy)
    assert changed != digest and reads == [policy]
    memo.write_text("{not json", encoding="utf-8")  # a damaged memo is no memo
    assert ContentHashes(memo).of(policy) == changed and len(reads) == 2

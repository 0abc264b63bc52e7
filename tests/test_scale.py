"""A library above SQLite's 32,766 variables: every read of the store is paged, and a change
costs the changed document's segment, not the library's tokens.

The 33,000 synthetic chunks carry 8-dimensional hash vectors (writing them with the real
model would take minutes); the retrieval, store and ingest code is the product's own.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.lexical import LexicalIndex, tokenize
from assistant.retrieval import HybridRetriever
from assistant.segments import SegmentFolder
from assistant.store import ChunkStore
from assistant.types import Chunk, DocumentMeta

DOCS, PER_DOC = 66, 500  # 33,000 chunks: above the 32,766 variables one unpaged read would bind
WORDS = ["贷款贴息", "人才引进", "研发费用", "厂房租金", "技术改造", "上市辅导", "知识产权", "质量标杆"]


class HashEmbeddings:
    """Eight-dimensional vectors from a hash of the text: the same text, the same vector."""

    def embed_documents(self, texts):
        return [self.embed_query(text) for text in texts]

    def embed_query(self, text):
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        vector = np.random.default_rng(seed).standard_normal(8)
        return (vector / np.linalg.norm(vector)).tolist()


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big-index")
    store = ChunkStore(folder, "scale-test")
    embeddings = HashEmbeddings()
    for d in range(DOCS):
        doc = DocumentMeta(doc_id=f"lib-{d:03d}", title=f"第{d}号虚构文件", source_file=f"lib-{d:03d}.txt")
        chunks = [Chunk(chunk_id=f"lib-{d:03d}-{i:04d}", doc_id=doc.doc_id, text=f"第{i}条 对{WORDS[(d + i) % 8]}给予支持，编号{d}-{i}。",
                        section_path=("一、支持措施",), order=i) for i in range(PER_DOC)]
        store.upsert(chunks, doc, f"fp{d:03d}", embeddings.embed_documents([c.text for c in chunks]))
    return folder, store, embeddings


def test_every_read_of_a_library_above_sqlites_variable_limit_is_paged(big_store):
    _, store, _ = big_store
    assert store.count() == DOCS * PER_DOC
    manifest = store.manifest()  # no manifest yet: read a page at a time, then written
    assert len(manifest) == DOCS and {entry.chunks for entry in manifest.values()} == {PER_DOC}
    assert store.manifest() == manifest  # now from the collection's metadata
    assert sum(len(ids) for _, ids in store.fingerprints().values()) == DOCS * PER_DOC
    chunks = store.all_chunks()
    assert len(chunks) == DOCS * PER_DOC and chunks[0][0].chunk_id == "lib-000-0000"


def test_ingest_and_retrieval_work_on_it_and_an_unchanged_file_is_not_read_again(big_store, tmp_path):
    from assistant.indexing import ingest

    folder, store, embeddings = big_store
    documents = tmp_path / "documents"
    documents.mkdir()
    shutil.copy(Path(__file__).parent.parent / "knowledge" / "documents" / "yancheng-measures-draft.txt", documents)
    segments = SegmentFolder(folder / "segments", ["专精特新"])
    report = ingest([documents], store=store, embeddings=embeddings, knowledge_dir=tmp_path, max_tokens=320,
                    progress=False, segments=segments)
    assert report.added == ["yancheng-measures-draft"] and not report.errors
    added = report.chunks_written
    assert store.count() == DOCS * PER_DOC + added  # every other chunk copied into the new generation
    entry = store.manifest()["yancheng-measures-draft"]
    assert entry.digest and entry.chunks == added and entry.source_file == "yancheng-measures-draft.txt"
    generation = store.generation
    again = ingest([documents], store=store, embeddings=embeddings, knowledge_dir=tmp_path, max_tokens=320,
                   progress=False, segments=segments)
    assert again.unchanged == ["yancheng-measures-draft"] and again.documents == []  # recognised by digest
    assert store.generation == generation

    retriever = HybridRetriever(store, embeddings, mode="bm25", segments=segments)
    assert len(retriever.chunks) == DOCS * PER_DOC + added
    from assistant.query import Glossary, analyse
    from assistant.synonyms import Synonyms

    query = analyse("首贷贴息的比例是多少？", Glossary([]), Synonyms([]))
    best = retriever.retrieve(query, 3)
    assert best and best[0].chunk.doc_id == "yancheng-measures-draft" and "贴息" in best[0].chunk.text
    only = retriever.retrieve(analyse("贷款贴息", Glossary([]), Synonyms([])), 5, doc_ids=["lib-007"])
    assert only and {hit.chunk.doc_id for hit in only} == {"lib-007"}
    # a second start reads every segment from its file: nothing is tokenised again
    started = time.perf_counter()
    again = HybridRetriever(store, embeddings, mode="bm25", segments=segments)
    assert [c.chunk_id for c in again.chunks] == [c.chunk_id for c in retriever.chunks]
    # ... and its character-pair index and BM25 postings from the copies the first start kept, not built again
    assert list(segments.folder.glob("merged-*/codes.npy")) and list(segments.folder.glob("lexical-*/scores.npy"))
    for text in ("首贷贴息的比例", "人才引进 编号7-4", "不存在的词"):
        tokens = tokenize(text)
        assert np.array_equal(again._lexical.scores(tokens), retriever._lexical.scores(tokens))
    assert again.vocabulary() == retriever.vocabulary()
    # a damaged copy is not trusted: the postings are built again and a sound copy is kept
    for saved in segments.folder.glob("lexical-*/docs.npy"):
        saved.write_bytes(b"not an array")
    third = HybridRetriever(store, embeddings, mode="bm25", segments=segments)
    assert np.array_equal(third._lexical.scores(tokenize("首贷贴息")), retriever._lexical.scores(tokenize("首贷贴息")))
    assert [np.load(p).shape for p in segments.folder.glob("lexical-*/docs.npy")]
    for term in ("贴息", "人才引进", "编号7-4", "第499条", "不存在的词"):
        assert again.weights.df(term) == retriever.weights.df(term)
    assert again.weights.df("编号7-4") == sum(1 for c in again.chunks if "编号7-4" in c.text)
    assert time.perf_counter() - started < 60  # generous: a guard against re-tokenising, not a benchmark


def test_the_postings_index_read_back_from_its_arrays_scores_the_same():
    texts = [f"对{WORDS[i % 8]}给予支持，最高{i * 10}万元" for i in range(30)] + ["", "贷款贴息"]
    built = LexicalIndex(texts)
    read_back = LexicalIndex.from_arrays(built.to_arrays(), len(texts))
    for query in ("贷款贴息 支持", "万元", "没有这个词"):
        tokens = tokenize(query)
        assert np.array_equal(read_back.scores(tokens), built.scores(tokens))
        assert read_back.rank(tokens, n=5) == built.rank(tokens, n=5)
    assert read_back.vocabulary() == built.vocabulary()


def test_the_postings_index_scores_as_bm25s_does():
    import bm25s

    texts = [f"对{WORDS[i % 8]}给予支持，最高{i * 10}万元" + ("，另有贴息" if i % 3 else "") for i in range(40)] + [""]
    reference = bm25s.BM25()
    reference.index([tokenize(t) or ["<empty>"] for t in texts], show_progress=False)
    ours = LexicalIndex(texts)
    for query in ("贷款贴息 支持", "研发费用 万元 万元", "人才", "没有这个词"):
        tokens = tokenize(query)
        known = [t for t in tokens if t in reference.vocab_dict]
        expected = np.asarray(reference.get_scores(known)) if known else np.zeros(len(texts))
        assert np.array_equal(ours.scores(tokens), expected)
        order = [int(i) for i in np.argsort(-expected, kind="stable")[:10] if expected[i] > 0]
        assert ours.rank(tokens, n=10) == order


def _as_previous_layout(path: Path) -> None:
    """Rewrite a segment file as the previous layout wrote it: its words in the JSON header."""
    import json

    from assistant.segments import _MAGIC, _MAGIC_2

    data = path.read_bytes()
    size = int.from_bytes(data[len(_MAGIC):len(_MAGIC) + 8], "little")
    start = len(_MAGIC) + 8 + size
    header = json.loads(data[len(_MAGIC) + 8:start])
    dtype, count, offset = header["arrays"].pop("word_bytes")
    words = bytes(np.frombuffer(data, dtype, count, start + offset)).decode().split("\x00")
    header["words"] = words
    body = json.dumps(header, ensure_ascii=False).encode()
    body += b" " * (-len(body) % 8)
    path.write_bytes(_MAGIC_2 + len(body).to_bytes(8, "little") + body + data[start:])


def test_a_segment_reads_back_whole_in_its_layout_and_in_the_previous_one(tmp_path):
    from assistant.segments import _MAGIC, build_segment
    from assistant.types import Chunk, DocumentMeta

    doc = DocumentMeta(doc_id="d1", title="云岫县专精特新企业奖励办法", source_file="d1.txt", region="云岫县")
    chunks = [Chunk(f"d1-{i}", "d1", text, ("第一章", f"第{i + 1}条"), order=i) for i, text in enumerate(
        ["对新认定的省级专精特新企业给予30万元奖励。", "首贷贴息比例为50%，编号7-4。", ""])]
    segment = build_segment(chunks, doc, "fp1")
    assert "贴息" in segment.words and len(set(segment.words)) == len(segment.words)
    assert int(segment.pair_word.max()) == len(segment.words) - 1
    folder = SegmentFolder(tmp_path, ["专精特新"])
    folder.save(segment)
    for layout in ("current", "previous"):
        if layout == "previous":
            _as_previous_layout(next(folder.folder.glob("d1-fp1.seg")))
        loaded = folder.load("d1", "fp1")
        assert loaded is not None, layout
        assert loaded.words == segment.words and loaded.chunks == segment.chunks and loaded.doc == segment.doc
        for name in ("pair_word", "pair_chunk", "pair_tf", "lengths", "grams", "gram_chunk"):
            assert np.array_equal(getattr(loaded, name), getattr(segment, name)), (layout, name)
    # a segment read in the previous layout is rewritten in the current one (beside serving)
    assert folder.upgrade() == 1 and folder.upgrade() == 0
    assert next(folder.folder.glob("d1-fp1.seg")).read_bytes().startswith(_MAGIC)
    assert folder.load("d1", "fp1").words == segment.words


def test_with_several_places_defining_a_level_the_check_takes_them_in_retrievals_order(tmp_path, monkeypatch):
    """A question naming no place, in a library where two counties define the same level, got
    one county's criteria in one run and the other's in the next (a set's order); now the
    documents retrieval ranked first come first."""
    from assistant import eligibility_service
    from assistant.service import Assistant
    from assistant.settings import load_settings
    from eval.scale_library import write_library

    knowledge = write_library(tmp_path / "knowledge", 2)
    assistant = Assistant.from_settings(load_settings(knowledge_dir=knowledge, index_dir=tmp_path / "index"),
                                        progress=False)
    monkeypatch.setattr(eligibility_service, "_ALL_DOCUMENTS_UP_TO", 0)  # as in a large library
    seed, replica = "jinhu-plan-2022", "jinhu-plan-2022-r00001"
    question = "我们做精密注塑模具的，主营收入三千八百万，利润四百五十万，省级专精特新小巨人够得着吗？"
    for order in ([seed, replica], [replica, seed]):
        answer = assistant.checker.answer_question(question, [], None, True, "zh", order)
        assert answer is not None and answer.citations
        assert answer.citations[0].doc_id == order[0], order

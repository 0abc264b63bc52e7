"""The LangChain default recipe, as a yardstick: RecursiveCharacterTextSplitter 500/50 over
the raw files, Chroma, the same embeddings, top-k similarity. Retrieval only."""

from __future__ import annotations

from pathlib import Path

from .metrics import evidence_rank
from .questions import Question


def baseline_ranks(documents_dir: Path, index_dir: Path, embeddings, questions: list[Question],
                   k: int = 10) -> list[int | None]:
    """Evidence rank per question under the baseline recipe."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from ingest.loaders import load_file

    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
    texts = [piece for path in sorted(documents_dir.iterdir()) if path.is_file()
             for piece in splitter.split_text(load_file(path).text)]
    client = chromadb.PersistentClient(path=str(index_dir), settings=ChromaSettings(anonymized_telemetry=False))
    collection = client.get_or_create_collection("baseline-recursive-500-50", embedding_function=None,
                                                 metadata={"hnsw:space": "cosine"})
    if collection.count() != len(texts):
        client.delete_collection(collection.name)
        collection = client.create_collection(collection.name, embedding_function=None, metadata={"hnsw:space": "cosine"})
        collection.add(ids=[str(i) for i in range(len(texts))], documents=texts,
                       embeddings=embeddings.embed_documents(texts))
    ranks = []
    for question in questions:
        hits = collection.query(query_embeddings=[embeddings.embed_query(question.question)], n_results=k)
        ranks.append(evidence_rank(hits["documents"][0], question.evidence) if question.evidence else None)
    return ranks

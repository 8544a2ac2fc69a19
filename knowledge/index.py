"""The Chroma index over the role-profile passages: a local folder or a Chroma server, kept in sync by hash.

Re-indexing embeds only passages whose content hash changed (or that are new) and deletes passages
that left the profiles; `rebuild=True` drops the collection and embeds everything again.
"""

from __future__ import annotations

import time
from typing import Any, Callable

Progress = Callable[[str, int, int], None]  # (stage, done, total): what the `index` command shows


def _quiet(stage: str, done: int, total: int) -> None:
    pass

from pydantic import BaseModel

from knowledge.passages import Passage


class IndexReport(BaseModel):
    collection: str
    total: int
    embedded: int
    unchanged: int
    deleted: int
    seconds: float


def chroma_client(settings) -> Any:
    """PersistentClient under CHROMA_PATH, or HttpClient when CHROMA_HOST is set; telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def open_collection(client, name: str, model_path: str = ""):
    from knowledge.embeddings import MiniLMEmbeddingFunction

    return client.get_or_create_collection(name, embedding_function=MiniLMEmbeddingFunction(model_path),
                                           configuration={"hnsw": {"space": "cosine"}})


def sync_index(client, name: str, passages: list[Passage], *, model_path: str = "",
               rebuild: bool = False, batch: int = 32, progress: Progress = _quiet) -> tuple[Any, IndexReport]:
    """Bring the collection in line with `passages`; returns (collection, what was done)."""
    started = time.perf_counter()
    if rebuild and name in {c if isinstance(c, str) else c.name for c in client.list_collections()}:
        client.delete_collection(name)
    collection = open_collection(client, name, model_path)
    stored = collection.get(include=["metadatas"])
    hashes = {i: (m or {}).get("hash") for i, m in zip(stored["ids"], stored["metadatas"])}
    wanted = {p.source_id for p in passages}
    stale = [i for i in hashes if i not in wanted]
    if stale:
        collection.delete(ids=stale)
    changed = [p for p in passages if hashes.get(p.source_id) != p.content_hash]
    embed = collection._embedding_function
    progress("embedding passages", 0, len(changed))
    for start in range(0, len(changed), batch):
        chunk = changed[start:start + batch]
        # Embed the English side: the model is English-only; BM25 covers the Chinese text.
        collection.upsert(ids=[p.source_id for p in chunk], documents=[p.text_en for p in chunk],
                          embeddings=embed([p.text_en for p in chunk]), metadatas=[p.metadata() for p in chunk])
        progress("embedding passages", start + len(chunk), len(changed))
    return collection, IndexReport(collection=name, total=len(passages), embedded=len(changed),
                                   unchanged=len(passages) - len(changed), deleted=len(stale),
                                   seconds=round(time.perf_counter() - started, 3))


_OPEN: dict[tuple, Any] = {}


def open_retriever(settings, *, rebuild: bool = False, progress: Progress = _quiet):
    """The hybrid retriever over the current role profiles, synced once per process and settings."""
    from knowledge.catalogue import default_roles
    from knowledge.passages import build_passages
    from knowledge.retrieval import HybridRetriever

    key = (str(settings.chroma_path), settings.chroma_host, settings.chroma_port, settings.chroma_collection,
           settings.embedding_model_path)
    if key not in _OPEN or rebuild:
        from knowledge.onnx_encoder import query_model_path

        progress("loading the embedding model", 0, 0)
        query_model_path(settings)  # queries through onnxruntime when configured: exported once, beside the index
        roles = default_roles()
        passages = build_passages(roles)
        progress("opening the index", 0, 0)
        collection, report = sync_index(chroma_client(settings), settings.chroma_collection, passages,
                                        model_path=settings.embedding_model_path, rebuild=rebuild, progress=progress)
        _OPEN[key] = (HybridRetriever(passages, collection, roles), report)
    return _OPEN[key]

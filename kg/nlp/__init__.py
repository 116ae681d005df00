"""The NLP stage: spaCy's ``zh`` language with the pkuseg segmenter and jiyao's components."""

from __future__ import annotations

import contextlib
import io
import os
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicons import load_lexicons

if TYPE_CHECKING:
    from spacy.language import Language

# spaCy is imported when a pipeline is loaded, not with this package: the build process that
# only writes the graph (kg.graph reads the lexicons) never needs it (≈ 0.8 s of imports)

__all__ = ["load_pipeline", "pkuseg_model_dir", "COMPONENTS"]

COMPONENTS = ("jy_people", "jy_meetings", "jy_dates", "jy_themes")


def pkuseg_model_dir() -> str:
    """The pkuseg "default" (mixed-domain) model shipped inside the ``pkuseg`` package."""
    import pkuseg

    path = os.path.join(os.path.dirname(pkuseg.__file__), "models", "default")
    if not os.path.isdir(path):
        raise RuntimeError(f"pkuseg's default model is missing at {path}: reinstall pkuseg from its sdist "
                           "(see README, scripts/install.sh)")
    return path


@lru_cache(maxsize=2)
def load_pipeline(segmenter: str = "pkuseg") -> Language:
    """Build the pipeline once per process. ``segmenter="char"`` skips pkuseg (fast, for tests of rules)."""
    import spacy

    from . import components as _components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    if segmenter == "pkuseg":
        # spacy-pkuseg warns on stderr that the pkuseg package's model has pickled features
        # (its own format is msgpack); they load the same, and the notice would end up in every
        # command's error output
        with contextlib.redirect_stderr(io.StringIO()):
            nlp.tokenizer.initialize(pkuseg_model=pkuseg_model_dir())
        # titles, meeting words and themes as whole tokens keep names after them separate
        nlp.tokenizer.pkuseg_update_user_dict(load_lexicons().user_dict())
    for name in COMPONENTS:
        nlp.add_pipe(name)
    for _, proc in nlp.pipeline:
        proc.initialize(nlp=nlp)
    return nlp

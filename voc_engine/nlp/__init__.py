"""The text pipeline: normalise, redact, detect language, segment, encode, score.

spaCy's machine-learning library, thinc, imports PyTorch when it is installed
(about 2 s) to offer PyTorch-backed layers. Our spaCy pipeline is blank English
with rule-based components only, so thinc is loaded here with torch hidden:
every ``voc`` command starts 2 s sooner. torch itself stays importable (the
training code and the fp32 encoder backend import it as usual).
"""
import sys


def _load_thinc_without_torch() -> None:
    if "thinc" in sys.modules or "torch" in sys.modules:
        return  # already loaded one way or the other
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
    try:
        import thinc.compat  # noqa: F401
    finally:
        del sys.modules["torch"]


_load_thinc_without_torch()

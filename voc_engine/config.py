"""Settings from the environment (prefix ``VOC_``) and paths to shipped files."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
SAMPLES_DIR = PACKAGE_DIR / "samples"


def default_data_dir() -> Path:
    """The per-user data directory (~/.local/share/voc-engine on Linux): the same store whatever
    the working directory. `VOC_DATA_DIR` points elsewhere (`make` sets ./var of the checkout)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("voc-engine", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VOC_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None
    models_dir: Path = REPO_DIR / "models"
    cache_dir: Path | None = None
    encoder_backend: str = "onnx"  # onnx (int8, fast) or torch (fp32, reference)
    max_tokens: int = 256
    # The opening of a longer comment that language, spaCy, phrase rules, sentences and heads
    # read (see voc_engine.nlp.pipeline.ANALYSIS_CHARS); the whole comment is still redacted and stored.
    max_analysis_chars: int = 10_000
    # Texts per encoder call; None: 1 for onnx, 16 for torch (see voc_engine.nlp.encoder).
    batch_size: int | None = None
    business_timezone: str = "UTC"
    store_raw_text: bool = False

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        # Resolved once: a relative VOC_DATA_DIR means the directory where the command started.
        return value.expanduser().resolve()

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'voc.db').resolve()}"

    @property
    def resolved_cache_dir(self) -> Path:
        return self.cache_dir or (Path.home() / ".cache" / "voc-engine")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

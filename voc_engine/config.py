"""The one settings object (environment, prefix ``VOC_``) and the paths of shipped files.

``Settings`` holds what every part reads (where data and models live, the encoder, the business
time zone) and one section per part that needs more: ``store`` (the store and the service),
``alerting``, ``topics`` and ``auth``. Each variable keeps its flat name, whatever its section:
``VOC_MAX_BATCH`` is ``settings.store.max_batch``, ``VOC_ALERTS_DELIVERY`` is
``settings.alerting.alerts_delivery``. The README's "Settings" section lists them all.

Nothing here is cached: a `voc_engine.runtime.Runtime` reads the environment once, when it is
built, and hands its settings to everything it builds.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
SAMPLES_DIR = PACKAGE_DIR / "samples"

_ENV = SettingsConfigDict(env_prefix="VOC_", extra="ignore")

# Comments per API request (POST /v1/comments and /v1/score), VOC_MAX_BATCH; the OpenAPI
# schemas state this default.
MAX_BATCH = 1000


def default_data_dir() -> Path:
    """The per-user data directory (~/.local/share/voc-engine on Linux): the same store whatever
    the working directory. `VOC_DATA_DIR` points elsewhere (`make` sets ./var of the checkout)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("voc-engine", appauthor=False))


class StoreSettings(BaseSettings):
    """The feedback store and the service in front of it."""

    model_config = _ENV

    # YAML file with the channel list and the touchpoint -> journey-stage catalogue;
    # None uses the built-in default in `voc_engine.store.catalogue`.
    catalogue_file: Path | None = None
    max_batch: int = MAX_BATCH
    max_body_bytes: int = 16 * 1024 * 1024
    max_text_chars: int = 1_000_000
    # Per-comment metadata: serialised size, nesting and number of keys (all levels).
    max_metadata_bytes: int = 16_384
    max_metadata_depth: int = 4
    max_metadata_keys: int = 100
    # PII policy of the structured fields (voc_engine.store.privacy): the key of the customer-id
    # pseudonyms (default: a key file made once in data_dir) and the metadata fields kept as sent.
    pseudonym_key: SecretStr | None = None
    metadata_safe_fields: list[str] = []
    # Who may read /metrics: "loopback" (default: requests from this host; others need an API
    # key), "key" (always an API key), "open" (anyone who reaches the port).
    metrics_access: Literal["loopback", "key", "open"] = "loopback"
    # Micro-batching of concurrent API requests into shared encoder passes. max_texts: a call's
    # budget in units of work (a tweet is 1, a long comment 1 + 1 per 1,000 characters analysed;
    # see microbatch.text_cost), shared fairly between the waiting requests: big enough to keep
    # the encoder's workers busy on a batch, small enough that a one-line comment never waits
    # behind much. A text of more than alone_cost units is analysed in a call of its own.
    microbatch_wait_ms: float = 5.0
    microbatch_max_texts: int = 64
    microbatch_alone_cost: int = 8
    # Stored comments read as a frame (control charts, drivers, topics) are kept per filter and
    # reused until this process writes comments, enrichments or customers, and for at most this
    # many seconds (what another process writes shows within it). 0: read every time.
    frame_cache_seconds: float = Field(30.0, ge=0)
    # Comments longer than this are normalised and redacted in a helper process (0: in the
    # service process, where each regex pass over a long comment holds the GIL throughout).
    long_text_chars: int = 20_000
    # FULL: a commit survives power loss, not only a process crash (system of record).
    sqlite_synchronous: Literal["OFF", "NORMAL", "FULL", "EXTRA"] = "FULL"
    sqlite_busy_timeout_ms: int = 30_000
    # `voc ingest`: rows per transaction (it holds the write lock throughout, and a `voc serve`
    # on the same store waits for it), and the nice value of its encoder threads (most of its
    # CPU), so a bulk load leaves the cores to the service; its transactions keep the normal
    # priority, or a starved thread could sit on the write lock.
    ingest_chunk_rows: int = 64
    ingest_nice: int = 10


class AlertSettings(BaseSettings):
    """Alerts, cases and webhooks."""

    model_config = _ENV

    # Defaults used until an admin saves a version through the API or `voc alerts ... set`.
    alert_rules_file: Path | None = None
    routing_file: Path | None = None
    # in_process: `voc serve` delivers webhooks in a background thread; external: only
    # `voc alerts deliver` does (run it as its own service).
    alerts_delivery: Literal["in_process", "external"] = "in_process"
    alerts_poll_seconds: float = 1.0
    alerts_batch_size: int = 50
    # Retry n waits between d/2 and d, d = min(max, base * 2**(n-1)): exponential with jitter.
    alerts_backoff_base_seconds: float = 1.0
    alerts_backoff_max_seconds: float = 600.0
    alerts_max_attempts: int = 30
    alerts_http_timeout_seconds: float = 10.0
    # A claimed message is someone else's for this long; after a crash it is retried then.
    alerts_lease_seconds: float = 60.0


class TopicSettings(BaseSettings):
    """Topic modelling."""

    model_config = _ENV

    # Brand and organisation names kept out of topic words, e.g. VOC_TOPIC_BRANDS="Northwind,NW Air".
    topic_brands: Annotated[list[str], NoDecode] = []
    # Further words never shown as topic words, e.g. VOC_TOPIC_STOP_WORDS="flight,airline".
    topic_stop_words: Annotated[list[str], NoDecode] = []
    topic_seed: int = 42

    @field_validator("topic_brands", "topic_stop_words", mode="before")
    @classmethod
    def _comma_separated(cls, value):
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


class AuthSettings(BaseSettings):
    """People and sign-in: sessions and the sign-in throttle."""

    model_config = _ENV

    # A session ends this long after sign-in, or after this long without a request.
    session_lifetime_minutes: int = Field(720, ge=1)
    session_idle_minutes: int = Field(120, ge=1)
    # "auto": the cookie is Secure when the request came over https (behind a proxy, run
    # uvicorn with --proxy-headers); "always" / "never" override it.
    session_cookie_secure: Literal["auto", "always", "never"] = "auto"
    # After this many failed sign-ins for one user name, sign-in is refused for
    # login_lockout_seconds, doubling with every further failure (at most a day); a success
    # or `voc users reset-password` clears it. Per client address the threshold is
    # login_address_threshold (many names tried from one place).
    login_lockout_threshold: int = Field(5, ge=1)
    login_lockout_seconds: float = Field(300.0, gt=0)
    login_address_threshold: int = Field(50, ge=1)
    # An API key found valid is trusted this long before it is read again: a revoked key or a
    # disabled owner is refused within this bound, whichever process made the change. 0: every
    # request reads its key.
    key_recheck_seconds: float = Field(0.25, ge=0, le=60)


# Section name -> its class. A variable's name says nothing of its section, so every field name
# is unique across the sections and the top level (checked in tests/test_settings.py).
SECTIONS: dict[str, type[BaseSettings]] = {
    "store": StoreSettings, "alerting": AlertSettings, "topics": TopicSettings, "auth": AuthSettings,
}


class Settings(BaseSettings):
    """Everything configurable, read from the environment once per `Settings()`.

    Built with keywords, a section's fields may be given flat, as the variables name them:
    ``Settings(data_dir=..., max_batch=10)`` sets ``settings.store.max_batch``.
    """

    model_config = _ENV

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None
    models_dir: Path = REPO_DIR / "models"
    # The models and taxonomy every pipeline of this deployment loads (`voc score`, `voc ingest`,
    # `voc serve`, `voc reprocess`): a model directory written by `voc train`, a taxonomy YAML.
    # Unset: the model promoted with `voc models promote`, else the shipped registry's active one;
    # the taxonomy the tagger carries. A command-line option (`voc score --tagger-model`) wins.
    sentiment_model: Path | None = None
    tagger_model: Path | None = None
    taxonomy_file: Path | None = None
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

    store: StoreSettings = Field(default_factory=StoreSettings)
    alerting: AlertSettings = Field(default_factory=AlertSettings)
    topics: TopicSettings = Field(default_factory=TopicSettings)
    auth: AuthSettings = Field(default_factory=AuthSettings)

    @model_validator(mode="before")
    @classmethod
    def _flat_section_fields(cls, data: Any) -> Any:
        """Section fields given flat (``max_batch=10``) go to their section; the section's other
        fields come from the environment, as they would without them."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for name, section in SECTIONS.items():
            flat = {key: data.pop(key) for key in list(data) if key in section.model_fields}
            if flat:
                given = data.get(name)
                if isinstance(given, BaseSettings):
                    data[name] = section.model_validate({**given.model_dump(), **flat})
                else:
                    data[name] = section(**{**(given or {}), **flat})
        return data

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        # Resolved once: a relative VOC_DATA_DIR means the directory where the command started.
        return value.expanduser().resolve()

    def updated(self, **changes: Any) -> "Settings":
        """A copy with these values changed (named flat, as their variables are, in any section);
        nothing is read from the environment."""
        unknown = [key for key in changes if key not in _FIELD_SECTION]
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        top = {key: value for key, value in changes.items() if _FIELD_SECTION[key] is None}
        values = {**{name: getattr(self, name) for name in type(self).model_fields}, **top}
        for name, section in SECTIONS.items():
            mine = {key: value for key, value in changes.items() if _FIELD_SECTION[key] == name}
            if mine:
                values[name] = section.model_validate({**getattr(self, name).model_dump(), **mine})
        return type(self).model_validate(values)

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> "Settings":
        # pydantic's copy would set a section's field at the top level, where nothing reads it.
        misplaced = sorted(key for key in update or {} if _FIELD_SECTION.get(key) is not None)
        if misplaced:
            raise TypeError(f"{', '.join(misplaced)} belong to a section: use Settings.updated(...)")
        return super().model_copy(update=update, deep=deep)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'voc.db').resolve()}"

    @property
    def resolved_cache_dir(self) -> Path:
        return self.cache_dir or (Path.home() / ".cache" / "voc-engine")


# Field name -> the section holding it (None: the top level).
_FIELD_SECTION: dict[str, str | None] = {
    **{name: None for name in Settings.model_fields if name not in SECTIONS},
    **{field: name for name, section in SECTIONS.items() for field in section.model_fields},
}

"""The one settings object: every variable of the four settings classes that came before it still
works under its name, lands in its section, and is documented in the README."""
from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from voc_engine.config import SECTIONS, AlertSettings, Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")

# Every field of voc_engine/config.py, store/settings.py, alerting/settings.py and
# topics/settings.py at commit dee044e, as a variable: a value, and where it must land.
VARIABLES = [
    ("VOC_DATA_DIR", "/srv/voc", "data_dir", Path("/srv/voc")),
    ("VOC_DATABASE_URL", "postgresql://db/voc", "database_url", "postgresql://db/voc"),
    ("VOC_MODELS_DIR", "/srv/models", "models_dir", Path("/srv/models")),
    ("VOC_CACHE_DIR", "/srv/cache", "cache_dir", Path("/srv/cache")),
    ("VOC_SENTIMENT_MODEL", "/srv/sentiment", "sentiment_model", Path("/srv/sentiment")),
    ("VOC_TAGGER_MODEL", "/srv/tagger", "tagger_model", Path("/srv/tagger")),
    ("VOC_TAXONOMY_FILE", "/srv/taxonomy.yaml", "taxonomy_file", Path("/srv/taxonomy.yaml")),
    ("VOC_ENCODER_BACKEND", "torch", "encoder_backend", "torch"),
    ("VOC_MAX_TOKENS", "128", "max_tokens", 128),
    ("VOC_MAX_ANALYSIS_CHARS", "5000", "max_analysis_chars", 5000),
    ("VOC_BATCH_SIZE", "8", "batch_size", 8),
    ("VOC_BUSINESS_TIMEZONE", "Europe/Paris", "business_timezone", "Europe/Paris"),
    ("VOC_STORE_RAW_TEXT", "true", "store_raw_text", True),
    ("VOC_CATALOGUE_FILE", "/srv/catalogue.yaml", "store.catalogue_file", Path("/srv/catalogue.yaml")),
    ("VOC_MAX_BATCH", "10", "store.max_batch", 10),
    ("VOC_MAX_BODY_BYTES", "2048", "store.max_body_bytes", 2048),
    ("VOC_MAX_TEXT_CHARS", "500", "store.max_text_chars", 500),
    ("VOC_MAX_METADATA_BYTES", "1024", "store.max_metadata_bytes", 1024),
    ("VOC_MAX_METADATA_DEPTH", "2", "store.max_metadata_depth", 2),
    ("VOC_MAX_METADATA_KEYS", "9", "store.max_metadata_keys", 9),
    ("VOC_PSEUDONYM_KEY", "s3cret", "store.pseudonym_key", SecretStr("s3cret")),
    ("VOC_METADATA_SAFE_FIELDS", '["order_ref"]', "store.metadata_safe_fields", ["order_ref"]),
    ("VOC_METRICS_ACCESS", "open", "store.metrics_access", "open"),
    ("VOC_MICROBATCH_WAIT_MS", "2.5", "store.microbatch_wait_ms", 2.5),
    ("VOC_MICROBATCH_MAX_TEXTS", "32", "store.microbatch_max_texts", 32),
    ("VOC_MICROBATCH_ALONE_COST", "4", "store.microbatch_alone_cost", 4),
    ("VOC_FRAME_CACHE_SECONDS", "5", "store.frame_cache_seconds", 5.0),
    ("VOC_LONG_TEXT_CHARS", "0", "store.long_text_chars", 0),
    ("VOC_SQLITE_SYNCHRONOUS", "NORMAL", "store.sqlite_synchronous", "NORMAL"),
    ("VOC_SQLITE_BUSY_TIMEOUT_MS", "100", "store.sqlite_busy_timeout_ms", 100),
    ("VOC_INGEST_CHUNK_ROWS", "16", "store.ingest_chunk_rows", 16),
    ("VOC_INGEST_NICE", "0", "store.ingest_nice", 0),
    ("VOC_ALERT_RULES_FILE", "/srv/rules.yaml", "alerting.alert_rules_file", Path("/srv/rules.yaml")),
    ("VOC_ROUTING_FILE", "/srv/routing.yaml", "alerting.routing_file", Path("/srv/routing.yaml")),
    ("VOC_ALERTS_DELIVERY", "external", "alerting.alerts_delivery", "external"),
    ("VOC_ALERTS_POLL_SECONDS", "0.5", "alerting.alerts_poll_seconds", 0.5),
    ("VOC_ALERTS_BATCH_SIZE", "5", "alerting.alerts_batch_size", 5),
    ("VOC_ALERTS_BACKOFF_BASE_SECONDS", "2", "alerting.alerts_backoff_base_seconds", 2.0),
    ("VOC_ALERTS_BACKOFF_MAX_SECONDS", "60", "alerting.alerts_backoff_max_seconds", 60.0),
    ("VOC_ALERTS_MAX_ATTEMPTS", "3", "alerting.alerts_max_attempts", 3),
    ("VOC_ALERTS_HTTP_TIMEOUT_SECONDS", "4", "alerting.alerts_http_timeout_seconds", 4.0),
    ("VOC_ALERTS_LEASE_SECONDS", "30", "alerting.alerts_lease_seconds", 30.0),
    ("VOC_TOPIC_BRANDS", "Northwind, NW Air", "topics.topic_brands", ["Northwind", "NW Air"]),
    ("VOC_TOPIC_STOP_WORDS", "flight,airline", "topics.topic_stop_words", ["flight", "airline"]),
    ("VOC_TOPIC_SEED", "7", "topics.topic_seed", 7),
    ("VOC_SESSION_LIFETIME_MINUTES", "60", "auth.session_lifetime_minutes", 60),
    ("VOC_SESSION_IDLE_MINUTES", "15", "auth.session_idle_minutes", 15),
    ("VOC_SESSION_COOKIE_SECURE", "always", "auth.session_cookie_secure", "always"),
    ("VOC_LOGIN_LOCKOUT_THRESHOLD", "3", "auth.login_lockout_threshold", 3),
    ("VOC_LOGIN_LOCKOUT_SECONDS", "30", "auth.login_lockout_seconds", 30.0),
    ("VOC_LOGIN_ADDRESS_THRESHOLD", "20", "auth.login_address_threshold", 20),
    ("VOC_KEY_RECHECK_SECONDS", "0.5", "auth.key_recheck_seconds", 0.5),
]


def _at(settings: Settings, path: str):
    value = settings
    for part in path.split("."):
        value = getattr(value, part)
    return value


@pytest.mark.parametrize("name, value, path, expected", VARIABLES, ids=[v[0] for v in VARIABLES])
def test_every_variable_still_works_under_its_name(monkeypatch, name, value, path, expected):
    monkeypatch.setenv(name, value)
    assert _at(Settings(), path) == expected
    monkeypatch.delenv(name)
    assert _at(Settings(), path) != expected  # the default is something else: the variable did it


@pytest.mark.parametrize("name", [v[0] for v in VARIABLES])
def test_every_variable_is_documented_in_the_readme(name):
    assert f"`{name}`" in README


def test_every_field_is_a_variable_listed_here():
    fields = {name for name in Settings.model_fields if name not in SECTIONS}
    fields |= {f"{section}.{name}" for section, cls in SECTIONS.items() for name in cls.model_fields}
    assert fields == {path for _, _, path, _ in VARIABLES}


def test_flat_names_are_unique_across_sections():
    names = [name for name in Settings.model_fields if name not in SECTIONS]
    names += [name for cls in SECTIONS.values() for name in cls.model_fields]
    assert len(names) == len(set(names))


def test_keywords_may_name_section_fields_flat_and_the_rest_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("VOC_MAX_TEXT_CHARS", "500")
    settings = Settings(data_dir=tmp_path, max_batch=10, alerts_max_attempts=3)
    assert (settings.store.max_batch, settings.store.max_text_chars) == (10, 500)
    assert settings.alerting.alerts_max_attempts == 3 and settings.data_dir == tmp_path
    given = Settings(alerting=AlertSettings(alerts_batch_size=5), alerts_max_attempts=4).alerting
    assert (given.alerts_batch_size, given.alerts_max_attempts) == (5, 4)


def test_updated_changes_values_in_any_section_and_reads_no_environment(monkeypatch, tmp_path):
    settings = Settings(data_dir=tmp_path)
    monkeypatch.setenv("VOC_MAX_BATCH", "7")
    changed = settings.updated(max_text_chars=5, business_timezone="Europe/Paris", topic_seed=3)
    assert (changed.store.max_text_chars, changed.business_timezone, changed.topics.topic_seed) == (5, "Europe/Paris", 3)
    assert changed.store.max_batch == settings.store.max_batch == 1000  # not the variable set since
    assert settings.store.max_text_chars == 1_000_000  # the original is unchanged
    with pytest.raises(TypeError, match="unknown settings: nope"):
        settings.updated(nope=1)


def test_a_copy_cannot_put_a_section_field_at_the_top_level(tmp_path):
    settings = Settings(data_dir=tmp_path)
    with pytest.raises(TypeError, match=r"max_batch belong to a section: use Settings\.updated"):
        settings.model_copy(update={"max_batch": 3})
    assert settings.model_copy(update={"business_timezone": "Asia/Tokyo"}).business_timezone == "Asia/Tokyo"

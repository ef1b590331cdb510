"""Topic settings: the project's `Settings` plus what only topic modelling needs (env prefix VOC_)."""
from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from pydantic import field_validator
from pydantic_settings import NoDecode

from voc_engine.config import Settings


class TopicSettings(Settings):
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


@lru_cache(maxsize=1)
def get_topic_settings() -> TopicSettings:
    return TopicSettings()

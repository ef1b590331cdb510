"""Discovered topics and their trends (analyst role): thin shells over voc_engine.topics."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Query
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from api.deps import DbText, get_runtime, get_store, require_roles
from voc_engine.auth.policy import Principal
from voc_engine.runtime import Runtime
from voc_engine.store.filters import CommentFilter
from voc_engine.store.repository import FeedbackStore
from voc_engine.times import ApiTime, ZoneName
from voc_engine.topics.drafts import taxonomy_service
from voc_engine.topics.versions import TopicModels, load_version, topics_root, version_dir

router = APIRouter(prefix="/v1/topics", tags=["topics"])
analyst = require_roles("analyst")


async def get_topics_root(runtime: Runtime = Depends(get_runtime)) -> Path:
    """Where topic model versions live ($VOC_DATA_DIR/topics of the runtime's settings)."""
    return topics_root(runtime.settings.data_dir)


async def get_topic_models(runtime: Runtime = Depends(get_runtime)) -> TopicModels | None:
    """The runtime's loaded topic model (its topics extension's): one load serves many queries."""
    extension = runtime.extensions.get("topics")
    return extension.models if extension is not None else None


def _model(version: str | None, root: Path, models: TopicModels | None):
    path = version_dir(version, root)
    return load_version(path.name, root, models=models)


@router.get("", summary="Topics of the active (or a named) topic model version: labels with their sentiment mix")
def list_topics(
    version: str | None = Query(None, description="Topic model version (default: the active one)"),
    key: Any = Depends(analyst),
    root: Path = Depends(get_topics_root),
    models: TopicModels | None = Depends(get_topic_models),
) -> dict[str, Any]:
    return _model(version, root, models).topics().to_dict()


@router.get("/trends", summary="Volume, share and mean sentiment per topic and period, with emerging-topic alerts")
def topic_trends(
    version: str | None = Query(None, description="Topic model version (default: the active one)"),
    period: Literal["day", "week", "month"] = Query("week"),
    tz: ZoneName | None = Query(None, description="IANA time zone of the periods (default: VOC_BUSINESS_TIMEZONE)"),
    since: ApiTime | None = Query(None, description="Comments created at or after (ISO-8601; UTC when no offset)"),
    until: ApiTime | None = Query(None, description="Comments created before"),
    baseline: int = Query(4, ge=1, le=52, description="Emerging topics: trailing periods in the baseline"),
    alpha: float = Query(0.01, gt=0, lt=1, description="Emerging topics: significance level (Holm-adjusted)"),
    key: Any = Depends(analyst),
    store: FeedbackStore = Depends(get_store),
    root: Path = Depends(get_topics_root),
) -> dict[str, Any]:
    from voc_engine.topics.service import store_trends

    path = version_dir(version, root)
    trends, _ = store_trends(store, path.name, CommentFilter(since=since, until=until),
                             period=period, tz=tz, root=root, baseline_periods=baseline, alpha=alpha)
    return trends.to_dict()


@router.get("/{topic_id}", summary="One topic: label, words, size, share, sentiment mix and example comments")
def get_topic(
    topic_id: int,
    version: str | None = Query(None, description="Topic model version (default: the active one)"),
    key: Any = Depends(analyst),
    root: Path = Depends(get_topics_root),
    models: TopicModels | None = Depends(get_topic_models),
) -> dict[str, Any]:
    return _model(version, root, models).topics().topic_to_dict(topic_id)


class ProposeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: DbText | None = Field(None, max_length=100,
                                description="The category's name, snake_case (default: from the topic's first words).")
    description: DbText | None = Field(None, max_length=2000, description="Stored redacted.")
    rules: list[Annotated[DbText, Field(max_length=100)]] | None = Field(
        None, max_length=20, description="Phrase rules (default: the topic's phrases of two or more words, else its words); stored redacted, lower-case.")
    version: DbText | None = Field(None, max_length=40, description="Topic model version (default: the active one)")


@router.post("/{topic_id}/propose", status_code=201,
             summary="Propose a topic as a taxonomy category: a draft (its words as phrase rules) for an admin")
async def propose_topic(
    topic_id: int,
    body: ProposeIn | None = Body(None),
    user: Principal = Depends(analyst),
    runtime: Runtime = Depends(get_runtime),
    root: Path = Depends(get_topics_root),
    models: TopicModels | None = Depends(get_topic_models),
) -> dict[str, Any]:
    body = body or ProposeIn()
    return await run_in_threadpool(
        lambda: taxonomy_service(runtime).propose(user, topic_id, root, name=body.name, description=body.description,
                                                  rules=body.rules, version=body.version, models=models))

"""Topic discovery and trends over stored feedback (BERTopic on the pipeline's embeddings)."""
from voc_engine.lazy import lazy_exports

_EXPORTS = {
    "OUTLIER": "voc_engine.topics.fit",
    "Topic": "voc_engine.topics.fit",
    "TopicModeler": "voc_engine.topics.fit",
    "TopicModelError": "voc_engine.topics.fit",
    "TopicSet": "voc_engine.topics.fit",
    "FEEDBACK_STOP_WORDS": "voc_engine.topics.preprocess",
    "FeedbackTextCleaner": "voc_engine.topics.preprocess",
}

__all__ = list(_EXPORTS)


__getattr__ = lazy_exports(__name__, _EXPORTS)

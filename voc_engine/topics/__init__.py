"""Topic discovery and trends over stored feedback (BERTopic on the pipeline's embeddings)."""
from voc_engine.topics.fit import OUTLIER, Topic, TopicModeler, TopicModelError, TopicSet
from voc_engine.topics.preprocess import FEEDBACK_STOP_WORDS, FeedbackTextCleaner

__all__ = ["OUTLIER", "Topic", "TopicModeler", "TopicModelError", "TopicSet",
           "FEEDBACK_STOP_WORDS", "FeedbackTextCleaner"]

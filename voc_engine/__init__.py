"""voc-engine: text-analytics-first Voice-of-Customer engine."""
__version__ = "0.1.0"

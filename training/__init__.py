"""Training and evaluation pipelines that build the shipped default models."""

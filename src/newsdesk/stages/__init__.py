"""Pipeline stages: pure functions ``(article, context) -> article``, registered by name."""

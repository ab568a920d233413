"""seedlint: a linter for news-item front matter and DISARM framework pages."""

__version__ = "0.1.0"

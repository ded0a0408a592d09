"""Corpus readers: input files → :class:`~kg.corpus.models.Paper` records."""

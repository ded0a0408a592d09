"""medkg: a knowledge graph of AI-in-medicine papers built from their abstracts."""

__version__ = "0.1.0"

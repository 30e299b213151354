"""kg: a knowledge-graph builder for Chinese news (officials, agencies, places, events)."""

__version__ = "0.1.0"
__all__ = ["__version__"]

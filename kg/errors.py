"""The one error hierarchy: every failure a user can cause is a KGError with a one-line message."""

__all__ = ["KGError", "InputError", "GraphError", "QueryError", "ValidationError"]


class KGError(Exception):
    """Base of kg's errors; the CLI prints its message on one line and exits non-zero."""

    exit_code = 1


class InputError(KGError):
    """An input file cannot be read or decoded; the message names the file and the reason."""

    exit_code = 3

    def __init__(self, path, reason):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class GraphError(KGError):
    """A graph file cannot be read or written."""

    exit_code = 4


class QueryError(KGError):
    """A SPARQL query is malformed or not allowed (updates, SERVICE, LOAD)."""

    exit_code = 5


class ValidationError(KGError):
    """A graph violates the contract or the SHACL shapes."""

    exit_code = 6

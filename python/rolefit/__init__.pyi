from os import PathLike
from typing import Any, Iterable, Literal, TypedDict, Union

Kind = Literal["resume", "posting"]
Document = Union[str, bytes, "Record"]

class Record(TypedDict):
    """A JSON Lines input record, as with the CLI's ``--jsonl``."""
    id: Union[str, int]
    text: str

class Match(TypedDict):
    start: int
    """Index into the text (a Python string index, not a byte offset)."""
    end: int
    text: str
    concept: str
    name: str
    kind: str

class Error(ValueError):
    """A taxonomy that cannot be loaded, an unknown role, conflicting options: the CLI's message."""

class ReadError(Error):
    """A document that cannot be read."""
    status: str
    """``corrupt``, ``encrypted``, ``unsupported``, ``too_large``, ..."""
    format: str

class Taxonomy:
    @staticmethod
    def embedded() -> Taxonomy: ...
    @staticmethod
    def from_path(path: Union[str, PathLike[str]]) -> Taxonomy: ...
    @property
    def name(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def hash(self) -> str: ...
    @property
    def roles(self) -> list[str]: ...
    def __len__(self) -> int: ...

class Matcher:
    def __init__(self, taxonomy: Taxonomy | None = None, *, exact: bool = False) -> None: ...
    def extract(self, text: str) -> list[Match]: ...
    @property
    def taxonomy(self) -> Taxonomy: ...

def scan(
    document: Document,
    *,
    id: str = "-",
    job: str | bytes | None = None,
    resume: str | bytes | None = None,
    role: str | None = None,
    kind: Kind | None = None,
    explain: bool = False,
    taxonomy: Taxonomy | None = None,
    as_of: str | None = None,
) -> dict[str, Any]: ...
def scan_batch(
    documents: Iterable[Document],
    *,
    job: str | bytes | None = None,
    resume: str | bytes | None = None,
    role: str | None = None,
    kind: Kind | None = None,
    explain: bool = False,
    taxonomy: Taxonomy | None = None,
    as_of: str | None = None,
) -> list[dict[str, Any]]: ...
def read(data: bytes) -> str: ...

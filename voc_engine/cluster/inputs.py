"""Input files for the cluster: a path, a directory, a glob, local or an object store URI
(``s3://…``, ``gs://…``, through pyarrow's file systems), and their rows read by the local
engine's reader (`voc_engine.io.TableReader`), one read task per file, in blocks.

Rows travel between stages as pickled values: a cell may hold text, a number, a timestamp or
nothing, and both engines must hand the pipeline and the store the very same values (an Arrow
column would turn a missing value or an id like ``00123`` into something else).
"""
from __future__ import annotations

import contextlib
import glob as globbing
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterator

from voc_engine.errors import InputFileError
from voc_engine.io import FORMATS

BLOCK_ROWS = 2048  # rows per block a read task emits (the workers take batch_rows of them at a time)


def is_uri(spec: str) -> bool:
    return "://" in spec and not spec.startswith("file://")


def expand_inputs(spec: str) -> list[str]:
    """The files a ``--input`` names, sorted: the file itself, a directory's files of a known
    format (not recursive), or a glob's matches; an error when there are none."""
    if is_uri(spec):
        return _expand_uri(spec)
    spec = spec.removeprefix("file://")
    path = Path(spec)
    if path.is_dir():
        found = sorted(str(p) for p in path.iterdir() if p.is_file() and p.suffix.lower() in FORMATS)
    elif any(ch in spec for ch in "*?["):
        found = sorted(p for p in globbing.glob(spec) if Path(p).is_file())
    elif path.is_file():
        found = [str(path)]
    else:
        raise InputFileError(f"input file not found: {spec}")
    if not found:
        raise InputFileError(f"no input files in {spec} (formats: {', '.join(sorted(FORMATS))})")
    return found


def _expand_uri(spec: str) -> list[str]:
    from pyarrow import fs

    scheme = spec.split("://", 1)[0]
    pattern = any(ch in spec for ch in "*?[")
    base = spec.rsplit("/", 1)[0] if pattern else spec
    try:
        filesystem, root = fs.FileSystem.from_uri(base)
        info = filesystem.get_file_info(root)
        if info.type == fs.FileType.File and not pattern:
            return [spec]
        if info.type != fs.FileType.Directory:
            raise InputFileError(f"input not found: {spec}")
        listed = filesystem.get_file_info(fs.FileSelector(root, recursive=False))
    except InputFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - each file system raises its own kinds
        raise InputFileError(f"cannot list {spec}: {exc}") from exc
    import fnmatch

    name_pattern = spec.rsplit("/", 1)[1] if pattern else "*"
    found = sorted(f"{scheme}://{item.path}" for item in listed if item.type == fs.FileType.File
                   and Path(item.path).suffix.lower() in FORMATS and fnmatch.fnmatch(Path(item.path).name, name_pattern))
    if not found:
        raise InputFileError(f"no input files in {spec}")
    return found


@contextlib.contextmanager
def local_copy(spec: str) -> Iterator[Path]:
    """A local path of the file: itself, or a temporary copy of an object store's file (the
    reader reads a file once, front to back, whatever its size)."""
    if not is_uri(spec):
        yield Path(spec.removeprefix("file://"))
        return
    from pyarrow import fs

    filesystem, path = fs.FileSystem.from_uri(spec)
    directory = tempfile.mkdtemp(prefix="voc-input-")
    target = Path(directory) / Path(path).name
    try:
        with filesystem.open_input_stream(path) as source, open(target, "wb") as sink:
            shutil.copyfileobj(source, sink, 1 << 20)
        yield target
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def pack(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(data: bytes) -> Any:
    # Only blocks this job's own read tasks wrote are unpickled.
    return pickle.loads(data)  # noqa: S301


def block(files: list[str], rows: list[int], payloads: list[bytes]):
    import pyarrow as pa

    return pa.table({"file": pa.array(files, pa.string()), "row": pa.array(rows, pa.int64()),
                     "payload": pa.array(payloads, pa.binary())})

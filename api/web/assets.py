"""The workspace's static files: Plotly's JavaScript from the installed `plotly` package (nothing
from a CDN) and the workspace's own CSS and scripts.

Pages link each file at a URL that carries a digest of its content (`static_url`:
``/static/plotly.min.<digest>.js``), served with a year's ``immutable`` caching: a browser asks
once per version of the file, and a changed file is a new URL. Each is compressed with gzip once,
when first asked for, and sent compressed to browsers that accept it (Plotly's 4.8 MB are 1.4 MB).
The plain names (``/static/plotly.min.js``) still answer, with a short cache.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fastapi import Request
from fastapi.responses import Response

HERE = Path(__file__).resolve().parent
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=3600"


def shipped_files() -> dict[str, tuple[Path, str]]:
    """Name -> (file, media type) of every static file the pages use."""
    plotly = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
    return {
        "plotly.min.js": (plotly, "text/javascript"),
        "workspace.css": (HERE / "static" / "workspace.css", "text/css"),
        "workspace.js": (HERE / "static" / "workspace.js", "text/javascript"),
        "drivers.js": (HERE / "static" / "drivers.js", "text/javascript"),
    }


@dataclass
class Asset:
    name: str
    media_type: str
    body: bytes
    digest: str
    gzipped: bytes | None = None  # made when first asked for (StaticAssets.compressed)

    @property
    def fingerprinted(self) -> str:
        """``plotly.min.js`` -> ``plotly.min.<digest>.js``."""
        stem, dot, suffix = self.name.rpartition(".")
        return f"{stem}.{self.digest}{dot}{suffix}"


class StaticAssets:
    """The files of one app (`install_pages` keeps it in ``app.state``), each read and digested
    when a page first links it, and compressed when first asked for compressed."""

    def __init__(self, files: dict[str, tuple[Path, str]] | None = None):
        self.files = files if files is not None else shipped_files()
        self._loaded: dict[str, Asset] = {}
        self._lock = threading.Lock()

    def asset(self, name: str) -> Asset:
        with self._lock:
            if name not in self._loaded:
                path, media_type = self.files[name]
                body = path.read_bytes()
                self._loaded[name] = Asset(name, media_type, body, hashlib.sha256(body).hexdigest()[:12])
            return self._loaded[name]

    def compressed(self, asset: Asset) -> bytes:
        with self._lock:
            if asset.gzipped is None:
                asset.gzipped = gzip.compress(asset.body, compresslevel=6, mtime=0)
            return asset.gzipped

    def url(self, name: str) -> str:
        """The URL pages link ``name`` at (a Jinja global of the workspace's templates)."""
        return f"/static/{self.asset(name).fingerprinted}"

    def find(self, requested: str) -> tuple[Asset, bool] | None:
        """The asset a request names, and whether it named it by its digest; None if none."""
        if requested in self.files:
            return self.asset(requested), False
        stem, _, suffix = requested.rpartition(".")
        base, _, digest = stem.rpartition(".")
        name = f"{base}.{suffix}"
        if name in self.files and digest == self.asset(name).digest:
            return self.asset(name), True
        return None

    def response(self, request: Request, requested: str) -> Response:
        found = self.find(requested)
        if found is None:
            return Response("not found", status_code=404, media_type="text/plain")
        asset, fingerprinted = found
        headers = {"Cache-Control": IMMUTABLE if fingerprinted else SHORT, "X-Content-Type-Options": "nosniff",
                   "Vary": "Accept-Encoding", "ETag": f'"{asset.digest}"'}
        if request.headers.get("if-none-match") == headers["ETag"]:
            return Response(status_code=304, headers=headers)
        if _accepts_gzip(request.headers.get("accept-encoding", "")):
            headers["Content-Encoding"] = "gzip"
            return Response(self.compressed(asset), media_type=asset.media_type, headers=headers)
        return Response(asset.body, media_type=asset.media_type, headers=headers)


def _accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header takes gzip (``gzip;q=0`` refuses it)."""
    for part in header.lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() in ("gzip", "*"):
            q = params.strip()
            return not (q.startswith("q=") and _quality(q[2:]) == 0)
    return False


def _quality(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 1.0

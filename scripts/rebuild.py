"""What the generators of bot/data share: fetching their source package and the command
line that rebuilds one file (from a local copy of the source, or from a fresh download
into a temporary directory)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path


def pip_download(into: Path, requirement: str, *, source: bool = False) -> None:
    """`pip download` one package (its source archive when `source`) into a directory."""
    only = ["--no-binary", ":all:"] if source else []
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", *only, "-q", "-d", str(into),
         requirement],
        check=True,
        timeout=300,
    )  # fmt: skip


def unpacked_sdist(into: Path, package: str, version: str) -> Path:
    """`pip download` a package's source archive into a directory and unpack it there;
    the unpacked `package-version/` directory."""
    pip_download(into, f"{package}=={version}", source=True)
    archive = next(into.glob(f"{package}-{version}.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / f"{package}-{version}"


def rebuild(
    *,
    description: str,
    source: tuple[str, str],
    out: Path,
    build: Callable[[Path, Path], int],
    download: Callable[[Path], Path],
    made: str,
) -> None:
    """Run the generator's command line: `source` is the option naming a local copy of
    the source and its help; without it, `download` fetches one into a temporary
    directory. Prints how many entries `build` wrote, then `made`."""
    parser = argparse.ArgumentParser(description=description)
    flag, help_text = source
    parser.add_argument(flag, type=Path, dest="source", help=help_text)
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args()
    if args.source:
        count = build(args.source, args.out)
    else:
        with tempfile.TemporaryDirectory() as temp:
            count = build(download(Path(temp)), args.out)
    print(f"{count} {made}")

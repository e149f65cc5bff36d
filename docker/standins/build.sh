#!/usr/bin/env bash
# Local stand-ins for the two base images the package uses, made from Debian's packages
# with debootstrap, for machines that reach Debian's archive but no container registry:
#   newsbot-standin/python:3.11   like python:3.11-slim: Python 3.11, `python` and `pip` on PATH
#   newsbot-standin/postgres:15   like postgres:16: POSTGRES_USER/_PASSWORD/_DB on first start,
#                                 data in /var/lib/postgresql/data, pg_isready, listens on 5432
# Use them with  docker build --build-arg PYTHON_IMAGE=newsbot-standin/python:3.11 .
# and            POSTGRES_IMAGE=newsbot-standin/postgres:15 docker compose up
# An image already there is kept (--rebuild makes both again). Needs root and debootstrap.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work=${STANDIN_WORK:-/var/tmp/newsbot-standins}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
python_image=newsbot-standin/python:3.11
postgres_image=newsbot-standin/postgres:15
rebuild=0
[ "${1:-}" = --rebuild ] && rebuild=1

mkdir -p "$work/cache"

# rootfs NAME PACKAGES: a minimal Debian bookworm with PACKAGES, in $work/NAME
rootfs() {
    local root="$work/$1"
    rm -rf "$root"
    debootstrap --variant=minbase --cache-dir="$work/cache" --include="$2" \
        bookworm "$root" "$mirror" >"$work/$1.log" 2>&1 \
        || { tail -20 "$work/$1.log"; return 1; }
}

# slim NAME: drop what an image does not need (documentation, apt's lists and caches)
slim() {
    local root="$work/$1"
    rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
        "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/log/* "$root"/tmp/*
    find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'C.*' -exec rm -rf {} +
}

have() { [ "$rebuild" = 0 ] && docker image inspect "$1" >/dev/null 2>&1; }

if have "$python_image"; then
    echo "$python_image: already there"
else
    rootfs python python3,python3-venv,ca-certificates
    # pip in a venv on PATH, as python:3.11-slim has it in /usr/local (Debian's own
    # python3 refuses `pip install` outside a venv: PEP 668)
    chroot "$work/python" python3 -m venv /usr/local/python
    chroot "$work/python" /usr/local/python/bin/pip --version
    # This machine's trusted certificates (a machine behind a TLS-inspecting proxy has its
    # authority there) for pip in the image, as the machine's own pip uses them
    cp /etc/ssl/certs/ca-certificates.crt "$work/python/etc/ssl/certs/ca-certificates.crt"
    printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' >"$work/python/etc/pip.conf"
    slim python
    tar -C "$work/python" -c . | docker import \
        --change 'ENV PATH=/usr/local/python/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'CMD ["python3"]' \
        - "$python_image" >/dev/null
    rm -rf "$work/python"
    echo "$python_image: built"
fi

if have "$postgres_image"; then
    echo "$postgres_image: already there"
else
    [ -d "$work/postgres/usr/lib/postgresql/15" ] || rootfs postgres postgresql-15
    # Debian's package made a cluster of its own: the entrypoint makes one in PGDATA
    # instead, on first start
    rm -rf "$work/postgres/var/lib/postgresql/15" "$work/postgres/etc/postgresql/15"
    slim postgres
    # `docker import` sets no STOPSIGNAL: the rest of the image is postgres.Dockerfile's
    tar -C "$work/postgres" -c . | docker import - "$postgres_image-rootfs" >/dev/null
    docker build -q --build-arg ROOTFS="$postgres_image-rootfs" -t "$postgres_image" \
        -f "$here/postgres.Dockerfile" "$here" >/dev/null
    docker rmi "$postgres_image-rootfs" >/dev/null
    rm -rf "$work/postgres"
    echo "$postgres_image: built"
fi
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^newsbot-standin/'

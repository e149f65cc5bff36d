#!/usr/bin/env bash
# Rebuilds the translation catalogues after reply texts changed (docs/languages.md):
# extracts every message id into bot/locale/newsbot.pot, merges them into each
# bot/locale/<code>/LC_MESSAGES/newsbot.po (new ids empty, changed ones marked fuzzy),
# then compiles the .mo files the bot reads. Translate what tests/test_i18n.py lists as
# missing, and run this again to compile.
# `scripts/catalogues.sh init de` starts a new language's catalogue instead.
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel=${PYBABEL:-.venv/bin/pybabel}

"$pybabel" extract -F babel.cfg -k N_ --no-location --sort-output \
    --project newsbot -o bot/locale/newsbot.pot .
if [ "${1:-}" = init ]; then
    "$pybabel" init -D newsbot -i bot/locale/newsbot.pot -d bot/locale -l "$2"
else
    "$pybabel" update -D newsbot -i bot/locale/newsbot.pot -d bot/locale \
        --width 100 --ignore-obsolete
fi
"$pybabel" compile --statistics -D newsbot -d bot/locale

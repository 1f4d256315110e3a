#!/usr/bin/env python3
"""Apply translations kept beside a branch's code to the catalogues.

Several branches add strings at once; the .po files would conflict on every merge. A branch keeps
its new translations in ``locale/pending/<branch>.json`` instead:

    [{"msgid": "Save", "da": "Gem", "sv": "Spara", "nb": "Lagre"},
     {"msgid": "%(n)s week", "msgid_plural": "%(n)s weeks",
      "da": ["%(n)s uge", "%(n)s uger"], "sv": [...], "nb": [...]},
     {"msgctxt": "role", "msgid": "...", ...}]

``scripts/po_pending.py --extract`` re-extracts the strings (``make messages``), fills in every
pending translation and compiles; ``--check`` then fails if any catalogue entry is untranslated.
After a merge, commit the .po files and delete the pending JSON (``--consume``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("da", "sv", "nb")


def _pending() -> list[tuple[Path, dict]]:
    entries = []
    for path in sorted((ROOT / "locale" / "pending").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            entries.append((path, item))
    return entries


def _apply(language: str, entries: list[tuple[Path, dict]]) -> int:
    po_path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po_path))
    applied = 0
    for source, item in entries:
        if language not in item:
            sys.exit(f"{source.name}: {item['msgid']!r} has no {language} translation")
        entry = catalogue.find(item["msgid"], msgctxt=item.get("msgctxt"))
        if entry is None:
            entry = polib.POEntry(msgid=item["msgid"], msgctxt=item.get("msgctxt"))
            if "msgid_plural" in item:
                entry.msgid_plural = item["msgid_plural"]
            catalogue.append(entry)
        text = item[language]
        if entry.msgid_plural:
            forms = text if isinstance(text, list) else [text, text]
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            entry.msgstr = text if isinstance(text, str) else text[0]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        applied += 1
    catalogue.save(str(po_path))
    # polib wraps lines its own way; GNU msgcat puts them back as makemessages writes them.
    subprocess.run(["msgcat", "--no-location", "-o", str(po_path), str(po_path)], check=True)
    return applied


def _untranslated(language: str) -> list[str]:
    po_path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po_path))
    return [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", action="store_true", help="run make messages first")
    parser.add_argument("--check", action="store_true", help="fail on untranslated entries")
    parser.add_argument("--consume", action="store_true", help="delete the pending files")
    args = parser.parse_args()
    if args.extract:
        subprocess.run(["make", "-s", "messages"], cwd=ROOT, check=True)
    entries = _pending()
    for language in LANGUAGES:
        print(f"{language}: {_apply(language, entries)} pending translations applied")
    for po in sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po")):
        subprocess.run(
            [
                str(ROOT / ".venv/bin/python"),
                "-m",
                "roundtable.core.compile_messages",
                str(po),
                str(po.with_suffix(".mo")),
            ],
            cwd=ROOT,
            check=True,
        )
    missing = {language: _untranslated(language) for language in LANGUAGES}
    for language, msgids in missing.items():
        for msgid in msgids:
            print(f"{language}: untranslated: {msgid!r}")
    if args.consume:
        for path in {source for source, _ in entries}:
            path.unlink()
    if args.check and any(missing.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()

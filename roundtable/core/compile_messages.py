"""Compile a gettext catalogue (.po) to .mo with polib: no GNU gettext needed to run Roundtable."""

import sys

import polib


def main(po_path: str, mo_path: str) -> None:
    catalogue = polib.pofile(po_path)
    catalogue.save_as_mofile(mo_path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

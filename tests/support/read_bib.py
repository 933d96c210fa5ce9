"""Reads a .bib file with pybtex and with bibtexparser, the way Python users' tools do, and
prints what each read as JSON: entry keys and types, every field's raw value and, from pybtex,
the persons of each name list. Run with Debian's /usr/bin/python3, which has both packages.

Usage: read_bib.py FILE
"""

import json
import sys


def read_pybtex(path):
    from pybtex.database import parse_file

    try:
        data = parse_file(path, bib_format="bibtex")
    except Exception as error:  # the test reports what pybtex said
        return {"error": f"{type(error).__name__}: {error}", "entries": []}
    entries = []
    for key, entry in data.entries.items():
        persons = {
            role.lower(): [
                {
                    "first": " ".join(p.first_names),
                    "middle": " ".join(p.middle_names),
                    "prelast": " ".join(p.prelast_names),
                    "last": " ".join(p.last_names),
                    "lineage": " ".join(p.lineage_names),
                }
                for p in people
            ]
            for role, people in entry.persons.items()
        }
        entries.append(
            {
                "key": key,
                "type": entry.type.lower(),
                "fields": {name.lower(): value for name, value in entry.fields.items()},
                "persons": persons,
            }
        )
    return {"error": None, "entries": entries}


def read_bibtexparser(path):
    import bibtexparser
    from bibtexparser.bparser import BibTexParser

    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    try:
        with open(path, encoding="utf-8") as handle:
            data = bibtexparser.load(handle, parser=parser)
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}", "entries": []}
    entries = []
    for entry in data.entries:
        fields = {k.lower(): v for k, v in entry.items() if k not in ("ID", "ENTRYTYPE")}
        entries.append({"key": entry["ID"], "type": entry["ENTRYTYPE"].lower(), "fields": fields})
    return {"error": None, "entries": entries}


def main():
    path = sys.argv[1]
    json.dump(
        {"pybtex": read_pybtex(path), "bibtexparser": read_bibtexparser(path)},
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()

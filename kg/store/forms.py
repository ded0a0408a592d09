"""The surface-form index ``kg-forms.sqlite``: which stored dataset or model owns a form.

Entity resolution needs to know which stored entity owns a surface form. Scanning every label
of the entities graph made each build cost time in proportion to the store; this index, kept
next to the data (copied into the build copy and swapped in with it), answers for just the
forms of the build. A store without it (built before the index existed) gets it from one scan
of the entities graph.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from kg.assemble.entities import RESOLVED_TYPES, EntityDescription, KeyCollector
from kg.ids import normalize_key, parse_entity_iri
from kg.store.build_queries import known_forms
from kg.store.oxigraph import KnowledgeStore, StoreError

FORMS_INDEX_NAME = "kg-forms.sqlite"

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS forms (type TEXT, form TEXT, key TEXT, "
    "PRIMARY KEY (type, form, key)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS forms_key ON forms (type, key)",
    # 'complete': the forms table holds every form of the store's entities graph
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)",
)


class FormIndex:
    """``(type, normalised form) → key`` of the dataset and model entities in a build copy.

    Open it with :meth:`open` at the start of a build session; :meth:`save` it before the
    session ends, so that it is swapped in with the store.
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db: sqlite3.Connection | None = db

    @property
    def db(self) -> sqlite3.Connection:
        """The open database.

        Raises:
            StoreError: if the index was saved (closed) already.
        """
        if self._db is None:
            raise StoreError(f"the {FORMS_INDEX_NAME} index was used after it was saved")
        return self._db

    @classmethod
    def open(cls, store: KnowledgeStore, live: Path | None, *, was_empty: bool) -> FormIndex:
        """The index of the build copy ``store``, starting from that of the live store ``live``.

        Args:
            store: the build copy (in memory: the index is too).
            live: the live store's directory, whose index is copied (None: none).
            was_empty: the copy started empty (a fresh build): nothing to copy or scan.
        """
        if store.path is None:
            db = sqlite3.connect(":memory:")
        else:
            target = store.path / FORMS_INDEX_NAME
            source = None if live is None else live.resolve() / FORMS_INDEX_NAME
            if not was_empty and source is not None and source.is_file():
                shutil.copyfile(source, target)
            db = sqlite3.connect(target)
        for statement in _SCHEMA:
            db.execute(statement)
        complete = db.execute("SELECT value FROM meta WHERE name = 'complete'").fetchone()
        if not was_empty and complete is None:
            db.execute("DELETE FROM forms")
            for (etype, form), key in known_forms(store):
                db.execute("INSERT OR IGNORE INTO forms VALUES (?, ?, ?)", (etype, form, key))
        db.execute("INSERT OR REPLACE INTO meta VALUES ('complete', '1')")
        return cls(db)

    def lookup(self, collector: KeyCollector) -> dict[tuple[str, str], str]:
        """Stored owners of the forms in the collector (the least key if several)."""
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (type TEXT, form TEXT)")
        db.execute("DELETE FROM wanted")
        db.executemany(
            "INSERT INTO wanted VALUES (?, ?)",
            ((etype, form) for (etype, _), forms in collector.forms.items() for form in forms),
        )
        rows = db.execute(
            "SELECT f.type, f.form, MIN(f.key) FROM forms f "
            "JOIN (SELECT DISTINCT type, form FROM wanted) w "
            "ON f.type = w.type AND f.form = w.form "
            "GROUP BY f.type, f.form"
        )
        found = {(etype, form): key for etype, form, key in rows}
        db.execute("DELETE FROM wanted")
        return found

    def owners(self, forms: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """``(type, key)`` of every stored entity that has one of the ``(type, normalised
        form)`` ``forms``."""
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (type TEXT, form TEXT)")
        db.execute("DELETE FROM wanted")
        db.executemany("INSERT INTO wanted VALUES (?, ?)", forms)
        rows = db.execute(
            "SELECT DISTINCT f.type, f.key FROM forms f "
            "JOIN (SELECT DISTINCT type, form FROM wanted) w "
            "ON f.type = w.type AND f.form = w.form"
        )
        found = {(etype, key) for etype, key in rows}
        db.execute("DELETE FROM wanted")
        return found

    def replace(self, iris: Sequence[str], descriptions: Sequence[EntityDescription]) -> None:
        """The touched entities ``iris`` are now described by ``descriptions``."""
        self.remove(iris)
        rows = []
        for d in descriptions:
            if d.entity_type not in RESOLVED_TYPES:
                continue
            for label in (d.label, *d.alt_labels):
                norm = normalize_key(label)
                if norm:
                    rows.append((d.entity_type, norm, d.key))
        self.db.executemany("INSERT OR IGNORE INTO forms VALUES (?, ?, ?)", rows)

    def remove(self, iris: Iterable[str]) -> None:
        """The entities ``iris`` are no longer in the store."""
        keys = [
            parts for iri in iris if (parts := parse_entity_iri(iri)) and parts[0] in RESOLVED_TYPES
        ]
        self.db.executemany("DELETE FROM forms WHERE type = ? AND key = ?", keys)

    def save(self) -> None:
        """Commit and close the index (it goes with the build copy when that is swapped in)."""
        db = self.db
        db.commit()
        db.close()
        self._db = None

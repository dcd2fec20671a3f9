-- Documents as ingested (DESIGN.md §2). Times are ISO 8601 UTC strings, which sort chronologically.
CREATE TABLE documents (
  rowid        INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  source_name  TEXT NOT NULL,
  source_handle TEXT,
  source_url   TEXT,
  actor_id     TEXT,
  url          TEXT,
  published_at TEXT NOT NULL,
  lang         TEXT NOT NULL,
  title        TEXT,
  text         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  meta         TEXT NOT NULL DEFAULT '{}',
  ingest       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX documents_published ON documents (published_at);
CREATE INDEX documents_source ON documents (source_name, published_at);
CREATE INDEX documents_actor ON documents (actor_id, published_at);
CREATE INDEX documents_lang ON documents (lang);

-- Full-text index over title and text; external content keeps one copy of the text.
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', detail=none
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
END;

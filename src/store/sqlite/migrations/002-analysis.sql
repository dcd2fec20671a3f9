-- Per-document analysis: attributions, events, assessments, narratives and mentions (DESIGN.md §2).
CREATE TABLE attributions (
  doc_id        TEXT NOT NULL,
  idx           INTEGER NOT NULL,
  published_at  TEXT NOT NULL,
  said_on       TEXT,
  speaker_text  TEXT NOT NULL,
  speaker_name  TEXT,
  speaker_actor TEXT,
  speaker_type  TEXT,
  cue_text      TEXT NOT NULL,
  cue_class     TEXT,
  content_text  TEXT NOT NULL,
  direct        INTEGER NOT NULL,
  stance        TEXT NOT NULL,
  reporter_actor TEXT,
  lang          TEXT NOT NULL,
  json          TEXT NOT NULL,
  PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX attributions_speaker ON attributions (speaker_actor, published_at);
CREATE INDEX attributions_type ON attributions (speaker_type, published_at);
CREATE INDEX attributions_time ON attributions (published_at);

CREATE TABLE text_events (
  doc_id TEXT NOT NULL, idx INTEGER NOT NULL, date TEXT NOT NULL, text TEXT NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX text_events_date ON text_events (date);

CREATE TABLE assessments (
  doc_id TEXT NOT NULL, idx INTEGER NOT NULL, by_name TEXT NOT NULL, by_actor TEXT, verdict TEXT NOT NULL,
  text TEXT NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

CREATE TABLE document_narratives (
  doc_id TEXT NOT NULL, narrative_id TEXT NOT NULL, score REAL NOT NULL, stance TEXT NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (doc_id, narrative_id)
) WITHOUT ROWID;
CREATE INDEX document_narratives_narrative ON document_narratives (narrative_id);

CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  narrative_id TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  attribution_idx INTEGER,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  actor_type TEXT NOT NULL,
  stance TEXT NOT NULL,
  at TEXT NOT NULL,
  score REAL NOT NULL
);
CREATE INDEX mentions_narrative_time ON mentions (narrative_id, at);
CREATE INDEX mentions_doc ON mentions (doc_id);
CREATE INDEX mentions_actor ON mentions (actor_id, at);

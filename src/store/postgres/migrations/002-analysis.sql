-- Per-document analysis (DESIGN.md §2), PostgreSQL edition of sqlite/migrations/002-analysis.sql.
-- The json columns hold exactly what SQLite's json TEXT columns hold (JSON.stringify of the model object).
CREATE TABLE attributions (
  doc_id         text COLLATE "C" NOT NULL,
  idx            integer NOT NULL,
  published_at   text COLLATE "C" NOT NULL,
  said_on        text COLLATE "C",
  speaker_text   text COLLATE "C" NOT NULL,
  speaker_name   text COLLATE "C",
  speaker_actor  text COLLATE "C",
  speaker_type   text COLLATE "C",
  cue_text       text COLLATE "C" NOT NULL,
  cue_class      text COLLATE "C",
  content_text   text COLLATE "C" NOT NULL,
  direct         boolean NOT NULL,
  stance         text COLLATE "C" NOT NULL,
  reporter_actor text COLLATE "C",
  lang           text COLLATE "C" NOT NULL,
  json           json NOT NULL,
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX attributions_speaker ON attributions (speaker_actor, published_at);
CREATE INDEX attributions_type ON attributions (speaker_type, published_at);
CREATE INDEX attributions_time ON attributions ((coalesce(said_on, published_at)), doc_id, idx);
-- Substring filters (AttributionFilter.speaker and .query are LIKE '%...%' on SQLite) use trigram indexes.
CREATE INDEX attributions_speaker_name_trgm ON attributions USING gin (narrascope_ascii_lower(speaker_name) gin_trgm_ops);
CREATE INDEX attributions_speaker_text_trgm ON attributions USING gin (narrascope_ascii_lower(speaker_text) gin_trgm_ops);
CREATE INDEX attributions_content_trgm ON attributions USING gin (narrascope_ascii_lower(content_text) gin_trgm_ops);

CREATE TABLE text_events (
  doc_id text COLLATE "C" NOT NULL, idx integer NOT NULL, date text COLLATE "C" NOT NULL, text text COLLATE "C" NOT NULL,
  json json NOT NULL,
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX text_events_date ON text_events (date);

CREATE TABLE assessments (
  doc_id text COLLATE "C" NOT NULL, idx integer NOT NULL, by_name text COLLATE "C" NOT NULL, by_actor text COLLATE "C",
  verdict text COLLATE "C" NOT NULL, text text COLLATE "C" NOT NULL, json json NOT NULL,
  PRIMARY KEY (doc_id, idx)
);

CREATE TABLE document_narratives (
  doc_id text COLLATE "C" NOT NULL, narrative_id text COLLATE "C" NOT NULL, score double precision NOT NULL,
  stance text COLLATE "C" NOT NULL, json json NOT NULL,
  PRIMARY KEY (doc_id, narrative_id)
);
CREATE INDEX document_narratives_narrative ON document_narratives (narrative_id);

-- Mentions grow fastest: range-partitioned by month of `at` (ISO strings: '2024-11' <= at < '2024-12').
-- Monthly partitions are created on demand by the store before it inserts (PostgresStore.ensureMentionPartitions);
-- anything that is not an ISO date lands in the default partition. Old months can be detached and archived.
CREATE TABLE mentions (
  id              bigserial NOT NULL,
  narrative_id    text COLLATE "C" NOT NULL,
  doc_id          text COLLATE "C" NOT NULL,
  attribution_idx integer,
  actor_id        text COLLATE "C",
  actor_name      text COLLATE "C" NOT NULL,
  actor_type      text COLLATE "C" NOT NULL,
  stance          text COLLATE "C" NOT NULL,
  at              text COLLATE "C" NOT NULL,
  score           double precision NOT NULL,
  PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE mentions_default PARTITION OF mentions DEFAULT;
CREATE INDEX mentions_narrative_time ON mentions (narrative_id, at);
CREATE INDEX mentions_doc ON mentions (doc_id);
CREATE INDEX mentions_actor ON mentions (actor_id, at);
CREATE INDEX mentions_time ON mentions (at, id);

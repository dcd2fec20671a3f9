-- Events supplied by the user (an event calendar): what surges are checked against as possible triggers.
CREATE TABLE calendar_events (
  id     TEXT PRIMARY KEY,
  date   TEXT NOT NULL,
  title  TEXT NOT NULL,
  kind   TEXT NOT NULL,
  source TEXT
) WITHOUT ROWID;
CREATE INDEX calendar_events_date ON calendar_events (date);

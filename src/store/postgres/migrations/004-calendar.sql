-- Events supplied by the user (an event calendar): what surges are checked against as possible triggers.
CREATE TABLE calendar_events (
  id     text COLLATE "C" PRIMARY KEY,
  date   text COLLATE "C" NOT NULL,
  title  text COLLATE "C" NOT NULL,
  kind   text COLLATE "C" NOT NULL,
  source text COLLATE "C"
);
CREATE INDEX calendar_events_date ON calendar_events (date, title);

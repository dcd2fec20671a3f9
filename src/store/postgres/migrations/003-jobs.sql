-- The work queue of `narrascope worker` (src/workers/queue.ts): rows are claimed with
-- SELECT ... FOR UPDATE SKIP LOCKED and held by a lease (locked_at, renewed while the job runs), so a worker that dies
-- loses its jobs to the others after the lease expires. Delivery is at-least-once; ingest is idempotent because
-- document ids are stable and inserts skip known ids.
CREATE TABLE jobs (
  id           bigserial PRIMARY KEY,
  kind         text COLLATE "C" NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}',
  state        text COLLATE "C" NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'dead')),
  attempts     integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  run_after    timestamptz NOT NULL DEFAULT now(),
  locked_by    text,
  locked_at    timestamptz,
  last_error   text,
  -- Every failure, oldest first: [{at, attempt, worker, error}], so a dead letter says why, each time.
  errors       jsonb NOT NULL DEFAULT '[]',
  result       jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
CREATE INDEX jobs_ready ON jobs (run_after, id) WHERE state = 'queued';
CREATE INDEX jobs_running ON jobs (locked_at) WHERE state = 'running';
CREATE INDEX jobs_state ON jobs (state);

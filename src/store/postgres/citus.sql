-- Narrascope on Citus (sharded PostgreSQL), for corpora beyond one machine. See docs/deployment.md.
--
-- Run once on the Citus coordinator, after Narrascope has created its schema there (open the database once with any
-- command, e.g. `narrascope --db postgres://coordinator/narrascope jobs`) and BEFORE loading data:
--   psql postgres://coordinator/narrascope -f src/store/postgres/citus.sql
-- Every node needs the pg_trgm extension available (it ships with PostgreSQL); Citus >= 11 propagates the
-- narrascope_* functions used by the generated full-text column to the workers by itself.
--
-- Distribution columns:
--   documents            by id      A document id is a hash (24 hex characters), so rows spread evenly over the
--                                   shards whatever the source or the date; every lookup by id is single-shard.
--   attributions,        by doc_id, CO-LOCATED with documents: a document and all of its analysis live on the same
--   text_events,                    shard, so insertDocuments (one transaction: the document plus its analysis) writes
--   assessments,                    to one shard per document, and document ⋈ analysis joins never cross the network.
--   document_narratives
--   mentions             by doc_id, co-located too, and still range-partitioned by month of `at` inside each shard.
--                                   Distributing by narrative_id instead would make "mentions of narrative N" a
--                                   single-shard query, but there are only tens to hundreds of narratives with very
--                                   unequal volumes: a hot narrative (the week's campaign) would pin all its writes
--                                   and its storage to one node, exactly when the load peaks. By doc_id the writes
--                                   spread evenly and stay in the document's shard and transaction; countMentions /
--                                   listMentions for a narrative fan out to all shards in parallel (each uses its
--                                   (narrative_id, at) index and only the month partitions in range), and Citus merges
--                                   the partial GROUP BY counts, which is cheap.
--   calendar_events      reference  Small, user-supplied, joined with everything: a copy on every node.
--   jobs, schema_migrations         Stay ordinary tables on the coordinator: the queue needs row locks and
--                                   SKIP LOCKED in one place, and migrations one advisory lock.
--
-- Citus requires the distribution column in every primary key / unique constraint: documents (id) and the analysis
-- tables (doc_id, idx) already have it; mentions' key becomes (doc_id, id, at).

CREATE EXTENSION IF NOT EXISTS citus;

BEGIN;
ALTER TABLE mentions DROP CONSTRAINT mentions_pkey;
ALTER TABLE mentions ADD PRIMARY KEY (doc_id, id, at);
COMMIT;

-- 64 shards leave room to grow to 16+ worker nodes by moving shards (citus_rebalance_start) without resharding.
SELECT create_distributed_table('documents', 'id', shard_count => 64);
SELECT create_distributed_table('attributions', 'doc_id', colocate_with => 'documents');
SELECT create_distributed_table('text_events', 'doc_id', colocate_with => 'documents');
SELECT create_distributed_table('assessments', 'doc_id', colocate_with => 'documents');
SELECT create_distributed_table('document_narratives', 'doc_id', colocate_with => 'documents');
-- A partitioned table: its existing monthly partitions and the default one are distributed with it, and partitions
-- created later (PostgresStore creates them on demand, on the coordinator) are distributed automatically.
SELECT create_distributed_table('mentions', 'doc_id', colocate_with => 'documents');
SELECT create_reference_table('calendar_events');

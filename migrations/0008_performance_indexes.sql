-- Indexes for a national-scale record (see BENCHMARKS.md and tests/it/page_queries.rs).
-- The publishing page lists the updates that carry a public summary, newest first: a few
-- among hundreds of thousands, so index only those.
create index progress_updates_public on progress_updates (as_at, id)
    where public_summary is not null;

// Deterministic time zone for every e2e test; quiet-hour rules inject their own clock.
process.env.TZ = 'UTC';

// Deterministic time zone for every e2e test; quiet-hour rules inject their own clock.
process.env.TZ = 'UTC';
// Quiet logs unless a test run asks for them (LOG_LEVEL=info npx jest …).
process.env.LOG_LEVEL ??= 'silent';

INSERT INTO web_sessions (id, data, expires_at, updated_at) VALUES ('fixture-session', 'x', '2099-01-01 00:00:00', '2026-01-01 00:00:00');
INSERT INTO rate_counters (bucket, window_start, hits) VALUES ('post-ip:127.0.0.1', 1700000000, 3);

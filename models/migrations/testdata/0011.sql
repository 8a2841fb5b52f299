INSERT INTO interfaces (code, app_id, org, name, status, version, source_url, method, auth, request_params, response_params, created_at, updated_at) VALUES ('zj.sbcx', 1, '浙江省大数据发展管理局', '社保查询', 'active', 1, 'https://api.example.org/sb', 'GET', 'whitelist', '[]', '[]', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
INSERT INTO interface_versions (interface_id, version, status, spec, submitted_by, created_at) VALUES (1, 1, 'approved', '{}', 'cli', '2026-01-01 00:00:00');
INSERT INTO gateway_calls (seq, interface_id, consumer_app_id, user_id, created_at, status, result_code, latency_us) VALUES (1, 1, 1, 1, '2026-01-01 00:00:00', 200, '100', 1200);
INSERT INTO interface_checks (interface_id, checked_at, kind, state, latency_ms, status) VALUES (1, '2026-01-01 00:00:00', 'active', 'healthy', 40, 200);
INSERT INTO interface_alerts (interface_id, kind, from_state, to_state, created_at) VALUES (1, 'health', 'unknown', 'healthy', '2026-01-01 00:00:00');
INSERT INTO gateway_rate (bucket, window_start, used) VALUES ('1:1', 1767225600, 10);

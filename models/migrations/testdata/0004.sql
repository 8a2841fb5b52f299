INSERT INTO thesaurus (term, official, enabled, note, updated_at) VALUES ('驾照', '机动车驾驶证', TRUE, '', '2024-01-01 00:00:00');
INSERT INTO thesaurus (term, official, enabled, note, updated_at) VALUES ('结婚', '婚姻登记', TRUE, '', '2024-01-01 00:00:00');
INSERT INTO stopwords (word, kind, updated_at) VALUES ('怎么', 'stop', '2024-01-01 00:00:00');
INSERT INTO stopwords (word, kind, updated_at) VALUES ('办理', 'weak', '2024-01-01 00:00:00');
INSERT INTO banned_words (word, note, updated_at) VALUES ('办假证', '', '2024-01-01 00:00:00');
INSERT INTO query_log (query, terms, result_count, region, scope, corrected, banned, visitor, top_doc, log_day, created_at) VALUES ('身份证', '身份证 居民身份证', 12, '330106', '', '', FALSE, 'v1', 'item:330106-01', 19723, '2024-01-01 09:00:00');
INSERT INTO query_log (query, terms, result_count, region, scope, corrected, banned, visitor, top_doc, log_day, created_at) VALUES ('户口前移', '户口迁移', 3, '', '', '户口迁移', FALSE, 'v1', '', 19723, '2024-01-01 09:01:00');
INSERT INTO hot_word_pins (word, sort_order, starts_at, ends_at, created_at) VALUES ('社保卡', 1, NULL, NULL, '2024-01-01 00:00:00');

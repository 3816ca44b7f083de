-- Edge cases added to a copy of the small demo (scripts/postgres-test.sh): the timestamp
-- spellings of DOMAIN.md section 3 near period boundaries, values SQLite's date functions read
-- loosely (2024-02-30, hour 24), every kind of invalid record, and codes and flags that are
-- text or reals (' 2 ' and '9.0' SQLite stores as integers; '2x', '' and 2.5 it keeps, invalid). The same rows go into
-- PostgreSQL as text, and both engines must give the same reports and invalid-record counts.
INSERT INTO dossiers (id, unit_code, procedure_code, channel, status, received_at, due_at, finished_at, returned_at, paid_online, digitized, updated_at)
WITH p(code) AS (SELECT min(code) FROM procedures)
SELECT column1, column2, CASE WHEN column3 = '?' THEN (SELECT code FROM p) ELSE column3 END, column4, column5, column6, column7, column8, NULL, 0, column9, NULL
FROM (VALUES
  ('E01', '05587', '?', 2, 2, '2024-03-14T17:00:00Z', '2024-03-20', NULL, 1),
  ('E02', '05587', '?', 2, 4, '2024-03-15T00:00:00+07:00', '2024-03-20', NULL, 0),
  ('E03', '05587', '?', 1, 2, '2024-03-14 23:59:59.9999', '2024-03-20 17:00', NULL, 1),
  ('E04', '05587', '?', 1, 10, '2024-01-10', '2024-01-20', '2024-01-20 10:00', 0),
  ('E05', '05587', '?', 2, 9, '2024-02-01 08:30', '2024-02-02', '2024-02-03T09:00', 1),
  ('E06', '05587', '?', 1, 2, 'now', NULL, NULL, 0),
  ('E07', '05587', '?', 1, 2, '2024-13-01 10:00:00', NULL, NULL, 0),
  ('E08', '05587', '?', 3, 2, '2024-02-30 10:00:00', '2024-03-31', NULL, 0),
  ('E09', '05587', '?', 1, 2, NULL, NULL, NULL, 0),
  ('E10', '05587', '?', 4, 2, '2024-01-05 10:00:00', NULL, NULL, 0),
  ('E11', '05587', '?', 1, 11, '2024-01-05 10:00:00', NULL, NULL, 0),
  ('E12', '05587', '?', 1, 9, '2024-01-05 10:00:00', NULL, NULL, 0),
  ('E13', '05587', '?', 1, 9, '2024-01-05 10:00:00', NULL, '2024-01-04 10:00:00', 0),
  ('E14', '05587', '?', 1, 2, '2024-01-05 10:00:00', NULL, '2024-01-06 10:00:00', 0),
  ('E15', '05587', '?', 2, 5, '2024-03-14T13:00:00-05:00', '2024-06-01', NULL, 0),
  ('E16', 'X999', '?', 1, 2, '2024-01-05 10:00:00', NULL, NULL, 0),
  ('E17', '05587', '?', 1, 6, '2024-03-14 24:00:00', '2024-03-16', NULL, 0),
  ('E18', '05587', '?', 2, 10, '2024-01-05 10:00:00 +07:00', '2024-01-06T00:00:00Z', '2024-01-05T16:59:59Z', 1),
  ('E19', '05587', '?', 2, 10, '2024-01-05T03:00:00.5Z', '2024-01-05', '2024-01-05T17:00:00.000+00:00', 0),
  ('E20', '05587', '?', 1, 2, '', NULL, NULL, 0),
  ('E21', '05587', 'NO-SUCH-PROCEDURE', 2, 9, '2024-02-10 09:00:00', '2024-02-12', '2024-02-11 09:00:00', 1),
  ('E22', '05587', '?', 1, 8, '2023-12-14T17:00:00Z', '2023-12-20', '2024-01-02 08:00:00', 0),
  ('E23', '05587', '?', 1, 7, '2023-12-10 08:00:00', NULL, '2023-12-14T17:00:00Z', 0),
  ('E24', '05587', '?', 2, 4, '2024-06-14T16:59:59Z', '2024-06-10', NULL, 0),
  ('E25', '05587', '?', '2x', 2, '2024-01-05 10:00:00', NULL, NULL, 0),
  ('E26', '05587', '?', 2, '', '2024-01-05 10:00:00', NULL, NULL, 0),
  ('E27', '05587', '?', 2.5, 2, '2024-01-05 10:00:00', NULL, NULL, 0),
  ('E28', '05587', '?', ' 2 ', '9.0', '2024-01-05 10:00:00', '2024-01-10', '2024-01-06 10:00:00', '1.0'),
  ('E29', '05587', '?', 1, '2.5', '2024-01-05 10:00:00', NULL, NULL, 0),
  ('E30', '05587', '?', 2, 10, '2024-02-01 08:00:00', '2024-02-05', '2024-02-02 08:00:00', '1x')
);

INSERT INTO documents (id, unit_code, direction, issued_at, digitally_signed, transmission, recipient_scope, updated_at) VALUES
  ('ED1', '05587', 'outgoing', '2024-02-01T08:00:00+07:00', 1, 'electronic', 'agency', NULL),
  ('ED2', '05587', 'outgoing', '2024-03-14T17:00:00Z', 1, 'electronic_and_paper', 'agency', NULL),
  ('ED3', '05587', 'outgoing', 'yesterday', 1, 'electronic', 'agency', NULL),
  ('ED4', '05587', 'outgoing', '2024-02-01 08:00:00', 1, 'fax', 'agency', NULL),
  ('ED5', '05587', 'sideways', '2024-02-01 08:00:00', 1, 'electronic', 'agency', NULL),
  ('ED6', '05587', 'outgoing', NULL, 1, 'electronic', 'agency', NULL),
  ('ED7', '05587', 'outgoing', '2024-02-01 08:00:00', 2, 'electronic', 'village', NULL),
  ('ED8', 'X999', 'incoming', '2024-02-01 08:00:00', NULL, NULL, NULL, NULL),
  ('ED9', '05587', 'outgoing', '2024-02-01 08:00:00', '1x', 'electronic', 'agency', NULL),
  ('ED10', '05587', 'outgoing', '2024-02-01 08:00:00', 0.5, 'electronic', 'agency', NULL),
  ('ED11', '05587', 'outgoing', '2024-02-01 08:00:00', ' 1 ', 'electronic', 'agency', NULL);

INSERT INTO staff (id, unit_code, active_from, active_to) VALUES
  ('ES1', '05587', '2024-02-30', NULL),
  ('ES2', '05587', 'soon', NULL),
  ('ES3', '05587', '2024-03-01', '2024-02-01'),
  ('ES4', '05587', NULL, NULL),
  ('ES5', '05587', '2023-01-01', '2024-03-14');

INSERT INTO eoffice_activity (staff_id, day) VALUES ('NO-SUCH-STAFF', '2024-01-05'), ('ES5', '2024-1-5'),
  ('ES5', '2024-02-30'), ('ES5', '2024-03-14'), ('ES1', '2024-03-02');

INSERT INTO work_files (id, unit_code, opened_at, electronic) VALUES
  ('EW1', '05587', '2024-01-05T10:00:00Z', 1),
  ('EW2', '05587', 'x', 1),
  ('EW3', '05587', '2024-01-05 10:00:00', 2),
  ('EW4', '05587', '2024-03-14T17:30:00Z', 0),
  ('EW5', '05587', NULL, 1),
  ('EW6', '05587', '2024-01-05 10:00:00', ''),
  ('EW7', '05587', '2024-01-05 10:00:00', ' 1 ');

-- Mapping an existing one-stop-shop database in place: views named as the canonical tables, over
-- the system's own table, so nothing is copied and the exporter reads the live records. This
-- example maps a dossier table that uses the national portal's field names (the DongBoHoSoMC
-- payload: MaHoSo, MaTTHC, KenhThucHien, TrangThaiHoSo, NgayTiepNhan, NgayHenTra,
-- NgayKetThucXuLy, NgayTra, DonViXuLy, HoSoCoThanhPhanSoHoa, DuocThanhToanTrucTuyen), with its
-- dates written yyyyMMddHHmmss in local time, onto `dossiers` in a schema `egov` of its own.
-- Point the exporter at it with `schema: egov`; grant the exporter's role SELECT on the views
-- only (a view runs with its owner's rights on the table underneath). The other canonical
-- tables go in the same schema, as tables (schema.sql) or as views of the same kind.
--
-- scripts/postgres-test.sh runs this file against a table filled from the demo and checks that
-- the reports are the same as SQLite's.
CREATE SCHEMA IF NOT EXISTS egov;

-- yyyyMMddHHmmss (local time) as `YYYY-MM-DD HH:MM:SS` text, which the exporter reads as local
-- time; a value that is not 14 digits is passed on as it is, for the exporter to count as
-- unparseable, instead of failing every read as a cast would. The text keeps its order, so the
-- period bounds still narrow the read; on a large table, add expression indexes on
-- egov.portal_time(column), or keep a converted copy.
CREATE OR REPLACE FUNCTION egov.portal_time(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN value ~ '^[0-9]{14}$'
  THEN substr(value, 1, 4) || '-' || substr(value, 5, 2) || '-' || substr(value, 7, 2) || ' '
       || substr(value, 9, 2) || ':' || substr(value, 11, 2) || ':' || substr(value, 13, 2)
  ELSE value END COLLATE "C";

-- Codes and flags pass as they are, integers or text: the exporter reads a text that SQLite would
-- store as an integer ('2', ' 2 ', '2.0') as that integer and counts any other ('2x', '') as an
-- invalid record, where a cast to integer would fail every read.
CREATE OR REPLACE VIEW egov.dossiers AS
SELECT h."MaHoSo"::text AS id,
       h."DonViXuLy"::text AS unit_code,
       h."MaTTHC"::text AS procedure_code,
       h."KenhThucHien" AS channel,
       h."TrangThaiHoSo" AS status,
       egov.portal_time(h."NgayTiepNhan") AS received_at,
       egov.portal_time(h."NgayHenTra") AS due_at,
       egov.portal_time(h."NgayKetThucXuLy") AS finished_at,
       egov.portal_time(h."NgayTra") AS returned_at,
       h."DuocThanhToanTrucTuyen" AS paid_online,
       h."HoSoCoThanhPhanSoHoa" AS digitized,
       NULL::timestamptz AS updated_at
FROM motcua.hoso AS h;

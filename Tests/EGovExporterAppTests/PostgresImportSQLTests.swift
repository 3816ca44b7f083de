@testable import EGovImport
import EGovKPI
@testable import EGovPostgres
import Testing

/// The statements `import` runs on PostgreSQL, without a server (scripts/postgres-import-test.sh
/// runs them against one): values only as bind parameters, times in the configured zone.
@Suite("PostgreSQL import statements")
struct PostgresImportSQLTests {
    let sql = PostgresImportSQL(schema: "egov", types: ["dossiers": [
        "id": "text", "unit_code": "text", "procedure_code": "text", "channel": "integer", "status": "integer",
        "received_at": "timestamp with time zone", "due_at": "timestamp without time zone", "finished_at": "text",
        "returned_at": "date", "paid_online": "smallint", "digitized": "smallint", "updated_at": "timestamp with time zone",
    ]], zone: .vietnam)

    @Test("the upsert: one INSERT ... SELECT FROM unnest of text arrays, cast to each column's type, keyed by id")
    func upsert() {
        #expect(sql.upsert(DossierColumns.table) == """
            INSERT INTO "egov"."dossiers" ("id", "unit_code", "procedure_code", "channel", "status", "received_at", "due_at", \
            "finished_at", "returned_at", "paid_online", "digitized", updated_at) SELECT u.c0::text, u.c1::text, u.c2::text, \
            u.c3::integer, u.c4::integer, (u.c5 || '+07:00')::timestamptz, u.c6::timestamp without time zone, u.c7::text, \
            u.c8::date, u.c9::smallint, u.c10::smallint, ($12 || '+07:00')::timestamptz FROM unnest($1::text[], $2::text[], \
            $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) \
            AS u(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10) ON CONFLICT ("id") DO UPDATE SET "unit_code" = EXCLUDED."unit_code", \
            "procedure_code" = EXCLUDED."procedure_code", "channel" = EXCLUDED."channel", "status" = EXCLUDED."status", \
            "received_at" = EXCLUDED."received_at", "due_at" = EXCLUDED."due_at", "finished_at" = EXCLUDED."finished_at", \
            "returned_at" = EXCLUDED."returned_at", "paid_online" = EXCLUDED."paid_online", "digitized" = EXCLUDED."digitized", \
            updated_at = EXCLUDED.updated_at
            """)
    }

    @Test("stored rows are read back as the text SQLite holds: local times in the configured zone, ISO days")
    func select() {
        let select = sql.select(DossierColumns.table)
        #expect(select.hasPrefix("""
            SELECT t."id"::text, t."unit_code"::text, t."procedure_code"::text, t."channel"::text, t."status"::text, \
            to_char(t."received_at" AT TIME ZONE INTERVAL '+07:00', 'YYYY-MM-DD HH24:MI:SS'), \
            to_char(t."due_at", 'YYYY-MM-DD HH24:MI:SS'), t."finished_at"::text, to_char(t."returned_at", 'YYYY-MM-DD'),
            """))
        #expect(select.hasSuffix("""
            FROM "egov"."dossiers" AS t WHERE (t."id") IN (SELECT u.c0::text FROM unnest($1::text[]) AS u(c0))
            """))
    }

    @Test("a zone west of UTC and one with minutes are written as PostgreSQL reads offsets")
    func offsets() {
        #expect(PostgresImportSQL(schema: "s", types: [:], zone: UTCOffset(seconds: -(3 * 3600 + 1800))).offset == "-03:30")
        #expect(PostgresImportSQL(schema: "s", types: [:], zone: UTCOffset(seconds: 5 * 3600 + 2700)).offset == "+05:45")
    }

    @Test("values travel as one text-array parameter: quotes and backslashes escaped, NULL for none")
    func arrayLiteral() {
        #expect(PostgresImportSQL.arrayLiteral(["a", nil, #"say "hi""#, #"c:\d"#, "", "{x,y}"])
            == #"{"a",NULL,"say \"hi\"","c:\\d","","{x,y}"}"#)
    }
}

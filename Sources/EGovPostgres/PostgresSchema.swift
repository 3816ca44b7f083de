import EGovImport
import EGovSources
import Foundation

/// The canonical schema in PostgreSQL, derived from SQLite's (`CanonicalSchema`), so the two
/// never drift: the same tables, columns and indexes by the same names, with PostgreSQL's types.
/// `egov-exporter init-db --postgres` runs it; `--print-schema` writes config/postgres/schema.sql
/// (a test keeps the file equal to it).
public enum PostgresSchema {
    /// The type of the column `name` declared `sqliteType` (`TEXT` or `INTEGER`) in SQLite.
    /// Times are instants (timestamptz); days are `date`; codes keep the byte order of the
    /// indexes and unit filters whatever the database's locale (`COLLATE "C"`); channel and
    /// status are integer codes, the other integers 0/1 flags.
    static func type(of name: String, sqliteType: String) -> String {
        if sqliteType == "INTEGER" {
            if name == "hash" { return "bigint" }
            return ["channel", "status"].contains(name) ? "integer" : "smallint"
        }
        if name.hasSuffix("_at") { return "timestamptz" }
        if name.hasSuffix("_on") || ["active_from", "active_to", "day"].contains(name) { return "date" }
        if ["code", "parent_code", "id", "unit_code", "procedure_code", "staff_id"].contains(name) { return "text COLLATE \"C\"" }
        return "text"
    }

    /// One line of SQLite's `CREATE TABLE` statements in PostgreSQL's words.
    private static func line(_ line: Substring) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("CREATE TABLE IF NOT EXISTS ") { return trimmed }
        if trimmed.hasPrefix("CREATE TABLE ") { return trimmed.replacingOccurrences(of: "CREATE TABLE ", with: "CREATE TABLE IF NOT EXISTS ") }
        if trimmed.hasPrefix(")") { return ");" }
        let comma = trimmed.hasSuffix(",") ? "," : ""
        let words = trimmed.dropLast(comma.count).split(separator: " ", maxSplits: 2).map(String.init)
        guard words.count >= 2, ["TEXT", "INTEGER"].contains(words[1]) else { return "    " + trimmed }
        return "    \(words[0]) \(type(of: words[0], sqliteType: words[1]))" + (words.count > 2 ? " " + words[2] : "") + comma
    }

    /// SQLite `CREATE TABLE` statements in PostgreSQL's words, one string each.
    private static func translate(_ sqlite: String) -> [String] {
        sqlite.split(separator: "\n").map(line).joined(separator: "\n")
            .components(separatedBy: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// The statements: the tables (created where missing), the imports' own tables and the
    /// indexes of the bounded reads.
    public static var statements: [String] {
        let indexes = CanonicalSchema.indexes.map { $0.sql.replacingOccurrences(of: "CREATE INDEX ", with: "CREATE INDEX IF NOT EXISTS ") }
        return translate(CanonicalSchema.tables) + importTables.map(\.sql) + indexes
    }

    /// The tables `import` keeps beside the canonical ones, by name: the rejected records (read
    /// as invalid records) and the versions applied (never read).
    static var importTables: [(name: String, sql: String)] {
        [("rejected_records", translate(CanonicalSchema.rejectedRecords)[0]), ("import_versions", translate(ImportStore.versionsTable)[0])]
    }

    /// The whole script, as config/postgres/schema.sql holds it.
    public static var sql: String {
        """
        -- The canonical tables of egov-exporter in PostgreSQL and the indexes of its bounded reads
        -- (README, "The canonical schema", "Indexes"), written by `egov-exporter init-db
        -- --print-schema` from SQLite's schema. `init-db --postgres CONFIG` runs it; so can
        -- psql -v ON_ERROR_STOP=1 -f config/postgres/schema.sql (in the schema the exporter reads).

        """ + statements.map { $0 + ";\n" }.joined()
    }
}

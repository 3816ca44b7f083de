import EGovImport
import EGovKPI
import Foundation

/// The statements an import runs on PostgreSQL, one per batch each: every value travels as a
/// bind parameter (a text array per column, unnested server-side and cast to the column's type),
/// never in the SQL text. Times travel as the local `YYYY-MM-DD HH:MM:SS` SQLite stores; a
/// `timestamptz` column gets the configured zone's offset appended, so it holds the instant, and
/// reads give back the same local time.
struct PostgresImportSQL {
    /// The schema written, a plain identifier (the configuration checks it).
    let schema: String
    /// Table → column → its type as `format_type` writes it (`timestamp with time zone`, `date`,
    /// `text`...).
    let types: [String: [String: String]]
    /// The zone local times are in.
    let zone: UTCOffset

    /// `"schema"."table"`.
    func qualified(_ table: String) -> String { "\(Self.identifier(schema)).\(Self.identifier(table))" }

    /// A double-quoted identifier.
    static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// `+07:00`: the zone's offset as PostgreSQL reads it in a time's text.
    var offset: String {
        let seconds = abs(zone.seconds)
        let sign = zone.seconds < 0 ? "-" : "+"
        return sign + String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60)
    }

    /// The text of bind parameter `parameter` as a value of `table`'s `column`.
    func cast(_ parameter: String, to column: String, of table: String) -> String {
        let type = types[table]?[column] ?? "text"
        if type == "timestamp with time zone" { return "(\(parameter) || '\(offset)')::timestamptz" }
        return "\(parameter)::\(type)"
    }

    /// `table`'s `column` (aliased `t`) as the text SQLite would hold: local times, ISO days,
    /// numbers in decimal; NULL stays NULL.
    func text(of column: String, of table: String) -> String {
        let value = "t.\(Self.identifier(column))"
        switch types[table]?[column] ?? "text" {
        case "timestamp with time zone": return "to_char(\(value) AT TIME ZONE INTERVAL '\(offset)', 'YYYY-MM-DD HH24:MI:SS')"
        case "timestamp without time zone": return "to_char(\(value), 'YYYY-MM-DD HH24:MI:SS')"
        case "date": return "to_char(\(value), 'YYYY-MM-DD')"
        default: return "\(value)::text"
        }
    }

    /// `unnest($1::text[], $2::text[]) AS u(c0, c1)` for `count` text arrays from parameter 1.
    private static func unnest(_ count: Int, from first: Int = 1) -> String {
        "unnest(" + (0..<count).map { "$\(first + $0)::text[]" }.joined(separator: ", ") + ") AS u(" +
            (0..<count).map { "c\($0)" }.joined(separator: ", ") + ")"
    }

    /// The stored rows of a batch's keys (parameters: one text array per key column): the key
    /// columns, then `table.columns`, all as text.
    func select(_ table: ImportTable) -> String {
        let keys = table.key.map(\.name)
        let columns = (keys + table.columns.map(\.name)).map { text(of: $0, of: table.name) }
        let keyCasts = keys.enumerated().map { cast("u.c\($0.offset)", to: $0.element, of: table.name) }.joined(separator: ", ")
        return "SELECT \(columns.joined(separator: ", ")) FROM \(qualified(table.name)) AS t " +
            "WHERE (\(keys.map { "t.\(Self.identifier($0))" }.joined(separator: ", "))) IN (SELECT \(keyCasts) FROM \(Self.unnest(keys.count)))"
    }

    /// Remembers versions (parameters: ids, hashes as text arrays); returns the new ones.
    func rememberVersions() -> String {
        "INSERT INTO \(qualified("import_versions")) (id, hash) SELECT u.c0, u.c1::bigint FROM \(Self.unnest(2)) " +
            "ON CONFLICT DO NOTHING RETURNING id, hash::text"
    }

    /// The multi-row upsert of a batch (parameters: one text array per key and written column,
    /// then the `updated_at` text when the table has one): new rows get the written columns
    /// only, stored rows have them replaced.
    func upsert(_ table: ImportTable) -> String {
        let keys = table.key.map(\.name)
        let names = keys + table.columns.map(\.name)
        var targets = names.map(Self.identifier)
        var values = names.enumerated().map { cast("u.c\($0.offset)", to: $0.element, of: table.name) }
        if table.hasUpdatedAt {
            targets.append("updated_at")
            values.append(cast("$\(names.count + 1)", to: "updated_at", of: table.name))
        }
        let updated = targets.dropFirst(keys.count)
        let action = updated.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updated.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(qualified(table.name)) (\(targets.joined(separator: ", "))) " +
            "SELECT \(values.joined(separator: ", ")) FROM \(Self.unnest(names.count)) " +
            "ON CONFLICT (\(keys.map(Self.identifier).joined(separator: ", "))) \(action)"
    }

    /// Deletes a file's rejections of a kind (parameters: file, kind).
    func clearRejections() -> String {
        "DELETE FROM \(qualified("rejected_records")) WHERE file = $1 AND kind = $2"
    }

    /// Stores rejected records (parameters: seven text arrays in `rejected_records`' column
    /// order), replacing one at the same place, as SQLite's `INSERT OR REPLACE`.
    func addRejections() -> String {
        "INSERT INTO \(qualified("rejected_records")) (file, position, kind, reason, record_id, unit_code, record) " +
            "SELECT * FROM \(Self.unnest(7)) ON CONFLICT (file, kind, position) DO UPDATE SET reason = EXCLUDED.reason, " +
            "record_id = EXCLUDED.record_id, unit_code = EXCLUDED.unit_code, record = EXCLUDED.record"
    }

    /// `values` as the text of a PostgreSQL text array, bound as one parameter: every element
    /// quoted (backslash and quote escaped), NULL for nil. Written here because postgres-nio
    /// encodes arrays of non-optional elements only, and a batch's columns hold NULLs.
    static func arrayLiteral(_ values: [String?]) -> String {
        var text = "{"
        for (i, value) in values.enumerated() {
            if i > 0 { text += "," }
            guard let value else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in value.unicodeScalars {
                if character == "\\" || character == "\"" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
    }
}

import Foundation
import GRDB
import Testing
@testable import EGovSources

/// Integer codes and flags in PostgreSQL columns of any type, read as SQLite's INTEGER affinity
/// stores them (`SQLDialect.integer`): the SQL for each column type, and the text rule checked
/// against SQLite itself.
@Suite("Integer codes in either dialect")
struct IntegerCodeTests {
    let postgres = SQLDialect.postgres(columnTypes: ["channel": "integer", "status": "text", "digitized": "numeric",
                                                     "paid_online": "double precision"])

    @Test("SQLite and PostgreSQL integer columns are read as they are")
    func integerColumns() {
        #expect(SQLDialect.sqlite.integer("status") == "status")
        #expect(SQLDialect.sqlite.integerColumn("status") == "status")
        #expect(SQLDialect.sqlite.notInteger("channel") == "typeof(channel) <> 'integer'")
        #expect(SQLDialect.sqlite.isOne("digitized") == "digitized IS 1")
        #expect(SQLDialect.sqlite.catalogueFlag("has_fee") == "has_fee")
        #expect(postgres.integer("channel") == "channel")
        #expect(postgres.integerColumn("x.channel") == "x.channel AS channel")
        #expect(postgres.notInteger("channel") == "channel IS NULL")
        #expect(postgres.isOne("channel") == "channel IS NOT DISTINCT FROM 1")
    }

    @Test("numbers count when whole; texts when SQLite would store an integer")
    func otherColumns() {
        #expect(postgres.integer("digitized")
            == "CASE WHEN digitized = TRUNC(digitized) AND ABS(digitized) < 1e18 THEN CAST(digitized AS bigint) END")
        #expect(postgres.integer("p.paid_online")
            == "CASE WHEN p.paid_online = TRUNC(p.paid_online) AND ABS(p.paid_online) < 1e18 THEN CAST(p.paid_online AS bigint) END")
        let number = "CAST(CAST(status AS TEXT) AS numeric)"
        #expect(postgres.integer("status")
            == "CASE WHEN LENGTH(CAST(status AS TEXT)) > 100 OR CAST(status AS TEXT) !~ '\(SQLDialect.numberLiteral)' THEN NULL "
            + "WHEN \(number) <> TRUNC(\(number)) OR ABS(\(number)) >= 1e18 THEN NULL ELSE CAST(\(number) AS bigint) END")
        #expect(postgres.integerColumn("status") == postgres.integer("status") + " AS status")
        // An unknown column is taken for text, the type that accepts anything.
        #expect(postgres.catalogueFlag("has_fee")
            == "CASE WHEN has_fee IS NULL THEN NULL ELSE COALESCE(\(postgres.integer("has_fee")), -1) END AS has_fee")
    }

    /// Whether `text` is an integer by the PostgreSQL rule: the literal pattern, then no
    /// fractional part and a magnitude under 10^18 (the statement's numeric cast, TRUNC and
    /// ABS), as Swift computes them.
    private func integerByRule(_ text: String) throws -> Bool {
        let pattern = try NSRegularExpression(pattern: SQLDialect.numberLiteral)
        guard pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil,
              let number = Decimal(string: text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "+", with: "")) else {
            return false
        }
        var whole = Decimal()
        var copy = number
        NSDecimalRound(&whole, &copy, 0, .down)
        return whole == number && abs(number) < Decimal(string: "1e18")!
    }

    @Test("the text rule is SQLite's: what its INTEGER affinity stores as an integer, and nothing else",
          arguments: ["2", " 2 ", "\t3\n", "+2", "-0", "2.0", "2.", "2.000", "20e-1", "2e0", "1E1", ".5e1", "0002",
                      "2x", "", " ", "2.5", ".", "+", "0x10", "1e", "2 3", "NaN", "Infinity", "½", "٢", "2,0", "--2", "e5",
                      "\u{0B}2\u{0C}", "\r2", "\u{A0}2", "2\u{2003}", "1e0007", "9223372036854775808"])
    func textRule(_ text: String) throws {
        let queue = try DatabaseQueue()
        let stored = try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (code INTEGER)")
            try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [text])
            return try String.fetchOne(db, sql: "SELECT typeof(code) FROM t")
        }
        #expect(try integerByRule(text) == (stored == "integer"), "\(text.debugDescription) is \(stored ?? "?") in SQLite")
    }
}

import GRDB

/// The canonical schema of DOMAIN.md section 3, as `init-db` creates it.
///
/// Columns are deliberately loose (no CHECK constraints, few NOT NULLs): the exporter reads
/// exports of other systems, and a record that breaks the rules must be storable so that it can
/// be counted as invalid instead of being rejected on the way in.
public enum CanonicalSchema {
    /// The `CREATE TABLE` statements.
    /// The procedure catalogue's last seven columns (`CatalogueColumn`) are optional: the reader
    /// asks the table which it has, so a database created before them still reads.
    public static let tables = """
        CREATE TABLE units (
            code TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            level TEXT NOT NULL,
            parent_code TEXT,
            one_stop_connected_on TEXT,
            doc_axis_connected_on TEXT
        );
        CREATE TABLE procedures (
            code TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            field TEXT,
            level TEXT NOT NULL,
            online_service TEXT NOT NULL DEFAULT 'none',
            has_fee INTEGER NOT NULL DEFAULT 0,
            online_payment INTEGER NOT NULL DEFAULT 0,
            published_on TEXT,
            abolished_on TEXT,
            online_eligible TEXT,
            on_national_portal INTEGER,
            interconnection TEXT,
            location_independent INTEGER,
            internal_process TEXT
        );
        CREATE TABLE dossiers (
            id TEXT PRIMARY KEY NOT NULL,
            unit_code TEXT,
            procedure_code TEXT,
            channel INTEGER,
            status INTEGER,
            received_at TEXT,
            due_at TEXT,
            finished_at TEXT,
            returned_at TEXT,
            paid_online INTEGER NOT NULL DEFAULT 0,
            digitized INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT
        );
        CREATE TABLE documents (
            id TEXT PRIMARY KEY NOT NULL,
            unit_code TEXT,
            direction TEXT,
            issued_at TEXT,
            digitally_signed INTEGER,
            transmission TEXT,
            recipient_scope TEXT,
            updated_at TEXT
        );
        CREATE TABLE staff (
            id TEXT PRIMARY KEY NOT NULL,
            unit_code TEXT,
            active_from TEXT,
            active_to TEXT
        );
        CREATE TABLE eoffice_activity (
            staff_id TEXT NOT NULL,
            day TEXT NOT NULL,
            PRIMARY KEY (staff_id, day)
        ) WITHOUT ROWID;
        CREATE TABLE work_files (
            id TEXT PRIMARY KEY NOT NULL,
            unit_code TEXT,
            opened_at TEXT,
            electronic INTEGER
        );
        """

    /// The indexes the aggregate queries use, by name. Each one is covering for its queries (they
    /// read the index alone, never the table) and led by `unit_code`, then the time the reads
    /// bound: a refresh reads, for each unit, the range of the exposed periods and nothing of
    /// the closed history before them.
    ///
    /// - `dossiers_by_received`: dossiers received in the periods' span.
    /// - `dossiers_by_finished`: dossiers received before the span and finished in it. NULL sorts
    ///   first, so the dossiers without a finished time are one range at the front of each unit,
    ///   split by status: the open dossiers (2, 4, 5, 6) are read without the never-accepted
    ///   ones (1, 3) that pile up over the years. It serves as the partial index of open
    ///   dossiers, and needs no statistics for SQLite to choose it.
    /// - Both dossier indexes end with `procedure_code, digitized, paid_online`, which the figures
    ///   classify by (and `dossiers_by_received` the online-procedures query). A database indexed
    ///   before they were added still reads the same ranges, looking the three up in the table.
    /// - `documents_by_unit`, `work_files_by_unit`: `(unit_code, [direction,] time)` ranges.
    /// - `staff_by_unit`: one row per person, read whole; activity days are read by range of
    ///   the primary key `(staff_id, day)`.
    public static let indexes: [(name: String, sql: String)] = [
        ("units_parent", "CREATE INDEX units_parent ON units(parent_code)"),
        ("dossiers_by_received", "CREATE INDEX dossiers_by_received ON dossiers(unit_code, received_at, finished_at, channel, status, due_at, procedure_code, digitized, paid_online)"),
        ("dossiers_by_finished", "CREATE INDEX dossiers_by_finished ON dossiers(unit_code, finished_at, status, received_at, channel, due_at, procedure_code, digitized, paid_online)"),
        ("documents_by_unit", "CREATE INDEX documents_by_unit ON documents(unit_code, direction, issued_at, digitally_signed, transmission, recipient_scope)"),
        ("staff_by_unit", "CREATE INDEX staff_by_unit ON staff(unit_code, active_from, active_to, id)"),
        ("work_files_by_unit", "CREATE INDEX work_files_by_unit ON work_files(unit_code, opened_at, electronic)"),
    ]

    /// The indexes the reads of `systems` need to stay bounded by the periods they read.
    public static func readIndexes(for systems: RecordSystems) -> [String] {
        var names: [String] = []
        if systems.contains(.oneStop) { names += ["dossiers_by_received", "dossiers_by_finished"] }
        if systems.contains(.documents) { names += ["documents_by_unit", "staff_by_unit", "work_files_by_unit"] }
        return names
    }

    /// What a command says about a database that lacks `missing` (or has them in an earlier
    /// form), one line.
    public static func missingIndexesWarning(_ missing: [String], path: String) -> String {
        "\(path) lacks the indexes \(missing.joined(separator: ", ")) (or has an earlier form of them): the figures are "
            + "right, but reads are slower, up to scanning the whole history; add them once with `egov-exporter index-db \(path)`"
    }

    /// The indexes of `indexes` that `db` has by name but in another form (made by an earlier
    /// version: the dossier indexes gained three covering columns): their names.
    public static func outdatedIndexes(in db: Database) throws -> [String] {
        func normalized(_ sql: String) -> String { String(sql.lowercased().filter { !$0.isWhitespace }) }
        var present: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL") {
            present[row[0]] = row[1]
        }
        return indexes.filter { index in present[index.name].map { normalized($0) != normalized(index.sql) } ?? false }.map(\.name)
    }

    /// Records an import could not store as canonical rows (no id, an unparseable date, an
    /// unknown unit...): where they were (`file`, `position`: `data[12]`, `line 14`), why
    /// (`reason`, an `InvalidReason`), and their allowed fields only, as a JSON object. Kept apart
    /// from `tables` so that `import` adds it to databases created before it existed.
    public static let rejectedRecords = """
        CREATE TABLE IF NOT EXISTS rejected_records (
            file TEXT NOT NULL,
            position TEXT NOT NULL,
            kind TEXT NOT NULL,
            reason TEXT NOT NULL,
            record_id TEXT,
            unit_code TEXT,
            record TEXT NOT NULL,
            PRIMARY KEY (file, kind, position)
        ) WITHOUT ROWID;
        """

    /// Creates the tables and indexes in an empty database.
    public static func create(in db: Database) throws {
        try db.execute(sql: tables)
        try db.execute(sql: rejectedRecords)
        try createIndexes(in: db)
    }

    /// Creates every index of `indexes` that `db` lacks (by name), and rebuilds those it has in
    /// an earlier form; returns the names created or rebuilt.
    @discardableResult
    public static func createIndexes(in db: Database) throws -> [String] {
        let outdated = Set(try outdatedIndexes(in: db))
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'"))
        var created: [String] = []
        for (name, sql) in indexes where !present.contains(name) || outdated.contains(name) {
            if outdated.contains(name) { try db.execute(sql: "DROP INDEX \(name)") }
            try db.execute(sql: sql)
            created.append(name)
        }
        return created
    }
}

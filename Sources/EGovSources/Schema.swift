import GRDB

/// The canonical schema of DOMAIN.md section 3, as `init-db` creates it.
///
/// Columns are deliberately loose (no CHECK constraints, few NOT NULLs): the exporter reads
/// exports of other systems, and a record that breaks the rules must be storable so that it can
/// be counted as invalid instead of being rejected on the way in.
public enum CanonicalSchema {
    /// The `CREATE TABLE` statements.
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
            online_payment INTEGER NOT NULL DEFAULT 0
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

    /// The indexes the aggregate queries use. Each one is covering for its queries (they read the
    /// index alone, never the table) and led by `unit_code`, so a one-unit read is a range of it
    /// and per-unit totals are counted in index order without sorting.
    public static let indexes = """
        CREATE INDEX units_parent ON units(parent_code);
        CREATE INDEX dossiers_by_unit ON dossiers(unit_code, channel, status, received_at, finished_at, due_at);
        CREATE INDEX documents_by_unit ON documents(unit_code, direction, issued_at, digitally_signed, transmission, recipient_scope);
        CREATE INDEX staff_by_unit ON staff(unit_code, active_from, active_to, id);
        CREATE INDEX work_files_by_unit ON work_files(unit_code, opened_at, electronic);
        """

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
        try db.execute(sql: indexes)
        try db.execute(sql: rejectedRecords)
    }
}

import GRDB

/// Writes generated rows through prepared statements, one `INSERT` per table, reused for every row.
final class SQLiteSink: DemoSink {
    private let dossiers: Statement
    private let documents: Statement
    private let staffRows: Statement
    private let activities: Statement
    private let workFiles: Statement

    init(_ db: Database) throws {
        dossiers = try db.makeStatement(sql: "INSERT INTO dossiers VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
        documents = try db.makeStatement(sql: "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?)")
        staffRows = try db.makeStatement(sql: "INSERT INTO staff VALUES (?,?,?,?)")
        activities = try db.makeStatement(sql: "INSERT INTO eoffice_activity VALUES (?,?)")
        workFiles = try db.makeStatement(sql: "INSERT INTO work_files VALUES (?,?,?,?)")
    }

    func dossier(_ r: DossierRow) throws {
        dossiers.setUncheckedArguments([r.id, r.unit, r.procedure, r.channel, r.status, r.received, r.due,
                                        r.finished, r.returned, r.paidOnline, r.digitized, r.updated])
        try dossiers.execute()
    }

    func document(_ r: DocumentRow) throws {
        documents.setUncheckedArguments([r.id, r.unit, r.direction, r.issued, r.signed, r.transmission, r.scope, r.updated])
        try documents.execute()
    }

    func staff(_ r: StaffRow) throws {
        staffRows.setUncheckedArguments([r.id, r.unit, r.activeFrom, r.activeTo])
        try staffRows.execute()
    }

    func activity(staff: String, day: String) throws {
        activities.setUncheckedArguments([staff, day])
        try activities.execute()
    }

    func workFile(_ r: WorkFileRow) throws {
        workFiles.setUncheckedArguments([r.id, r.unit, r.opened, r.electronic])
        try workFiles.execute()
    }

    /// Writes the unit tree.
    static func writeUnits(_ units: [DemoUnit], _ db: Database) throws {
        let statement = try db.makeStatement(sql: "INSERT INTO units VALUES (?,?,?,?,?,?)")
        for u in units {
            try statement.execute(arguments: [u.code, u.name, u.level, u.parent,
                                              u.oneStopConnectedOn?.description, u.docAxisConnectedOn?.description])
        }
    }

    /// Writes the procedure catalogue.
    static func writeProcedures(_ procedures: [Procedure], _ db: Database) throws {
        let statement = try db.makeStatement(sql: "INSERT INTO procedures VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        for p in procedures {
            let f = p.facts
            try statement.execute(arguments: [p.code, p.name, p.field, p.level, p.onlineService,
                                              p.hasFee ? 1 : 0, p.onlinePayment ? 1 : 0,
                                              f.publishedOn?.description, f.abolishedOn?.description, f.onlineEligible,
                                              f.onNationalPortal, f.interconnection, f.locationIndependent, f.internalProcess])
        }
    }
}

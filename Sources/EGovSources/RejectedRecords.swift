import EGovKPI
import GRDB

/// The records an import refused (`rejected_records`, see `CanonicalSchema.rejectedRecords`),
/// counted by kind, unit and reason like the invalid rows of the canonical tables, so that
/// `egov_invalid_records` shows what never made it in.
public enum RejectedRecords {
    /// The system whose records each kind is.
    static func system(of kind: RecordKind) -> RecordSystems {
        switch kind {
        case .units, .dossiers: .oneStop
        case .documents, .staff, .eofficeActivity, .workFiles: .documents
        }
    }

    /// The counts of the rejected records of `systems`' kinds: nothing when the table does not
    /// exist (a database no import has written to). Rows whose kind or reason this version does
    /// not know are left out rather than failing the read.
    public static func validity(_ db: Database, systems: RecordSystems = .all) throws -> [ValidityCount] {
        guard try db.tableExists("rejected_records") else { return [] }
        let sql = "SELECT kind, unit_code, reason, COUNT(*) FROM rejected_records GROUP BY kind, unit_code, reason ORDER BY kind, unit_code, reason"
        return try Row.fetchAll(db, sql: sql).compactMap { row in
            guard let kind = (row[0] as String?).flatMap(RecordKind.init(rawValue:)), systems.contains(system(of: kind)),
                  let reason = (row[2] as String?).flatMap(InvalidReason.init(rawValue:)) else { return nil }
            return ValidityCount(kind: kind, unit: row[1], reason: reason, count: row[3])
        }
    }
}

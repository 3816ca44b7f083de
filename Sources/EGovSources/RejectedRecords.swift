import EGovKPI
import GRDB

/// The records an import refused (`rejected_records`, see `CanonicalSchema.rejectedRecords`),
/// counted by kind, unit and reason like the invalid rows of the canonical tables, so that
/// `egov_invalid_records` shows what never made it in.
public enum RejectedRecords {
    /// The system whose records each kind is.
    static func system(of kind: RecordKind) -> RecordSystems {
        switch kind {
        case .units, .procedures, .dossiers: .oneStop
        case .documents, .staff, .eofficeActivity, .workFiles: .documents
        }
    }

    /// The query of the rejected records' counts: (kind, unit_code, reason, count).
    static let countSQL = "SELECT kind, unit_code, reason, COUNT(*) FROM rejected_records GROUP BY kind, unit_code, reason ORDER BY kind, unit_code, reason"

    /// The counts of the rejected records of `systems`' kinds from the rows of `countSQL`. Rows
    /// whose kind or reason this version does not know are left out rather than failing the read.
    static func validity(_ rows: [SQLRow], systems: RecordSystems) -> [ValidityCount] {
        rows.compactMap { row in
            guard let kind = row.text(0).flatMap(RecordKind.init(rawValue:)), systems.contains(system(of: kind)),
                  let reason = row.text(2).flatMap(InvalidReason.init(rawValue:)) else { return nil }
            return ValidityCount(kind: kind, unit: row.text(1), reason: reason, count: row.int(3) ?? 0)
        }
    }
}

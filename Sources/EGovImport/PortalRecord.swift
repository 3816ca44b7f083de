import EGovKPI
import GRDB

/// How the national-portal payloads of one province's system are read: the field naming the
/// receiving unit, and the system's own agency codes mapped to official unit codes.
public struct PortalOptions: Sendable {
    /// The record field holding the receiving unit's code (`DonViXuLy` by default).
    public var unitField: String
    /// The system's agency code → the official unit code (QĐ 124/2004/QĐ-TTg).
    public var unitAliases: [String: String]
    /// How the dates are read and in which zone they are kept.
    public var dates: DateNormalizer

    /// Options for a system that writes official unit codes in `DonViXuLy`.
    public init(unitField: String = "DonViXuLy", unitAliases: [String: String] = [:], dates: DateNormalizer = DateNormalizer()) {
        self.unitField = unitField
        self.unitAliases = unitAliases
        self.dates = dates
    }
}

/// The payload fields the importer reads (an allow-list), in the order of `keys`.
enum PortalField: Int, CaseIterable {
    case id, procedure, channel, status, received, due, finished, returned, unit, digitized, paidOnline

    /// The payload keys, the unit's as configured.
    static func keys(unitField: String) -> [String] {
        ["MaHoSo", "MaTTHC", "KenhThucHien", "TrangThaiHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra",
         unitField, "HoSoCoThanhPhanSoHoa", "DuocThanhToanTrucTuyen"]
    }
}

/// The canonical `dossiers` columns a payload sets, beside `id` and `updated_at`.
enum DossierColumns {
    static let names = ["unit_code", "procedure_code", "channel", "status", "received_at", "due_at", "finished_at",
                        "returned_at", "paid_online", "digitized"]

    /// The dossiers table as a payload import writes it: keyed by `id`, these columns in this
    /// order (flags a new dossier's payload leaves out are 0, as the schema's defaults).
    static let table: ImportTable = {
        let spec = TableSpec.named("dossiers")!
        let column = { (name: String) in spec.columns.first { $0.name == name }! }
        return ImportTable(name: spec.name, key: [column("id")], columns: names.map(column), hasUpdatedAt: true)
    }()
}

/// A record that cannot be stored as a canonical row.
struct Rejection: Error, Equatable {
    let reason: InvalidReason
    /// The source field at fault (nil for the record as a whole).
    let key: String?
    /// What is wrong, naming the value when it is one of the allowed fields.
    let message: String
}

/// One payload record as the values it sets: nil where the record does not carry the field (the
/// stored value is kept), a database value (possibly NULL) where it does.
struct DossierPatch {
    let id: String
    /// In `DossierColumns.names` order.
    let values: [DatabaseValue?]

    /// The patch as a record of a batch of the dossiers table; a new dossier that names no unit
    /// is refused.
    func pending(version: Int64, context: RecordContext) -> PendingRecord {
        PendingRecord(key: [id], version: RecordVersion(id: id, hash: version), values: values,
                      refusedAsNew: values[0] == nil ? Rejection(reason: .unknownUnit, key: nil, message: "new dossier without a unit code") : nil,
                      context: context)
    }

    /// Reads the allowed `fields` of a record. `knownUnits` are the codes of the units table.
    static func make(_ fields: [FieldValue?], keys: [String], options: PortalOptions, knownUnits: Set<String>) -> Result<DossierPatch, Rejection> {
        func field(_ f: PortalField) -> FieldValue? { fields[f.rawValue] }
        func key(_ f: PortalField) -> String { keys[f.rawValue] }
        guard let idValue = field(.id), let id = idValue.text, !id.isEmpty else {
            return .failure(Rejection(reason: .missingId, key: key(.id), message: "no dossier id"))
        }
        var values = [DatabaseValue?](repeating: nil, count: DossierColumns.names.count)
        if let unit = field(.unit) {
            guard let code = unit.text, !code.isEmpty else {
                return .failure(Rejection(reason: .unknownUnit, key: key(.unit), message: "no unit code"))
            }
            let official = options.unitAliases[code] ?? code
            guard knownUnits.contains(official) else {
                return .failure(Rejection(reason: .unknownUnit, key: key(.unit), message: "unknown unit code '\(code)' (not in the units table, no alias)"))
            }
            values[0] = official.databaseValue
        }
        if let procedure = field(.procedure) {
            if procedure.isBlank {
                values[1] = .null
            } else if let code = procedure.text {
                values[1] = code.databaseValue
            } else {
                return .failure(Rejection(reason: .malformedRecord, key: key(.procedure), message: "expected a procedure code"))
            }
        }
        let dates: [(PortalField, Int, InvalidReason)] = [(.received, 4, .unparseableReceivedAt), (.due, 5, .unparseableDueAt),
                                                          (.finished, 6, .unparseableFinishedAt), (.returned, 7, .unparseableReturnedAt)]
        for (f, column, reason) in dates {
            guard let value = field(f) else { continue }
            guard let normalized = options.dates.normalize(value) else {
                return .failure(Rejection(reason: reason, key: key(f), message: "unparseable date \(value.json)"))
            }
            values[column] = normalized?.databaseValue ?? .null
        }
        for (f, column, reason) in [(PortalField.channel, 2, InvalidReason.unknownChannel), (.status, 3, .unknownStatus)] {
            guard let value = field(f) else { continue }
            if value.isBlank {
                values[column] = .null
            } else if let text = value.text, let number = Int(text), text.allSatisfy({ $0.isASCII && $0.isNumber }) {
                values[column] = number.databaseValue
            } else {
                return .failure(Rejection(reason: reason, key: key(f), message: "expected an integer code, got \(value.json)"))
            }
        }
        for (f, column) in [(PortalField.paidOnline, 8), (.digitized, 9)] {
            guard let value = field(f) else { continue }
            guard let flag = flag(value) else {
                return .failure(Rejection(reason: .invalidFlag, key: key(f), message: "expected 0 or 1, got \(value.json)"))
            }
            values[column] = flag.databaseValue
        }
        return .success(DossierPatch(id: id, values: values))
    }

    /// 0/1, true/false (as JSON or as text), blank as 0.
    static func flag(_ value: FieldValue) -> Int? {
        if value.isBlank { return 0 }
        if case .bool(let b) = value { return b ? 1 : 0 }
        switch value.text?.lowercased() {
        case "0", "false": return 0
        case "1", "true": return 1
        default: return nil
        }
    }
}

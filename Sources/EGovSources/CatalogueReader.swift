import EGovKPI
import GRDB

/// The procedure catalogue (`procedures`), read whole and checked in Swift: it holds a few
/// thousand rows at most. The optional catalogue columns (`CatalogueColumn`) are read only when
/// the table has them; a missing column leaves its fact nil in every record.
///
/// A row is left out, and counted under the first rule it breaks, when: it has no code
/// (`missing_id`); its level is missing or empty; `online_service` is not `none`, `partial` or
/// `full`; `has_fee` or `online_payment` is not 0, 1 or NULL (`invalid_flag`); a date is not
/// `YYYY-MM-DD`; `online_eligible` is not an online level; `on_national_portal` is not a flag;
/// `interconnection` is not `none`, `same_level` or `inter_level`; `location_independent` is not
/// a flag; `internal_process` is not `none`, `approved` or `digitized`. NULL in a word column
/// means `none` (`online_eligible` NULL: the procedure qualifies for no online level), NULL in
/// a flag 0, NULL in a date no day.
struct CatalogueReader {
    /// The valid procedures.
    var records: [ProcedureRecord] = []
    /// The optional columns the table has.
    var columns: Set<CatalogueColumn> = []
    /// The rows left out, by the first rule they break.
    var invalid: [InvalidReason: Int] = [:]

    /// The columns every `procedures` table has.
    static let required = ["code", "level", "online_service", "has_fee", "online_payment"]

    /// The flags among the columns, read as integers whatever their type.
    static let flags: Set<String> = ["has_fee", "online_payment", "on_national_portal", "location_independent"]

    /// The catalogue's query over the columns `columns` (in `CatalogueColumn` order). The days
    /// are read as text (`YYYY-MM-DD`), the flags as integers (`SQLDialect.catalogueFlag`),
    /// whatever their type.
    static func sql(columns: Set<CatalogueColumn>, dialect: SQLDialect = .sqlite) -> String {
        let optional = CatalogueColumn.allCases.filter(columns.contains).map { column in
            column == .publishedOn || column == .abolishedOn ? dialect.dayText(column.rawValue) : column.rawValue
        }
        let selected = (required + optional).map { flags.contains($0) ? dialect.catalogueFlag($0) : $0 }
        return "SELECT \(selected.joined(separator: ", ")) FROM procedures"
    }

    /// Reads and checks the catalogue that `runner` reads.
    static func read(_ runner: some StatementRunner) throws -> CatalogueReader {
        var catalogue = CatalogueReader()
        catalogue.columns = try runner.catalogueColumns()
        for row in try runner.rows(sql(columns: catalogue.columns, dialect: runner.dialect)) {
            do {
                catalogue.records.append(try record(row, columns: catalogue.columns))
            } catch let error as Invalid {
                catalogue.invalid[error.reason, default: 0] += 1
            }
        }
        return catalogue
    }

    /// The invalid rows as validity counts (procedures belong to no unit), by reason.
    var validity: [ValidityCount] {
        invalid.sorted { $0.key < $1.key }.map { ValidityCount(kind: .procedures, unit: nil, reason: $0.key, count: $0.value) }
    }

    /// Why a row is left out.
    struct Invalid: Error {
        let reason: InvalidReason
    }

    /// The record of one row of `sql(columns:)`; throws `Invalid` with the first rule it breaks.
    static func record(_ row: SQLRow, columns: Set<CatalogueColumn>) throws -> ProcedureRecord {
        let code = try Cell.text(row["code"]).orThrow(.missingId)
        guard let level = try? Cell.text(row["level"]), !level.allSatisfy(\.isWhitespace) else {
            throw Invalid(reason: .missingLevel)
        }
        let service = try Cell.word(row["online_service"], OnlineService.self, .unknownOnlineService) ?? OnlineService.none
        let hasFee = try Cell.flag(row["has_fee"]) ?? false
        let onlinePayment = try Cell.flag(row["online_payment"]) ?? false
        func optional<T>(_ column: CatalogueColumn, _ read: (DatabaseValue) throws -> T) rethrows -> T? {
            columns.contains(column) ? try read(row[column.rawValue]) : nil
        }
        let published = try optional(.publishedOn) { try Cell.date($0, .unparseablePublishedOn) }
        let abolished = try optional(.abolishedOn) { try Cell.date($0, .unparseableAbolishedOn) }
        let eligible = try optional(.onlineEligible) { try Cell.word($0, OnlineService.self, .unknownOnlineEligible) ?? OnlineService.none }
        let portal = try optional(.onNationalPortal) { try Cell.flag($0) ?? false }
        let interconnection = try optional(.interconnection) {
            try Cell.word($0, Interconnection.self, .unknownInterconnection) ?? Interconnection.none
        }
        let independent = try optional(.locationIndependent) { try Cell.flag($0) ?? false }
        let process = try optional(.internalProcess) {
            try Cell.word($0, InternalProcess.self, .unknownInternalProcess) ?? InternalProcess.none
        }
        return ProcedureRecord(code: code, level: level, onlineService: service, hasFee: hasFee, onlinePayment: onlinePayment,
                               publishedOn: published ?? nil, abolishedOn: abolished ?? nil, onlineEligible: eligible,
                               onNationalPortal: portal, interconnection: interconnection, locationIndependent: independent,
                               internalProcess: process)
    }
}

/// Readings of one loosely typed cell of the catalogue: nil for NULL, `Invalid` for a value
/// that breaks the column's rule.
private enum Cell {
    /// Text, or an integer written as its digits (a code stored as a number).
    static func text(_ value: DatabaseValue) throws -> String? {
        switch value.storage {
        case .null: nil
        case .string(let text): text
        case .int64(let number): String(number)
        case .double, .blob: throw CatalogueReader.Invalid(reason: .missingId)
        }
    }

    /// One of `T`'s words.
    static func word<T: RawRepresentable>(_ value: DatabaseValue, _: T.Type, _ reason: InvalidReason) throws -> T? where T.RawValue == String {
        switch value.storage {
        case .null: return nil
        case .string(let text): if let word = T(rawValue: text) { return word }
        case .int64, .double, .blob: break
        }
        throw CatalogueReader.Invalid(reason: reason)
    }

    /// 0 or 1 (as `x IN (0, 1)` compares in SQL: 1.0 is 1).
    static func flag(_ value: DatabaseValue) throws -> Bool? {
        switch value.storage {
        case .null: return nil
        case .int64(let n) where n == 0 || n == 1: return n == 1
        case .double(let x) where x == 0 || x == 1: return x == 1
        default: throw CatalogueReader.Invalid(reason: .invalidFlag)
        }
    }

    /// A day written `YYYY-MM-DD`.
    static func date(_ value: DatabaseValue, _ reason: InvalidReason) throws -> LocalDate? {
        switch value.storage {
        case .null: return nil
        case .string(let text): if let day = LocalDate(iso: text) { return day }
        case .int64, .double, .blob: break
        }
        throw CatalogueReader.Invalid(reason: reason)
    }
}

extension Optional {
    /// The value, or an `Invalid` of `reason` when nil.
    fileprivate func orThrow(_ reason: InvalidReason) throws -> Wrapped {
        guard let self else { throw CatalogueReader.Invalid(reason: reason) }
        return self
    }
}

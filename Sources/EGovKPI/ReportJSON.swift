/// A JSON value with ordered object keys, so reports print their keys in a stable, documented order.
public indirect enum JSONValue: Hashable, Sendable {
    case int(Int)
    case number(Double)
    case string(String)
    case null
    case object([(String, JSONValue)])

    /// A rate as a 0-1 number, or null when undefined.
    public static func rate(_ ratio: Ratio) -> JSONValue { ratio.value.map(JSONValue.number) ?? .null }

    /// Compact JSON text.
    public var text: String {
        switch self {
        case .int(let value): return String(value)
        case .number(let value): return value.isFinite ? "\(value)" : "null"
        case .null: return "null"
        case .string(let value): return Self.quote(value)
        case .object(let fields):
            return "{" + fields.map { "\(Self.quote($0.0)):\($0.1.text)" }.joined(separator: ",") + "}"
        }
    }

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension UnitReport {
    /// The flat JSON object of `report --format json`, keys in a fixed order.
    public var json: JSONValue {
        let d = dossiers
        let doc = documents
        let c = connections
        let invalidFields = invalid.counts.sorted { $0.key < $1.key }.map { ($0.key.name, JSONValue.int($0.value)) }
        return .object([
            ("unit", .string(unit.code)), ("unit_name", .string(unit.name)), ("level", .string(unit.level)),
            ("period", .string(period.id)),
            ("first_day", .string(period.firstDay.description)), ("last_day", .string(period.lastDay.description)),
            ("carried_over", .int(d.carriedOver)), ("received_new", .int(d.receivedNew)),
            ("received_total", .int(d.receivedTotal)),
            ("received_direct", .int(d.received(.direct))), ("received_online", .int(d.received(.online))),
            ("received_postal", .int(d.received(.postal))),
            ("resolved", .int(d.resolved)), ("resolved_early", .int(d.resolved(.early))),
            ("resolved_on_time", .int(d.resolved(.onTime))), ("resolved_late", .int(d.resolved(.late))),
            ("resolved_no_due_date", .int(d.resolved(.noDueDate))),
            ("withdrawn", .int(d.withdrawn)), ("stopped", .int(d.stopped)),
            ("in_progress", .int(d.inProgress)), ("in_progress_overdue", .int(d.inProgressOverdue)),
            ("online_rate", .rate(d.onlineRate)), ("on_time_rate", .rate(d.onTimeRate)),
            ("procedures", .int(procedures.total)), ("procedures_fee", .int(procedures.withFee)),
            ("procedures_fee_online_payment", .int(procedures.withFeeOnlinePayment)),
            ("online_payment_rate", .rate(procedures.onlinePaymentRate)),
            ("outgoing", .int(doc.outgoing)), ("outgoing_signed", .int(doc.outgoingSigned)),
            ("signed_rate", .rate(doc.signedRate)),
            ("interagency", .int(doc.interagencyTotal)), ("interagency_electronic", .int(doc.interagencyElectronic)),
            ("interagency_fully_electronic", .int(doc.interagency(.fullyElectronic))),
            ("interagency_with_paper", .int(doc.interagency(.electronicWithPaper))),
            ("interagency_electronic_rate", .rate(doc.electronicRate)),
            ("interagency_fully_electronic_rate", .rate(doc.fullyElectronicRate)),
            ("interagency_with_paper_rate", .rate(doc.withPaperRate)),
            ("staff", .int(eoffice.staff)), ("eoffice_active_staff", .int(eoffice.activeUsers)),
            ("eoffice_usage_rate", .rate(eoffice.usageRate)),
            ("work_files", .int(eoffice.workFiles)), ("work_files_electronic", .int(eoffice.workFilesElectronic)),
            ("work_files_electronic_rate", .rate(eoffice.electronicWorkFileRate)),
            ("units_doc_axis", .int(c.docAxisUnits)), ("units_doc_axis_connected", .int(c.docAxisConnected)),
            ("doc_axis_rate", .rate(c.docAxisRate)),
            ("districts", .int(c.districts)), ("districts_one_stop_connected", .int(c.districtsOneStopConnected)),
            ("communes", .int(c.communes)), ("communes_one_stop_connected", .int(c.communesOneStopConnected)),
            ("invalid_records", .object(invalidFields)),
        ])
    }
}

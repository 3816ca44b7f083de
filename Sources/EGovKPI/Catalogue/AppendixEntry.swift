/// A value of the appendix's Số liệu column, kept a number from the figure to the cell: a whole
/// number, or a decimal (a rate in percent rounded to two places, a declared amount).
public enum AppendixValue: Hashable, Sendable {
    case integer(Int)
    case decimal(Double)

    /// `value` as an integer when it is whole.
    public init(_ value: Double) {
        if value.rounded() == value, abs(value) < 1e15 { self = .integer(Int(value)) } else { self = .decimal(value) }
    }

    /// A rate in percent, rounded half up to two decimals (`2/3` → 66.67), or nil when undefined.
    public init?(percent ratio: Ratio?) {
        guard let ratio, ratio.denominator > 0 else { return nil }
        // Integer rounding, so 2/3 is 66.67 on every platform.
        let hundredths = (ratio.numerator * 10_000 * 2 + ratio.denominator) / (2 * ratio.denominator)
        self = hundredths % 100 == 0 ? .integer(hundredths / 100) : .decimal(Double(hundredths) / 100)
    }

    /// The value as a number.
    public var number: Double {
        switch self {
        case .integer(let value): Double(value)
        case .decimal(let value): value
        }
    }

    /// Decimal places to print: 0 for a whole number, else up to 2 (a declared amount may
    /// have more; they are kept to 4).
    public var decimals: Int {
        guard case .decimal(let value) = self else { return 0 }
        for places in 1...4 {
            var scale = 1.0
            for _ in 0..<places { scale *= 10 }
            if ((value * scale).rounded() - value * scale).magnitude < 1e-6 { return places }
        }
        return 4
    }

    /// A machine literal with a decimal point (`351`, `66.67`): CSV and JSON.
    public var literal: String {
        switch self {
        case .integer(let value): return String(value)
        case .decimal(let value):
            let places = decimals
            var scale = 1.0
            for _ in 0..<places { scale *= 10 }
            let scaled = Int((value * scale).rounded())
            let sign = scaled < 0 ? "-" : ""
            let magnitude = abs(scaled)
            var fraction = String(magnitude % Int(scale))
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return sign + String(magnitude / Int(scale)) + (fraction.isEmpty ? "" : "." + fraction)
        }
    }

    /// As Vietnamese documents print it: `77.068`, `24,14`.
    public var vietnamese: String { VietnameseNumber.text(literal) }
}

/// What a declared row accepts (DOMAIN.md section 5): one of its codes, a count, a percentage or
/// an amount.
public enum DeclaredKind: Hashable, Sendable {
    /// 0...max, as the unit-of-measure column lists them.
    case code(max: Int)
    /// A whole number ≥ 0.
    case count
    /// 0...100.
    case percent
    /// A number ≥ 0 (Triệu đồng).
    case amount
}

/// What a row's value and note are computed from: the unit's report and the declarations in force
/// for it, by row id.
public struct AppendixContext: Sendable {
    public let report: UnitReport
    public let declared: [String: DeclaredValue]

    public init(report: UnitReport, declared: [String: DeclaredValue]) {
        self.report = report
        self.declared = declared
    }
}

/// One row of PHỤ LỤC SỐ II as a catalogue declares it, with its "Trong đó" sub-rows.
public struct AppendixEntry: Sendable {
    /// Heading (a section, no figure), an indicator with a number, or a "Trong đó" sub-row.
    public enum Kind: String, Hashable, Sendable { case heading, indicator, detail }

    public let kind: Kind
    /// The row's id: its number without the final dot (`3.2.4`), a sub-row's its parent's and a
    /// letter (`3.2.4.a`). Declarations name rows by it.
    public let id: String
    /// Các chỉ tiêu, verbatim from the seed.
    public let label: String
    /// Đơn vị tính, verbatim from the seed.
    public let unit: String
    /// Số liệu, or nil for a blank cell.
    public let value: @Sendable (AppendixContext) -> AppendixValue?
    /// Ghi chú: what a reader must know; "" for nothing.
    public let note: @Sendable (AppendixContext) -> String
    public let details: [AppendixEntry]
    /// For a row the office declares, the values it accepts.
    public let declared: DeclaredKind?
    /// Whether a unit without its own declaration takes its nearest ancestor's (the system facts
    /// 7.1–7.4); other declared rows are the unit's own.
    public let inherits: Bool

    public init(_ kind: Kind, _ id: String, _ label: String, unit: String = "", declared: DeclaredKind? = nil, inherits: Bool = false,
                details: [AppendixEntry] = [],
                value: @escaping @Sendable (AppendixContext) -> AppendixValue? = { _ in nil },
                note: @escaping @Sendable (AppendixContext) -> String = { _ in "" }) {
        self.kind = kind
        self.id = id
        self.label = label
        self.unit = unit
        self.declared = declared
        self.inherits = inherits
        self.details = details
        self.value = value
        self.note = note
    }

    /// A section heading.
    public static func heading(_ id: String, _ label: String) -> Self { Self(.heading, id, label) }

    /// The number components of `id` (`3.2.4` → [3, 2, 4]), for ordering rows.
    var path: [Int] { id.split(separator: ".").compactMap { Int($0) } }
}

/// One printed row of PHỤ LỤC SỐ II: STT, Các chỉ tiêu, Đơn vị tính, Số liệu, Ghi chú.
public struct AppendixRow: Hashable, Sendable {
    public typealias Kind = AppendixEntry.Kind

    public let kind: Kind
    /// The STT column: "3.2.4." for an indicator or heading; "Trong đó" on the first sub-row of a
    /// group and "" on the others.
    public let number: String
    public let label: String
    public let unit: String
    public let value: AppendixValue?
    public let note: String

    public init(_ kind: Kind, _ number: String, _ label: String, _ unit: String, _ value: AppendixValue?, note: String = "") {
        self.kind = kind
        self.number = number
        self.label = label
        self.unit = unit
        self.value = value
        self.note = note
    }

    public var isDetail: Bool { kind == .detail }
}

extension IndicatorCatalogue {
    /// Every row of the appendix, sections 1 to 7 in the seed's order: the families' rows and the
    /// section headings, ordered by number.
    public static let appendix: [AppendixEntry] = (AppendixHeadings.all + families.flatMap(\.rows))
        .sorted { $0.path.lexicographicallyPrecedes($1.path) }

    /// Every row a configuration may declare, by id (sub-rows included).
    public static let declarable: [String: AppendixEntry] = {
        var rows: [String: AppendixEntry] = [:]
        for entry in appendix {
            for row in [entry] + entry.details where row.declared != nil { rows[row.id] = row }
        }
        return rows
    }()
}

extension UnitReport {
    /// The whole appendix of this report, with `declared` the declarations in force by row id.
    public func appendix(declared: [String: DeclaredValue] = [:]) -> [AppendixRow] {
        let context = AppendixContext(report: self, declared: declared)
        var rows: [AppendixRow] = []
        for entry in IndicatorCatalogue.appendix {
            let number = entry.id + "."
            switch entry.kind {
            case .heading: rows.append(AppendixRow(.heading, number, entry.label, "", nil))
            case .indicator, .detail:
                rows.append(AppendixRow(.indicator, number, entry.label, entry.unit, entry.value(context), note: entry.note(context)))
            }
            for (index, detail) in entry.details.enumerated() {
                rows.append(AppendixRow(.detail, index == 0 ? "Trong đó" : "", detail.label, detail.unit, detail.value(context),
                                        note: detail.note(context)))
            }
        }
        return rows
    }
}

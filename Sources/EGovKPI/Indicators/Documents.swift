/// How a document was sent (Nghị định 30/2020 Art. 23).
public enum Transmission: String, Hashable, Sendable, CaseIterable {
    case electronic, electronicAndPaper = "electronic_and_paper", paper
}

/// Who an outgoing document was sent to.
public enum RecipientScope: String, Hashable, Sendable, CaseIterable {
    case agency, village, citizen, other
}

/// One aggregate row of the outgoing-document query.
public struct DocumentClassCount: Hashable, Sendable {
    public let unit: String
    public let signed: Bool
    public let transmission: Transmission
    public let scope: RecipientScope
    public let count: Int

    public init(unit: String, signed: Bool, transmission: Transmission, scope: RecipientScope, count: Int) {
        self.unit = unit
        self.signed = signed
        self.transmission = transmission
        self.scope = scope
        self.count = count
    }
}

/// The 7.5.2 breakdown of outgoing documents to other agencies.
public enum InteragencyMode: String, Hashable, Sendable, CaseIterable {
    /// `electronic` and digitally signed.
    case fullyElectronic = "fully_electronic"
    /// `electronic_and_paper`.
    case electronicWithPaper = "electronic_with_paper"
    /// `electronic` but not digitally signed.
    case electronicUnsigned = "electronic_unsigned"
    case paper
}

/// Outgoing-document figures of a subtree for a period (DOMAIN.md section 4, "Documents").
public struct DocumentFigures: Summable, Hashable {
    public private(set) var outgoing = 0
    public private(set) var outgoingSigned = 0
    /// Outgoing documents with recipient scope `agency`, by mode.
    public private(set) var interagency: [InteragencyMode: Int] = [:]

    public init() {}

    public init(_ rows: some Sequence<DocumentClassCount>) {
        for row in rows { add(row) }
    }

    public static let zero = DocumentFigures()

    /// Adds one aggregate row.
    public mutating func add(_ row: DocumentClassCount) {
        outgoing += row.count
        if row.signed { outgoingSigned += row.count }
        guard row.scope == .agency else { return }
        let mode: InteragencyMode = switch row.transmission {
        case .electronic: row.signed ? .fullyElectronic : .electronicUnsigned
        case .electronicAndPaper: .electronicWithPaper
        case .paper: .paper
        }
        interagency[mode, default: 0] += row.count
    }

    public static func + (a: DocumentFigures, b: DocumentFigures) -> DocumentFigures {
        var sum = a
        sum.outgoing += b.outgoing
        sum.outgoingSigned += b.outgoingSigned
        sum.interagency.merge(b.interagency, uniquingKeysWith: +)
        return sum
    }

    /// Outgoing documents to other agencies in `mode`.
    public func interagency(_ mode: InteragencyMode) -> Int { interagency[mode] ?? 0 }
    /// All outgoing documents to other agencies (the 7.5.2 denominator).
    public var interagencyTotal: Int { interagency.values.reduce(0, +) }
    /// Sent electronically, with or without a paper copy.
    public var interagencyElectronic: Int { interagencyTotal - interagency(.paper) }
    /// Digitally signed share of outgoing documents.
    public var signedRate: Ratio { Ratio(outgoingSigned, of: outgoing) }
    /// 7.5.2: electronic share of documents to other agencies.
    public var electronicRate: Ratio { Ratio(interagencyElectronic, of: interagencyTotal) }
    /// 7.5.2, first sub-row: fully electronic (signed, electronic only).
    public var fullyElectronicRate: Ratio { Ratio(interagency(.fullyElectronic), of: interagencyTotal) }
    /// 7.5.2, second sub-row: electronic in parallel with paper.
    public var withPaperRate: Ratio { Ratio(interagency(.electronicWithPaper), of: interagencyTotal) }
}

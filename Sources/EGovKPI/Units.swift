/// One row of `units`: a node of the administrative tree.
public struct UnitRecord: Hashable, Sendable {
    public let code: String
    public let name: String
    /// `province`, `district`, `commune` or another word (`department`...).
    public let level: String
    public let parentCode: String?
    /// Day the unit joined the province's central one-stop-shop system (rows 7.6.x).
    public let oneStopConnectedOn: LocalDate?
    /// Day its document-management system was interconnected with upper levels (row 7.5.1).
    public let docAxisConnectedOn: LocalDate?

    public init(code: String, name: String, level: String, parentCode: String?,
                oneStopConnectedOn: LocalDate? = nil, docAxisConnectedOn: LocalDate? = nil) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
        self.oneStopConnectedOn = oneStopConnectedOn
        self.docAxisConnectedOn = docAxisConnectedOn
    }
}

/// Well-known unit levels. Any other word is allowed and kept as it is.
public enum UnitLevel {
    public static let province = "province"
    public static let district = "district"
    public static let commune = "commune"
}

/// The administrative tree, of any depth. Units whose parent is unknown or that sit in a parent
/// cycle are left out and reported as invalid records, so their records count as unknown-unit.
public struct UnitTree: Sendable {
    /// Units in the tree, by code.
    public let units: [String: UnitRecord]
    /// Children codes of each unit, sorted.
    public let children: [String: [String]]
    /// Root codes, sorted.
    public let roots: [String]
    /// Every code in the tree, parents before children (pre-order), each subtree contiguous.
    public let preorder: [String]
    /// Problems found while building the tree.
    public let invalid: [InvalidCount]

    public init(_ records: [UnitRecord]) {
        var byCode: [String: UnitRecord] = [:]
        for record in records { byCode[record.code] = record }
        var invalid: [InvalidCount] = []
        var kids: [String: [String]] = [:]
        var roots: [String] = []
        for record in byCode.values {
            if let parent = record.parentCode {
                if byCode[parent] == nil {
                    invalid.append(InvalidCount(unit: record.code, key: InvalidKey(.units, .unknownParent), count: 1))
                } else {
                    kids[parent, default: []].append(record.code)
                }
            } else {
                roots.append(record.code)
            }
        }
        roots.sort()
        for key in kids.keys { kids[key]!.sort() }
        // Walk from the roots; whatever is not reached sits under an unknown parent or in a cycle.
        var order: [String] = []
        var stack = roots.reversed() as [String]
        while let code = stack.popLast() {
            order.append(code)
            stack.append(contentsOf: (kids[code] ?? []).reversed())
        }
        let reached = Set(order)
        let unknownParent = Set(invalid.compactMap(\.unit))
        for code in byCode.keys.sorted() where !reached.contains(code) && !unknownParent.contains(code) {
            // Only a cycle (or a descendant of a unit with an unknown parent) is left.
            if Self.isInCycle(code, byCode) {
                invalid.append(InvalidCount(unit: code, key: InvalidKey(.units, .parentCycle), count: 1))
            } else {
                invalid.append(InvalidCount(unit: code, key: InvalidKey(.units, .unknownParent), count: 1))
            }
        }
        self.units = byCode.filter { reached.contains($0.key) }
        self.children = kids.filter { reached.contains($0.key) }
        self.roots = roots
        self.preorder = order
        self.invalid = invalid.sorted { ($0.unit ?? "", $0.key) < ($1.unit ?? "", $1.key) }
    }

    private static func isInCycle(_ code: String, _ byCode: [String: UnitRecord]) -> Bool {
        var seen: Set<String> = []
        var current: String? = code
        while let c = current, let record = byCode[c] {
            if !seen.insert(c).inserted { return true }
            current = record.parentCode
        }
        return false
    }

    /// The unit `code`, or nil if it is not in the tree.
    public subscript(code: String) -> UnitRecord? { units[code] }

    /// `code` and every unit below it, in pre-order.
    public func subtree(of code: String) -> [String] {
        guard units[code] != nil else { return [] }
        var result: [String] = []
        var stack = [code]
        while let c = stack.popLast() {
            result.append(c)
            stack.append(contentsOf: (children[c] ?? []).reversed())
        }
        return result
    }

    /// Depth of `code` (roots are 0).
    public func depth(of code: String) -> Int {
        var depth = 0
        var current = units[code]?.parentCode
        while let c = current { depth += 1; current = units[c]?.parentCode }
        return depth
    }

    /// Sums per-unit figures over every subtree, visiting each unit once (children before parents).
    public func rollUp<F: Summable>(_ own: [String: F]) -> [String: F] {
        var total: [String: F] = [:]
        for code in preorder.reversed() {
            var sum = own[code] ?? .zero
            for child in children[code] ?? [] { sum = sum + (total[child] ?? .zero) }
            total[code] = sum
        }
        return total
    }
}

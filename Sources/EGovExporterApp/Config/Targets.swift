import EGovKPI
import Yams

/// The targets the pages colour the rates against, in percent, per indicator and unit level.
/// The defaults are the national targets: on time 95 % (the alerts' threshold), online (3.2.4)
/// 50 % (the alerts' threshold), digitally signed outgoing documents 90 %, electronic work files
/// 60 % commune, 80 % district, 90 % province (Nghị quyết 17/NQ-CP); e-office usage has no
/// national figure and defaults to 90 %.
public struct Targets: Sendable, Equatable {
    /// One indicator's target: per level, and for any level not named.
    public struct Target: Sendable, Equatable {
        public var byLevel: [String: Double]
        public var other: Double?

        public init(byLevel: [String: Double] = [:], other: Double? = nil) {
            self.byLevel = byLevel
            self.other = other
        }

        /// The target for a unit of `level`, in percent, or nil when there is none.
        public func percent(for level: String) -> Double? { byLevel[level] ?? other }
    }

    public var onTime: Target
    public var online: Target
    public var signed: Target
    public var eofficeUsage: Target
    public var electronicWorkFiles: Target

    /// The national targets (see the type's summary).
    public static let `default` = Targets(
        onTime: Target(other: 95), online: Target(other: 50), signed: Target(other: 90), eofficeUsage: Target(other: 90),
        electronicWorkFiles: Target(byLevel: [UnitLevel.province: 90, UnitLevel.district: 80, UnitLevel.commune: 60]))

    /// The keys of the `targets` section and their fields, in the order the README lists them.
    static let fields: [(key: String, field: WritableKeyPath<Targets, Target> & Sendable)] = [
        ("on_time", \.onTime), ("online", \.online), ("signed", \.signed), ("eoffice_usage", \.eofficeUsage),
        ("electronic_work_files", \.electronicWorkFiles),
    ]
}

extension ConfigDecoder {
    /// `targets: {on_time, online, signed, eoffice_usage, electronic_work_files}`, each a
    /// percentage or a mapping of unit levels (and `other`) to percentages; a key left out keeps
    /// its default.
    func targets(_ node: Node, _ path: String) -> Targets? {
        guard let fields = mapping(node, path, known: Targets.fields.map(\.key)) else { return nil }
        let errorsBefore = errors.count
        var targets = Targets.default
        for (key, field) in Targets.fields {
            if let value = optional(fields, key, target) { targets[keyPath: field] = value }
        }
        return errors.count == errorsBefore ? targets : nil
    }

    /// `95`, or `{commune: 60, district: 80, province: 90, other: 50}`.
    private func target(_ node: Node, _ path: String) -> Targets.Target? {
        if case .scalar = node { return percentage(node, path).map { Targets.Target(other: $0) } }
        guard case .mapping(let mapping) = node else {
            report(node, path, "expected a percentage or a mapping of unit levels to percentages, got \(Self.describe(node))")
            return nil
        }
        // Levels are any word of the units table: every key is known.
        guard let fields = self.mapping(node, path, known: mapping.keys.compactMap { $0.scalar?.string }) else { return nil }
        let errorsBefore = errors.count
        var target = Targets.Target()
        for key in fields.entries.keys.sorted() {
            guard let value = optional(fields, key, percentage) else { continue }
            if key == "other" { target.other = value } else { target.byLevel[key] = value }
        }
        guard errors.count == errorsBefore else { return nil }
        guard target.other != nil || !target.byLevel.isEmpty else {
            report(node, path, "expected at least one unit level")
            return nil
        }
        return target
    }

    /// A number from 0 to 100.
    private func percentage(_ node: Node, _ path: String) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite,
              scalar.string.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else {
            report(node, path, "expected a percentage from 0 to 100, got \(Self.describe(node))")
            return nil
        }
        guard (0...100).contains(value) else {
            report(node, path, "\(scalar.string) out of range 0-100 (%)")
            return nil
        }
        return value
    }
}

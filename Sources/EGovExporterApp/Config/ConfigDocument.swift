import EGovKPI
import Yams

/// The configuration file's schema: which keys exist, and how each becomes a field of
/// `ExporterConfig`. Every key is optional; an absent or null key keeps its default.
extension ConfigDecoder {
    /// The keys of the document, in the order the example file shows them.
    static let documentKeys = [
        "listen", "refresh_interval", "refresh_timeout", "invalid_records_interval", "invalid_records_timeout", "sources", "period_profile", "time_zone",
        "root_unit", "periods", "declared", "max_units", "state_db", "snapshots", "import",
        "http", "web_config_file", "targets",
    ]

    /// The configuration `root` describes, or nil when any problem was reported.
    func document(_ root: Node?) -> ExporterConfig? {
        var config = ExporterConfig.default
        guard let root, !Self.isNull(root) else { return config }
        let errorsBefore = errors.count
        guard let fields = mapping(root, "", known: Self.documentKeys) else { return nil }

        if let listen = optional(fields, "listen", listenAddress) { config.listen = listen }
        refresh(fields, into: &config)
        if let interval = optional(fields, "invalid_records_interval", { self.seconds($0, $1, in: ExporterConfig.invalidRecordsIntervalRange) }) {
            config.invalidRecordsInterval = interval
        }
        if let timeout = optional(fields, "invalid_records_timeout", { self.seconds($0, $1, in: 1...3600) }) {
            config.invalidRecordsTimeout = timeout
        }
        if let sources = optional(fields, "sources", sources) { config.sources = sources }
        let profiles = PeriodProfile.all.map { ($0.name, $0) }
        if let profile = optional(fields, "period_profile", { self.choice($0, $1, what: "period profile", profiles) }) {
            config.periodProfile = profile
        }
        if let zone = optional(fields, "time_zone", timeZone) {
            config.timeZone = zone.offset
            config.timeZoneName = zone.name
        }
        config.rootUnit = optional(fields, "root_unit", nonEmptyString)
        if let periods = optional(fields, "periods", periods) { config.periods = periods }
        if let declared = optional(fields, "declared", declarations) { config.declared = declared }
        if let maxUnits = optional(fields, "max_units", { self.integer($0, $1, in: ExporterConfig.maxUnitsRange) }) {
            config.maxUnits = maxUnits
        }
        if let state = optional(fields, "state_db", nonEmptyString) { config.statePath = state }
        if let snapshots = optional(fields, "snapshots", snapshots) { config.snapshots = snapshots }
        if let importing = optional(fields, "import", importSection) { config.importing = importing }
        if let limits = optional(fields, "http", httpLimits) { config.http = limits }
        config.webConfigFile = optional(fields, "web_config_file", nonEmptyString)
        if let targets = optional(fields, "targets", targets) { config.targets = targets }
        if errors.count == errorsBefore, let clash = config.stateClash {
            report(fields.entries["state_db"] ?? root, "state_db", clash)
        }
        return errors.count == errorsBefore ? config : nil
    }

    /// `refresh_interval` and `refresh_timeout`; the timeout defaults to 30 s or the interval
    /// when that is shorter, and may not exceed it.
    private func refresh(_ fields: Fields, into config: inout ExporterConfig) {
        let interval = optional(fields, "refresh_interval") { self.seconds($0, $1, in: ExporterConfig.refreshIntervalRange) }
        let intervalRefused = fields.entries["refresh_interval"].map { !Self.isNull($0) } == true && interval == nil
        if let interval { config.refreshInterval = interval }
        guard let timeout = optional(fields, "refresh_timeout", { self.seconds($0, $1, in: 1...86_400) }) else {
            config.refreshTimeout = min(ExporterConfig.default.refreshTimeout, config.refreshInterval)
            return
        }
        if timeout > config.refreshInterval, !intervalRefused {
            report(fields.entries["refresh_timeout"], "refresh_timeout", "\(timeout)s exceeds refresh_interval \(config.refreshInterval)s")
        }
        config.refreshTimeout = timeout
    }

    /// `snapshots: {enabled, levels, periods, delay_days}`; a key left out keeps its default.
    private func snapshots(_ node: Node, _ path: String) -> SnapshotConfig? {
        guard let fields = mapping(node, path, known: ["enabled", "levels", "periods", "delay_days"]) else { return nil }
        let errorsBefore = errors.count
        var config = ExporterConfig.default.snapshots
        if let enabled = optional(fields, "enabled", boolean) { config.enabled = enabled }
        if let levels = optional(fields, "levels", { self.distinctItems($0, $1, what: "level", whenEmpty: "expected at least one level") { _, _, text in text } }) {
            config.levels = levels
        }
        let kinds = SnapshotPeriodKind.allCases.map { ($0.rawValue, $0) }
        if let periods = optional(fields, "periods", { self.distinctChoices($0, $1, what: "period kind", kinds) }) {
            config.periods = periods
        }
        if let delay = optional(fields, "delay_days", { self.integer($0, $1, in: 0...366) }) { config.delayDays = delay }
        return errors.count == errorsBefore ? config : nil
    }

    /// A non-empty list of non-empty strings without repeats, each item turned into a value by
    /// `value` (which reports its own errors); every problem is reported, in item order.
    private func distinctItems<T>(_ node: Node, _ path: String, what: String, whenEmpty: String,
                                  _ value: (Node, String, String) -> T?) -> [T]? {
        guard let items = list(node, path) else { return nil }
        guard !items.isEmpty else {
            report(node, path, whenEmpty)
            return nil
        }
        var values: [T] = []
        var seen: Set<String> = []
        var complete = true
        for item in items {
            guard let text = nonEmptyString(item.node, item.path) else {
                complete = false
                continue
            }
            if !seen.insert(text).inserted {
                report(item.node, item.path, "duplicate \(what) '\(text)'")
                complete = false
            }
            if let converted = value(item.node, item.path, text) { values.append(converted) } else { complete = false }
        }
        return complete ? values : nil
    }

    /// A non-empty list of `choices` without repeats (`periods`, `snapshots.periods`).
    private func distinctChoices<T>(_ node: Node, _ path: String, what: String, _ choices: [(String, T)]) -> [T]? {
        distinctItems(node, path, what: what, whenEmpty: "expected at least one of \(Self.alternatives(choices.map(\.0)))") {
            node, path, _ in self.choice(node, path, what: what, choices)
        }
    }

    /// `true` or `false` (YAML 1.1 spellings included).
    func boolean(_ node: Node, _ path: String) -> Bool? {
        guard case .scalar(let scalar) = node, let value = Bool.construct(from: scalar) else {
            report(node, path, "expected true or false, got \(Self.describe(node))")
            return nil
        }
        return value
    }

    private func listenAddress(_ node: Node, _ path: String) -> ListenAddress? {
        guard let text = string(node, path) else { return nil }
        switch ListenAddress.parse(text) {
        case .success(let address): return address
        case .failure(let problem):
            report(node, path, problem.description)
            return nil
        }
    }

    private func timeZone(_ node: Node, _ path: String) -> (offset: UTCOffset, name: String)? {
        guard let name = string(node, path) else { return nil }
        guard let zone = UTCOffset(name: name) else {
            report(node, path, "unknown time zone '\(name)': expected Asia/Ho_Chi_Minh, UTC or ±HH:MM")
            return nil
        }
        return (zone, name)
    }

    private func periods(_ node: Node, _ path: String) -> [ExposedPeriodKind]? {
        distinctChoices(node, path, what: "period", ExposedPeriodKind.allCases.map { ($0.rawValue, $0) })
    }
}

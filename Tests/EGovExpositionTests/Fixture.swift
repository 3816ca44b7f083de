import EGovExposition
import EGovKPI

/// A tiny, hand-built refresh result: a province, a district and two communes (xã Bình Yên with
/// the seed's Q1 2024 dossier figures), one closed and one empty period, as of 10/04/2024.
enum Fixture {
    static func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    static let units = [
        UnitRecord(code: "19", name: "Tỉnh Thái Nguyên", level: "province", parentCode: nil),
        UnitRecord(code: "164", name: "Huyện Định Hóa", level: "district", parentCode: "19",
                   oneStopConnectedOn: day("2020-01-01"), docAxisConnectedOn: day("2020-01-01")),
        UnitRecord(code: "05587", name: "Xã Bình Yên", level: "commune", parentCode: "164",
                   oneStopConnectedOn: day("2021-05-01"), docAxisConnectedOn: day("2024-03-14")),
        UnitRecord(code: "05590", name: "Xã Trung Lương", level: "commune", parentCode: "164",
                   oneStopConnectedOn: day("2024-06-01"), docAxisConnectedOn: nil),
    ]

    static let q1 = ReportingPeriod(id: "2024-Q1", firstDay: day("2023-12-15"), lastDay: day("2024-03-14"))
    static let q2 = ReportingPeriod(id: "2024-Q2", firstDay: day("2024-03-15"), lastDay: day("2024-04-10"))

    static func dossier(_ unit: String, _ origin: Origin, _ channel: Channel, _ outcome: Outcome,
                        _ timeliness: Timeliness?, _ count: Int, procedureOnline: Bool = false) -> DossierClassCount {
        DossierClassCount(unit: unit, origin: origin, channel: channel, outcome: outcome,
                          timeliness: timeliness, procedureOnline: procedureOnline, count: count)
    }

    /// Q1: Bình Yên 351 received (3 carried over), all online, all of procedures offered online,
    /// 348 resolved (325 early, 23 on time), 3 in progress; Trung Lương 5 received, none online,
    /// 3 resolved (1 on time, 2 late, those 2 of a procedure offered online).
    static let q1Aggregates = PeriodAggregates(
        period: q1,
        dossiers: [
            dossier("05587", .carriedOver, .online, .resolved, .early, 3, procedureOnline: true),
            dossier("05587", .new, .online, .resolved, .early, 322, procedureOnline: true),
            dossier("05587", .new, .online, .resolved, .onTime, 23, procedureOnline: true),
            dossier("05587", .new, .online, .inProgress, .onTime, 3, procedureOnline: true),
            dossier("05590", .new, .direct, .resolved, .late, 2, procedureOnline: true),
            dossier("05590", .new, .postal, .resolved, .onTime, 1),
            dossier("05590", .new, .direct, .withdrawn, nil, 1),
            dossier("05590", .new, .direct, .inProgress, .overdue, 1),
        ],
        documents: [
            DocumentClassCount(unit: "05587", signed: true, transmission: .electronic, scope: .agency, count: 6),
            DocumentClassCount(unit: "05587", signed: false, transmission: .paper, scope: .village, count: 5),
        ],
        staff: [StaffCount(unit: "05587", staff: 19, activeUsers: 17, present: 18)],
        workFiles: [])

    static func report(_ aggregates: PeriodAggregates, units: [UnitRecord] = units) -> PeriodReport {
        PeriodReport(catalog: SourceCatalog(units: units, procedures: [], validity: []),
                     tree: UnitTree(units), aggregates: aggregates)
    }

    static func result(units: [UnitRecord] = units) -> RefreshResult {
        let empty = PeriodAggregates(period: q2, dossiers: [], documents: [], staff: [], workFiles: [])
        return RefreshResult(
            periods: [
                ExposedPeriod(label: "previous_quarter", report: report(q1Aggregates, units: units)),
                ExposedPeriod(label: "current_quarter", report: report(empty, units: units)),
            ],
            tree: UnitTree(units),
            declared: ["19": ["7.1": declared("19", "7.1", 1)],
                       "164": ["7.1": declared("19", "7.1", 1, from: "Tỉnh Thái Nguyên"), "7.4": declared("164", "7.4", 2)]],
            invalid: InvalidFigures(counts: [InvalidKey(.dossiers, .unknownChannel): 2,
                                             InvalidKey(.documents, .unknownUnit): 0]),
            today: day("2024-04-10"))
    }

    static let selfMetrics = SelfMetrics(
        version: "1.2.3", sourceUp: ["dossiers": true, "documents": false], refreshDurationSeconds: 0.25,
        lastSuccessTimestamp: 1_712_700_000, refreshFailures: 3, refreshIntervalSeconds: 60)

    static let firstRefreshPending = SelfMetrics(
        version: "1.2.3", sourceUp: ["dossiers": false, "documents": false], refreshDurationSeconds: 0,
        lastSuccessTimestamp: nil, refreshFailures: 0, refreshIntervalSeconds: 60)

    /// The rendered text of `families` in `format`.
    static func text(_ families: [MetricFamily], _ format: ExpositionFormat = .prometheusText) -> String {
        String(decoding: Exposition.render(families, format: format), as: UTF8.self)
    }

    /// The lines of family `name` in `text`: its HELP and TYPE lines and its samples.
    static func block(_ name: String, in text: String) -> String {
        var lines: [Substring] = []
        var inside = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# HELP ") { inside = line.hasPrefix("# HELP \(name) ") }
            if line == "# EOF" { inside = false }
            if inside { lines.append(line) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A declaration in force: `unit`'s `value` for `row`, inherited when `from` names the declaring ancestor.
func declared(_ unit: String, _ row: String, _ value: Double, from: String? = nil) -> DeclaredValue {
    DeclaredValue(fact: DeclaredFact(unit: unit, row: row, value: value, effective: LocalDate(iso: "2024-01-01")!), inheritedFrom: from)
}

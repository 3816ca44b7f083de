import EGovKPI

/// The aggregate SQL over `dossiers`: one query per snapshot reads the covering index
/// `dossiers_by_unit` (only the scope's range of it), parses each dossier's timestamps once and
/// counts it by unit and class for every period. Only dossiers that are invalid or fall in a
/// period reach SQLite's sorter, which spills to temporary files beyond its cache, so memory
/// does not grow with the number of dossiers.
enum DossierQueries {
    /// The reasons a dossier can break, in the order checked. The SQL yields the 1-based index
    /// of the first one that applies, 0 for a valid dossier.
    static let reasons: [InvalidReason] = [
        .missingReceivedAt, .unparseableReceivedAt, .unparseableDueAt, .unparseableFinishedAt, .unknownChannel,
        .unknownStatus, .terminalWithoutFinishedAt, .finishedAtOnOpenStatus, .finishedBeforeReceived,
    ]

    /// The reason code over the columns of `normalised`: `r`, `f`, `d` are the local seconds /
    /// day of received_at, finished_at, due_at, NULL when missing or unparseable; `no_*` say
    /// which were missing. Valid means the same thing for every figure,
    /// because every figure comes from the one query that uses this expression.
    static let reasonCode = """
        CASE
            WHEN no_received THEN 1
            WHEN r IS NULL THEN 2
            WHEN d IS NULL AND NOT no_due THEN 3
            WHEN f IS NULL AND NOT no_finished THEN 4
            WHEN channel IS NULL OR channel NOT IN (1, 2, 3) THEN 5
            WHEN status IS NULL OR status NOT BETWEEN 1 AND 10 THEN 6
            WHEN status BETWEEN 7 AND 10 AND no_finished THEN 7
            WHEN status IN (2, 4, 5, 6) AND NOT no_finished THEN 8
            WHEN f < r THEN 9
            ELSE 0
        END
        """

    /// Every dossier with its normalised times. `LIMIT -1 OFFSET 0` keeps SQLite from flattening
    /// this into the outer query, which would parse each timestamp once per use; the texts
    /// themselves are not passed on, only whether they were missing.
    static func normalised(scope: QueryScope) -> String {
        """
        SELECT unit_code, channel, status,
               received_at IS NULL AS no_received, finished_at IS NULL AS no_finished, due_at IS NULL AS no_due,
               \(SQLTime.localSeconds("received_at", zone: scope.zone)) AS r,
               \(SQLTime.localSeconds("finished_at", zone: scope.zone)) AS f,
               \(SQLTime.localDay("due_at", zone: scope.zone)) AS d
        FROM dossiers
        WHERE \(scope.filter("unit_code"))
        LIMIT -1 OFFSET 0
        """
    }

    /// How a dossier ended, whatever the period: 0 early, 1 on time, 2 late, 3 no due date
    /// (resolved, status 9 or 10), 4 withdrawn (7), 5 stopped (8); -1 when not ended. Local
    /// dates of finished_at and due_at are compared.
    static let ending = """
        CASE WHEN status IN (9, 10) THEN
            CASE WHEN d IS NULL THEN 3 WHEN f / 86400 < d THEN 0 WHEN f / 86400 = d THEN 1 ELSE 2 END
        WHEN status = 7 THEN 4 WHEN status = 8 THEN 5 ELSE -1 END
        """

    /// The class of a valid dossier in `period`, or -1 when it is not in the period's received
    /// total (statuses 1 and 3 never are). A class is origin * 8 + ending (0-5, see `ending`)
    /// or origin * 8 + 6 / 7 for in progress on time / overdue: 16 classes in all. DOMAIN.md section 4, "Dossiers": carried over when
    /// received before S; ended in the period when finished before E; otherwise in progress,
    /// overdue when due before the period's last day.
    static func classCode(_ period: ReportingPeriod) -> String {
        let b = PeriodBounds(period)
        return """
            CASE WHEN rc = 0 AND counted AND r < \(b.end) AND (f IS NULL OR f >= \(b.start)) THEN
                (r >= \(b.start)) * 8 + CASE WHEN f < \(b.end) THEN ending ELSE 6 + (d IS NOT NULL AND d < \(b.lastDay)) END
            ELSE -1 END
            """
    }

    /// The one dossier query of a snapshot: every dossier is read and its timestamps parsed once,
    /// for its validity and its class in every period together. One row per unit code:
    /// (unit_code, "channel,reason,k0,k1,...,count;..."), where channel is 0 for an invalid
    /// dossier and k_i is its class in period i or -1. Only the few hundred distinct
    /// combinations per unit reach the outer GROUP BY.
    static func combined(periods: [ReportingPeriod], scope: QueryScope) -> String {
        let ks = periods.indices.map { "k\($0)" }
        let classes = zip(periods, ks).map { "\(classCode($0)) AS \($1)" }
        let key = (["ch", "rc"] + ks).joined(separator: ", ")
        let text = (["ch", "rc"] + ks + ["n"]).joined(separator: " || ',' || ")
        return """
            SELECT unit_code, group_concat(\(text), ';') FROM (
                SELECT unit_code, \(key), COUNT(*) AS n FROM (
                    SELECT unit_code, CASE WHEN rc = 0 THEN channel ELSE 0 END AS ch, rc\(classes.map { ",\n" + $0 }.joined())
                    FROM (
                        SELECT unit_code, channel, r, f, d, \(reasonCode) AS rc, status NOT IN (1, 3) AS counted, \(ending) AS ending
                        FROM (\(normalised(scope: scope))) LIMIT -1 OFFSET 0)
                )
                -- A valid dossier in none of the periods needs no group: the per-unit totals count it.
                WHERE rc > 0 OR \(ks.map { "\($0) >= 0" }.joined(separator: " OR "))
                GROUP BY unit_code, \(key)
            )
            GROUP BY unit_code
            """
    }

    /// The class row of `count` dossiers of class `k` (see `classCode`).
    static func classRow(unit: String, channel: Channel, k: Int, count: Int) -> DossierClassCount {
        let origin: Origin = k < 8 ? .carriedOver : .new
        let (outcome, timeliness): (Outcome, Timeliness?) = switch k % 8 {
        case 0: (.resolved, .early)
        case 1: (.resolved, .onTime)
        case 2: (.resolved, .late)
        case 3: (.resolved, .noDueDate)
        case 4: (.withdrawn, nil)
        case 5: (.stopped, nil)
        case 6: (.inProgress, .onTime)
        default: (.inProgress, .overdue)
        }
        return DossierClassCount(unit: unit, origin: origin, channel: channel, outcome: outcome, timeliness: timeliness, count: count)
    }

    /// Decodes the rows of `combined`: invalid dossiers by unit and reason, and the class rows
    /// of each period (in the order of the periods given to `combined`).
    static func decode(_ rows: [(unit: String?, groups: String?)], periodCount: Int)
        -> (invalid: [(unit: String?, reason: InvalidReason, count: Int)], periods: [[DossierClassCount]]) {
        var invalid: [(unit: String?, reason: InvalidReason, count: Int)] = []
        var periods = Array(repeating: [DossierClassCount](), count: periodCount)
        for (unit, groups) in rows {
            for group in (groups ?? "").split(separator: ";") {
                let numbers = group.split(separator: ",").map { Int($0)! }
                let (ch, rc, n) = (numbers[0], numbers[1], numbers[numbers.count - 1])
                if rc > 0 {
                    invalid.append((unit, reasons[rc - 1], n))
                    continue
                }
                guard let unit, let channel = Channel(rawValue: ch) else { continue }
                for p in 0..<periodCount where numbers[2 + p] >= 0 {
                    periods[p].append(classRow(unit: unit, channel: channel, k: numbers[2 + p], count: n))
                }
            }
        }
        return (invalid, periods)
    }
}

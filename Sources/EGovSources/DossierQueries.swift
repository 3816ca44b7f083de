import EGovKPI

/// The aggregate SQL over `dossiers`. The figures query reads only the dossiers the periods
/// need, through the `unit_code`-first indexes (`CanonicalSchema.indexes`): those received in
/// the periods' span, and those received before it that finished in it or are still open.
/// Each is parsed once and counted by unit and class for every period together. The invalid
/// dossiers of the whole history are counted by a separate query (`invalid`), which the daemon
/// runs on a slower cadence.
enum DossierQueries {
    /// The first rule a dossier breaks (an `InvalidReason`), or NULL, over the columns of
    /// `columns`: `r`, `f`, `d` are the local seconds / day of received_at, finished_at,
    /// due_at, NULL when missing or unparseable; `no_*` say which were missing. Valid means the
    /// same thing for every figure and for the invalid count, because both use this expression.
    /// A channel or status that is not an integer (2.5, '4x') is invalid, never rounded.
    static let invalidReason = """
        CASE
            WHEN no_received THEN '\(InvalidReason.missingReceivedAt.rawValue)'
            WHEN r IS NULL THEN '\(InvalidReason.unparseableReceivedAt.rawValue)'
            WHEN d IS NULL AND NOT no_due THEN '\(InvalidReason.unparseableDueAt.rawValue)'
            WHEN f IS NULL AND NOT no_finished THEN '\(InvalidReason.unparseableFinishedAt.rawValue)'
            WHEN typeof(channel) <> 'integer' OR channel NOT IN (1, 2, 3) THEN '\(InvalidReason.unknownChannel.rawValue)'
            WHEN typeof(status) <> 'integer' OR status NOT BETWEEN 1 AND 10 THEN '\(InvalidReason.unknownStatus.rawValue)'
            WHEN status BETWEEN 7 AND 10 AND no_finished THEN '\(InvalidReason.terminalWithoutFinishedAt.rawValue)'
            WHEN status IN (2, 4, 5, 6) AND NOT no_finished THEN '\(InvalidReason.finishedAtOnOpenStatus.rawValue)'
            WHEN f < r THEN '\(InvalidReason.finishedBeforeReceived.rawValue)'
        END
        """

    /// The normalised columns of a dossier; the timestamp texts themselves are not passed on,
    /// only whether they were missing.
    static func columns(zone: UTCOffset) -> String {
        """
        unit_code, channel, status,
               received_at IS NULL AS no_received, finished_at IS NULL AS no_finished, due_at IS NULL AS no_due,
               \(SQLTime.localSeconds("received_at", zone: zone)) AS r,
               \(SQLTime.localSeconds("finished_at", zone: zone)) AS f,
               \(SQLTime.localDay("due_at", zone: zone)) AS d
        """
    }

    /// Every dossier of the scope with its normalised times (the invalid count reads them all).
    /// `LIMIT -1 OFFSET 0` keeps SQLite from flattening this into the outer query, which would
    /// parse each timestamp once per use.
    static func normalised(scope: QueryScope) -> String {
        "SELECT \(columns(zone: scope.zone)) FROM dossiers WHERE \(scope.filter("unit_code")) LIMIT -1 OFFSET 0"
    }

    /// The dossiers that can count in a period of `span`, normalised: three disjoint index
    /// ranges per unit. A valid timestamp's text starts with its date, within a day of its
    /// local day, so the text bounds of `span` (two days wider on each side) never drop a
    /// dossier that counts; the exact local-seconds tests come after. The ranges:
    /// received in the span; received before it and finished from its start on; received
    /// before it and open (no finished time, status 2, 4, 5 or 6: statuses 1 and 3 never enter
    /// the workload and other open statuses are invalid). A dossier received and finished
    /// before the span cannot be carried over into it, and is not read.
    static func bounded(span: PeriodBounds, scope: QueryScope) -> String {
        let select = "SELECT \(columns(zone: scope.zone)) FROM dossiers WHERE \(scope.filter("unit_code"))"
        return """
            \(select)
              AND received_at >= \(span.lowText) AND received_at < \(span.highText)
            UNION ALL
            \(select)
              AND finished_at >= \(span.lowText) AND received_at < \(span.lowText)
            UNION ALL
            \(select)
              AND finished_at IS NULL AND status IN (2, 4, 5, 6) AND received_at < \(span.lowText)
            LIMIT -1 OFFSET 0
            """
    }

    /// Invalid dossiers of the whole history of the scope: (unit_code, reason, count).
    static func invalid(scope: QueryScope) -> String {
        SQLTime.invalidRows(reason: invalidReason, from: normalised(scope: scope))
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
    /// or origin * 8 + 6 / 7 for in progress on time / overdue: 16 classes in all. As DOMAIN.md
    /// section 4 defines them: carried over when received before S; ended in the period when
    /// finished before E; otherwise in progress, overdue when due before the period's last day.
    static func classCode(_ period: ReportingPeriod) -> String {
        let b = PeriodBounds(period)
        return """
            CASE WHEN counted AND r < \(b.end) AND (f IS NULL OR f >= \(b.start)) THEN
                (r >= \(b.start)) * 8 + CASE WHEN f < \(b.end) THEN ending ELSE 6 + (d IS NOT NULL AND d < \(b.lastDay)) END
            ELSE -1 END
            """
    }

    /// The dossier query of a read: the valid dossiers `bounded` finds, each counted by unit and
    /// class in every period together. One row per unit code: (unit_code,
    /// "channel,k0,k1,...,count;..."), where k_i is the class in period i or -1. Only the few
    /// hundred distinct combinations per unit reach the outer GROUP BY.
    static func figures(periods: [ReportingPeriod], scope: QueryScope) -> String {
        let ks = periods.indices.map { "k\($0)" }
        let classes = zip(periods, ks).map { "\(classCode($0)) AS \($1)" }
        let key = (["channel"] + ks).joined(separator: ", ")
        let text = (["channel"] + ks + ["n"]).joined(separator: " || ',' || ")
        return """
            SELECT unit_code, group_concat(\(text), ';') FROM (
                SELECT unit_code, \(key), COUNT(*) AS n FROM (
                    SELECT unit_code, channel\(classes.map { ",\n" + $0 }.joined())
                    FROM (
                        SELECT unit_code, channel, r, f, d, \(invalidReason) AS reason, status NOT IN (1, 3) AS counted,
                               \(ending) AS ending
                        FROM (\(bounded(span: PeriodBounds(covering: periods), scope: scope))) LIMIT -1 OFFSET 0)
                    WHERE reason IS NULL
                )
                WHERE \(ks.map { "\($0) >= 0" }.joined(separator: " OR "))
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

    /// Decodes one row of `figures` (one unit): the unit's class rows in each period, in the order
    /// of the periods given to `figures`, one row per channel and class.
    static func decode(unit: String, groups: String?, periodCount: Int) -> [[DossierClassCount]] {
        var counts = Array(repeating: [Int: Int](), count: periodCount)
        for group in (groups ?? "").split(separator: ";") {
            let numbers = group.split(separator: ",").map { Int($0)! }
            guard Channel(rawValue: numbers[0]) != nil else { continue }
            for p in 0..<periodCount where numbers[1 + p] >= 0 {
                counts[p][numbers[0] * 16 + numbers[1 + p], default: 0] += numbers[numbers.count - 1]
            }
        }
        return counts.map { period in
            period.sorted { $0.key < $1.key }.map { key, count in
                classRow(unit: unit, channel: Channel(rawValue: key / 16)!, k: key % 16, count: count)
            }
        }
    }
}

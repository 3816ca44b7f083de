import EGovKPI
import GRDB

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
    /// A channel or status that is not an integer (2.5, '4x') is invalid, never rounded
    /// (`columns` names their `SQLDialect.integer` values channel and status).
    static func invalidReason(_ dialect: SQLDialect) -> String {
        """
        CASE
            WHEN no_received THEN '\(InvalidReason.missingReceivedAt.rawValue)'
            WHEN r IS NULL THEN '\(InvalidReason.unparseableReceivedAt.rawValue)'
            WHEN d IS NULL AND NOT no_due THEN '\(InvalidReason.unparseableDueAt.rawValue)'
            WHEN f IS NULL AND NOT no_finished THEN '\(InvalidReason.unparseableFinishedAt.rawValue)'
            WHEN \(dialect.notInteger("channel")) OR channel NOT IN (1, 2, 3) THEN '\(InvalidReason.unknownChannel.rawValue)'
            WHEN \(dialect.notInteger("status")) OR status NOT BETWEEN 1 AND 10 THEN '\(InvalidReason.unknownStatus.rawValue)'
            WHEN status BETWEEN 7 AND 10 AND no_finished THEN '\(InvalidReason.terminalWithoutFinishedAt.rawValue)'
            WHEN status IN (2, 4, 5, 6) AND NOT no_finished THEN '\(InvalidReason.finishedAtOnOpenStatus.rawValue)'
            WHEN f < r THEN '\(InvalidReason.finishedBeforeReceived.rawValue)'
        END
        """
    }

    /// The normalised columns of a dossier; the timestamp texts themselves are not passed on,
    /// only whether they were missing.
    static func columns(_ scope: QueryScope) -> String {
        """
        \(scope.dialect.code("unit_code")), \(scope.dialect.integerColumn("channel")), \(scope.dialect.integerColumn("status")),
               received_at IS NULL AS no_received, finished_at IS NULL AS no_finished, due_at IS NULL AS no_due,
               \(scope.seconds("received_at")) AS r,
               \(scope.seconds("finished_at")) AS f,
               \(scope.day("due_at")) AS d
        """
    }

    /// The columns the figures classify a dossier by besides its times, channel and status (the
    /// dossier indexes end with them).
    static func classified(_ dialect: SQLDialect) -> String {
        "\(dialect.code("procedure_code")), \(dialect.isOne("digitized")) AS digitized, \(dialect.isOne("paid_online")) AS paid"
    }

    /// Every dossier of the scope with its normalised times (the invalid count reads them all).
    /// The fence (`SQLDialect.fence`) keeps the planner from flattening this into the outer
    /// query, which would parse each timestamp once per use.
    static func normalised(scope: QueryScope) -> String {
        "SELECT \(columns(scope)) FROM dossiers WHERE \(scope.filter("unit_code")) \(scope.dialect.fence)"
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
        let select = "SELECT \(columns(scope)), \(classified(scope.dialect)) FROM dossiers WHERE \(scope.filter("unit_code"))"
        return """
            \(select)
              AND received_at >= \(span.lowText) AND received_at < \(span.highText)
            UNION ALL
            \(select)
              AND finished_at >= \(span.lowText) AND received_at < \(span.lowText)
            UNION ALL
            \(select)
              AND finished_at IS NULL AND \(scope.dialect.integer("status")) IN (2, 4, 5, 6) AND received_at < \(span.lowText)
            \(scope.dialect.fence)
            """
    }

    /// Invalid dossiers of the whole history of the scope: (unit_code, reason, count).
    static func invalid(scope: QueryScope) -> String {
        SQLTime.invalidRows(reason: invalidReason(scope.dialect), from: normalised(scope: scope))
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
    static func classCode(_ period: ReportingPeriod, _ dialect: SQLDialect) -> String {
        let b = PeriodBounds(period)
        return """
            CASE WHEN counted AND r < \(b.end) AND (f IS NULL OR f >= \(b.start)) THEN
                \(dialect.number("(r >= \(b.start))")) * 8 + CASE WHEN f < \(b.end) THEN ending \
            ELSE 6 + \(dialect.number("(d IS NOT NULL AND d < \(b.lastDay))")) END
            ELSE -1 END
            """
    }

    /// The flags of a dossier the figures read (`Flag`), from its procedure `p` (NULL when the
    /// code is missing from the catalogue): procedure offered online (online_service `partial` or
    /// `full`); digitised, set only for a dossier received in the span (the figures read it of
    /// the received new alone); fee (has_fee = 1, then paid_online), set only for a resolved
    /// dossier (the only ones the fee figures read), so that the groups stay few. `start` is the
    /// span's S. The two procedure columns are read as they are, so a catalogue row the reader
    /// leaves out for another rule (a missing level...) still classifies its dossiers.
    static func flags(start: Int, _ dialect: SQLDialect) -> String {
        let online = "p.online_service IN ('\(OnlineService.partial.rawValue)', '\(OnlineService.full.rawValue)')"
        return """
        \(dialect.number("(\(dialect.isTrue(online)))"))
                   + \(Flag.digitized) * \(dialect.number("(x.digitized AND x.r >= \(start))"))
                   + \(Flag.fee) * CASE WHEN x.ending BETWEEN 0 AND 3 AND \(dialect.isOne("p.has_fee")) THEN 1 + \(dialect.number("x.paid")) ELSE 0 END
        """
    }

    /// The bits of the flags of `flags`: online 1, digitised 2, fee 4 × `FeePayment`.
    enum Flag {
        static let online = 1
        static let digitized = 2
        static let fee = 4
    }

    /// The dossier query of a read: the valid dossiers `bounded` finds, each counted by unit,
    /// flags (`flags`) and class in every period together. One row per unit code: (unit_code,
    /// "channel,flags,k0,k1,...,count;..."), where k_i is the class in period i or -1. Only the
    /// distinct combinations per unit (the province demo: 10,159 over its 189 units for one
    /// quarter) reach the outer GROUP BY. The procedure of each dossier is one lookup of
    /// the catalogue's primary key.
    static func figures(periods: [ReportingPeriod], scope: QueryScope) -> String {
        let span = PeriodBounds(covering: periods)
        let ks = periods.indices.map { "k\($0)" }
        let dialect = scope.dialect
        let classes = zip(periods, ks).map { "\(classCode($0, dialect)) AS \($1)" }
        let key = (["channel", "flags"] + ks).joined(separator: ", ")
        let text = (["channel", "flags"] + ks + ["n"]).joined(separator: " || ',' || ")
        return """
            SELECT unit_code, \(dialect.groupConcat(text, separator: ";")) FROM (
                SELECT unit_code, \(key), COUNT(*) AS n FROM (
                    SELECT x.unit_code, x.channel,
                           \(flags(start: span.start, dialect)) AS flags\(classes.map { ",\n" + $0 }.joined())
                    FROM (
                        SELECT unit_code, channel, r, f, d, \(invalidReason(dialect)) AS reason, status NOT IN (1, 3) AS counted,
                               \(ending) AS ending, procedure_code, digitized, paid
                        FROM (\(bounded(span: span, scope: scope))) AS b \(dialect.fence)) AS x
                    LEFT JOIN procedures AS p ON \(dialect.codeValue("p.code")) = x.procedure_code
                    WHERE reason IS NULL
                ) AS c
                WHERE \(ks.map { "\($0) >= 0" }.joined(separator: " OR "))
                GROUP BY unit_code, \(key)
            ) AS g
            GROUP BY unit_code
            """
    }

    /// The online-procedures query of a read: for each unit and procedure, whether the unit
    /// received a valid dossier of the workload (status not 1 or 3) of it online (channel 2) in
    /// each period: (unit_code, procedure_code, in period 0, in period 1, ...), 0 or 1. One range
    /// of `dossiers_by_received` per unit, the span's received dossiers.
    static func onlineProcedures(periods: [ReportingPeriod], scope: QueryScope) -> String {
        let span = PeriodBounds(covering: periods)
        let received = periods.map { period in
            let b = PeriodBounds(period)
            return "r >= \(b.start) AND r < \(b.end)"
        }
        let dialect = scope.dialect
        return """
            SELECT unit_code, CAST(procedure_code AS TEXT)\(received.map { ", MAX(\(dialect.number($0)))" }.joined()) FROM (
                SELECT \(columns(scope)), procedure_code FROM dossiers
                WHERE \(scope.filter("unit_code")) AND received_at >= \(span.lowText) AND received_at < \(span.highText) AND \(dialect.integer("channel")) = 2
                \(dialect.fence)) AS o
            WHERE (\(invalidReason(dialect))) IS NULL AND status NOT IN (1, 3) AND procedure_code IS NOT NULL
              AND (\(received.map { "(\($0))" }.joined(separator: " OR ")))
            GROUP BY unit_code, procedure_code
            """
    }

    /// One row of `onlineProcedures`: the unit and procedure (nil without a unit code), and in
    /// which of the `periodCount` periods the unit received a dossier of it online.
    static func onlineUse(_ row: SQLRow, periodCount: Int) -> (use: OnlineProcedureUse?, periods: [Bool]) {
        let periods = (0..<periodCount).map { row.int(2 + $0) == 1 }
        guard let unit = row.text(0), let procedure = row.text(1) else { return (nil, periods) }
        return (OnlineProcedureUse(unit: unit, procedure: procedure), periods)
    }

    /// `flags` without those no figure of class `k` reads: digitised outside the received new,
    /// the fee outside the resolved. A dossier's flags are the same in every period; its class
    /// is not.
    static func relevant(_ flags: Int, k: Int) -> Int {
        var flags = flags
        if k < 8 { flags &= ~Flag.digitized }
        if k % 8 > 3 { flags %= Flag.fee }
        return flags
    }

    /// The class row of `count` dossiers of class `k` (see `classCode`) with `flags` (see
    /// `flags`).
    static func classRow(unit: String, channel: Channel, k: Int, flags: Int, count: Int) -> DossierClassCount {
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
        return DossierClassCount(unit: unit, origin: origin, channel: channel, outcome: outcome, timeliness: timeliness,
                                 procedureOnline: flags & Flag.online != 0, digitized: flags & Flag.digitized != 0,
                                 fee: FeePayment(rawValue: flags / Flag.fee) ?? .noFee, count: count)
    }

    /// Decodes one row of `figures` (one unit): the unit's class rows in each period, in the order
    /// of the periods given to `figures`, one row per channel, class and the flags it reads.
    static func decode(unit: String, groups: String?, periodCount: Int) -> [[DossierClassCount]] {
        var counts = Array(repeating: [Int: Int](), count: periodCount)
        for group in (groups ?? "").split(separator: ";") {
            let numbers = group.split(separator: ",").map { Int($0)! }
            guard Channel(rawValue: numbers[0]) != nil else { continue }
            for p in 0..<periodCount where numbers[2 + p] >= 0 {
                let k = numbers[2 + p]
                counts[p][(numbers[0] * 16 + k) * 16 + relevant(numbers[1], k: k), default: 0] += numbers[numbers.count - 1]
            }
        }
        return counts.map { period in
            period.sorted { $0.key < $1.key }.map { key, count in
                classRow(unit: unit, channel: Channel(rawValue: key / 256)!, k: key / 16 % 16, flags: key % 16, count: count)
            }
        }
    }
}

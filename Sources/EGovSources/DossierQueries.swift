import EGovKPI

/// The aggregate SQL over `dossiers`. Each query reads the covering index `dossiers_by_unit`
/// in unit order, so SQLite aggregates while it scans: no sort, no temporary table, memory
/// independent of the number of dossiers.
enum DossierQueries {
    /// The first rule a dossier breaks, or NULL for a valid one. Both the validity query and
    /// the period query use this one expression, so "valid" means the same thing in both.
    /// Columns `r`, `f`, `d` are the local seconds / day of received_at, finished_at, due_at.
    static let invalidReason = """
        CASE
            WHEN received_at IS NULL THEN '\(InvalidReason.missingReceivedAt.rawValue)'
            WHEN r IS NULL THEN '\(InvalidReason.unparseableReceivedAt.rawValue)'
            WHEN due_at IS NOT NULL AND d IS NULL THEN '\(InvalidReason.unparseableDueAt.rawValue)'
            WHEN finished_at IS NOT NULL AND f IS NULL THEN '\(InvalidReason.unparseableFinishedAt.rawValue)'
            WHEN channel IS NULL OR channel NOT IN (1, 2, 3) THEN '\(InvalidReason.unknownChannel.rawValue)'
            WHEN status IS NULL OR status NOT BETWEEN 1 AND 10 THEN '\(InvalidReason.unknownStatus.rawValue)'
            WHEN status BETWEEN 7 AND 10 AND finished_at IS NULL THEN '\(InvalidReason.terminalWithoutFinishedAt.rawValue)'
            WHEN status IN (2, 4, 5, 6) AND finished_at IS NOT NULL THEN '\(InvalidReason.finishedAtOnOpenStatus.rawValue)'
            WHEN f < r THEN '\(InvalidReason.finishedBeforeReceived.rawValue)'
        END
        """

    /// Every dossier with its normalised times, in index order. `LIMIT -1 OFFSET 0` keeps SQLite
    /// from flattening this into the outer query, which would parse each timestamp once per use.
    static func normalised(scope: QueryScope, where condition: String = "1") -> String {
        """
        SELECT unit_code, channel, status, received_at, finished_at, due_at,
               \(SQLTime.localSeconds("received_at", zone: scope.zone)) AS r,
               \(SQLTime.localSeconds("finished_at", zone: scope.zone)) AS f,
               \(SQLTime.localDay("due_at", zone: scope.zone)) AS d
        FROM dossiers
        WHERE \(scope.filter("unit_code")) AND \(condition)
        ORDER BY unit_code, channel
        LIMIT -1 OFFSET 0
        """
    }

    /// Invalid dossiers: (unit_code, reason, count). Only invalid rows reach the GROUP BY, so
    /// SQLite sorts a handful of rows, not every dossier.
    static func invalid(scope: QueryScope) -> String {
        SQLTime.invalidRows(reason: invalidReason, from: normalised(scope: scope))
    }

    /// Class codes of the period query: origin * 8 + class, where class is 0 early, 1 on time,
    /// 2 late, 3 no due date (resolved), 4 withdrawn, 5 stopped, 6 in progress on time,
    /// 7 in progress overdue.
    static let classCount = 16

    /// The period query: one row per (unit_code, channel) with the 16 class counts.
    static func period(_ period: ReportingPeriod, scope: QueryScope) -> String {
        let b = PeriodBounds(period)
        let sums = (0..<classCount).map { "SUM(k = \($0))" }.joined(separator: ", ")
        return """
            SELECT unit_code, channel, \(sums) FROM (
                SELECT unit_code, channel,
                    CASE WHEN r < \(b.start) THEN 0 ELSE 8 END +
                    CASE WHEN f IS NOT NULL AND f < \(b.end) THEN
                        CASE WHEN status IN (9, 10) THEN
                            CASE WHEN d IS NULL THEN 3 WHEN f / 86400 < d THEN 0 WHEN f / 86400 = d THEN 1 ELSE 2 END
                        WHEN status = 7 THEN 4 ELSE 5 END
                    ELSE CASE WHEN d < \(b.lastDay) THEN 7 ELSE 6 END
                    END AS k
                FROM (\(normalised(scope: scope, where: """
                    status IN (2, 4, 5, 6, 7, 8, 9, 10) AND received_at < \(b.highText) \
                    AND (finished_at IS NULL OR finished_at >= \(b.lowText))
                    """)))
                WHERE r < \(b.end) AND (f IS NULL OR f >= \(b.start)) AND (\(invalidReason)) IS NULL
            )
            GROUP BY unit_code, channel
            """
    }

    /// Decodes one row of the period query into class counts.
    static func classRows(unit: String, channel: Channel, counts: [Int]) -> [DossierClassCount] {
        var rows: [DossierClassCount] = []
        for (k, count) in counts.enumerated() where count > 0 {
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
            rows.append(DossierClassCount(unit: unit, origin: origin, channel: channel, outcome: outcome,
                                          timeliness: timeliness, count: count))
        }
        return rows
    }
}

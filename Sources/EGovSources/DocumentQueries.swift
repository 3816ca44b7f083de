import EGovKPI

/// The aggregate SQL over `documents`, `staff`, `eoffice_activity` and `work_files`: the
/// document-management system's records.
enum DocumentQueries {
    private static let transmissions = Transmission.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    private static let scopes = RecipientScope.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// The first rule a document breaks, or NULL. Transmission, scope and the signature flag are
    /// only checked on outgoing documents, the only ones the indicators read.
    static let invalidReason = """
        CASE
            WHEN direction IS NULL OR direction NOT IN ('outgoing', 'incoming') THEN '\(InvalidReason.unknownDirection.rawValue)'
            WHEN issued_at IS NULL THEN '\(InvalidReason.missingIssuedAt.rawValue)'
            WHEN t IS NULL THEN '\(InvalidReason.unparseableIssuedAt.rawValue)'
            WHEN direction = 'incoming' THEN NULL
            WHEN transmission IS NULL OR transmission NOT IN (\(transmissions)) THEN '\(InvalidReason.unknownTransmission.rawValue)'
            WHEN recipient_scope IS NULL OR recipient_scope NOT IN (\(scopes)) THEN '\(InvalidReason.unknownRecipientScope.rawValue)'
            WHEN digitally_signed IS NULL OR digitally_signed NOT IN (0, 1) THEN '\(InvalidReason.invalidFlag.rawValue)'
        END
        """

    static func normalised(scope: QueryScope, where condition: String? = nil) -> String {
        """
        SELECT \(scope.dialect.code("unit_code")), direction, issued_at, \(scope.dialect.integerColumn("digitally_signed")), transmission, recipient_scope,
               \(scope.seconds("issued_at")) AS t
        FROM documents
        WHERE \(scope.filter("unit_code")) AND \(condition ?? scope.dialect.always)
        \(scope.dialect.fence)
        """
    }

    /// Invalid documents: (unit_code, reason, count).
    static func invalid(scope: QueryScope) -> String {
        SQLTime.invalidRows(reason: invalidReason, from: normalised(scope: scope))
    }

    /// Outgoing documents issued in the period: (unit_code, signed, transmission, scope, count).
    static func period(_ period: ReportingPeriod, scope: QueryScope) -> String {
        let b = PeriodBounds(period)
        return """
            SELECT unit_code, digitally_signed, transmission, recipient_scope, COUNT(*) FROM (\(normalised(scope: scope, where: """
                direction = 'outgoing' AND issued_at >= \(b.lowText) AND issued_at < \(b.highText)
                """))) AS o
            WHERE t >= \(b.start) AND t < \(b.end) AND (\(invalidReason)) IS NULL
            GROUP BY unit_code, digitally_signed, transmission, recipient_scope
            """
    }

    /// The first rule a staff row breaks, or NULL. Columns `a`, `z`: local days of active_from/to.
    static let staffInvalidReason = """
        CASE
            WHEN active_from IS NULL THEN '\(InvalidReason.missingActiveFrom.rawValue)'
            WHEN a IS NULL THEN '\(InvalidReason.unparseableActiveFrom.rawValue)'
            WHEN active_to IS NOT NULL AND z IS NULL THEN '\(InvalidReason.unparseableActiveTo.rawValue)'
            WHEN z < a THEN '\(InvalidReason.activeToBeforeActiveFrom.rawValue)'
        END
        """

    static func staffNormalised(scope: QueryScope) -> String {
        """
        SELECT id, \(scope.dialect.code("unit_code")), active_from, active_to,
               \(scope.day("active_from")) AS a,
               \(scope.day("active_to")) AS z
        FROM staff
        WHERE \(scope.filter("unit_code"))
        \(scope.dialect.fence)
        """
    }

    /// Invalid staff rows: (unit_code, reason, count).
    static func staffInvalid(scope: QueryScope) -> String {
        SQLTime.invalidRows(reason: staffInvalidReason, from: staffNormalised(scope: scope))
    }

    /// E-office activity rows that name no staff member, or a day that is not `YYYY-MM-DD`
    /// (`date()` gives back exactly that spelling of a valid day, and nothing else equals it):
    /// (unit_code of the staff member or NULL, reason, count).
    static func eofficeInvalid(scope: QueryScope) -> String {
        """
        SELECT \(scope.dialect.code("s.unit_code")),
               CASE WHEN s.id IS NULL THEN '\(InvalidReason.unknownStaff.rawValue)'
                    ELSE '\(InvalidReason.unparseableDay.rawValue)' END AS reason, COUNT(*)
        FROM eoffice_activity e LEFT JOIN staff s ON \(scope.dialect.codeValue("s.id")) = \(scope.dialect.codeValue("e.staff_id"))
        WHERE \(scope.filter("s.unit_code", orNull: true))
          AND (s.id IS NULL OR \(scope.dialect.notDay("e.day")))
        GROUP BY s.unit_code, reason
        """
    }

    /// Staff active on at least one day of the period, those of them with e-office activity in
    /// it, and those active on its last day (row 4.2.2): (unit_code, staff, active users,
    /// present). Activity days are `YYYY-MM-DD`, so a text range over the primary key
    /// (staff_id, day) finds them.
    static func staff(_ period: ReportingPeriod, scope: QueryScope) -> String {
        let b = PeriodBounds(period)
        return """
            SELECT unit_code, COUNT(*), SUM(\(scope.dialect.number("""
                EXISTS (
                SELECT 1 FROM eoffice_activity e
                WHERE \(scope.dialect.codeValue("e.staff_id")) = \(scope.dialect.codeValue("s.id")) \
            AND e.day BETWEEN \(SQLTime.literal(period.firstDay)) AND \(SQLTime.literal(period.lastDay)))
            """))),
                   SUM(\(scope.dialect.number("z IS NULL OR z >= \(b.lastDay)")))
            FROM (\(staffNormalised(scope: scope))) AS s
            WHERE a <= \(b.lastDay) AND (z IS NULL OR z >= \(b.firstDay)) AND (\(staffInvalidReason)) IS NULL
            GROUP BY unit_code
            """
    }

    /// The first rule a work file breaks, or NULL. Column `o`: local seconds of opened_at.
    static let workFileInvalidReason = """
        CASE
            WHEN opened_at IS NULL THEN '\(InvalidReason.missingOpenedAt.rawValue)'
            WHEN o IS NULL THEN '\(InvalidReason.unparseableOpenedAt.rawValue)'
            WHEN electronic IS NULL OR electronic NOT IN (0, 1) THEN '\(InvalidReason.invalidFlag.rawValue)'
        END
        """

    static func workFilesNormalised(scope: QueryScope, where condition: String? = nil) -> String {
        """
        SELECT \(scope.dialect.code("unit_code")), opened_at, \(scope.dialect.integerColumn("electronic")), \(scope.seconds("opened_at")) AS o
        FROM work_files
        WHERE \(scope.filter("unit_code")) AND \(condition ?? scope.dialect.always)
        \(scope.dialect.fence)
        """
    }

    /// Invalid work files: (unit_code, reason, count).
    static func workFileInvalid(scope: QueryScope) -> String {
        SQLTime.invalidRows(reason: workFileInvalidReason, from: workFilesNormalised(scope: scope))
    }

    /// Work files opened in the period: (unit_code, electronic, count).
    static func workFiles(_ period: ReportingPeriod, scope: QueryScope) -> String {
        let b = PeriodBounds(period)
        return """
            SELECT unit_code, electronic, COUNT(*) FROM (\(workFilesNormalised(scope: scope, where: """
                opened_at >= \(b.lowText) AND opened_at < \(b.highText)
                """))) AS w
            WHERE o >= \(b.start) AND o < \(b.end) AND (\(workFileInvalidReason)) IS NULL
            GROUP BY unit_code, electronic
            """
    }
}

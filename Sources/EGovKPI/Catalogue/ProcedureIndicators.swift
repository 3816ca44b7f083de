extension IndicatorFamily {
    /// The procedure catalogue (thủ tục hành chính): rows 3.1.1–3.1.3, 3.2.1–3.2.3, 3.2.5 and
    /// 3.3.1–3.3.5, over the procedures at the levels of the unit's subtree in force on the
    /// period's last day.
    static let procedures = IndicatorFamily(
        name: "procedures",
        fields: [
            .count("procedures_published") { $0.procedures.published },
            .count("procedures_abolished") { $0.procedures.abolished },
            .count("procedures") { $0.procedures.total },
            .count("procedures_district") { $0.procedures.total(at: UnitLevel.district) },
            .count("procedures_commune") { $0.procedures.total(at: UnitLevel.commune) },
            .count("procedures_partial_eligible") { $0.procedures.partial?.eligible },
            .count("procedures_partial_offered") { $0.procedures.partial?.offered },
            .count("procedures_partial_with_online_dossiers") { $0.procedures.partial?.withOnlineDossiers },
            .rate("partial_offered_rate") { $0.procedures.partial?.offeredRate },
            .count("procedures_full_eligible") { $0.procedures.full?.eligible },
            .count("procedures_full_offered") { $0.procedures.full?.offered },
            .count("procedures_full_with_online_dossiers") { $0.procedures.full?.withOnlineDossiers },
            .rate("full_offered_rate") { $0.procedures.full?.offeredRate },
            .count("procedures_online") { $0.procedures.online },
            .count("procedures_on_national_portal") { $0.procedures.onNationalPortal },
            .rate("national_portal_rate") { $0.procedures.nationalPortalRate },
            .count("procedures_fee") { $0.procedures.withFee },
            .count("procedures_fee_online_payment") { $0.procedures.withFeeOnlinePayment },
            .rate("online_payment_rate") { $0.procedures.onlinePaymentRate },
            .count("procedures_interconnected_same_level") { $0.procedures.sameLevel },
            .count("procedures_interconnected_inter_level") { $0.procedures.interLevel },
            .count("procedures_location_independent") { $0.procedures.locationIndependent },
            .count("procedures_internal_process_approved") { $0.procedures.processApproved },
            .rate("internal_process_approved_rate") { $0.procedures.processApprovedRate },
            .count("procedures_internal_process_digitized") { $0.procedures.processDigitized },
            .rate("internal_process_digitized_rate") { $0.procedures.processDigitizedRate },
        ],
        metrics: [
            MetricDeclaration(
                "egov_procedures",
                "Procedures in force on the period's last day at the levels present in the unit's subtree, by the level that resolves them (appendix row 3.1.3).",
                labelNames: ["procedure_level"]) { report in
                report.procedures.levels.sorted().map { ([$0], Double(report.procedures.total(at: $0) ?? 0)) }
            },
            .count("egov_procedures_published",
                   "Procedures at the levels of the unit's subtree announced (published_on) in the period (appendix row 3.1.1); absent without the catalogue column.") { $0.procedures.published },
            .count("egov_procedures_abolished",
                   "Procedures at the levels of the unit's subtree abolished or replaced (abolished_on) in the period (appendix row 3.1.2); absent without the catalogue column.") { $0.procedures.abolished },
            .split("egov_procedures_online_eligible",
                   "Procedures in scope that qualify for online service at each level: partial (mức độ 3, appendix row 3.2.1) or full (mức độ 4, row 3.2.2); absent without the catalogue column.",
                   "service") { [("full", $0.procedures.full?.eligible), ("partial", $0.procedures.partial?.eligible)] },
            .split("egov_procedures_online_offered",
                   "Of the procedures qualifying for each online level, those offered at it (appendix rows 3.2.1 and 3.2.2).",
                   "service") { [("full", $0.procedures.full?.offered), ("partial", $0.procedures.partial?.offered)] },
            .split("egov_procedures_online_with_dossiers",
                   "Of the procedures offered at each online level, those the unit's subtree received a dossier of online in the period (appendix rows 3.2.1 and 3.2.2).",
                   "service") { [("full", $0.procedures.full?.withOnlineDossiers), ("partial", $0.procedures.partial?.withOnlineDossiers)] },
            .splitRatio("egov_procedures_online_offered_ratio",
                        "Share (0-1) of the procedures qualifying for each online level that are offered at it (appendix rows 3.2.1 and 3.2.2); absent when none qualifies.",
                        "service") { [("full", $0.procedures.full?.offeredRate), ("partial", $0.procedures.partial?.offeredRate)] },
            .count("egov_procedures_online",
                   "Procedures in scope offered online, partly or wholly (appendix row 3.2.3, first sub-row).") { $0.procedures.online },
            .count("egov_procedures_on_national_portal",
                   "Of the procedures offered online, those integrated and published on the national portal (appendix row 3.2.3); absent without the catalogue column.") { $0.procedures.onNationalPortal },
            .ratio("egov_procedures_national_portal_ratio",
                   "Share (0-1) of the procedures offered online that are on the national portal (appendix row 3.2.3); absent when none is offered online.") { $0.procedures.nationalPortalRate },
            .split("egov_procedures_fee",
                   "Procedures in scope that ask a financial obligation, by whether they are integrated with online payment (appendix row 3.2.5).",
                   "online_payment") { [("false", $0.procedures.withFee - $0.procedures.withFeeOnlinePayment),
                                       ("true", $0.procedures.withFeeOnlinePayment)] },
            .ratio("egov_procedures_online_payment_ratio",
                   "Share (0-1) of the procedures in scope with a financial obligation integrated with online payment (appendix row 3.2.5); absent when none has one.") { $0.procedures.onlinePaymentRate },
            .split("egov_procedures_interconnected",
                   "Procedures in scope resolved together with other agencies: at the same level (appendix row 3.3.1) or across levels (row 3.3.2); absent without the catalogue column.",
                   "interconnection") { [("inter_level", $0.procedures.interLevel), ("same_level", $0.procedures.sameLevel)] },
            .count("egov_procedures_location_independent",
                   "Procedures in scope received and resolved regardless of administrative boundaries (appendix row 3.3.3); absent without the catalogue column.") { $0.procedures.locationIndependent },
            .split("egov_procedures_internal_process",
                   "Procedures in scope whose internal process is approved (digitised or not) and digitised (appendix rows 3.3.4 and 3.3.5); absent without the catalogue column.",
                   "state") { [("approved", $0.procedures.processApproved), ("digitized", $0.procedures.processDigitized)] },
            .ratio("egov_procedures_internal_process_approved_ratio",
                   "Share (0-1) of the procedures in scope with an approved internal process (appendix row 3.3.4).") { $0.procedures.processApprovedRate },
            .ratio("egov_procedures_internal_process_digitized_ratio",
                   "Share (0-1) of the approved internal processes that are digitised (appendix row 3.3.5).") { $0.procedures.processDigitizedRate },
        ],
        rows: [
            catalogueCount("3.1.1", "Số TTHC công bố mới thuộc thẩm quyền") { $0.published },
            catalogueCount("3.1.2", "Số TTHC bãi bỏ, thay thế") { $0.abolished },
            AppendixEntry(
                .indicator, "3.1.3", "Tổng số TTHC đang có hiệu lực", unit: "Thủ tục",
                details: [levelCount("3.1.3.a", UnitLevel.district, "Số TTHC cấp huyện"),
                          levelCount("3.1.3.b", UnitLevel.commune, "Số TTHC cấp xã")],
                value: { .integer($0.report.procedures.total) },
                note: { c in
                    let levels = c.report.procedures.levels.sorted().map(AppendixNote.levelName).joined(separator: ", ")
                    return AppendixNote.join("TTHC \(levels) còn hiệu lực ngày \(c.report.period.lastDay.vietnamese)",
                                             AppendixNote.invalid(c.report, .procedures, "TTHC"))
                }),
            onlineLevelRow("3.2.1", "3", \.partial),
            onlineLevelRow("3.2.2", "4", \.full),
            AppendixEntry(
                .indicator, "3.2.3", "Tỷ lệ TTHC cung cấp trực tuyến mức độ 3 và 4 đã tích hợp, công khai trên Cổng DVC quốc gia", unit: "%",
                details: [
                    AppendixEntry(.detail, "3.2.3.a", "Tổng số TTHC đang cung cấp trực tuyến mức độ 3 và 4", unit: "Thủ tục",
                                  value: { .integer($0.report.procedures.online) }),
                    AppendixEntry(.detail, "3.2.3.b", "Số TTHC cung cấp trực tuyến mức độ 3 và 4 đã tích hợp, công khai", unit: "Thủ tục",
                                  value: { $0.report.procedures.onNationalPortal.map(AppendixValue.integer) }),
                ],
                value: { AppendixValue(percent: $0.report.procedures.nationalPortalRate) },
                note: { $0.report.procedures.onNationalPortal == nil ? AppendixNote.noCatalogue : "" }),
            AppendixEntry(
                .indicator, "3.2.5", "Tỷ lệ TTHC được tích hợp, triển khai thanh toán trực tuyến", unit: "%",
                details: [
                    AppendixEntry(.detail, "3.2.5.a", "Tổng số TTHC có yêu cầu nghĩa vụ tài chính", unit: "Thủ tục",
                                  value: { .integer($0.report.procedures.withFee) }),
                    AppendixEntry(.detail, "3.2.5.b", "Số TTHC đã được tích hợp, triển khai thanh toán trực tuyến", unit: "Thủ tục",
                                  value: { .integer($0.report.procedures.withFeeOnlinePayment) }),
                ],
                value: { AppendixValue(percent: $0.report.procedures.onlinePaymentRate) },
                note: { $0.report.procedures.withFee == 0 ? "Không có TTHC có yêu cầu nghĩa vụ tài chính" : "" }),
            catalogueCount("3.3.1", "Số TTHC liên thông cùng cấp") { $0.sameLevel },
            catalogueCount("3.3.2", "Số TTHC liên thông giữa các cấp chính quyền") { $0.interLevel },
            catalogueCount("3.3.3", "Số TTHC đã thực hiện tiếp nhận và giải quyết hồ sơ theo hướng không phụ thuộc vào địa giới hành chính.") {
                $0.locationIndependent
            },
            catalogueRate("3.3.4", "Tỷ lệ TTHC đã được phê duyệt quy trình nội bộ") { p in
                p.processApprovedRate.map { ($0, "\(grouped($0.numerator))/\(grouped($0.denominator)) TTHC") }
            },
            catalogueRate("3.3.5", "Tỷ lệ quy trình nội bộ giải quyết TTHC đã được điện tử hóa") { p in
                p.processDigitizedRate.map { ($0, "\(grouped($0.numerator))/\(grouped($0.denominator)) quy trình") }
            },
        ])

    /// A count of procedures that needs a catalogue column: blank with a note without it.
    private static func catalogueCount(_ id: String, _ label: String,
                                       _ value: @escaping @Sendable (ProcedureFigures) -> Int?) -> AppendixEntry {
        AppendixEntry(.indicator, id, label, unit: "Thủ tục",
                      value: { value($0.report.procedures).map(AppendixValue.integer) },
                      note: { value($0.report.procedures) == nil ? AppendixNote.noCatalogue : "" })
    }

    /// A rate over procedures that needs a catalogue column, with its counts in the note.
    private static func catalogueRate(_ id: String, _ label: String,
                                      _ rate: @escaping @Sendable (ProcedureFigures) -> (Ratio, String)?) -> AppendixEntry {
        AppendixEntry(.indicator, id, label, unit: "%",
                      value: { AppendixValue(percent: rate($0.report.procedures)?.0) },
                      note: { c in
                          guard let (ratio, text) = rate(c.report.procedures) else { return AppendixNote.noCatalogue }
                          return ratio.denominator == 0 ? "Không có TTHC trong phạm vi" : text
                      })
    }

    /// A sub-row of 3.1.3: the procedures of one level, blank when the level is not in scope.
    private static func levelCount(_ id: String, _ level: String, _ label: String) -> AppendixEntry {
        AppendixEntry(.detail, id, label, unit: "Thủ tục",
                      value: { $0.report.procedures.total(at: level).map(AppendixValue.integer) },
                      note: { $0.report.procedures.total(at: level) == nil ? AppendixNote.notApplicable(level) : "" })
    }

    /// Row 3.2.1 (mức độ 3 ≙ một phần) or 3.2.2 (mức độ 4 ≙ toàn trình) with its three sub-rows.
    private static func onlineLevelRow(_ id: String, _ degree: String,
                                       _ offer: KeyPath<ProcedureFigures, OnlineOffer?> & Sendable) -> AppendixEntry {
        func part(_ suffix: String, _ label: String, _ value: @escaping @Sendable (OnlineOffer) -> Int) -> AppendixEntry {
            AppendixEntry(.detail, id + suffix, label, unit: "Thủ tục",
                          value: { $0.report.procedures[keyPath: offer].map { .integer(value($0)) } })
        }
        return AppendixEntry(
            .indicator, id, "Tỷ lệ TTHC đủ điều kiện được cung cấp trực tuyến mức độ \(degree)", unit: "%",
            details: [
                part(".a", "Tổng số TTHC đủ điều kiện") { $0.eligible },
                part(".b", "Số TTHC đang cung cấp trực tuyến mức độ \(degree)") { $0.offered },
                part(".c", "Số TTHC đang cung cấp trực tuyến mức độ \(degree) có phát sinh hồ sơ nộp trực tuyến") { $0.withOnlineDossiers },
            ],
            value: { AppendixValue(percent: $0.report.procedures[keyPath: offer]?.offeredRate) },
            note: { c in
                guard let o = c.report.procedures[keyPath: offer] else { return AppendixNote.noCatalogue }
                return o.eligible == 0 ? "Không có TTHC đủ điều kiện" : ""
            })
    }
}

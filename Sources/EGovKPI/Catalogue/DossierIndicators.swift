extension IndicatorFamily {
    /// Dossiers (hồ sơ TTHC): the workload and its outcome, rows 3.2.4, 3.4.1 and 3.4.2, the
    /// digitised and online-paid shares.
    static let dossiers = IndicatorFamily(
        name: "dossiers",
        fields: [
            .count("carried_over") { $0.dossiers.carriedOver },
            .count("received_new") { $0.dossiers.receivedNew },
            .count("received_total") { $0.dossiers.receivedTotal },
            .count("received_direct") { $0.dossiers.received(.direct) },
            .count("received_online") { $0.dossiers.received(.online) },
            .count("received_postal") { $0.dossiers.received(.postal) },
            .count("resolved") { $0.dossiers.resolved },
            .count("resolved_early") { $0.dossiers.resolved(.early) },
            .count("resolved_on_time") { $0.dossiers.resolved(.onTime) },
            .count("resolved_late") { $0.dossiers.resolved(.late) },
            .count("resolved_no_due_date") { $0.dossiers.resolved(.noDueDate) },
            .count("withdrawn") { $0.dossiers.withdrawn },
            .count("stopped") { $0.dossiers.stopped },
            .count("in_progress") { $0.dossiers.inProgress },
            .count("in_progress_overdue") { $0.dossiers.inProgressOverdue },
            .count("eligible_received_total") { $0.dossiers.onlineServiceReceived },
            .count("eligible_received_online") { $0.dossiers.onlineServiceReceivedOnline },
            .rate("online_rate") { $0.dossiers.onlineRate },
            .rate("online_share") { $0.dossiers.onlineShare },
            .rate("on_time_rate") { $0.dossiers.onTimeRate },
            .count("district_resolved") { $0.dossiers(receivedAt: UnitLevel.district)?.resolved },
            .count("district_resolved_in_time") { $0.dossiers(receivedAt: UnitLevel.district)?.resolvedInTime },
            .rate("district_on_time_rate") { $0.dossiers(receivedAt: UnitLevel.district)?.onTimeRate },
            .count("commune_resolved") { $0.dossiers(receivedAt: UnitLevel.commune)?.resolved },
            .count("commune_resolved_in_time") { $0.dossiers(receivedAt: UnitLevel.commune)?.resolvedInTime },
            .rate("commune_on_time_rate") { $0.dossiers(receivedAt: UnitLevel.commune)?.onTimeRate },
            .count("received_new_digitized") { $0.dossiers.receivedNewDigitized },
            .rate("digitized_rate") { $0.dossiers.digitizedRate },
            .count("resolved_fee") { $0.dossiers.resolvedFee },
            .count("resolved_fee_paid_online") { $0.dossiers.resolvedFeePaidOnline },
            .rate("paid_online_rate") { $0.dossiers.paidOnlineRate },
        ],
        metrics: [
            MetricDeclaration(
                "egov_dossiers_received",
                "Dossiers of the received total (carried over from before the period plus received in it) of the unit's whole subtree, by channel and origin.",
                labelNames: ["channel", "origin"]) { report in
                Channel.allCases.flatMap { channel in
                    Origin.allCases.map { origin in ([channel.label, origin.label], Double(report.dossiers.received(origin, channel))) }
                }
            },
            .split("egov_dossiers_resolved",
                   "Dossiers of the unit's whole subtree resolved in the period (status 9 or 10), by timeliness against the due date.",
                   "timeliness") { report in
                let d = report.dossiers
                return [("early", d.resolved(.early)), ("late", d.resolved(.late)),
                        ("no_due_date", d.resolved(.noDueDate)), ("on_time", d.resolved(.onTime))]
            },
            .split("egov_dossiers_ended",
                   "Dossiers of the unit's whole subtree that ended in the period without a result: withdrawn by the applicant (status 7) or processing stopped (status 8).",
                   "reason") { [("stopped", $0.dossiers.stopped), ("withdrawn", $0.dossiers.withdrawn)] },
            .split("egov_dossiers_in_progress",
                   "Dossiers of the received total of the unit's whole subtree not finished by the end of the period, on time or overdue (due before the period's last day).",
                   "timeliness") { [("on_time", $0.dossiers.inProgressOnTime), ("overdue", $0.dossiers.inProgressOverdue)] },
            .split("egov_dossiers_online_service_received",
                   "Dossiers of the received total of the unit's whole subtree whose procedure is offered online (partly or wholly), by whether they were received online: the two sub-rows of appendix row 3.2.4.",
                   "online") { [("false", $0.dossiers.onlineServiceReceived - $0.dossiers.onlineServiceReceivedOnline),
                                ("true", $0.dossiers.onlineServiceReceivedOnline)] },
            .ratio("egov_dossiers_online_ratio",
                   "Share (0-1) of the dossiers of procedures offered online, of the unit's whole subtree, received online (appendix row 3.2.4); absent when none was received.") { $0.dossiers.onlineRate },
            .ratio("egov_dossiers_online_share_ratio",
                   "Share (0-1) of the whole received total of the unit's subtree received online, whatever the procedure; absent when nothing was received.") { $0.dossiers.onlineShare },
            .ratio("egov_dossiers_on_time_ratio",
                   "Share (0-1) of resolved dossiers of the unit's whole subtree resolved early or on time; absent when none was resolved.") { $0.dossiers.onTimeRate },
            .split("egov_dossiers_receiving_level_resolved",
                   "Dossiers of the unit's subtree resolved in the period, by the level of the unit that received them (appendix rows 3.4.1 district, 3.4.2 commune); absent for a level with no unit in the subtree.",
                   "receiving_level") { report in UnitReport.receivingLevels.map { ($0, report.dossiers(receivedAt: $0)?.resolved) } },
            .split("egov_dossiers_receiving_level_resolved_in_time",
                   "Of them, resolved early or on time, by receiving level (appendix rows 3.4.1 and 3.4.2).",
                   "receiving_level") { report in UnitReport.receivingLevels.map { ($0, report.dossiers(receivedAt: $0)?.resolvedInTime) } },
            .splitRatio("egov_dossiers_receiving_level_on_time_ratio",
                        "Share (0-1) of the dossiers received at each level of the unit's subtree and resolved in the period that were resolved early or on time (appendix rows 3.4.1 and 3.4.2); absent when none was resolved.",
                        "receiving_level") { report in UnitReport.receivingLevels.map { ($0, report.dossiers(receivedAt: $0)?.onTimeRate) } },
            .count("egov_dossiers_received_new_digitized",
                   "Dossiers received in the period by the unit's whole subtree with digitised components.") { $0.dossiers.receivedNewDigitized },
            .ratio("egov_dossiers_digitized_ratio",
                   "Share (0-1) of the dossiers received in the period by the unit's whole subtree with digitised components; absent when none was received.") { $0.dossiers.digitizedRate },
            .split("egov_dossiers_resolved_fee",
                   "Resolved dossiers of the unit's whole subtree whose procedure asks a financial obligation, by whether it was paid online.",
                   "paid_online") { [("false", $0.dossiers.resolvedFee - $0.dossiers.resolvedFeePaidOnline),
                                    ("true", $0.dossiers.resolvedFeePaidOnline)] },
            .ratio("egov_dossiers_paid_online_ratio",
                   "Share (0-1) of the resolved dossiers with a financial obligation of the unit's whole subtree paid online; absent when none was resolved.") { $0.dossiers.paidOnlineRate },
        ],
        rows: [
            AppendixEntry(
                .indicator, "3.2.4",
                "Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến mức độ 3 và 4 (Chỉ thống kê đối với các TTHC mức độ 3 và 4 có phát sinh hồ sơ)",
                unit: "%",
                details: [
                    AppendixEntry(.detail, "3.2.4.a", "Tổng số hồ sơ TTHC đã tiếp nhận (cả trực tiếp và trực tuyến)", unit: "Hồ sơ",
                                  value: { .integer($0.report.dossiers.onlineServiceReceived) },
                                  note: { c in
                                      let left = c.report.dossiers.receivedTotal - c.report.dossiers.onlineServiceReceived
                                      return left == 0 ? "" : "Không tính \(grouped(left)) hồ sơ của TTHC chưa cung cấp trực tuyến"
                                  }),
                    AppendixEntry(.detail, "3.2.4.b", "Số hồ sơ TTHC đã tiếp nhận trực tuyến", unit: "Hồ sơ",
                                  value: { .integer($0.report.dossiers.onlineServiceReceivedOnline) }),
                ],
                value: { AppendixValue(percent: $0.report.dossiers.onlineRate) },
                note: { c in
                    AppendixNote.join(c.report.dossiers.onlineServiceReceived == 0 ? "Không có hồ sơ của TTHC trực tuyến trong kỳ" : "",
                                      AppendixNote.invalid(c.report, .dossiers, "hồ sơ"))
                }),
            receivingLevelRow("3.4.1", UnitLevel.district,
                              "Tỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hạn"),
            receivingLevelRow("3.4.2", UnitLevel.commune,
                              "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn"),
        ])

    /// Rows 3.4.1 / 3.4.2: the dossiers of the subtree received by units of `level`.
    private static func receivingLevelRow(_ id: String, _ level: String, _ label: String) -> AppendixEntry {
        AppendixEntry(
            .indicator, id, label, unit: "%",
            details: [
                AppendixEntry(.detail, id + ".a", "Tổng số hồ sơ TTHC đã giải quyết xong", unit: "Hồ sơ",
                              value: { $0.report.dossiers(receivedAt: level).map { .integer($0.resolved) } },
                              note: { c in
                                  guard let d = c.report.dossiers(receivedAt: level), d.resolved(.noDueDate) > 0 else { return "" }
                                  return "Gồm \(grouped(d.resolved(.noDueDate))) hồ sơ không có hạn trả, tính là không đúng hạn"
                              }),
                AppendixEntry(.detail, id + ".b", "Số hồ sơ TTHC giải quyết đúng hạn", unit: "Hồ sơ",
                              value: { $0.report.dossiers(receivedAt: level).map { .integer($0.resolvedInTime) } },
                              note: { c in
                                  guard let d = c.report.dossiers(receivedAt: level) else { return "" }
                                  return "Trước hạn: \(grouped(d.resolved(.early))); đúng hạn: \(grouped(d.resolved(.onTime))); quá hạn: \(grouped(d.resolved(.late)))"
                              }),
            ],
            value: { AppendixValue(percent: $0.report.dossiers(receivedAt: level)?.onTimeRate) },
            note: { c in
                guard let d = c.report.dossiers(receivedAt: level) else { return AppendixNote.notApplicable(level) }
                return AppendixNote.join(d.resolved == 0 ? "Không có hồ sơ giải quyết xong trong kỳ" : "",
                                         AppendixNote.invalid(c.report, .dossiers, "hồ sơ"))
            })
    }
}

/// A count as Vietnamese prints it (77.068).
func grouped(_ n: Int) -> String { VietnameseNumber.text(n) }

import EGovKPI

/// A family with series for every unit of the tree and every exposed period, labelled
/// `{unit,level,period,...}`: the figures of DOMAIN.md section 4 over the unit's whole subtree.
struct UnitPeriodFamily: Sendable {
    /// The family name.
    let name: String
    /// The help text, before the "Refreshed every N seconds." sentence.
    let help: String
    /// Labels after `unit`, `level` and `period`.
    let labelNames: [String]
    /// Each series of one unit's report: values of `labelNames` and the value; a nil value (a
    /// ratio whose denominator is 0) leaves the series out.
    let series: @Sendable (UnitReport) -> [(labels: [String], value: Double?)]

    /// A family of one unlabelled count per unit and period.
    static func count(_ name: String, _ help: String, _ value: @escaping @Sendable (UnitReport) -> Int) -> Self {
        Self(name: name, help: help, labelNames: []) { [([], Double(value($0)))] }
    }

    /// A family of one 0-1 ratio per unit and period, left out when undefined.
    static func ratio(_ name: String, _ help: String, _ ratio: @escaping @Sendable (UnitReport) -> Ratio) -> Self {
        Self(name: name, help: help, labelNames: []) { [([], ratio($0).value)] }
    }

    /// A family of counts split by one label (`label` = each key).
    static func split(_ name: String, _ help: String, _ label: String,
                      _ parts: @escaping @Sendable (UnitReport) -> KeyValuePairs<String, Int>) -> Self {
        Self(name: name, help: help, labelNames: [label]) { report in
            parts(report).map { ([$0.key], Double($0.value)) }
        }
    }
}

extension UnitPeriodFamily {
    /// Every per-unit, per-period family of issue 3 item 4, in name order.
    static let all: [UnitPeriodFamily] = [
        Self(name: "egov_dossiers_received",
             help: "Dossiers of the received total (carried over from before the period plus received in it) of the unit's whole subtree, by channel and origin.",
             labelNames: ["channel", "origin"]) { report in
            Channel.allCases.flatMap { channel in
                Origin.allCases.map { origin in
                    ([channel.label, origin.label], Double(report.dossiers.received(origin, channel)))
                }
            }
        },
        .split("egov_dossiers_resolved",
               "Dossiers of the unit's whole subtree resolved in the period (status 9 or 10), by timeliness against the due date.",
               "timeliness") { report in
            let d = report.dossiers
            return ["early": d.resolved(.early), "late": d.resolved(.late),
                    "no_due_date": d.resolved(.noDueDate), "on_time": d.resolved(.onTime)]
        },
        .split("egov_dossiers_ended",
               "Dossiers of the unit's whole subtree that ended in the period without a result: withdrawn by the applicant (status 7) or processing stopped (status 8).",
               "reason") { ["stopped": $0.dossiers.stopped, "withdrawn": $0.dossiers.withdrawn] },
        .split("egov_dossiers_in_progress",
               "Dossiers of the received total of the unit's whole subtree not finished by the end of the period, on time or overdue (due before the period's last day).",
               "timeliness") { ["on_time": $0.dossiers.inProgressOnTime, "overdue": $0.dossiers.inProgressOverdue] },
        .ratio("egov_dossiers_online_ratio",
               "Share (0-1) of the received total of the unit's whole subtree submitted online (appendix row 3.2.4); absent when nothing was received.") { $0.dossiers.onlineRate },
        .ratio("egov_dossiers_on_time_ratio",
               "Share (0-1) of resolved dossiers of the unit's whole subtree resolved early or on time (appendix row 3.4.1 for a district, 3.4.2 for a commune); absent when none was resolved.") { $0.dossiers.onTimeRate },
        .split("egov_outgoing_documents",
               "Outgoing documents issued in the period by the unit's whole subtree, by digital signature.",
               "signed") { ["false": $0.documents.outgoing - $0.documents.outgoingSigned, "true": $0.documents.outgoingSigned] },
        .ratio("egov_outgoing_documents_signed_ratio",
               "Share (0-1) of outgoing documents of the unit's whole subtree that were digitally signed; absent when none was issued.") { $0.documents.signedRate },
        .split("egov_interagency_documents",
               "Outgoing documents of the unit's whole subtree sent to other state agencies in the period, by transmission mode (appendix row 7.5.2; documents to villages excluded).",
               "mode") { report in
            let d = report.documents
            return ["electronic_unsigned": d.interagency(.electronicUnsigned),
                    "electronic_with_paper": d.interagency(.electronicWithPaper),
                    "fully_electronic": d.interagency(.fullyElectronic), "paper": d.interagency(.paper)]
        },
        .ratio("egov_interagency_documents_electronic_ratio",
               "Share (0-1) of documents of the unit's whole subtree to other agencies sent electronically, with or without a paper copy (appendix row 7.5.2); absent when none was sent.") { $0.documents.electronicRate },
        .ratio("egov_interagency_documents_fully_electronic_ratio",
               "Share (0-1) of documents of the unit's whole subtree to other agencies sent fully electronically: electronic only and digitally signed (appendix row 7.5.2, first sub-row); absent when none was sent.") { $0.documents.fullyElectronicRate },
        .count("egov_staff",
               "Staff of the unit's whole subtree active on at least one day of the period.") { $0.eoffice.staff },
        .count("egov_eoffice_active_staff",
               "Staff of the unit's whole subtree with at least one day of activity in the document-management system in the period.") { $0.eoffice.activeUsers },
        .ratio("egov_eoffice_usage_ratio",
               "Share (0-1) of the staff of the unit's whole subtree active in the document-management system in the period; absent when there is no staff.") { $0.eoffice.usageRate },
        .split("egov_work_files",
               "Work files opened in the period by the unit's whole subtree, by whether they are created and processed electronically.",
               "electronic") { ["false": $0.eoffice.workFiles - $0.eoffice.workFilesElectronic, "true": $0.eoffice.workFilesElectronic] },
        .ratio("egov_work_files_electronic_ratio",
               "Share (0-1) of work files opened in the period by the unit's whole subtree that are electronic (Resolution 17/NQ-CP targets); absent when none was opened.") { $0.eoffice.electronicWorkFileRate },
    ]

    /// This family's series for every unit of `units` (sorted codes) and every period.
    func family(units: [String], periods: [ExposedPeriod], refreshNote: String) -> MetricFamily {
        var samples: [MetricSample] = []
        samples.reserveCapacity(units.count * periods.count * max(1, labelNames.count * 4))
        for code in units {
            for period in periods {
                guard let report = period.report[code] else { continue }
                let base: [(name: String, value: String)] = [
                    ("unit", code), ("level", report.unit.level), ("period", period.label),
                ]
                for (values, value) in series(report) {
                    guard let value else { continue }
                    samples.append(MetricSample(labels: base + zip(labelNames, values).map { ($0, $1) }, value: value))
                }
            }
        }
        return MetricFamily(name: name, help: "\(help) \(refreshNote)", samples: samples)
    }
}

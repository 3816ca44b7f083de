extension IndicatorFamily {
    /// Outgoing documents (văn bản đi): the digitally signed share and row 7.5.2.
    static let documents = IndicatorFamily(
        name: "documents",
        fields: [
            .count("outgoing") { $0.documents.outgoing },
            .count("outgoing_signed") { $0.documents.outgoingSigned },
            .rate("signed_rate") { $0.documents.signedRate },
            .count("interagency") { $0.documents.interagencyTotal },
            .count("interagency_electronic") { $0.documents.interagencyElectronic },
            .count("interagency_fully_electronic") { $0.documents.interagency(.fullyElectronic) },
            .count("interagency_with_paper") { $0.documents.interagency(.electronicWithPaper) },
            .rate("interagency_electronic_rate") { $0.documents.electronicRate },
            .rate("interagency_fully_electronic_rate") { $0.documents.fullyElectronicRate },
            .rate("interagency_with_paper_rate") { $0.documents.withPaperRate },
        ],
        metrics: [
            .split("egov_outgoing_documents",
                   "Outgoing documents issued in the period by the unit's whole subtree, by digital signature.",
                   "signed") { [("false", $0.documents.outgoing - $0.documents.outgoingSigned), ("true", $0.documents.outgoingSigned)] },
            .ratio("egov_outgoing_documents_signed_ratio",
                   "Share (0-1) of outgoing documents of the unit's whole subtree that were digitally signed; absent when none was issued.") { $0.documents.signedRate },
            .split("egov_interagency_documents",
                   "Outgoing documents of the unit's whole subtree sent to other state agencies in the period, by transmission mode (appendix row 7.5.2; documents to villages excluded).",
                   "mode") { report in
                let d = report.documents
                return [("electronic_unsigned", d.interagency(.electronicUnsigned)),
                        ("electronic_with_paper", d.interagency(.electronicWithPaper)),
                        ("fully_electronic", d.interagency(.fullyElectronic)), ("paper", d.interagency(.paper))]
            },
            .ratio("egov_interagency_documents_electronic_ratio",
                   "Share (0-1) of documents of the unit's whole subtree to other agencies sent electronically, with or without a paper copy (appendix row 7.5.2); absent when none was sent.") { $0.documents.electronicRate },
            .ratio("egov_interagency_documents_fully_electronic_ratio",
                   "Share (0-1) of documents of the unit's whole subtree to other agencies sent fully electronically: electronic only and digitally signed (appendix row 7.5.2, first sub-row); absent when none was sent.") { $0.documents.fullyElectronicRate },
        ],
        rows: [
            AppendixEntry(
                .indicator, "7.5.2", "Tỷ lệ văn bản trao đổi giữa các cơ quan, đơn vị trên địa bàn dưới dạng điện tử", unit: "%",
                details: [
                    AppendixEntry(.detail, "7.5.2.a",
                                  "Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử (Sử dụng chữ ký số, chứng thư số và gửi trên môi trường điện tử)",
                                  unit: "%", value: { AppendixValue(percent: $0.report.documents.fullyElectronicRate) },
                                  note: { c in
                                      let d = c.report.documents
                                      return d.interagencyTotal == 0 ? "" : "\(grouped(d.interagency(.fullyElectronic))) văn bản"
                                  }),
                    AppendixEntry(.detail, "7.5.2.b", "Tỷ lệ văn bản được gửi dưới dạng điện tử và song song với văn bản giấy",
                                  unit: "%", value: { AppendixValue(percent: $0.report.documents.withPaperRate) },
                                  note: { c in
                                      let d = c.report.documents
                                      return d.interagencyTotal == 0 ? "" : "\(grouped(d.interagency(.electronicWithPaper))) văn bản"
                                  }),
                ],
                value: { AppendixValue(percent: $0.report.documents.electronicRate) },
                note: { c in
                    let d = c.report.documents
                    return AppendixNote.join(
                        d.interagencyTotal == 0 ? "Không có văn bản đi gửi cơ quan, đơn vị trong kỳ"
                            : "\(grouped(d.interagencyElectronic))/\(grouped(d.interagencyTotal)) văn bản; không tính văn bản gửi đến xóm",
                        AppendixNote.invalid(c.report, .documents, "văn bản"))
                }),
        ])
}

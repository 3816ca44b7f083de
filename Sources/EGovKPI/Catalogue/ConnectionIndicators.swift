extension IndicatorFamily {
    /// Connections of the subtree's units to the document axis and the one-stop-shop system, as
    /// of the period's last day: rows 7.5.1, 7.6.1 and 7.6.2. Their metric families
    /// (`egov_member_units`, `egov_member_units_connected`) are as of today, not per period: the
    /// exposition builds them from the tree.
    static let connections = IndicatorFamily(
        name: "connections",
        fields: [
            .count("units_doc_axis") { $0.connections.docAxisUnits },
            .count("units_doc_axis_connected") { $0.connections.docAxisConnected },
            .rate("doc_axis_rate") { $0.connections.docAxisRate },
            .count("districts") { $0.connections.districts },
            .count("districts_one_stop_connected") { $0.connections.districtsOneStopConnected },
            .count("communes") { $0.connections.communes },
            .count("communes_one_stop_connected") { $0.connections.communesOneStopConnected },
        ],
        metrics: [],
        rows: [
            AppendixEntry(.indicator, "7.5.1",
                          "Tỷ lệ thực hiện kết nối, liên thông các Hệ thống quản lý văn bản điều hành từ cấp huyện đến cấp xã", unit: "%",
                          value: { AppendixValue(percent: $0.report.connections.docAxisRate) },
                          note: { c in AppendixNote.connected(c.report.connections.docAxisConnected, of: c.report.connections.docAxisUnits,
                                                              "cấp huyện, cấp xã") }),
            AppendixEntry(.indicator, "7.6.1", "Tỷ lệ đơn vị cấp huyện đã kết nối liên thông với Hệ thống", unit: "%",
                          value: { AppendixValue(percent: $0.report.connections.districtOneStopRate) },
                          note: { c in AppendixNote.connected(c.report.connections.districtsOneStopConnected,
                                                              of: c.report.connections.districts, "cấp huyện") }),
            AppendixEntry(.indicator, "7.6.2", "Tỷ lệ đơn vị cấp xã đã kết nối liên thông với Hệ thống", unit: "%",
                          value: { AppendixValue(percent: $0.report.connections.communeOneStopRate) },
                          note: { c in AppendixNote.connected(c.report.connections.communesOneStopConnected,
                                                              of: c.report.connections.communes, "cấp xã") }),
        ])
}

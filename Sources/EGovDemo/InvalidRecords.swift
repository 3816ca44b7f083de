/// Deliberately broken records, so that the exporter's invalid-record counting has something to
/// find: one of each kind per copy, spread over units outside Định Hóa (Bình Yên's district).
/// Every id starts with `INVALID-`.
struct InvalidRecords {
    /// Units that may carry invalid records.
    let units: [String]
    let firstDay: Int
    let lastDay: Int

    /// Counts written per table.
    struct Counts {
        var dossiers = 0, documents = 0, staff = 0, activity = 0, workFiles = 0
    }

    /// Writes `copies` sets of invalid records.
    func write(copies: Int, seed: UInt64, into sink: DemoSink) throws -> Counts {
        var rng = DemoRandom(seed: seed, stream: "invalid")
        var counts = Counts()
        guard !units.isEmpty, lastDay >= firstDay else { return counts }
        for copy in 1...copies {
            let unit = units[(copy * 7) % units.count]
            let day = rng.int(firstDay...lastDay)
            let at = day * 86_400 + 9 * 3600 + rng.int(0..<4 * 3600)
            let text = Spelling.space.format(at)
            let later = Spelling.space.format(at + 2 * 3600), earlier = Spelling.space.format(at - 86_400)
            let due = Spelling.dateOnly.format(at + 5 * 86_400)
            func dossier(_ tag: String, unit: String? = unit, channel: Int = 1, status: Int = 10,
                         received: String? = text, due: String? = due, finished: String? = later) -> DossierRow {
                DossierRow(id: "INVALID-D\(copy)-\(tag)", unit: unit, procedure: nil, channel: channel, status: status,
                           received: received, due: due, finished: finished, returned: nil, updated: later)
            }
            let dossiers = [
                dossier("unknown-unit", unit: "99999"),
                dossier("no-received", received: nil),
                dossier("bad-received", received: "15/03/2024"),
                dossier("bad-due", due: "ngày 20/03/2024"),
                dossier("bad-finished", status: 9, finished: "2024/03/18 10:00"),
                dossier("channel-4", channel: 4),
                dossier("status-11", status: 11),
                dossier("finished-before-received", finished: earlier),
                dossier("processed-unfinished", status: 9, finished: nil),
                dossier("open-finished", status: 4),
            ]
            for row in dossiers { try sink.dossier(row) }
            counts.dossiers += dossiers.count

            func document(_ tag: String, direction: String = "outgoing", issued: String? = text,
                          transmission: String = "electronic", scope: String = "agency") -> DocumentRow {
                DocumentRow(id: "INVALID-VB\(copy)-\(tag)", unit: unit, direction: direction, issued: issued,
                            signed: 1, transmission: transmission, scope: scope, updated: later)
            }
            let documents = [
                document("sideways", direction: "sideways"),
                document("fax", transmission: "fax"),
                document("planet", scope: "planet"),
                document("bad-issued", issued: "31/12/2024"),
                document("no-issued", issued: nil),
            ]
            for row in documents { try sink.document(row) }
            counts.documents += documents.count

            try sink.staff(StaffRow(id: "INVALID-CB\(copy)-unknown-unit", unit: "99999",
                                    activeFrom: "2020-01-06", activeTo: nil))
            try sink.staff(StaffRow(id: "INVALID-CB\(copy)-reversed", unit: unit,
                                    activeFrom: "2024-05-02", activeTo: "2024-02-01"))
            counts.staff += 2
            try sink.activity(staff: "INVALID-CB\(copy)-nobody", day: Spelling.day(day))
            counts.activity += 1
            try sink.workFile(WorkFileRow(id: "INVALID-HSCV\(copy)-bad-opened", unit: unit,
                                          opened: "2024-02-30 08:00:00", electronic: 1))
            try sink.workFile(WorkFileRow(id: "INVALID-HSCV\(copy)-no-opened", unit: unit, opened: nil, electronic: 0))
            counts.workFiles += 2
        }
        return counts
    }
}

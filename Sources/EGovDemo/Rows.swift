/// One row of `dossiers`, as written (spelled timestamps, possibly invalid values).
struct DossierRow {
    var id: String
    var unit: String?
    var procedure: String?
    var channel: Int?
    var status: Int?
    var received: String?
    var due: String?
    var finished: String?
    var returned: String?
    var paidOnline = 0
    var digitized = 0
    var updated: String?
}

/// One row of `documents`.
struct DocumentRow {
    var id: String
    var unit: String?
    var direction: String?
    var issued: String?
    var signed: Int?
    var transmission: String?
    var scope: String?
    var updated: String?
}

/// One row of `staff`.
struct StaffRow {
    var id: String
    var unit: String?
    var activeFrom: String?
    var activeTo: String?
}

/// One row of `work_files`.
struct WorkFileRow {
    var id: String
    var unit: String?
    var opened: String?
    var electronic: Int?
}

/// Where generated rows go: the SQLite writer, or a counter in tests.
protocol DemoSink: AnyObject {
    func dossier(_ row: DossierRow) throws
    func document(_ row: DocumentRow) throws
    func staff(_ row: StaffRow) throws
    func activity(staff: String, day: String) throws
    func workFile(_ row: WorkFileRow) throws
}

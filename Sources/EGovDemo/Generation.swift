import EGovKPI
import EGovSources
import GRDB

/// Volumes of each scale.
extension DemoScale {
    var dossierTarget: Int { self == .small ? 4_500 : 1_000_000 }
    var documentTarget: Int { self == .small ? 4_000 : 300_000 }
    var activityBudget: Double { self == .small ? 40_000 : 950_000 }
    var workFileTarget: Double { self == .small ? 3_000 : 150_000 }
    var invalidCopies: Int { self == .small ? 1 : 15 }
}

/// Counts progress in a closure-friendly box (the generation runs on one thread).
private final class Tally {
    var done = 0
}

extension DemoGenerator {
    /// Creates the schema and fills it: units, procedures, Bình Yên's plan, every unit's random
    /// records, the invalid ones; then the indexes and `ANALYZE`.
    func generate(_ db: Database, progress: (@Sendable (Int, Int) -> Void)?) throws -> DemoSummary {
        try db.execute(sql: """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;
            PRAGMA temp_store=MEMORY; PRAGMA cache_size=-262144;
            """)
        try db.execute(sql: CanonicalSchema.tables)
        let firstDay = VolumePlan.firstDay.dayNumber, lastDay = until.dayNumber
        let calendarEnd = max(until, LocalDate(year: 2024, month: 4, day: 1)!).adding(days: 400)
        let historyStart = LocalDate(year: VolumePlan.firstDay.year - historyYears, month: VolumePlan.firstDay.month,
                                     day: VolumePlan.firstDay.day)!
        let calendar = WorkCalendar(from: min(historyStart, LocalDate(year: 2023, month: 1, day: 1)!), through: calendarEnd)
        let units = UnitPlan.build(scale: scale, seed: seed, until: until)
        let catalogue = ProcedureCatalogue(seed: seed)
        let volumes = VolumePlan(units: units, calendar: calendar, until: until, seed: seed,
                                 dossierTarget: scale.dossierTarget, documentTarget: scale.documentTarget) { unit, day in
            unit.archetype == .binhYen && day >= BinhYenPlan.blackoutStart && day < BinhYenPlan.periodEnd
        }
        let history = historyPlan(units: units, calendar: calendar, from: historyStart)
        let total = volumes.dossierTotal + volumes.documentTotal + (history?.dossierTotal ?? 0) + (history?.documentTotal ?? 0)
        let tally = Tally()
        let written: (Int) -> Void = { count in
            tally.done += count
            progress?(min(tally.done, total), total)
        }
        let end = (lastDay + 1) * 86_400
        let dossierFactory = DossierFactory(calendar: calendar, end: end)
        let documentFactory = DocumentFactory(end: end)
        let workingDays = calendar.workingDayCount(from: firstDay, through: lastDay)
        let staffDays = units.reduce(0.0) { $0 + Double($1.staffCount * workingDays) }
        let expectedActivity = units.reduce(0.0) {
            $0 + Double($1.staffCount * workingDays) * $1.behaviour.eofficeUsers * $1.behaviour.eofficeDays
        }
        let staffFactory = StaffFactory(
            calendar: calendar, firstDay: firstDay, lastDay: lastDay,
            activityFactor: expectedActivity > 0 ? min(1, scale.activityBudget / expectedActivity) : 1,
            workFileRate: staffDays > 0 ? scale.workFileTarget / staffDays : 0)

        var dossiers = 0, documents = 0
        var people = StaffFactory.Counts()
        try db.inTransaction {
            try SQLiteSink.writeUnits(units, db)
            try SQLiteSink.writeProcedures(catalogue.all + catalogue.retired, db)
            let sink = try SQLiteSink(db)
            for (index, unit) in units.enumerated() {
                let picker = catalogue.picker(for: unit.procedureLevel)
                let isBinhYen = unit.archetype == .binhYen
                if isBinhYen {
                    let plan = BinhYenPlan(factory: dossierFactory, picker: picker, digitized: unit.behaviour.digitized)
                    dossiers += try plan.write(seed: seed, into: sink)
                }
                dossiers += try dossierFactory.writeDossiers(
                    of: unit, picker: picker, counts: volumes.dossiers[index], firstDay: firstDay, seed: seed,
                    settledBefore: isBinhYen ? BinhYenPlan.periodStart * 86_400 : nil, into: sink, written: written)
                documents += try documentFactory.writeDocuments(
                    of: unit, counts: volumes.documents[index], firstDay: firstDay, seed: seed, into: sink, written: written)
                if let history {
                    // Closed history: every dossier finished before the demo's first day.
                    dossiers += try dossierFactory.writeDossiers(
                        of: unit, picker: picker, counts: history.dossiers[index], firstDay: historyStart.dayNumber, seed: seed,
                        stream: "history-dossiers", settledBefore: firstDay * 86_400, into: sink, written: written)
                    documents += try documentFactory.writeDocuments(
                        of: unit, counts: history.documents[index], firstDay: historyStart.dayNumber, seed: seed,
                        stream: "history", into: sink, written: written)
                }
                let counts = try staffFactory.write(unit, seed: seed, into: sink)
                people.staff += counts.staff
                people.activity += counts.activity
                people.workFiles += counts.workFiles
            }
            let eligible = units.filter {
                $0.code != DemoUnits.dinhHoa && $0.parent != DemoUnits.dinhHoa && $0.archetype != .binhYen
            }.map(\.code)
            let invalid = try InvalidRecords(units: eligible, firstDay: firstDay, lastDay: lastDay)
                .write(copies: scale.invalidCopies, seed: seed, into: sink)
            dossiers += invalid.dossiers
            documents += invalid.documents
            people.staff += invalid.staff
            people.activity += invalid.activity
            people.workFiles += invalid.workFiles
            return .commit
        }
        try CanonicalSchema.createIndexes(in: db)
        try db.execute(sql: "ANALYZE")
        progress?(total, total)
        return DemoSummary(units: units.count, dossiers: dossiers, documents: documents, staff: people.staff,
                           eofficeActivity: people.activity, workFiles: people.workFiles)
    }

    /// The volumes of the closed history, from `start` to the day before the demo's first day,
    /// at the pace of the rest of the demo; nil without history.
    private func historyPlan(units: [DemoUnit], calendar: WorkCalendar, from start: LocalDate) -> VolumePlan? {
        guard historyYears > 0 else { return nil }
        let last = VolumePlan.firstDay.adding(days: -1)
        let share = Double(last.dayNumber - start.dayNumber + 1) / Double(max(1, until.dayNumber - VolumePlan.firstDay.dayNumber + 1))
        return VolumePlan(units: units, calendar: calendar, from: start, until: last, seed: seed, stream: "history-volume",
                          dossierTarget: Int(Double(scale.dossierTarget) * share),
                          documentTarget: Int(Double(scale.documentTarget) * share)) { _, _ in false }
    }
}

import EGovKPI

/// How many dossiers and documents each unit gets on each day, fixed before any row is written
/// so that the progress total is exact and every unit's volume is independent of the others.
struct VolumePlan {
    /// First day with records: 15/09/2023, so that 2024-Q1 (nd09) has carried-over dossiers.
    static let firstDay = LocalDate(year: 2023, month: 9, day: 15)!

    /// Dossiers per day (index 0 = `firstDay`), per unit in unit order.
    let dossiers: [[Int]]
    /// Documents per day, per unit.
    let documents: [[Int]]

    var dossierTotal: Int { dossiers.reduce(0) { $0 + $1.reduce(0, +) } }
    var documentTotal: Int { documents.reduce(0) { $0 + $1.reduce(0, +) } }

    /// Spreads `dossierTarget` and `documentTarget` over `units` by weight, from `firstDay`
    /// through `until`, each unit drawing from its own random stream under `stream`. Weekends and holidays get a few online dossiers and no documents.
    /// `blackout` days of a unit get no random dossiers (its hand-placed plan covers them).
    init(units: [DemoUnit], calendar: WorkCalendar, from firstDay: LocalDate = VolumePlan.firstDay, until: LocalDate,
         seed: UInt64, stream: String = "volume", dossierTarget: Int, documentTarget: Int, blackout: (DemoUnit, Int) -> Bool) {
        let first = firstDay.dayNumber, last = until.dayNumber
        let days = max(0, last - first + 1)
        let working = days == 0 ? 0 : calendar.workingDayCount(from: first, through: last)
        let idle = days - working
        func weekendFactor(_ unit: DemoUnit) -> Double { 0.12 * unit.behaviour.online }
        let dossierUnits = units.reduce(0.0) { $0 + $1.dossierWeight * (Double(working) + weekendFactor($1) * Double(idle)) }
        let documentUnits = units.reduce(0.0) { $0 + $1.documentWeight * Double(working) }
        var dossiers: [[Int]] = [], documents: [[Int]] = []
        for unit in units {
            var rng = DemoRandom(seed: seed, stream: "\(stream)/\(unit.code)")
            let dossierRate = dossierUnits > 0 ? Double(dossierTarget) * unit.dossierWeight / dossierUnits : 0
            let documentRate = documentUnits > 0 ? Double(documentTarget) * unit.documentWeight / documentUnits : 0
            var perDay: [Int] = [], docs: [Int] = []
            for day in first..<(first + days) {
                let isWorking = calendar.isWorkingDay(day)
                let factor = isWorking ? rng.double(0.7...1.3) : weekendFactor(unit)
                let count = rng.count(mean: dossierRate * factor)
                perDay.append(blackout(unit, day) ? 0 : count)
                docs.append(isWorking ? rng.count(mean: documentRate * rng.double(0.6...1.4)) : 0)
            }
            dossiers.append(perDay)
            documents.append(docs)
        }
        self.dossiers = dossiers
        self.documents = documents
    }
}

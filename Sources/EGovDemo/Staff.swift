import EGovKPI

/// Staff (table `staff`), their e-office activity days (`eoffice_activity`) and their work files
/// (`work_files`) for one unit.
///
/// Xã Bình Yên has exactly 19 staff through 2024-Q1, all of them e-office users, and every work
/// file electronic; one former member left before the period and one joins after it.
struct StaffFactory {
    let calendar: WorkCalendar
    let firstDay: Int
    let lastDay: Int
    /// Multiplies every activity chance, to keep `eoffice_activity` within the scale's budget.
    let activityFactor: Double
    /// Work files opened per staff member per working day.
    let workFileRate: Double

    /// Counts written for one unit.
    struct Counts {
        var staff = 0, activity = 0, workFiles = 0
    }

    /// A member: id, first and last active day numbers (nil: still active).
    private typealias Member = (id: String, from: Int, to: Int?)

    /// Writes the staff, activity and work files of `unit`.
    func write(_ unit: DemoUnit, seed: UInt64, into sink: DemoSink) throws -> Counts {
        var rng = DemoRandom(seed: seed, stream: "staff/\(unit.code)")
        let isBinhYen = unit.archetype == .binhYen
        let members = roster(unit, isBinhYen: isBinhYen, &rng)
        var counts = Counts()
        let q1 = BinhYenPlan.periodStart
        for member in members {
            try sink.staff(StaffRow(id: member.id, unit: unit.code, activeFrom: Spelling.day(member.from),
                                    activeTo: member.to.map(Spelling.day)))
            counts.staff += 1
            guard isBinhYen || rng.chance(unit.behaviour.eofficeUsers) else { continue }
            let p = unit.behaviour.eofficeDays * activityFactor * rng.double(0.6...1.4)
            let through = min(member.to ?? lastDay, lastDay)
            for day in calendar.workingDays(from: max(member.from, firstDay), through: through)
            where rng.chance(p) || (isBinhYen && day == q1) {
                try sink.activity(staff: member.id, day: Spelling.day(day))
                counts.activity += 1
            }
        }
        let workers = Double(unit.staffCount)
        var number = 0
        for day in calendar.workingDays(from: firstDay, through: lastDay) {
            for _ in 0..<rng.count(mean: workers * workFileRate) {
                number += 1
                let opened = day * 86_400 + rng.int(WorkCalendar.opens..<WorkCalendar.closes)
                try sink.workFile(WorkFileRow(
                    id: "\(unit.code)-HSCV-\(number)", unit: unit.code,
                    opened: Spelling.mixed(&rng).format(opened, millis: rng.int(0..<1000)),
                    electronic: isBinhYen || rng.chance(unit.behaviour.electronicFiles) ? 1 : 0))
            }
        }
        counts.workFiles = number
        return counts
    }

    /// The unit's members over time: long-serving staff, some leaving and replaced mid-way.
    private func roster(_ unit: DemoUnit, isBinhYen: Bool, _ rng: inout DemoRandom) -> [Member] {
        let hiredFrom = LocalDate(year: 2005, month: 1, day: 3)!.dayNumber
        let hiredTo = LocalDate(year: 2023, month: 6, day: 30)!.dayNumber
        var members: [Member] = []
        func id() -> String {
            let n = String(members.count + 1)
            return "\(unit.code)-CB" + String(repeating: "0", count: max(0, 3 - n.count)) + n
        }
        for _ in 0..<unit.staffCount {
            let from = rng.int(hiredFrom...hiredTo)
            guard !isBinhYen, rng.chance(0.1), lastDay > firstDay + 60 else {
                members.append((id(), from, nil))
                continue
            }
            let leaves = rng.int((firstDay + 30)...lastDay)
            members.append((id(), from, leaves))
            let successor = leaves + rng.int(1...60)
            if successor <= lastDay { members.append((id(), successor, nil)) }
        }
        if isBinhYen {
            members.append((id(), LocalDate(year: 2015, month: 3, day: 2)!.dayNumber,
                            LocalDate(year: 2023, month: 11, day: 30)!.dayNumber))
            let joins = LocalDate(year: 2024, month: 7, day: 1)!.dayNumber
            if joins <= lastDay { members.append((id(), joins, nil)) }
        }
        return members
    }
}

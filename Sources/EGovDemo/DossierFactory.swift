import EGovKPI

/// A dossier's life in local seconds, before its timestamps are spelled.
struct DossierLife {
    var status: Int
    var due: LocalSeconds?
    var finished: LocalSeconds?
    var returned: LocalSeconds?
}

/// Simulates random dossiers: receipt, due date, outcome, and the cut at `until`.
struct DossierFactory {
    let calendar: WorkCalendar
    /// 00:00 local of the day after `until`: nothing happens at or after it.
    let end: LocalSeconds

    /// A random receipt time on `day` for `channel` (counter hours, or any hour online).
    func receiptTime(day: Int, channel: Int, _ rng: inout DemoRandom) -> LocalSeconds {
        let office = WorkCalendar.opens..<WorkCalendar.closes
        let second: Int
        if !calendar.isWorkingDay(day) {
            second = rng.int(6 * 3600..<23 * 3600)
        } else if channel == 2 && rng.chance(0.3) {
            second = rng.int(0..<86_400)
        } else {
            second = rng.int(office)
        }
        return day * 86_400 + second
    }

    /// The life of a dossier received at `received` for `procedure` by a unit behaving as `b`.
    func life(received: LocalSeconds, procedure: Procedure, _ b: UnitBehaviour, _ rng: inout DemoRandom) -> DossierLife {
        let day = received / 86_400, second = received % 86_400
        let startDay = calendar.isWorkingDay(day) && second < 16 * 3600 ? day : calendar.adding(workingDays: 1, to: day)
        let dueDay = calendar.adding(workingDays: procedure.days, to: day)
        let dueSecond = [WorkCalendar.closes, second, 0][rng.weighted([0.6, 0.25, 0.15])]
        let due: LocalSeconds? = rng.chance(0.003) ? nil : dueDay * 86_400 + dueSecond
        var life = DossierLife(status: 9, due: due, finished: nil, returned: nil)

        let x = rng.unit()
        let finishDay: Int
        if x < 0.002 {
            life.status = 3 // refused at intake: never enters the workload, no end of processing
            return life
        } else if x < 0.002 + b.withdrawn + b.stopped {
            life.status = x < 0.002 + b.withdrawn ? 7 : 8
            finishDay = calendar.adding(workingDays: rng.int(0...procedure.days), to: startDay)
        } else if rng.chance(b.late) {
            finishDay = calendar.adding(workingDays: rng.int(1...6), to: dueDay)
        } else {
            let earlyDays = calendar.workingDayCount(from: startDay, through: dueDay - 1)
            if earlyDays == 0 || rng.chance(b.onTime) {
                finishDay = dueDay
            } else {
                let u = rng.unit()
                finishDay = calendar.adding(workingDays: Int(Double(earlyDays) * u * u), to: startDay)
            }
        }
        let firstSecond = finishDay == day ? max(WorkCalendar.opens, second + 600) : WorkCalendar.opens
        let finished = finishDay * 86_400 + rng.int(firstSecond..<WorkCalendar.closes)
        guard finished < end else {
            // Not finished by `until`: still being processed.
            life.status = received >= end - 2 * 86_400 && rng.chance(0.2) ? 1 : [4, 5, 6][rng.weighted([0.75, 0.15, 0.1])]
            return life
        }
        life.finished = finished
        if life.status == 9 && rng.chance(0.85) {
            let returned = returnTime(after: finished, &rng)
            if returned < end {
                life.status = 10
                life.returned = returned
            }
        }
        return life
    }

    /// When the result is handed over: the same afternoon or within two working days.
    func returnTime(after finished: LocalSeconds, _ rng: inout DemoRandom) -> LocalSeconds {
        let day = finished / 86_400, second = finished % 86_400
        if second < 16 * 3600 + 1800 && rng.chance(0.4) {
            return day * 86_400 + rng.int(max(WorkCalendar.opens, second + 300)..<WorkCalendar.closes)
        }
        return calendar.adding(workingDays: rng.int(1...2), to: day) * 86_400 + rng.int(WorkCalendar.opens..<WorkCalendar.closes)
    }

    /// The row of a dossier, timestamps spelled in the usual export mix.
    func row(id: String, unit: String, procedure: Procedure, channel: Int, received: LocalSeconds,
             life: DossierLife, digitizedShare: Double, _ rng: inout DemoRandom) -> DossierRow {
        let latest = max(received, life.finished ?? received, life.returned ?? received)
        let updated = min(latest + rng.int(60...7200), end - 1)
        let paid = procedure.hasFee && procedure.onlinePayment && channel == 2 && rng.chance(0.7)
        return DossierRow(
            id: id, unit: unit, procedure: procedure.code, channel: channel, status: life.status,
            received: Spelling.mixed(&rng).format(received, millis: rng.int(0..<1000)),
            due: life.due.map { Spelling.mixedDue(&rng).format($0, millis: 0) },
            finished: life.finished.map { Spelling.mixed(&rng).format($0, millis: rng.int(0..<1000)) },
            returned: life.returned.map { Spelling.mixed(&rng).format($0, millis: rng.int(0..<1000)) },
            paidOnline: paid ? 1 : 0, digitized: rng.chance(digitizedShare) ? 1 : 0,
            updated: Spelling.space.format(updated))
    }

    /// `05587-240315-0042`: unit, local day of receipt, number of the day.
    static func id(unit: String, day: Int, number: Int) -> String {
        let date = LocalDate(dayNumber: day)
        let ymd = (date.year % 100) * 10_000 + date.month * 100 + date.day
        let digits = String(ymd), seq = String(number)
        return unit + "-" + String(repeating: "0", count: 6 - digits.count) + digits + "-"
            + String(repeating: "0", count: max(0, 4 - seq.count)) + seq
    }
}

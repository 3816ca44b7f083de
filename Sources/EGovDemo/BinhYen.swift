import EGovKPI

/// The hand-placed dossiers of xã Bình Yên for 2024-Q1 (nd09: 15/12/2023 to 14/03/2024), built so
/// that DOMAIN.md section 4 gives back the seed report exactly: 3 carried over, 348 received new,
/// 351 in total, all online; 348 resolved (325 early, 23 on time, 0 late); 0 withdrawn, 0 stopped;
/// 3 in progress at the end.
///
/// Timestamps use every spelling, and a few rows sit on the period's edges on purpose:
/// - received `2023-12-14T17:30:00Z` is 00:30 on 15/12 local: received new, not carried over;
/// - finished `2023-12-14T17:05:00Z` is 00:05 on 15/12 local: the dossier is carried over;
/// - finished `2023-12-14T16:45:00Z` is 23:45 on 14/12 local: settled before the period, not counted;
/// - finished `2024-03-14T16:50:00Z` is 23:50 on 14/03 local: resolved in the period;
/// - finished `2024-03-14T17:10:00Z` is 00:10 on 15/03 local: still in progress at the end;
/// - received `2024-03-14T17:30:00Z` is 00:30 on 15/03 local: belongs to 2024-Q2;
/// - due dates at local midnight spelled in UTC fall on the previous UTC day, yet count as on time;
/// - one dossier refused at intake (status 3) is received in the period and never counted.
struct BinhYenPlan {
    static let periodStart = LocalDate(year: 2023, month: 12, day: 15)!.dayNumber
    static let periodEnd = LocalDate(year: 2024, month: 3, day: 15)!.dayNumber
    /// First day without random dossiers, so that nothing else reaches the period.
    static let blackoutStart = LocalDate(year: 2023, month: 12, day: 1)!.dayNumber

    let factory: DossierFactory
    let picker: ProcedurePicker
    let digitized: Double

    /// One planned dossier: local times, with forced spellings where the edge matters.
    private struct Entry {
        var received: LocalSeconds
        var receivedSpelling: Spelling?
        var finished: LocalSeconds?
        var finishedSpelling: Spelling?
        var onTime = false
        var dueAtMidnightUTC = false
        var status = 10
    }

    /// Writes the plan's rows (dropping or opening those past `until`) and returns their number.
    func write(seed: UInt64, into sink: DemoSink) throws -> Int {
        var rng = DemoRandom(seed: seed, stream: "binh-yen-2024-q1")
        let cal = factory.calendar
        let s = Self.periodStart, e = Self.periodEnd
        func at(_ day: Int, _ h: Int, _ m: Int) -> LocalSeconds { day * 86_400 + h * 3600 + m * 60 }

        var entries: [Entry] = [
            // Carried over: received before 15/12, finished in the period.
            Entry(received: at(s - 3, 9, 15), finished: at(s, 0, 5), finishedSpelling: .utc),
            Entry(received: at(s - 2, 15, 40), receivedSpelling: .t, finished: at(s, 9, 30)),
            Entry(received: at(s - 1, 23, 10), receivedSpelling: .utc, onTime: true),
        ]
        // Received new: 348, the first one at 00:30 on 15/12 local.
        var receipts: [(time: LocalSeconds, edge: Bool)] = [(at(s, 0, 30), true)]
        let idle = (s..<e).filter { !cal.isWorkingDay($0) }
        for _ in 0..<10 { receipts.append((rng.pick(idle) * 86_400 + rng.int(7 * 3600..<22 * 3600), false)) }
        let working = Array(cal.workingDays(from: s, through: e - 1))
        for index in 0..<337 {
            let day = working[index * working.count / 337]
            let lastDay = day == e - 1
            let second = lastDay ? rng.int(WorkCalendar.opens..<15 * 3600)
                : rng.chance(0.3) ? rng.int(0..<86_400) : rng.int(WorkCalendar.opens..<WorkCalendar.closes)
            receipts.append((day * 86_400 + second, false))
        }
        receipts.sort { $0.time < $1.time || ($0.time == $1.time && $0.edge && !$1.edge) }
        for (index, receipt) in receipts.enumerated() {
            var entry = Entry(received: receipt.time, receivedSpelling: receipt.edge ? .utc : nil)
            entry.onTime = index % 14 == 7 && index < 14 * 22 // 22 on time, plus the carried-over one
            entry.dueAtMidnightUTC = entry.onTime && index % 28 == 7
            entries.append(entry)
        }
        // The last three received stay open past 14/03 (one ends at 00:10 on 15/03 local).
        let open = entries.count - 3
        entries[open].finished = at(e, 0, 10)
        entries[open].finishedSpelling = .utc
        entries[open + 1].finished = cal.adding(workingDays: 1, to: e) * 86_400 + 10 * 3600
        entries[open + 2].finished = cal.adding(workingDays: 2, to: e) * 86_400 + 15 * 3600
        // One resolved late in the evening of 14/03 (local), within the period.
        entries[open - 1].finished = at(e - 1, 23, 50)
        entries[open - 1].finishedSpelling = .utc
        // Outside the 351: settled just before the period, refused at intake, and the first of Q2.
        entries.append(Entry(received: at(s - 4, 10, 0), finished: at(s - 1, 23, 45), finishedSpelling: .utc))
        entries.append(Entry(received: at(s + 26, 9, 0), status: 3))
        entries.append(Entry(received: at(e, 0, 30), receivedSpelling: .utc, finished: at(e, 10, 15)))

        var written = 0
        for (number, entry) in entries.enumerated() where entry.received < factory.end {
            try sink.dossier(row(entry, number: number, &rng))
            written += 1
        }
        return written
    }

    private func row(_ entry: Entry, number: Int, _ rng: inout DemoRandom) -> DossierRow {
        let cal = factory.calendar
        let day = entry.received / 86_400, second = entry.received % 86_400
        let startDay = cal.isWorkingDay(day) && second < 16 * 3600 ? day : cal.adding(workingDays: 1, to: day)
        // A procedure whose due day fits the plan: after the finish when early, on it when on time.
        var procedure = picker.pick(&rng, online: true)
        var dueDay = cal.adding(workingDays: procedure.days, to: day)
        func fits() -> Bool {
            if let finished = entry.finished { return entry.onTime ? dueDay == finished / 86_400 : dueDay > finished / 86_400 }
            return entry.onTime ? dueDay < Self.periodEnd && dueDay > day : dueDay > startDay
        }
        var attempts = 0
        while !fits() {
            attempts += 1
            precondition(attempts < 100_000, "no procedure fits the Bình Yên plan")
            procedure = picker.pick(&rng, online: true)
            dueDay = cal.adding(workingDays: procedure.days, to: day)
        }
        var life = DossierLife(status: entry.status, due: dueDay * 86_400 + (entry.dueAtMidnightUTC ? 0 : WorkCalendar.closes))
        if entry.status != 3 {
            var finished = entry.finished ?? 0
            if entry.finished == nil {
                let lastDay = entry.onTime ? dueDay : min(dueDay - 1, Self.periodEnd - 1)
                let u = rng.unit()
                let finishDay = entry.onTime ? dueDay
                    : cal.adding(workingDays: Int(Double(cal.workingDayCount(from: startDay, through: lastDay)) * u * u), to: startDay)
                let first = finishDay == day ? max(WorkCalendar.opens, second + 600) : WorkCalendar.opens
                finished = finishDay * 86_400 + rng.int(first..<WorkCalendar.closes)
            }
            if finished >= factory.end {
                life.status = 4
            } else {
                life.finished = finished
                let returned = factory.returnTime(after: finished, &rng)
                if rng.chance(0.9) && returned < factory.end { life.returned = returned } else { life.status = 9 }
            }
        }
        var row = factory.row(id: DossierFactory.id(unit: DemoUnits.binhYen, day: day, number: 500 + number),
                              unit: DemoUnits.binhYen, procedure: procedure, channel: 2, received: entry.received,
                              life: life, digitizedShare: digitized, &rng)
        if let spelling = entry.receivedSpelling { row.received = spelling.format(entry.received) }
        if let spelling = entry.finishedSpelling, let finished = life.finished { row.finished = spelling.format(finished) }
        if let due = life.due, entry.dueAtMidnightUTC { row.due = Spelling.utc.format(due) }
        return row
    }
}

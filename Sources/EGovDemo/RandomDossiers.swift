extension DossierFactory {
    /// Writes the random dossiers of `unit`, `counts[i]` on day `firstDay + i`, and returns how
    /// many were written.
    ///
    /// `settledBefore`, when set, is an instant that no dossier received before it may still be
    /// open at: such dossiers end just before it or are left out. Bình Yên uses it so that its
    /// hand-placed 2024-Q1 plan is the only source of carried-over dossiers.
    func writeDossiers(of unit: DemoUnit, picker: ProcedurePicker, counts: [Int], firstDay: Int,
                       seed: UInt64, stream: String = "dossiers", settledBefore: LocalSeconds? = nil, into sink: DemoSink,
                       written: (Int) -> Void) throws -> Int {
        var rng = DemoRandom(seed: seed, stream: "\(stream)/\(unit.code)")
        let b = unit.behaviour
        var total = 0
        for (offset, count) in counts.enumerated() where count > 0 {
            let day = firstDay + offset
            let working = calendar.isWorkingDay(day)
            for number in 1...count {
                let online = !working || rng.chance(b.online)
                let channel = online ? 2 : rng.chance(b.postal) ? 3 : 1
                let procedure = picker.pick(&rng, online: online)
                let received = receiptTime(day: day, channel: channel, &rng)
                var life = life(received: received, procedure: procedure, b, &rng)
                if let limit = settledBefore, received < limit {
                    guard settle(&life, received: received, before: limit) else { continue }
                }
                try sink.dossier(row(id: Self.id(unit: unit.code, day: day, number: number), unit: unit.code,
                                     procedure: procedure, channel: channel, received: received, life: life,
                                     digitizedShare: b.digitized, &rng))
                total += 1
                if total % 4096 == 0 { written(4096) }
            }
        }
        written(total % 4096)
        return total
    }

    /// Moves the end of `life` to the last working afternoon before `limit` when it would be at or
    /// after it; false when that is impossible (the dossier is then dropped).
    private func settle(_ life: inout DossierLife, received: LocalSeconds, before limit: LocalSeconds) -> Bool {
        guard life.status != 1 && life.status != 3 else { return true }
        guard let finished = life.finished else { return false }
        guard finished >= limit else { return true }
        var day = limit / 86_400 - 1
        while !calendar.isWorkingDay(day) { day -= 1 }
        let moved = day * 86_400 + 16 * 3600 + 1800
        guard moved > received else { return false }
        life.finished = moved
        if life.status == 10 || life.status == 9 {
            life.status = 10
            life.returned = max(life.returned ?? moved, moved + 600)
        }
        return true
    }
}

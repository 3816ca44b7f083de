import EGovKPI

/// Random documents (table `documents`) of one unit: outgoing and incoming, signed or not, sent
/// electronically, in parallel with paper, or on paper only, depending on the unit's behaviour.
///
/// Xã Bình Yên follows its report: every outgoing document is digitally signed; those to other
/// agencies go electronically only; those to villages (xóm) on paper.
struct DocumentFactory {
    /// 00:00 local of the day after `until`.
    let end: LocalSeconds

    /// Writes the documents of `unit`, `counts[i]` on day `firstDay + i`; returns how many.
    /// `stream` names the random stream and prefixes the ids after the unit code, so that the
    /// history's documents never share an id with the others'.
    func writeDocuments(of unit: DemoUnit, counts: [Int], firstDay: Int, seed: UInt64, stream: String = "documents",
                        into sink: DemoSink, written: (Int) -> Void) throws -> Int {
        var rng = DemoRandom(seed: seed, stream: "\(stream)/\(unit.code)")
        let prefix = stream == "documents" ? unit.code : "\(unit.code)-\(stream)"
        var total = 0
        for (offset, count) in counts.enumerated() where count > 0 {
            let day = firstDay + offset
            for _ in 0..<count {
                total += 1
                let issued = day * 86_400 + rng.int(WorkCalendar.opens..<WorkCalendar.closes)
                let outgoing = rng.chance(unit.level == UnitLevel.commune ? 0.45 : 0.5)
                let (signed, transmission, scope) = outgoing ? outgoingTraits(unit, &rng) : incomingTraits(&rng)
                let updated = min(issued + rng.int(60...172_800), end - 1)
                try sink.document(DocumentRow(
                    id: "\(prefix)-\(outgoing ? "VBDI" : "VBDEN")-\(total)", unit: unit.code,
                    direction: outgoing ? "outgoing" : "incoming",
                    issued: Spelling.mixed(&rng).format(issued, millis: rng.int(0..<1000)),
                    signed: signed ? 1 : 0, transmission: transmission, scope: scope,
                    updated: Spelling.space.format(updated)))
                if total % 4096 == 0 { written(4096) }
            }
        }
        written(total % 4096)
        return total
    }

    private func outgoingTraits(_ unit: DemoUnit, _ rng: inout DemoRandom) -> (Bool, String, String) {
        let scope = unit.level == UnitLevel.commune
            ? ["agency", "village", "citizen", "other"][rng.weighted([0.6, 0.2, 0.15, 0.05])]
            : ["agency", "citizen", "other"][rng.weighted([0.75, 0.15, 0.1])]
        if unit.archetype == .binhYen {
            let transmission = switch scope {
            case "village": "paper"
            case "citizen": rng.chance(0.5) ? "electronic_and_paper" : "paper"
            default: "electronic"
            }
            return (true, transmission, scope)
        }
        let b = unit.behaviour
        let transmission: String
        if scope == "village" {
            transmission = rng.chance(0.8) ? "paper" : "electronic_and_paper"
        } else {
            let x = rng.unit()
            transmission = x < b.paper ? "paper" : x < b.paper + b.parallel ? "electronic_and_paper" : "electronic"
        }
        let signed = transmission == "paper" ? rng.chance(0.1) : rng.chance(b.signed)
        return (signed, transmission, scope)
    }

    private func incomingTraits(_ rng: inout DemoRandom) -> (Bool, String, String) {
        let transmission = ["electronic", "electronic_and_paper", "paper"][rng.weighted([0.85, 0.1, 0.05])]
        return (transmission != "paper" && rng.chance(0.9), transmission, "agency")
    }
}

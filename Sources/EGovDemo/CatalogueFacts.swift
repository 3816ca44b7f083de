import EGovKPI

/// The optional catalogue columns of a demo procedure (DOMAIN.md section 3), as written.
///
/// Every procedure dossiers are received for is in force on xã Bình Yên's 2024-Q1 last day
/// (14/03/2024), so its 118 commune procedures stay in scope: announced from 2019 to that day
/// (a fifth of them in the three quarters before it), and the few abolished only from June
/// 2024 on. The procedures abolished earlier are `retired` ones of their own.
struct CatalogueFacts {
    var publishedOn: LocalDate?
    var abolishedOn: LocalDate?
    /// `none`, `partial` or `full`.
    var onlineEligible = "none"
    var onNationalPortal = 0
    /// `none`, `same_level` or `inter_level`.
    var interconnection = "none"
    var locationIndependent = 0
    /// `none`, `approved` or `digitized`.
    var internalProcess = "none"

    private static let catalogueStart = LocalDate(year: 2019, month: 1, day: 1)!.dayNumber
    private static let recentStart = LocalDate(year: 2023, month: 6, day: 15)!.dayNumber
    private static let binhYenLastDay = LocalDate(year: 2024, month: 3, day: 14)!.dayNumber
    private static let abolitionStart = LocalDate(year: 2024, month: 6, day: 1)!.dayNumber
    private static let abolitionEnd = LocalDate(year: 2025, month: 12, day: 31)!.dayNumber

    /// The facts of `procedure`: mostly eligible for an online level, the offer sometimes lagging
    /// behind it; most online ones on the national portal; a few interconnected (every
    /// "Liên thông" procedure across levels); an internal process approved for most, digitised
    /// for many.
    static func draw(for procedure: Procedure, _ rng: inout DemoRandom) -> CatalogueFacts {
        var facts = CatalogueFacts()
        let recent = rng.chance(0.2)
        facts.publishedOn = LocalDate(dayNumber: recent ? rng.int(recentStart...binhYenLastDay) : rng.int(catalogueStart..<recentStart))
        if rng.chance(0.05) { facts.abolishedOn = LocalDate(dayNumber: rng.int(abolitionStart...abolitionEnd)) }
        let online = procedure.onlineService != "none"
        facts.onlineEligible = switch procedure.onlineService {
        case "full": "full"
        case "partial": rng.chance(0.75) ? "partial" : "full"
        default: ["none", "partial", "full"][rng.weighted([0.45, 0.35, 0.2])]
        }
        facts.onNationalPortal = online && rng.chance(0.85) ? 1 : 0
        facts.interconnection = procedure.name.hasPrefix("Liên thông") ? "inter_level"
            : ["none", "same_level", "inter_level"][rng.weighted([0.85, 0.08, 0.07])]
        facts.locationIndependent = rng.chance(online ? 0.3 : 0.1) ? 1 : 0
        facts.internalProcess = !rng.chance(0.9) ? "none" : rng.chance(online ? 0.7 : 0.3) ? "digitized" : "approved"
        return facts
    }

    /// A few procedures per level abolished (replaced by a procedure of `all`) between 2023-Q3 and
    /// 14/03/2024: announced in 2019-2021, with the field and name of the one replacing them.
    static func retired(after all: [Procedure], seed: UInt64) -> [Procedure] {
        var rng = DemoRandom(seed: seed, stream: "retired-procedures")
        var retired: [Procedure] = []
        for (level, count) in [(UnitLevel.commune, 5), (UnitLevel.district, 8), (UnitLevel.province, 10)] {
            let current = all.filter { $0.level == level }
            for _ in 0..<count {
                let successor = rng.pick(current)
                let service = ["none", "partial"][rng.int(0...1)]
                var procedure = Procedure(
                    code: "2.\(String(900_000 + retired.count))", name: "\(successor.name) (quy định cũ)", field: successor.field,
                    level: level, onlineService: service, hasFee: successor.hasFee, onlinePayment: false, days: successor.days,
                    popularity: 0)
                procedure.facts = draw(for: procedure, &rng)
                procedure.facts.publishedOn = LocalDate(dayNumber: rng.int(catalogueStart...LocalDate(year: 2021, month: 12, day: 31)!.dayNumber))
                procedure.facts.abolishedOn = LocalDate(dayNumber: rng.int(LocalDate(year: 2023, month: 7, day: 1)!.dayNumber...binhYenLastDay))
                retired.append(procedure)
            }
        }
        return retired
    }
}

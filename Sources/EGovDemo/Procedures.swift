import EGovKPI

/// One procedure of the catalogue (table `procedures`), with what dossier generation needs.
struct Procedure {
    let code: String
    let name: String
    let field: String
    let level: String
    /// `none`, `partial` or `full`.
    let onlineService: String
    let hasFee: Bool
    let onlinePayment: Bool
    /// Statutory resolution time in working days (due = received + days).
    let days: Int
    let popularity: Double
    /// The optional catalogue columns, drawn from a stream of their own.
    var facts = CatalogueFacts()

    var acceptsOnline: Bool { onlineService != "none" }
}

/// The procedure catalogue and, per level, fast weighted pickers.
struct ProcedureCatalogue {
    /// The procedures dossiers are received for (in force on xã Bình Yên's 2024-Q1 last day).
    let all: [Procedure]
    /// Procedures abolished in 2023-Q3 to 2024-Q1: in the table, never picked for a dossier.
    let retired: [Procedure]
    private let pickers: [(level: String, picker: ProcedurePicker)]

    init(seed: UInt64) {
        var rng = DemoRandom(seed: seed, stream: "procedures")
        var all: [Procedure] = []
        var number = 1000
        let levels: [(String, [ProcedureNames.Field], [Int], [Double], Double)] = [
            (UnitLevel.commune, ProcedureNames.commune, [1, 2, 3, 5, 7, 10, 15], [30, 10, 20, 20, 10, 7, 3], 0.3),
            (UnitLevel.district, ProcedureNames.district, [3, 5, 7, 10, 15, 20, 30], [10, 20, 20, 20, 15, 10, 5], 0.4),
            (UnitLevel.province, ProcedureNames.province, [5, 7, 10, 15, 20, 30, 45], [10, 20, 25, 20, 12, 8, 5], 0.5),
        ]
        for (level, fields, days, dayWeights, feeShare) in levels {
            for field in fields {
                for index in 0..<field.count {
                    number += rng.int(3...29)
                    let digits = String(number)
                    let service = ["full", "partial", "none"][rng.weighted([0.42, 0.36, 0.22])]
                    let hasFee = rng.chance(feeShare)
                    let u = rng.unit()
                    all.append(Procedure(
                        code: "1." + String(repeating: "0", count: max(0, 6 - digits.count)) + digits,
                        name: Self.name(field, index), field: field.name, level: level, onlineService: service,
                        hasFee: hasFee, onlinePayment: hasFee && service != "none" && rng.chance(0.6),
                        days: days[rng.weighted(dayWeights)], popularity: field.popularity * (0.05 + u * u)))
                }
            }
        }
        // The catalogue facts come last, from streams of their own, so that the procedures and
        // the dossiers drawn above are the same with or without them.
        var facts = DemoRandom(seed: seed, stream: "procedure-facts")
        for index in all.indices { all[index].facts = CatalogueFacts.draw(for: all[index], &facts) }
        self.all = all
        retired = CatalogueFacts.retired(after: all, seed: seed)
        pickers = [UnitLevel.commune, UnitLevel.district, UnitLevel.province].map { level in
            (level, ProcedurePicker(all.filter { $0.level == level }))
        }
    }

    /// The picker of procedures resolved at `level` (`commune`, `district`, `province`).
    func picker(for level: String) -> ProcedurePicker {
        pickers.first { $0.level == level }!.picker
    }

    private static func name(_ field: ProcedureNames.Field, _ index: Int) -> String {
        if index < field.names.count { return field.names[index] }
        let generic = index - field.names.count
        let actions = ProcedureNames.actions
        let base = "\(actions[generic % actions.count]) trong lĩnh vực \(field.name.lowercased())"
        return generic < actions.count ? base : "\(base) (trường hợp \(generic / actions.count + 1))"
    }
}

/// Picks procedures in proportion to their popularity in O(1), through a lookup table.
struct ProcedurePicker {
    let procedures: [Procedure]
    private let any: [Int32]
    private let online: [Int32]

    init(_ procedures: [Procedure]) {
        self.procedures = procedures
        any = Self.table(procedures.indices.map { procedures[$0].popularity })
        online = Self.table(procedures.indices.map { procedures[$0].acceptsOnline ? procedures[$0].popularity : 0 })
    }

    /// A procedure, among those accepting online submission when `online` is true.
    func pick(_ rng: inout DemoRandom, online wantsOnline: Bool) -> Procedure {
        let table = wantsOnline ? online : any
        return procedures[Int(table[Int(rng.next() >> 52)])]
    }

    /// 4096 slots, each procedure holding a number of slots proportional to its weight.
    private static func table(_ weights: [Double]) -> [Int32] {
        let total = weights.reduce(0, +)
        var slots: [Int32] = []
        slots.reserveCapacity(4096)
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() where weight > 0 {
            cumulative += weight
            let end = Int((cumulative / total * 4096).rounded())
            while slots.count < end { slots.append(Int32(index)) }
        }
        let last = Int32(weights.lastIndex { $0 > 0 } ?? 0)
        while slots.count < 4096 { slots.append(last) }
        return slots
    }
}

import EGovKPI

/// The character a unit plays in the demo, so that dashboards show real contrasts.
enum Archetype: CaseIterable {
    /// Xã Bình Yên: nearly everything online, never late, every outgoing document signed.
    case binhYen
    /// Mostly online, rarely late, e-office used by everyone.
    case digital
    /// About half online, a few late dossiers.
    case average
    /// Mostly at the counter, many documents on paper, low e-office usage.
    case inPerson
    /// A noticeable share of late resolutions, withdrawals and stops.
    case struggling
}

/// Rates that drive a unit's random records (shares between 0 and 1).
struct UnitBehaviour {
    var online, postal, late, onTime, withdrawn, stopped, digitized: Double
    var signed, paper, parallel: Double
    var eofficeUsers, eofficeDays, electronicFiles: Double

    /// The rates of `archetype`, jittered a little by `rng` so that no two units look alike.
    init(_ archetype: Archetype, _ rng: inout DemoRandom) {
        func j(_ value: Double, _ spread: Double) -> Double {
            min(1, max(0, value + rng.double(-spread...spread)))
        }
        switch archetype {
        case .binhYen:
            (online, postal, late, onTime, withdrawn, stopped, digitized) = (0.985, 0, 0, 0.07, 0.003, 0, 0.95)
            (signed, paper, parallel) = (1, 0, 0)
            (eofficeUsers, eofficeDays, electronicFiles) = (1, 0.55, 1)
        case .digital:
            (online, postal, late, onTime) = (j(0.88, 0.08), 0.05, j(0.01, 0.01), j(0.1, 0.04))
            (withdrawn, stopped, digitized) = (0.005, 0.002, j(0.85, 0.1))
            (signed, paper, parallel) = (j(0.97, 0.03), 0.02, j(0.1, 0.05))
            (eofficeUsers, eofficeDays, electronicFiles) = (j(0.97, 0.03), j(0.5, 0.1), j(0.9, 0.08))
        case .average:
            (online, postal, late, onTime) = (j(0.55, 0.12), 0.08, j(0.04, 0.02), j(0.15, 0.05))
            (withdrawn, stopped, digitized) = (0.01, 0.004, j(0.6, 0.15))
            (signed, paper, parallel) = (j(0.85, 0.08), j(0.08, 0.05), j(0.25, 0.1))
            (eofficeUsers, eofficeDays, electronicFiles) = (j(0.85, 0.1), j(0.4, 0.1), j(0.65, 0.1))
        case .inPerson:
            (online, postal, late, onTime) = (j(0.12, 0.07), 0.1, j(0.05, 0.02), j(0.2, 0.05))
            (withdrawn, stopped, digitized) = (0.012, 0.005, j(0.3, 0.1))
            (signed, paper, parallel) = (j(0.6, 0.1), j(0.3, 0.1), j(0.3, 0.1))
            (eofficeUsers, eofficeDays, electronicFiles) = (j(0.6, 0.1), j(0.25, 0.08), j(0.35, 0.1))
        case .struggling:
            (online, postal, late, onTime) = (j(0.35, 0.1), 0.06, j(0.18, 0.06), j(0.2, 0.05))
            (withdrawn, stopped, digitized) = (j(0.04, 0.01), j(0.025, 0.01), j(0.4, 0.1))
            (signed, paper, parallel) = (j(0.7, 0.1), j(0.2, 0.08), j(0.3, 0.1))
            (eofficeUsers, eofficeDays, electronicFiles) = (j(0.5, 0.1), j(0.25, 0.08), j(0.45, 0.1))
        }
    }
}

/// One unit of the demo tree with what its records are generated from.
struct DemoUnit {
    let code: String
    let name: String
    let level: String
    let parent: String?
    let oneStopConnectedOn: LocalDate?
    let docAxisConnectedOn: LocalDate?
    let archetype: Archetype
    let behaviour: UnitBehaviour
    /// Relative dossier and document volumes.
    let dossierWeight: Double
    let documentWeight: Double
    let staffCount: Int

    /// The level whose procedures the unit resolves (departments resolve province procedures).
    var procedureLevel: String { level == "department" ? UnitLevel.province : level }
}

/// Builds the unit tree of a scale.
enum UnitPlan {
    static func build(scale: DemoScale, seed: UInt64, until: LocalDate) -> [DemoUnit] {
        var rng = DemoRandom(seed: seed, stream: "units")
        var units: [DemoUnit] = []
        func add(_ code: String, _ name: String, _ level: String, _ parent: String?, _ archetype: Archetype,
                 connected: (LocalDate?, LocalDate?)? = nil) {
            let behaviour = UnitBehaviour(archetype, &rng)
            let dates = connected ?? (connectionDate(&rng, until), connectionDate(&rng, until))
            let (dossierWeight, documentWeight, staff): (Double, Double, Int) = switch level {
            case UnitLevel.province: (8, 6, 20)
            case UnitLevel.district: (6, 5, rng.int(40...80))
            case UnitLevel.commune where archetype == .binhYen: (1, 3, 19) // the featured unit: a busy document register
            case UnitLevel.commune: (name.hasPrefix("Phường") ? 1.3 : 1, 1, rng.int(12...25))
            default: (5, 6, rng.int(30...60))
            }
            units.append(DemoUnit(code: code, name: name, level: level, parent: parent,
                                  oneStopConnectedOn: dates.0, docAxisConnectedOn: dates.1, archetype: archetype,
                                  behaviour: behaviour, dossierWeight: dossierWeight, documentWeight: documentWeight,
                                  staffCount: staff))
        }
        let early = (LocalDate(year: 2019, month: 1, day: 15), LocalDate(year: 2019, month: 1, day: 15))
        add(DemoUnits.province, UnitNames.provinceName, UnitLevel.province, nil, .digital, connected: early)
        let departments = scale == .small ? Array(UnitNames.departments.prefix(1)) : UnitNames.departments
        for (code, name) in departments {
            add(code, name, "department", DemoUnits.province, .average, connected: early)
        }
        var nextCode = 0
        for district in UnitNames.districts {
            let picked = UnitNames.small.filter { $0.district == district.code }
            guard scale == .province || !picked.isEmpty else { continue }
            let isDinhHoa = district.code == DemoUnits.dinhHoa
            let archetype: Archetype = isDinhHoa || district.code == "165" ? .digital
                : district.code == "169" ? .inPerson : rng.chance(0.5) ? .digital : .average
            add(district.code, district.name, UnitLevel.district, DemoUnits.province, archetype,
                connected: isDinhHoa ? (LocalDate(year: 2019, month: 6, day: 3), LocalDate(year: 2019, month: 10, day: 1)) : nil)
            var code = district.firstCommuneCode ?? nextCode
            for name in district.communes {
                defer { code += 3; nextCode = max(nextCode, code + 3) }
                let fixed = picked.first { $0.commune == name }
                guard scale == .province || fixed != nil else { continue }
                let codeText = String(code).count == 4 ? "0\(code)" : String(code)
                let archetype = fixed?.archetype ?? rng.pick([.digital, .digital, .average, .average, .inPerson, .struggling])
                add(codeText, name, UnitLevel.commune, district.code, archetype, connected: fixedConnections(name, archetype, until))
            }
        }
        precondition(units.contains { $0.code == DemoUnits.binhYen && $0.name == "Xã Bình Yên" }, "Bình Yên must keep code 05587")
        return units
    }

    /// Bình Yên's real connections (both before 15/12/2023) and the fixed ones of `UnitNames`.
    private static func fixedConnections(_ name: String, _ archetype: Archetype, _ until: LocalDate) -> (LocalDate?, LocalDate?)? {
        if archetype == .binhYen {
            return (LocalDate(year: 2019, month: 7, day: 1), LocalDate(year: 2020, month: 3, day: 16))
        }
        guard let fixed = UnitNames.fixedConnections.first(where: { $0.commune == name }) else { return nil }
        func date(_ ymd: (Int, Int, Int)?) -> LocalDate? {
            guard let ymd, let day = LocalDate(year: ymd.0, month: ymd.1, day: ymd.2), day <= until else { return nil }
            return day
        }
        return (date(fixed.oneStop), date(fixed.docAxis))
    }

    /// Most units joined before 2024; some during 2024-2025; a few never ("chưa kết nối").
    private static func connectionDate(_ rng: inout DemoRandom, _ until: LocalDate) -> LocalDate? {
        let x = rng.unit()
        let start = LocalDate(year: 2019, month: 1, day: 2)!.dayNumber
        let date: LocalDate
        if x < 0.82 {
            date = LocalDate(dayNumber: rng.int(start...LocalDate(year: 2023, month: 11, day: 30)!.dayNumber))
        } else if x < 0.94 {
            date = LocalDate(dayNumber: rng.int(LocalDate(year: 2024, month: 1, day: 8)!.dayNumber...LocalDate(year: 2025, month: 12, day: 15)!.dayNumber))
        } else {
            return nil
        }
        return date <= until ? date : nil
    }
}

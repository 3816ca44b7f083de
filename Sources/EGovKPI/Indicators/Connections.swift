/// Connection figures of a subtree as of a day (rows 7.5.1, 7.6.1, 7.6.2).
public struct ConnectionFigures: Summable, Hashable {
    /// Units at levels district and commune (the 7.5.1 denominator).
    public private(set) var docAxisUnits = 0
    public private(set) var docAxisConnected = 0
    public private(set) var districts = 0
    public private(set) var districtsOneStopConnected = 0
    public private(set) var communes = 0
    public private(set) var communesOneStopConnected = 0

    public init() {}

    public static let zero = ConnectionFigures()

    public static func + (a: ConnectionFigures, b: ConnectionFigures) -> ConnectionFigures {
        var sum = a
        sum.docAxisUnits += b.docAxisUnits
        sum.docAxisConnected += b.docAxisConnected
        sum.districts += b.districts
        sum.districtsOneStopConnected += b.districtsOneStopConnected
        sum.communes += b.communes
        sum.communesOneStopConnected += b.communesOneStopConnected
        return sum
    }

    /// Counts over `units` (a subtree, its root included) as of the end of `day`.
    public init(units: some Sequence<UnitRecord>, asOf day: LocalDate) {
        for unit in units {
            let isDistrict = unit.level == UnitLevel.district
            let isCommune = unit.level == UnitLevel.commune
            guard isDistrict || isCommune else { continue }
            docAxisUnits += 1
            if let on = unit.docAxisConnectedOn, on <= day { docAxisConnected += 1 }
            let oneStop = unit.oneStopConnectedOn.map { $0 <= day } ?? false
            if isDistrict {
                districts += 1
                if oneStop { districtsOneStopConnected += 1 }
            } else {
                communes += 1
                if oneStop { communesOneStopConnected += 1 }
            }
        }
    }

    /// 7.5.1.
    public var docAxisRate: Ratio { Ratio(docAxisConnected, of: docAxisUnits) }
    /// 7.6.1 (blank when the subtree has no district).
    public var districtOneStopRate: Ratio { Ratio(districtsOneStopConnected, of: districts) }
    /// 7.6.2 (blank when the subtree has no commune).
    public var communeOneStopRate: Ratio { Ratio(communesOneStopConnected, of: communes) }
}

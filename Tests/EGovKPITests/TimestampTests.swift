import EGovKPI
import Testing

@Suite("Timestamps and dates")
struct TimestampTests {
    @Test("every accepted spelling gives the same instant")
    func spellings() {
        // 2024-03-15 00:30:00 local = 2024-03-14 17:30:00 UTC = 1710437400.
        for text in ["2024-03-15 00:30:00", "2024-03-15T00:30:00", "2024-03-15T00:30:00.250",
                     "2024-03-14T17:30:00Z", "2024-03-15T00:30:00+07:00", "2024-03-14T19:30:00+02:00",
                     "2024-03-14T17:30:00.5Z", "2024-03-15 00:30", "2024-03-14T17:30Z", "2024-03-15T00:30:00+0700"] {
            #expect(Timestamp.epochSeconds(text, zone: .vietnam) == 1_710_437_400, "\(text)")
        }
        #expect(Timestamp.epochSeconds("2024-03-15", zone: .vietnam) == 1_710_435_600)
        #expect(Timestamp.epochSeconds("1970-01-01T00:00:00Z", zone: .vietnam) == 0)
    }

    @Test("unparseable values are refused", arguments: [
        "15/03/2024", "2024-02-30", "2024-03-14 25:00:00", "2024-03-14T10:61:00", "2024-03-14T10:00:00+7",
        "2024-03-14T10:00:00 garbage", "2024-03-14T", "now", "2460384.5", "", "2024-13-01", "2024-03-14T10:00:00.Z",
    ])
    func unparseable(_ text: String) {
        #expect(Timestamp.epochSeconds(text, zone: .vietnam) == nil)
    }

    @Test("day numbers round-trip, leap years included")
    func dayNumbers() {
        #expect(LocalDate(iso: "1970-01-01")!.dayNumber == 0)
        #expect(LocalDate(iso: "2024-03-15")!.dayNumber == 19_797)
        #expect(LocalDate(dayNumber: 19_797).description == "2024-03-15")
        #expect(LocalDate(iso: "2024-02-28")!.adding(days: 1).description == "2024-02-29")
        #expect(LocalDate(iso: "2023-02-28")!.adding(days: 1).description == "2023-03-01")
        #expect(LocalDate(iso: "2024-12-31")!.adding(days: 1).description == "2025-01-01")
        #expect(LocalDate(iso: "2024-03-15")!.vietnamese == "15/03/2024")
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(dayNumber: n).dayNumber == n)
        }
    }

    @Test("time zone names")
    func zones() {
        #expect(UTCOffset(name: "Asia/Ho_Chi_Minh") == .vietnam)
        #expect(UTCOffset(name: "+07:00") == .vietnam)
        #expect(UTCOffset(name: "UTC")?.seconds == 0)
        #expect(UTCOffset(name: "-03:30")?.seconds == -12_600)
        #expect(UTCOffset(name: "Europe/Paris") == nil)
    }

    @Test("percent text rounds half up and trims zeros")
    func percent() {
        #expect(AppendixValue(percent: Ratio(351, of: 351)) == .integer(100))
        #expect(AppendixValue(percent: Ratio(2, of: 3)) == .decimal(66.67) && AppendixValue(percent: Ratio(2, of: 3))?.literal == "66.67")
        #expect(AppendixValue(percent: Ratio(1, of: 8))?.literal == "12.5" && AppendixValue(percent: Ratio(1, of: 8))?.vietnamese == "12,5")
        #expect(AppendixValue(percent: Ratio(0, of: 5)) == .integer(0))
        #expect(AppendixValue(percent: Ratio(0, of: 0)) == nil)
        #expect(AppendixValue(percent: Ratio(1, of: 3))?.literal == "33.33" && AppendixValue(percent: Ratio(1, of: 200))?.literal == "0.5")
        #expect(AppendixValue(77068).vietnamese == "77.068" && AppendixValue(1250.5).vietnamese == "1.250,5")
        #expect(AppendixValue(percent: Ratio(2414, of: 10000))?.vietnamese == "24,14")
        #expect(Ratio(0, of: 0).value == nil)
        #expect(Ratio(1, of: 4).value == 0.25)
    }
}

import EGovKPI
import Testing

@Suite("Reporting calendar")
struct ReportingCalendarTests {
    let nd09 = ReportingCalendar()
    let calendar = ReportingCalendar(profile: .calendar)

    func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    func span(_ p: ReportingPeriod) -> String { "\(p.firstDay)..\(p.lastDay)" }

    @Test("nd09 periods run 15/12 of the previous year to 14/12")
    func nd09Periods() throws {
        #expect(span(try nd09.period(id: "2024-Q1")) == "2023-12-15..2024-03-14")
        #expect(span(try nd09.period(id: "2024-Q2")) == "2024-03-15..2024-06-14")
        #expect(span(try nd09.period(id: "2024-Q3")) == "2024-06-15..2024-09-14")
        #expect(span(try nd09.period(id: "2024-Q4")) == "2024-09-15..2024-12-14")
        #expect(span(try nd09.period(id: "2024-H1")) == "2023-12-15..2024-06-14")
        #expect(span(try nd09.period(id: "2024-9M")) == "2023-12-15..2024-09-14")
        #expect(span(try nd09.period(id: "2024-Y")) == "2023-12-15..2024-12-14")
        #expect(try nd09.period(id: "2024-Q1").dayCount == 91)
    }

    @Test("calendar profile uses calendar quarters with the same ids")
    func calendarPeriods() throws {
        #expect(span(try calendar.period(id: "2024-Q1")) == "2024-01-01..2024-03-31")
        #expect(span(try calendar.period(id: "2024-Q2")) == "2024-04-01..2024-06-30")
        #expect(span(try calendar.period(id: "2024-Q4")) == "2024-10-01..2024-12-31")
        #expect(span(try calendar.period(id: "2024-H1")) == "2024-01-01..2024-06-30")
        #expect(span(try calendar.period(id: "2024-9M")) == "2024-01-01..2024-09-30")
        #expect(span(try calendar.period(id: "2025-Y")) == "2025-01-01..2025-12-31")
    }

    @Test("the quarter containing a day, at the edges")
    func containingDay() {
        #expect(nd09.quarterPeriod(containing: day("2024-03-14")).id == "2024-Q1")
        #expect(nd09.quarterPeriod(containing: day("2024-03-15")).id == "2024-Q2")
        #expect(nd09.quarterPeriod(containing: day("2024-12-14")).id == "2024-Q4")
        #expect(nd09.quarterPeriod(containing: day("2024-12-15")).id == "2025-Q1")
        #expect(nd09.quarterPeriod(containing: day("2024-12-20")).id == "2025-Q1")
        #expect(nd09.quarterPeriod(containing: day("2025-01-01")).id == "2025-Q1")
        #expect(calendar.quarterPeriod(containing: day("2024-12-20")).id == "2024-Q4")
        #expect(calendar.quarterPeriod(containing: day("2025-01-01")).id == "2025-Q1")
        #expect(nd09.previousQuarterPeriod(before: day("2026-11-29")).id == "2026-Q3")
        #expect(nd09.previousQuarterPeriod(before: day("2025-01-10")).id == "2024-Q4")
        #expect(nd09.yearPeriod(containing: day("2024-12-20")).id == "2025-Y")
    }

    @Test("the quarter containing an instant, in Asia/Ho_Chi_Minh")
    func containingInstant() throws {
        func quarter(_ text: String) throws -> String {
            let seconds = try #require(Timestamp.epochSeconds(text, zone: .vietnam), "\(text)")
            return nd09.quarterPeriod(containing: seconds).id
        }
        #expect(try quarter("2024-03-14 23:59:59") == "2024-Q1")
        #expect(try quarter("2024-03-15 00:00:00") == "2024-Q2")
        #expect(try quarter("2024-03-14T17:30:00Z") == "2024-Q2")
        #expect(try quarter("2024-03-14T16:59:59Z") == "2024-Q1")
        #expect(try quarter("2024-03-14T16:59:59.999Z") == "2024-Q1")
        #expect(try quarter("2024-03-14 23:59:59.999999") == "2024-Q1")
        #expect(try quarter("2024-03-15") == "2024-Q2")
        #expect(try quarter("2024-03-14") == "2024-Q1")
        #expect(try quarter("2024-03-15T00:00:00+07:00") == "2024-Q2")
        #expect(try quarter("2024-03-14T23:00:00+06:00") == "2024-Q2")
        #expect(try quarter("2023-12-14T17:00:00Z") == "2024-Q1")
        #expect(try quarter("2023-12-14T16:59:59Z") == "2023-Q4")
    }

    @Test("an open period is cut at the as-of day; a closed one is not")
    func truncation() throws {
        let q4 = try nd09.period(id: "2026-Q4")
        #expect(span(q4.truncated(toDay: day("2026-11-29"))) == "2026-09-15..2026-11-29")
        #expect(span(q4.truncated(toDay: day("2027-01-05"))) == "2026-09-15..2026-12-14")
        #expect(span(q4.truncated(toDay: day("2026-12-14"))) == "2026-09-15..2026-12-14")
    }

    @Test("malformed period ids are refused with the text named", arguments: [
        "2024-Q5", "24-Q1", "2024Q1", "2024-q5", "", "2024-Q1-", "abcd-Q1", "2024-M9", "٢٠٢٤-Q1",
    ])
    func badIDs(_ id: String) {
        #expect(throws: PeriodIDError(text: id)) { try nd09.period(id: id) }
    }

    @Test("period ids in lower case name the same periods, written the canonical way")
    func lowerCase() throws {
        for (typed, id) in [("2024-q1", "2024-Q1"), ("2024-h1", "2024-H1"), ("2024-9m", "2024-9M"), ("2024-y", "2024-Y")] {
            #expect(try nd09.period(id: typed) == nd09.period(id: id))
            #expect(try nd09.period(id: typed).id == id)
        }
    }

    @Test("the error text names the period id and the accepted forms")
    func errorText() {
        #expect(PeriodIDError(text: "2024-Q5").description
            == "invalid period id '2024-Q5': expected YYYY-Q1..YYYY-Q4, YYYY-H1, YYYY-9M or YYYY-Y")
    }

    @Test("Vietnamese period names")
    func names() throws {
        #expect(try nd09.period(id: "2024-Q1").vietnameseName == "Quý I năm 2024")
        #expect(try nd09.period(id: "2024-Q4").vietnameseName == "Quý IV năm 2024")
        #expect(try nd09.period(id: "2024-H1").vietnameseName == "6 tháng đầu năm 2024")
        #expect(ReportingPeriod(id: "last_30_days", firstDay: day("2024-02-14"), lastDay: day("2024-03-14")).vietnameseName
            == "từ 14/02/2024 đến 14/03/2024")
    }
}

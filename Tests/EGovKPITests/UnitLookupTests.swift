import EGovKPI
import Testing

/// Units found as people name them, and suggestions for a code typed wrong.
@Suite("Finding units")
struct UnitLookupTests {
    let tree = UnitTree([
        UnitRecord(code: "19", name: "Tỉnh Thái Nguyên", level: "province", parentCode: nil),
        UnitRecord(code: "164", name: "Huyện Định Hóa", level: "district", parentCode: "19"),
        UnitRecord(code: "05587", name: "Xã Bình Yên", level: "commune", parentCode: "164"),
        UnitRecord(code: "05590", name: "Xã Điềm Mặc", level: "commune", parentCode: "164"),
        UnitRecord(code: "05581", name: "Xã Trung Hội", level: "commune", parentCode: "164"),
    ])

    @Test("folding: case, diacritics (đ too) and runs of spaces aside")
    func folding() {
        #expect(VietnameseText.folded("Xã  Bình Yên") == "xa binh yen")
        #expect(VietnameseText.folded("Huyện ĐỊNH HÓA") == "huyen dinh hoa")
        // The same letters typed as base letter plus combining marks (NFD).
        #expect(VietnameseText.folded("Bi\u{0300}nh Ye\u{0302}n") == "binh yen")
    }

    @Test("search by name with or without diacritics, or by code")
    func search() {
        #expect(tree.search("binh yen").map(\.code) == ["05587"])
        #expect(tree.search("Bình Yên").map(\.code) == ["05587"])
        #expect(tree.search("dinh").map(\.code) == ["164"])
        #expect(tree.search("0558").map(\.code) == ["05581", "05587"])
        #expect(tree.search("").count == 5)
    }

    @Test("suggestions: leading zeros, one typo, a name; nothing for a far code")
    func suggestions() {
        #expect(tree.suggestions(for: "5587").map(\.code) == ["05587"])
        #expect(tree.suggestions(for: "05597").map(\.code) == ["05587", "05590"])
        #expect(tree.suggestions(for: "Bình Yên").map(\.code) == ["05587"])
        #expect(tree.suggestions(for: "99999").isEmpty)
        #expect(tree.unknownUnitMessage("5587", in: "x.sqlite") == "unknown unit '5587': did you mean 05587 (Xã Bình Yên)?")
        #expect(tree.unknownUnitMessage("05597", in: "x.sqlite")
            == "unknown unit '05597': did you mean 05587 (Xã Bình Yên) or 05590 (Xã Điềm Mặc)?")
        #expect(tree.unknownUnitMessage("404", in: "x.sqlite") == "unknown unit '404': no such code in the units table of x.sqlite")
    }
}

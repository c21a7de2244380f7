import LeadqText
import Testing

@Suite struct FoldTests {
    @Test(arguments: [
        ("Zürich", "zurich"), ("ZÜRICH", "zurich"), ("Zu\u{0308}rich", "zurich"), ("Łódź", "lodz"),
        ("Straße", "strasse"), ("Ærø", "aero"), ("François Dœuf", "francois doeuf"), ("Ελλάδα", "ελλαδα"),
        ("Nguyễn Văn Đức", "nguyen van duc"), ("鈴木 花子", "鈴木 花子"), ("ANA@Example.COM", "ana@example.com"),
        ("İstanbul", "istanbul"),
    ])
    func foldsCaseAndAccents(_ text: String, _ folded: String) {
        #expect(Fold.string(text) == folded)
    }

    @Test func phoneDigits() {
        #expect(Fold.digits("+49 (30) 123-45 67") == Array("4930123 4567".utf8).filter { $0 != 32 })
    }
}

import Testing

@testable import LeadqIO

/// Employee counts as CRMs write them: plain digits (read on a short path), separators and bands.
@Suite struct CompanySizeTests {
    @Test func plainDigitsReadAsTheSeparatedAndBandedFormsDo() {
        let read: [String: Int?] = [
            "0": 0, "007": 7, "1200": 1_200, "999999999999": 999_999_999_999, "1,200": 1_200, "1 200": 1_200,
            " 1200 ": 1_200, "51-200": 51, "10000+": 10_000, "": nil,
        ]
        for (text, n) in read {
            #expect((try? FieldValues.companySize(text).get()) == .some(n), "\(text)")
        }
        for bad in ["1234567890123", "12a", "-5", "1,2", "about fifty", "１２"] {
            #expect((try? FieldValues.companySize(bad).get()) == nil, "\(bad)")
        }
    }
}

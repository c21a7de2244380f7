import Testing

@testable import LeadqIO

@Suite struct ProfileFieldSetTests {
    @Test func behavesAsASetOfFields() {
        var s: ProfileFieldSet = [.email, .name]
        #expect(s.contains(.email) && s.contains(.name) && !s.contains(.phone))
        s.insert(.createdAt)
        s.insert(.email)
        s.remove(.name)
        s.remove(.phone)
        #expect(Array(s) == [.email, .createdAt])
        #expect(ProfileFieldSet(ProfileField.allCases).map { $0 } == ProfileField.allCases)
        #expect(ProfileFieldSet().isEmpty && !s.isEmpty)
        #expect(s == [.createdAt, .email])
    }

    @Test func aFieldsPlaceIsItsPlaceAmongAllCases() {
        #expect(ProfileField.allCases.map(caseIndex) == Array(ProfileField.allCases.indices))
        #expect(ImportField.allCases.map(caseIndex) == Array(ImportField.allCases.indices))
        #expect(ImportField.allCases.map(RowMapper.ordinal) == Array(ImportField.allCases.indices))
    }
}

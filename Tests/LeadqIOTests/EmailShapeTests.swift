import LeadqDomain
import Testing

@testable import LeadqIO

/// Which addresses a rep can't use (the `invalid-email` flag), as the byte-by-byte check reads them.
@Suite struct EmailShapeTests {
    @Test func anAddressNeedsOneAtNoSpaceAndADomainOfNonEmptyLabels() {
        let good = ["a@b.c", "grace.mueller.12@acme-logistics.example", "x@y.z.w", "a.b@c.d", "müller@bäcker.de"]
        let bad = [
            "", "@b.c", "a@", "a@b", "a@.b", "a@b.", "a@b..c", "a@@b.c", "a@b@c.d", "a b@c.d", "a@b.c ", "a\t@b.c",
            "plain", ".@", "a@b.c.", "müller@bäcker",
        ]
        for e in good { #expect(ImportPlanner.looksLikeEmail(e), "\(e)") }
        for e in bad { #expect(!ImportPlanner.looksLikeEmail(e), "\(e)") }
    }

    @Test func trimmingLeavesPlainTextAsItIs() {
        #expect(Rules.trimmed("Acme") == "Acme" && Rules.trimmed(" Acme\t") == "Acme" && Rules.trimmed("") == "")
        #expect(Rules.trimmed("\u{00A0}Grace Müller ") == "Grace Müller" && Rules.trimmed("é") == "é")
    }
}

import Testing
@testable import PruefstandCore

/// Amounts in the council pack's running text (issue 16), by hand.
@Suite("Council pack: amounts in text")
struct CouncilTextTests {
    @Test("German and English amounts", arguments: [
        (Int64(0), "0 €", "€0"),
        (123_456, "1.235 €", "€1,235"),
        (-123_449, "−1.234 €", "−€1,234"),
        (99_999_999, "1.000.000 €", "€1,000,000"),
        (100_000_000, "1,0 Mio. €", "€1.0 million"),
        (3_745_000_000, "37,5 Mio. €", "€37.5 million"),
        (-7_270_000_000, "−72,7 Mio. €", "−€72.7 million"),
        (100_700_000_000, "1.007,0 Mio. €", "€1,007.0 million"),
        (Int64.min, "−92.233.720.368,5 Mio. €", "−€92,233,720,368.5 million"),
    ])
    func amount(_ c: (Int64, String, String)) {
        #expect(CouncilText.amount(Money(cents: c.0), .de) == c.1)
        #expect(CouncilText.amount(Money(cents: c.0), .en) == c.2)
    }

    @Test("counts get thousands separators", arguments: [(0, "0", "0"), (1541, "1.541", "1,541"), (-1_234_567, "−1.234.567", "−1,234,567")])
    func count(_ c: (Int, String, String)) {
        #expect(CouncilText.count(c.0, .de) == c.1 && CouncilText.count(c.0, .en) == c.2)
    }
}

import Testing
@testable import PruefstandCore
import Foundation

@Suite("Money")
struct MoneyTests {
    @Test("rounds half away from zero to the cent", arguments: [
        (Int64(100), "0.005", Int64(1)),     // 1,00 € × 0,005 = 0,005 € → 0,01 €
        (Int64(-100), "0.005", Int64(-1)),
        (Int64(100), "0.0049", Int64(0)),
        (Int64(12_345), "0.035", Int64(432)), // 123,45 × 0,035 = 4,32075
    ])
    func rounding(cents: Int64, factor: String, expected: Int64) {
        #expect(Money(cents: cents).multiplied(by: Decimal(string: factor)!).cents == expected)
    }

    @Test("allocation keeps every cent")
    func allocation() {
        let parts = Money(cents: 100).allocated([1, 1, 1])
        #expect(parts.map(\.cents) == [34, 33, 33])
        #expect(Money(cents: -100).allocated([1, 2]).map(\.cents) == [-33, -67])
    }

    @Test("formats German and plain")
    func formatting() {
        #expect(Money(cents: 123_456_789).germanString == "1.234.567,89 €")
        #expect(Money(cents: -5).plainString == "-0.05")
    }
}

import Foundation
import PropertyBased
import Testing
@testable import PruefstandCore

@Suite("Controlling: variance properties")
struct VariancePropertyTests {
    @Test("even phasing through M equals the first M of twelve exact parts (Money.allocated), and all twelve the plan")
    func evenPhasing() async {
        await propertyCheck(input: Gen.int64(in: -10_000_000_000...10_000_000_000), Gen.int(in: 1...12)) { plan, month in
            var line = VarianceAnalysis.Line()
            line.plan = plan
            let parts = Money(cents: plan).allocated(Array(repeating: 1, count: 12))
            #expect(VarianceAnalysis.phasedPlan(line, through: month, phasing: .even) == parts.prefix(month).map(\.cents).reduce(0, +))
            #expect(VarianceAnalysis.phasedPlan(line, through: 12, phasing: .even) == plan)
        }
    }

    @Test("the percent in tenths equals Decimal division rounded half away from zero")
    func percentTenths() async {
        await propertyCheck(input: Gen.int64(in: -1_000_000_000...1_000_000_000), Gen.int64(in: -1_000_000_000...1_000_000_000)) { v, p in
            guard p != 0 else { return }
            var exact = Decimal(v) * 1000 / Decimal(p), rounded = Decimal()
            NSDecimalRound(&rounded, &exact, 0, .plain)
            #expect(VarianceRow.roundedRatio(v, p, scale: 1000) == NSDecimalNumber(decimal: rounded).int64Value)
        }
    }
}

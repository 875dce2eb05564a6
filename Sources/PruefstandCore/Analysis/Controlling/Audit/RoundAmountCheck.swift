import Foundation

/// Round amounts: payments that are whole multiples of `round_amount_multiple_euros`, from
/// `round_amount_minimum_euros`; one finding per vendor.
struct RoundAmountCheck: AuditCheck {
    static let key = "round-amount"
    static let name = Phrase(de: "Runde Beträge", en: "Round amounts")
    static let kinds = [AuditTestKind.roundAmount]

    struct Parameters: AuditCheckParameters {
        /// Amounts that are a whole multiple of this are "round" (at least 1 €).
        var multiple: Money
        /// Round amounts below this are not reported.
        var minimum: Money
        /// The multiple's declared range starts at 1 €.
        init(_ s: AuditParameterSection) throws {
            multiple = try s.euros("round_amount_multiple_euros")
            minimum = try s.euros("round_amount_minimum_euros")
        }
    }

    func run(_ a: AuditChecks, _ p: Parameters) -> AuditCheckOutput {
        .init(findings: a.roundAmounts(multiple: p.multiple, minimum: p.minimum))
    }
}

extension AuditTestKind {
    public static let roundAmount = AuditTestKind(RoundAmountCheck.self)
}

extension AuditChecks {
    /// Payments that are whole multiples of `multiple`, from `minimum`; one finding per vendor.
    func roundAmounts(multiple: Money, minimum: Money) -> [RawFinding] {
        guard multiple.cents > 0 else { return [] }
        return byVendor { isPayment($0) && l.cents[$0] >= minimum.cents && l.cents[$0] % multiple.cents == 0 }.map { vendor, list in
            RawFinding(kind: .roundAmount, text: "\(vendor): \(list.count) Zahlung(en) in vollen \(multiple.germanString)", members: list,
                       textEN: "\(vendor): \(list.count) payment(s) in whole \(NumberText.euros(multiple, .en))")
        }
    }
}

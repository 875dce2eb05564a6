import Foundation

/// Which plan accounts hold each model's revenue, for reconciling the model's base-year revenue with the plan
/// in the store (issue 15), and the tolerance beyond which a difference is a warning.
///
///     plan_accounts:
///       tolerance: 0.05                 # share of the plan
///       tolerance_source: "assumption: …"
///       gewerbesteuer: ["401300"]       # account prefixes (NKF: 4013 Gewerbesteuer)
///       grundsteuer: ["401200"]
///       kita: ["432600"]
///       schluesselzuweisungen: ["411100"]   # optional: the level of the Schlüsselzuweisungen (NKF 4111)
public struct PlanAccounts: Sendable, Hashable {
    public var tolerance: Decimal
    public var toleranceSource: String
    public var accounts: [ScenarioModelKind: [String]]
    /// The accounts of the Schlüsselzuweisungen, for their level beside their change (`ScenarioTables.levels`).
    public var schluesselzuweisungen: [String] = []

    static func parse(_ node: StrictYAML?) throws -> PlanAccounts? {
        guard let node else { return nil }
        let f = try node.dictionary(allowed: Set(["tolerance", "tolerance_source", "schluesselzuweisungen"] + ScenarioModelKind.allCases.map(\.rawValue)),
                                required: ["tolerance", "tolerance_source"])
        let tolerance = try f["tolerance"]!.decimal()
        guard tolerance >= 0 && tolerance <= 1 else { throw f["tolerance"]!.fail("tolerance is a share between 0 and 1 (0.05 = 5 %)") }
        func prefixes(_ n: StrictYAML) throws -> [String] {
            try n.list().map { a in
                let s = try a.text()
                guard s.count <= 12, s.allSatisfy(\.isASCIIDigitChar) else { throw a.fail("an account prefix is digits, e.g. 4013") }
                return s
            }
        }
        var accounts: [ScenarioModelKind: [String]] = [:]
        for m in ScenarioModelKind.allCases {
            guard let n = f[m.rawValue] else { continue }
            accounts[m] = try prefixes(n)
        }
        var pa = PlanAccounts(tolerance: tolerance, toleranceSource: try f["tolerance_source"]!.text(), accounts: accounts)
        pa.schluesselzuweisungen = try f["schluesselzuweisungen"].map(prefixes) ?? []
        return pa
    }
}

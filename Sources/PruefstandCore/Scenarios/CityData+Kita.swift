import Foundation

extension KitaFeeTable {
    /// Reads a fee table:
    ///
    ///     source: Elternbeitragssatzung … (or "synthetic for Musterstadt")
    ///     brackets: [[0, 25000], [25000.01, 37000], …, [100000.01, null]]
    ///     monthly_fees:
    ///       u3:  {25: [0, 60, …], 35: […], 45: […]}
    ///       ue3: {25: […], 35: […], 45: […]}
    public static func load(file: String) throws -> KitaFeeTable {
        try parse(StrictYAML.load(path: file))
    }

    static func parse(_ root: StrictYAML) throws -> KitaFeeTable {
        let f = try root.dictionary(allowed: ["source", "brackets", "monthly_fees", "note"], required: ["source", "brackets", "monthly_fees"])
        var brackets: [Bracket] = []
        for b in try f["brackets"]!.list() {
            let pair = try b.list()
            guard pair.count == 2 else { throw b.fail("a bracket is [from, to]; to may be null for the top bracket") }
            let from = Money.rounding(try pair[0].decimal())
            let to: Money? = pair[1].isNull ? nil : Money.rounding(try pair[1].decimal())
            if let to, to < from { throw b.fail("bracket upper limit below its lower limit") }
            brackets.append(Bracket(from: from, to: to))
        }
        guard !brackets.isEmpty else { throw f["brackets"]!.fail("no brackets") }
        var fees: [KitaAge: [Int: [Money]]] = [:]
        for (ageKey, ageNode, line) in try f["monthly_fees"]!.entries() {
            guard let age = KitaAge(rawValue: ageKey) else {
                throw PruefstandError.config(path: root.file, line: line, key: "monthly_fees.\(ageKey)", message: "age group is u3 or ue3")
            }
            for (hoursKey, row, hLine) in try ageNode.entries() {
                guard let hours = Int(hoursKey), [25, 35, 45].contains(hours) else {
                    throw PruefstandError.config(path: root.file, line: hLine, key: "monthly_fees.\(ageKey).\(hoursKey)", message: "care hours are 25, 35 or 45")
                }
                let values = try row.list().map { n -> Money in
                    let d = try n.decimal()
                    guard d >= 0 else { throw n.fail("a fee cannot be negative") }
                    return Money.rounding(d)
                }
                guard values.count == brackets.count else {
                    throw row.fail("\(values.count) fees for \(brackets.count) income brackets")
                }
                fees[age, default: [:]][hours] = values
            }
        }
        return KitaFeeTable(source: try f["source"]!.text(), file: root.file, brackets: brackets, monthlyFees: fees)
    }
}

extension KitaEnrollment {
    /// Reads enrollment rows `[bracket (1-based), age, hours, children, fee_free, siblings]`.
    public static func load(file: String, table: KitaFeeTable) throws -> KitaEnrollment {
        let root = try StrictYAML.load(path: file)
        let f = try root.dictionary(allowed: ["year", "source", "kindpauschalen_ue3", "rows", "note"],
                                required: ["year", "source", "kindpauschalen_ue3", "rows"])
        var cells: [Cell] = []
        for row in try f["rows"]!.list() {
            let v = try row.list()
            guard v.count == 6 else { throw row.fail("a row is [bracket, age, hours, children, fee_free, siblings]") }
            let bracket = try v[0].int() - 1
            guard table.brackets.indices.contains(bracket) else { throw v[0].fail("bracket \(bracket + 1) is not in the fee table") }
            guard let age = KitaAge(rawValue: try v[1].text()) else { throw v[1].fail("age group is u3 or ue3") }
            let hours = try v[2].int()
            guard table.fee(age: age, hours: hours, bracket: bracket) != nil else { throw v[2].fail("no fee for \(age.rawValue) \(hours) h") }
            let cell = Cell(bracket: bracket, age: age, hours: hours, children: try v[3].int(), feeFree: try v[4].int(), siblings: try v[5].int())
            guard cell.children >= 0, cell.feeFree >= 0, cell.siblings >= 0, cell.paying >= 0 else {
                throw row.fail("children must be at least fee_free + siblings, all non-negative")
            }
            if age == .u3 && cell.feeFree > 0 { throw v[4].fail("U3 children are not in the fee-free years (§ 50 Abs. 1 KiBiz)") }
            cells.append(cell)
        }
        return KitaEnrollment(year: try f["year"]!.int(), source: try f["source"]!.text(), cells: cells,
                              kindpauschalenUe3: Money.rounding(try f["kindpauschalen_ue3"]!.decimal()))
    }
}

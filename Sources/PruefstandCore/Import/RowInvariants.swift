import Foundation

/// Rules between the rows of a file (`invariants:`): a published sum or balance row must equal the rows it
/// is made of, in every value column (`21 = 19 - 20`: Finanzergebnis = Finanzerträge − Finanzaufwendungen).
/// Rows are named by the leading number of a line column (`21 = Finanzergebnis (19 und 20)` is line 21);
/// the rules hold within each group of rows (the same values in the `group` columns: one Teilplan) or the
/// whole file. A line missing from a group counts as 0; a rule whose target line is missing is not checked.
///
/// A rule that does not hold is a **finding** of the import, never a crash and never silent: the import
/// stores what it would store anyway and lists each violation with its line, column, the published and the
/// computed value (`ImportSummary.invariantFindings`).
///
///     invariants:
///       line: Wert                     # the column whose leading number names a row
///       tolerance: whole-euros         # each figure rounded to whole euros on its own (or exact)
///       rules: ['21 = 19 - 20', '22 = 18 + 21']
///
/// The same block may hold rules between the columns of one row (`columns:`, see `ColumnRule`); `line` and
/// `group` belong to `rules` only.
public struct RowInvariants: Sendable {
    public struct Rule: Sendable {
        public var text: String
        public var target: Int
        public var terms: [(sign: Int64, line: Int)]
    }
    public enum Tolerance: String, Sendable {
        case exact
        /// Every figure rounded to whole euros on its own: n terms and the sum may differ by ⌊(n + 1) / 2⌋ euros.
        case wholeEuros = "whole-euros"
    }
    public var lineColumn: String
    public var groupColumns: [String] = []
    public var tolerance: Tolerance = .exact
    public var rules: [Rule]
    /// Rules between the columns of each row (`columns:`), checked by `ColumnInvariantChecker`.
    public var columnRules: [ColumnRule] = []

    static func parse(_ node: StrictYAML) throws -> RowInvariants {
        let d = try node.dictionary(allowed: ["line", "group", "tolerance", "rules", "columns"])
        guard d["rules"] != nil || d["columns"] != nil else { throw node.fail("invariants need rules (between rows, with line) or columns (within a row)") }
        var inv = RowInvariants(lineColumn: try d["line"]?.string() ?? "", rules: [])
        if let t = d["tolerance"] {
            guard let v = Tolerance(rawValue: try t.string()) else { throw t.fail("tolerance must be exact or whole-euros") }
            inv.tolerance = v
        }
        if let c = d["columns"] { inv.columnRules = try ColumnRule.parseList(c) }
        guard let rulesNode = d["rules"] else {
            if let k = d["line"] ?? d["group"] { throw k.fail("line and group belong to rules (between rows); columns need neither") }
            return inv
        }
        guard d["line"] != nil else { throw node.fail("rules (between rows) need line: the column whose leading number names a row") }
        if let g = d["group"] { inv.groupColumns = try g.strings() }
        let list = try rulesNode.strings()
        guard !list.isEmpty, list.count <= 1_000 else { throw d["rules"]!.fail("rules lists 1 to 1,000 rules") }
        for text in list {
            guard let rule = parseRule(text) else {
                throw d["rules"]!.fail("rule \"\(text.prefix(80))\" is not of the form 'NN = NN + NN - NN' (line numbers, + and -)")
            }
            inv.rules.append(rule)
        }
        return inv
    }

    /// `NN = [-]NN (± NN)*`, at most 100 terms.
    static func parseRule(_ text: String) -> Rule? {
        let sides = text.split(separator: "=", omittingEmptySubsequences: false)
        guard sides.count == 2, let target = Int(sides[0].trimmingCharacters(in: .whitespaces)), target >= 0 else { return nil }
        var terms: [(Int64, Int)] = []
        var sign: Int64 = 1, expectTerm = true, unary = false
        for token in sides[1].replacingOccurrences(of: "+", with: " + ").replacingOccurrences(of: "-", with: " - ").split(separator: " ") {
            switch token {
            case "+", "-":
                if expectTerm {
                    // A sign before a term only at the start (`21 = -20 + 19`).
                    guard terms.isEmpty, !unary else { return nil }
                    unary = true
                }
                expectTerm = true
                sign = token == "-" ? -1 : 1
            default:
                guard expectTerm, token.count <= 4, let n = Int(token), n >= 0 else { return nil }
                terms.append((sign, n)); expectTerm = false; sign = 1
            }
        }
        guard !expectTerm, (1...100).contains(terms.count) else { return nil }
        return Rule(text: text.trimmingCharacters(in: .whitespaces), target: target, terms: terms)
    }
}

/// Collects the rows the rules name while the file is read (every data row, subtotal rows included), and
/// checks the rules at the end.
final class InvariantChecker {
    let invariants: RowInvariants
    let lineColumn: Int
    let groupColumns: [Int]
    /// The value columns checked: (source column, header).
    let valueColumns: [(Int, String)]
    let amount: (CSVRecord, Int) -> Int64?
    /// group → line number → (physical line, value per column).
    private var groups: [String: [Int: (line: Int, values: [Int64?])]] = [:]
    private var groupOrder: [String] = []
    private(set) var repeated: [Phrase] = []

    init(_ invariants: RowInvariants, header: [String], valueColumns: [(Int, String)], path: String,
         amount: @escaping (CSVRecord, Int) -> Int64?) throws {
        func column(_ name: String) throws -> Int {
            guard let i = header.firstIndex(where: { normalizedHeader($0) == normalizedHeader(name) }) else {
                throw PruefstandError.input(path: path, line: nil, message: "invariants name the column \"\(name)\", which the header does not have (it has: \(header.prefix(15).joined(separator: ", ")))")
            }
            return i
        }
        self.invariants = invariants
        lineColumn = try column(invariants.lineColumn)
        groupColumns = try invariants.groupColumns.map(column)
        self.valueColumns = valueColumns
        self.amount = amount
    }

    /// Takes note of one data row (detail or subtotal); a row whose line column has no leading number is in no rule.
    func observe(_ rec: CSVRecord) {
        guard lineColumn < rec.count else { return }
        let number: Int? = rec.withField(lineColumn) { p in
            var n = 0, digits = 0
            for b in ValueParsers.trimmed(p) { guard CodeBytes.isDigit(b), digits < 4 else { break }; n = n * 10 + Int(b - 0x30); digits += 1 }
            return digits > 0 ? n : nil
        }
        guard let number else { return }
        let group = groupColumns.map { $0 < rec.count ? rec.field($0).trimmingCharacters(in: .whitespaces) : "" }.joined(separator: " / ")
        if groups[group] == nil { groupOrder.append(group); groups[group] = [:] }
        if let first = groups[group]![number] {
            let at = group.isEmpty ? "" : " (\(group))"
            repeated.append(Phrase(de: "Zeile \(rec.line)\(at): Zeilennummer \(number) kommt noch einmal vor (zuerst in Zeile \(first.line)); die Regeln nehmen die erste",
                                          en: "line \(rec.line)\(at): line number \(number) occurs again (first in line \(first.line)); the rules use the first"))
            return
        }
        groups[group]![number] = (rec.line, valueColumns.map { amount(rec, $0.0) })
    }

    /// Checks every rule in every group and value column.
    func finish() -> (checked: Int, withinTolerance: Int, findings: [InvariantFinding]) {
        var checked = 0, within = 0
        var findings: [InvariantFinding] = []
        for group in groupOrder {
            let lines = groups[group]!
            for rule in invariants.rules {
                guard let target = lines[rule.target] else { continue }
                let bound: Int64 = invariants.tolerance == .exact ? 0 : Int64((rule.terms.count + 1) / 2) * 100
                for (c, header) in valueColumns.enumerated() {
                    guard let published = target.values[c] else { continue }
                    // No overflow: a value is at most Money.maxInputCents (9·10¹⁶) and a rule has at most 100 terms.
                    var computed: Int64 = 0
                    for t in rule.terms { computed += t.sign * (lines[t.line]?.values[c] ?? 0) }
                    checked += 1
                    let diff = published - computed
                    if diff == 0 { continue }
                    if diff.magnitude <= bound.magnitude { within += 1; continue }
                    findings.append(InvariantFinding(rule: rule.text, group: group, line: target.line, column: header.1,
                                                     publishedCents: published, computedCents: computed))
                }
            }
        }
        return (checked, within, findings)
    }
}

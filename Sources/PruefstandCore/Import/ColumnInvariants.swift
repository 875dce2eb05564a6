import Foundation

/// A rule between the columns of one row (`invariants.columns`): a published balance column must equal the
/// sum of its terms in every data row (`Saldo = Erträge - Aufwendungen`). Names are header names or mapped
/// field names; a column need not be stored (an unpivot's `Saldo 2026` that the pattern leaves out is read for
/// the rule only). Checked on the raw columns of each row, before the unpivot and before the sign rules (the
/// amounts as the file writes them, the unit applied), subtotal rows included.
///
///     invariants:
///       tolerance: whole-euros
///       columns: ['Saldo 2026 = Erträge 2026 - Aufwendungen 2026']
///
/// Operators stand between spaces (`VE-Anschlag 2017` is one name); a leading `-` negates the first term.
public struct ColumnRule: Sendable {
    public var text: String
    public var target: String
    public var terms: [(sign: Int64, column: String)]
    /// Where the rule is written (mapping file and line), for the error when a name is not in the header.
    var file = ""
    var line: Int?

    struct Refusal: Error { var why: String }

    /// `NAME = [-]NAME ( (+|-) NAME )*`, at most 100 terms, no column twice; nil with the reason otherwise.
    static func parse(_ text: String) -> Result<ColumnRule, Refusal> {
        let sides = text.split(separator: "=", omittingEmptySubsequences: false)
        guard sides.count == 2 else { return .failure(Refusal(why: "needs exactly one '='")) }
        let target = sides[0].trimmingCharacters(in: .whitespaces)
        guard !target.isEmpty else { return .failure(Refusal(why: "names no column left of '='")) }
        var rest = " " + sides[1] + " "
        var terms: [(Int64, String)] = []
        var sign: Int64 = 1
        if let r = rest.range(of: #"^\s*-\s*"#, options: .regularExpression) { sign = -1; rest.removeSubrange(r); rest = " " + rest }
        // Split at ` + ` / ` - ` (operators between white space), keeping the operators.
        var current = ""
        var chars = Array(rest)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if (c == "+" || c == "-"), current.last?.isWhitespace == true, chars.first?.isWhitespace == true {
                let name = current.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { return .failure(Refusal(why: "has an operator without a column before it")) }
                terms.append((sign, name)); current = ""; sign = c == "-" ? -1 : 1
            } else {
                current.append(c)
            }
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        guard !last.isEmpty else { return .failure(Refusal(why: terms.isEmpty ? "names no column right of '='" : "ends with an operator")) }
        terms.append((sign, last))
        guard terms.count <= 100 else { return .failure(Refusal(why: "has more than 100 terms")) }
        var seen: Set<String> = [normalizedHeader(target)]
        for t in terms where !seen.insert(normalizedHeader(t.1)).inserted {
            return .failure(Refusal(why: "names the column \"\(t.1.prefix(60))\" twice"))
        }
        return .success(ColumnRule(text: text.trimmingCharacters(in: .whitespaces), target: target, terms: terms))
    }

    static func parseList(_ node: StrictYAML) throws -> [ColumnRule] {
        let items = try node.list()
        guard !items.isEmpty, items.count <= 1_000 else { throw node.fail("columns lists 1 to 1,000 rules") }
        return try items.map { item in
            let text = try item.string()
            switch parse(text) {
            case .success(var rule): rule.file = item.file; rule.line = item.line; return rule
            case .failure(let refusal):
                throw item.fail("column rule \"\(text.prefix(80))\" \(refusal.why); write 'Saldo = Erträge - Aufwendungen' (header or field names, + and - between spaces)")
            }
        }
    }
}

/// Checks the column rules on every data row as it is read; only built when the mapping declares them.
final class ColumnInvariantChecker {
    /// At most this many findings are kept (all are counted).
    static let keptFindings = 1_000
    struct Resolved { var text: String; var target: Int; var terms: [(sign: Int64, slot: Int)]; var bound: Int64 }
    private let rules: [Resolved]
    /// The distinct source columns the rules read, and one reusable buffer of their values per row.
    private let columns: [Int]
    private let headers: [String]
    private var values: [Cell]
    private let path: String
    private let read: (CSVRecord, Int) -> Cell
    enum Cell { case empty, amount(Int64), bad(String) }
    private(set) var checked = 0, withinTolerance = 0, violations = 0, unreadable = 0
    private(set) var findings: [ColumnFinding] = []

    init(_ rules: [ColumnRule], tolerance: RowInvariants.Tolerance, header: [String], fields: [String: Int], personal: [String], path: String,
         read: @escaping (CSVRecord, Int) -> Cell) throws {
        var columns: [Int] = []
        func slot(_ name: String, _ rule: ColumnRule) throws -> Int {
            let key = normalizedHeader(name)
            guard let c = header.firstIndex(where: { normalizedHeader($0) == key }) ?? fields[name] else {
                throw PruefstandError.config(path: rule.file, line: rule.line, key: "invariants.columns",
                                             message: "column rule \"\(rule.text.prefix(80))\" names \"\(name.prefix(60))\", which is neither a header of \(path) nor a mapped field (the header has: \(header.prefix(15).joined(separator: ", ")))")
            }
            // A column of personal data is never read, not even into a finding's text.
            guard !personal.contains(where: { normalizedHeader($0) == normalizedHeader(header[c]) }) else {
                throw PruefstandError.config(path: rule.file, line: rule.line, key: "invariants.columns",
                                             message: "column rule \"\(rule.text.prefix(80))\" names \"\(name.prefix(60))\", a column of personal data, which is never read")
            }
            if let s = columns.firstIndex(of: c) { return s }
            columns.append(c); return columns.count - 1
        }
        var resolved: [Resolved] = []
        for rule in rules {
            let target = try slot(rule.target, rule)
            let terms = try rule.terms.map { (sign: $0.sign, slot: try slot($0.column, rule)) }
            // A header name and a field name may name the same column.
            guard Set(terms.map(\.slot) + [target]).count == terms.count + 1 else {
                throw PruefstandError.config(path: rule.file, line: rule.line, key: "invariants.columns",
                                             message: "column rule \"\(rule.text.prefix(80))\" names one column twice (a header and the field mapped to it)")
            }
            resolved.append(Resolved(text: rule.text, target: target, terms: terms,
                                     bound: tolerance == .exact ? 0 : Int64((terms.count + 1) / 2) * 100))
        }
        self.rules = resolved
        self.columns = columns
        self.headers = columns.map { header[$0] }
        self.values = Array(repeating: .empty, count: columns.count)
        self.path = path
        self.read = read
    }

    /// Checks every rule on one data row. An empty target cell is not checked; an empty term counts as 0.
    func check(_ rec: CSVRecord) {
        for (i, c) in columns.enumerated() { values[i] = read(rec, c) }
        for rule in rules {
            let published: Int64
            switch values[rule.target] {
            case .empty: continue
            case .bad(let text): note(rec.line, rule, nil, nil, notAmount(headers[rule.target], text)); continue
            case .amount(let v): published = v
            }
            var computed: Int64 = 0, unreadable: Phrase?
            for t in rule.terms {
                switch values[t.slot] {
                case .empty: break
                case .bad(let text): unreadable = unreadable ?? notAmount(headers[t.slot], text)
                // No overflow: a cell is at most Money.maxInputCents (9·10¹⁶) and a rule has at most 100 terms.
                case .amount(let v): computed += t.sign * v
                }
            }
            if let unreadable { note(rec.line, rule, published, nil, unreadable); continue }
            checked += 1
            let diff = published - computed
            if diff == 0 { continue }
            if diff.magnitude <= rule.bound.magnitude { withinTolerance += 1; continue }
            note(rec.line, rule, published, computed, nil)
        }
    }

    private func notAmount(_ header: String, _ text: String) -> Phrase {
        Phrase(de: "\(header) enthält „\(text)“, keinen Betrag", en: "\(header) holds \"\(text)\", not an amount")
    }

    private func note(_ line: Int, _ rule: Resolved, _ published: Int64?, _ computed: Int64?, _ problem: Phrase?) {
        violations += 1
        if problem != nil { unreadable += 1 }
        guard findings.count < Self.keptFindings else { return }
        findings.append(ColumnFinding(file: path, line: line, rule: rule.text, publishedCents: published, computedCents: computed, problem: problem?.en, problemDE: problem?.de))
    }
}

import Foundation

/// Automation potential: KldB 2010 occupation → share of tasks that software could already do (IAB
/// substitutability potentials); above the threshold the position is flagged "check automation".
///
/// Protected posts (elected, statutory, third-party financed: `ProtectedPost`) are never candidates. Positions
/// without a KldB code are not assessed; the check says so once per function (a "not assessed" line).
///
/// Score = share × 100. No saving (the saving follows from an "automate first" decision).
public struct AutomationCheck: ReviewCheck {
    public static let id = ReviewCheckID.automation

    public struct Parameters: ReviewCheckParameters {
        /// Shares above this flag "check automation".
        public var threshold: Decimal
        /// The automation potential table (`table`); the lookup index follows every change.
        public var table: [AutomationEntry] { didSet { index = Self.makeIndex(table) } }
        /// The table's source in short (`table_source.short`, else its title and URL).
        public var source: String
        private var index: [AutomationKey: AutomationEntry]
        public init(threshold: Decimal, table: [AutomationEntry], source: String) {
            self.threshold = threshold; self.table = table; self.source = source; index = Self.makeIndex(table)
        }

        /// The automation share for a KldB code: the most specific table row wins (3 digits + level,
        /// 3 digits, 2 digits + level, 2 digits, level only).
        public func share(kldb: String) -> AutomationEntry? {
            let digits = kldb.filter(\.isASCIIDigitChar)
            guard digits.count >= 2 else { return nil }
            let level = digits.count >= 5 ? Int(String(digits[digits.index(digits.startIndex, offsetBy: 4)])) : nil
            let p3 = String(digits.prefix(3)), p2 = String(digits.prefix(2))
            for (prefix, lvl) in [(p3, level), (p3, nil), (p2, level), (p2, nil), ("", level)] as [(String, Int?)] {
                if lvl == nil && prefix.isEmpty { continue }
                if let e = index[AutomationKey(prefix: prefix, level: lvl)] { return e }
            }
            return nil
        }

        struct AutomationKey: Hashable { var prefix: String; var level: Int? }
        static func makeIndex(_ table: [AutomationEntry]) -> [AutomationKey: AutomationEntry] {
            var idx: [AutomationKey: AutomationEntry] = [:]
            for e in table { idx[AutomationKey(prefix: e.kldbPrefix, level: e.level)] = e }
            return idx
        }

        /// The threshold from the declared parameters; the table and its source from the rules file (none: empty).
        public init(_ s: ReviewRulesSection) throws {
            self.init(threshold: try s.share("threshold"), table: try s.node("table").map { try Self.readTable($0, s) } ?? [],
                      source: try s.node("table_source").map { try Self.readSource($0, s) } ?? "")
        }
    }

    public init() {}
    static let levelDE = [1: "Helfer", 2: "Fachkraft", 3: "Spezialist", 4: "Experte"]
    static let levelEN = [1: "helper", 2: "skilled worker", 3: "specialist", 4: "expert"]
    public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        var cases: [ReviewCase] = []
        let params = ctx.rules[Self.self], t = params.threshold
        // The reason depends only on the KldB code: render it once per code.
        var lookup: [String: (score: Int, de: String, en: String)?] = [:]
        let src = params.source.isEmpty ? "IAB" : params.source
        var missing: [String: Int] = [:]
        for (i, p) in ctx.input.positions.enumerated() {
            if ctx.protection(i) != nil { continue }
            guard let k = p.kldb, !k.isEmpty else { missing[ReviewText.trimmed(p.function).isEmpty ? p.title : ReviewText.trimmed(p.function), default: 0] += 1; continue }
            if lookup[k] == nil {
                if let e = params.share(kldb: k), e.share > t {
                    let approxDE = e.approximated ? "; Wert angenähert" : "", approxEN = e.approximated ? "; approximated value" : ""
                    let levelDigit = k.count >= 5 ? Int(String(Array(k)[4])) : nil
                    let lvlDE = levelDigit.flatMap { Self.levelDE[$0] }.map { ", Anforderungsniveau \($0)" } ?? ""
                    let lvlEN = levelDigit.flatMap { Self.levelEN[$0] }.map { ", requirement level \($0)" } ?? ""
                    let tasksDE = e.tasks.isEmpty ? "" : " (Tätigkeiten: \(e.tasks))", tasksEN = e.tasks.isEmpty ? "" : " (tasks: \(e.tasks))"
                    lookup[k] = .some((reviewScore(e.share * 100),
                        "Beruf KldB \(k) (\(e.name)\(lvlDE)): \(ReviewText.percent(e.share, .de)) der Tätigkeiten\(tasksDE) könnten schon heute von Software erledigt werden (Schwelle \(ReviewText.percent(t, .de)); Quelle: \(src)\(approxDE)). Vor einer Wiederbesetzung Automatisierung prüfen.",
                        "Occupation KldB \(k) (\(e.name)\(lvlEN)): \(ReviewText.percent(e.share, .en)) of the tasks\(tasksEN) could already be done by software (threshold \(ReviewText.percent(t, .en)); source: \(src)\(approxEN)). Check automation before re-filling."))
                } else {
                    lookup[k] = .some(nil)
                }
            }
            guard let r = lookup[k]! else { continue }
            cases.append(ReviewCase(
                check: .automation, kind: "automation", positionId: p.positionId, orgUnitId: p.orgUnitId,
                score: r.score, annualSaving: nil, reasonDE: r.de, reasonEN: r.en,
                fte: p.fte, payGrade: p.payGrade, title: p.title))
        }
        let gaps = missing.map { f, n in
            ReviewDiagnostic(positionId: nil,
                             messageDE: "Funktion „\(f)“: \(n) Stellen ohne KldB-Code; Automatisierungspotenzial nicht bewertet (Berufskennziffer im Stellenplan nachtragen).",
                             messageEN: "function \"\(f)\": \(n) positions without a KldB code; automation potential not assessed (add the occupation code to the position plan).",
                             check: .automation, positions: n)
        }
        return (cases, gaps)
    }
}

extension ReviewCheckID {
    public static let automation = ReviewCheckID("automation")
}

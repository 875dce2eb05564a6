import Foundation

extension MappingSuggestion {
    /// The proposed mapping as YAML text: block style, one decision per line, comments (in `lang`) for the rest.
    static func render(kind: ImportKind, sample s: Sample, path: String, lang: Language = .en) -> String {
        let de = lang == .de
        func t(_ g: String, _ e: String) -> String { de ? g : e }
        var out = [t("# Vorgeschlagene Zuordnung für \(path) (Art \(kind.rawValue)); jede Zeile prüfen, dann importieren mit",
                     "# Proposed mapping for \(path) (kind \(kind.rawValue)); check every line, then import with"),
                   t("#   pruefstand import \(kind.rawValue) \(path) --mapping DIESE_DATEI", "#   pruefstand import \(kind.rawValue) \(path) --mapping THIS_FILE"),
                   "kind: \(kind.rawValue)"]
        let norm = s.header.map(normalizedHeader)
        var used = Set<Int>()
        var body: [String] = []
        // Year columns (plan): the unpivot.
        let wide = kind == .plan ? unpivot(s, lang: lang) : nil
        if let wide { used.formUnion(wide.columns) }
        let amountColumns = wide?.columns ?? []
        // Codes: a Haushaltsstelle, plan lines in a text column, Kapitel + Titel, undotted or dotted products.
        let codes = kind == .plan ? CodeGuess(sample: s, lang: lang) : nil
        var assigned: [String: Int] = [:]
        if let c = codes { for (f, i) in c.columns { assigned[f] = i; used.insert(i) } }
        if let c = codes, let split = c.split { used.insert(split.column) }
        var comments: [String] = []
        for field in kind.fields where assigned[field.name] == nil {
            if wide != nil && ["fiscal_year", "plan_amount", "kind"].contains(field.name) { continue }
            if codes?.split?.fields.contains(field.name) == true { continue }
            if field.name == "account", codes?.derivesAccount == true { continue }
            let names = ([field.name] + field.aliases + (kind == .plan ? suggestionAliases[field.name] ?? [] : [])).map(normalizedHeader)
            var candidates: [Int] = []
            for n in names { for j in norm.indices where !used.contains(j) && norm[j] == n && !candidates.contains(j) { candidates.append(j) } }
            // An amount only from a column whose sample reads as amounts: never a text column.
            var chosen = candidates.first
            if case .money = field.type {
                chosen = candidates.first { readsAsAmounts(s.column($0), .german) || readsAsAmounts(s.column($0), .english) }
                for j in candidates where j != chosen && (chosen == nil || j < chosen!) {
                    let example = s.column(j).first.map { " (\"\($0.prefix(30))\")" } ?? ""
                    comments.append(t("  # \(field.name): Spalte \"\(s.header[j])\" heißt so, enthält aber Text\(example): nicht vorgeschlagen",
                                      "  # \(field.name): column \"\(s.header[j])\" is named like it but holds text\(example): not proposed"))
                }
            }
            guard let i = chosen else {
                if field.required {
                    comments.append(t("  # \(field.name): ???   # PFLICHT, \(field.typeName); keine passende Spalte gefunden",
                                      "  # \(field.name): ???   # REQUIRED, \(field.typeName); no matching column found"))
                }
                continue
            }
            assigned[field.name] = i; used.insert(i)
        }
        // Format.
        var amountSamples = amountColumns.map(s.column)
        if let a = kind.amountField, let i = assigned[a] { amountSamples.append(s.column(i)) }
        let style = numberStyle(amountSamples) ?? (s.delimiter == UInt8(ascii: ";") ? .german : .english)
        if let d = s.delimiter, let e = s.encoding {
            let delim = d == UInt8(ascii: "\t") ? "tab" : String(UnicodeScalar(d))
            body += ["format:", "  delimiter: \"\(delim)\"", "  encoding: \(e.rawValue)", "  numbers: \(style.rawValue)"]
            if kind == .ledger { body.append("  dates: auto") }
            if s.headerLine > s.firstLine { body.append("  header_line: \(s.headerLine)   " + t("# Zeilen \(s.firstLine)–\(s.headerLine - 1) sind ein Vorspann", "# lines \(s.firstLine)–\(s.headerLine - 1) are a preamble")) }
        } else if s.headerLine > s.firstLine {
            body += ["format:", "  header_line: \(s.headerLine)   " + t("# Zeilen \(s.firstLine)–\(s.headerLine - 1) sind ein Vorspann", "# rows \(s.firstLine)–\(s.headerLine - 1) are a preamble")]
        }
        if let scheme = codes?.schemeLines { out += scheme }
        // An empty `columns:` would be no mapping: with no column found it is a comment.
        body.append(assigned.isEmpty ? t("# columns: keine gefunden; benennen:", "# columns: none found; name them:") : "columns:")
        for field in kind.fields { if let i = assigned[field.name] { body.append("  \(field.name): \(yamlQuote(s.header[i]))") } }
        body += comments
        if let split = codes?.split {
            body += ["split:", "  \(yamlQuote(s.header[split.column])): '\(split.pattern)'"]
            if let sub = split.subtotal { body += ["subtotals:", "  - column: \(yamlQuote(s.header[split.column]))", "    matches: '\(sub)'"] }
        }
        // Side column and its value map; the sign rule.
        let side = assigned["side"].flatMap { sideMap(s.column($0)) }
        if let side, !side.isEmpty { body += ["values:", "  side: { \(side) }"] }
        let firstAmount = amountColumns.first ?? kind.amountField.flatMap { assigned[$0] }
        if let a = firstAmount, let c = codes, c.revenueWrittenNegative(s, amountColumn: a, sideColumn: assigned["side"], style: style) {
            body += ["sign:", "  revenue_negative: true   " + t("# die Beträge der Ertragszeilen sind in der Stichprobe negativ", "# the revenue lines' amounts are negative in the sample")]
        }
        let unitHeaders = (amountColumns + [firstAmount].compactMap { $0 }).map { s.header[$0] }
        if unitHeaders.contains(where: { $0.range(of: #"(T€|TEUR|Tsd\.?|in T\b|1000 EUR)"#, options: .regularExpression) != nil }) {
            body.append("unit: teur   " + t("# die Betragsspalten nennen Tausend Euro", "# the amount headers say thousands of euros"))
        }
        if let wide { body += wide.lines }
        let unused = s.header.indices.filter { !used.contains($0) && !assigned.values.contains($0) && !s.header[$0].isEmpty }.map { s.header[$0] }
        if !unused.isEmpty {
            body.append(t("# nicht verwendete Spalten (nicht gespeichert): ", "# columns not used (not stored): ") + unused.joined(separator: ", "))
            let personal = unused.filter { personalDataHeaders.contains(normalizedHeader($0)) }
            if !personal.isEmpty { body.append(t("# personenbezogene Daten, nie gespeichert: ", "# personal data, never stored: ") + personal.joined(separator: ", ")) }
        }
        return (out + body).joined(separator: "\n") + "\n"
    }

    /// `E`/`A`, `EINN.…`/`AUSG.…` or spelled-out sides: the value map (empty when none is needed); nil when the
    /// column says no side.
    static func sideMap(_ values: [String]) -> String? {
        let set = Set(values.map { $0.uppercased() })
        if set.isSubset(of: ["E", "A"]) { return "E: revenue, A: expense" }
        if !set.isEmpty, set.allSatisfy({ $0.hasPrefix("EINN") || $0.hasPrefix("AUSG") }) {
            let sep = set.first!.dropFirst(4).first.map(String.init) ?? ""
            return "'EINN\(sep)*': revenue, 'AUSG\(sep)*': expense"
        }
        if set.allSatisfy({ BudgetSide.spellings[$0.lowercased()] != nil }) { return "" }
        return nil
    }

    struct Wide { var columns: [Int]; var lines: [String] }

    /// Columns whose header holds a year and whose sample reads as amounts; the words around the year
    /// become the pattern, the words before it the kinds.
    static func unpivot(_ s: Sample, lang: Language = .en) -> Wide? {
        var cols: [(i: Int, prefix: String, suffix: String)] = []
        for (i, h) in s.header.enumerated() {
            guard let r = yearIn(h) else { continue }
            let values = s.column(i)
            guard values.isEmpty || readsAsAmounts(values, .german) || readsAsAmounts(values, .english) else { continue }
            cols.append((i, String(h[..<r.lowerBound]), String(h[r.upperBound...])))
        }
        guard !cols.isEmpty else { return nil }
        // A single space stays a space; a run of spaces, a tab or a line break (a header cell with a break) is \s+.
        func space(_ run: String) -> String { run == " " ? " " : #"\s+"# }
        func rx(_ t: String) -> String {
            var out = "", run = ""
            for ch in t {
                if ch.isWhitespace { run.append(ch); continue }
                if !run.isEmpty { out += space(run); run = "" }
                out += "\\^$.|?*+()[]{}".contains(ch) ? "\\\(ch)" : String(ch)
            }
            if !run.isEmpty { out += space(run) }
            return out.replacingOccurrences(of: "'", with: "''")
        }
        // The most common suffix; columns with another are left out (and named).
        let suffix = Dictionary(grouping: cols, by: \.suffix).max { $0.value.count < $1.value.count }!.key
        let chosen = cols.filter { $0.suffix == suffix }
        let words = chosen.map { $0.prefix.trimmingCharacters(in: .whitespacesAndNewlines) }
        var unique: [String] = []
        for w in words where !unique.contains(w) { unique.append(w) }
        let joiner = chosen.first.map { c -> String in
            let run = String(c.prefix.reversed().prefix { $0.isWhitespace }.reversed())
            return run.isEmpty ? "" : space(run)
        } ?? ""
        var lines = ["unpivot:"]
        if unique.count == 1 {
            lines.append("  pattern: '^\(rx(unique[0]))\(joiner)(\\d{4})\(rx(suffix))$'")
            lines.append("  kind: \(kindOf(unique[0]) ?? "plan")\(kindOf(unique[0]) == nil ? (lang == .de ? "   # prüfen: die Kopfzeile sagt es nicht" : "   # check: the header does not say") : "")")
        } else {
            let alternatives = unique.map(rx).joined(separator: "|")
            lines.append("  pattern: '^(\(alternatives))\(joiner)(\\d{4})\(rx(suffix))$'")
            let kinds = unique.map { w -> String in "\(yamlQuote(w)): \(kindOf(w) ?? "plan")" }
            lines.append("  kinds: { \(kinds.joined(separator: ", ")) }")
        }
        let left = cols.filter { $0.suffix != suffix }.map { s.header[$0.i] }
        if !left.isEmpty {
            lines.append((lang == .de ? "  # nicht zugeordnet (andere Form der Kopfzeile): " : "  # not matched (another header form): ") + left.joined(separator: ", "))
        }
        return Wide(columns: chosen.map(\.i), lines: lines)
    }

    /// The kind a header word names: Ergebnis/Ist/Rechnung → actual, Ansatz/Plan/Soll/Anschlag → plan,
    /// VE → commitment, Haushaltssoll → amended, Prognose → forecast.
    static func kindOf(_ word: String) -> String? {
        let w = word.lowercased()
        if w.hasPrefix("ve") || w.contains("verpflichtung") { return "commitment" }
        if w.contains("haushaltssoll") { return "amended" }
        if w.contains("prognose") || w.contains("forecast") { return "forecast" }
        if w.contains("ergebnis") || w.hasPrefix("ist") || w.contains("rechnung") || w.contains("actual") { return "actual" }
        if w.contains("ansatz") || w.contains("plan") || w.contains("soll") || w.contains("anschlag") { return "plan" }
        return nil
    }
}

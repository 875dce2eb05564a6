import Foundation

/// Staffing lists as published (issue 14): group rows that stand for several posts, and a root marker.
extension RowParser {
    /// The column with the number of posts (`groups.posts`), if the header has it.
    var postsColumn: Int? {
        guard let g = mapping.groupRows else { return nil }
        let name = PruefstandCore.normalizedHeader(g.postsColumn)
        return layout.header.firstIndex { PruefstandCore.normalizedHeader($0) == name }
    }

    private func cell(_ rec: CSVRecord, _ c: Int?) -> String {
        guard let c, c < rec.count else { return "" }
        return rec.field(c).trimmingBlanks
    }

    /// The number of posts when the record is a group row (a posts count and no post id); nil for a row
    /// that is one post.
    func groupPosts(_ rec: CSVRecord) -> Result<Int?, RowProblem> {
        let idColumn = fields.firstIndex { $0.name == "position_id" }.flatMap { sourceColumn[$0] }
        let id = cell(rec, idColumn)
        guard let pc = postsColumn else {
            return id.isEmpty ? .failure(RowProblem(column: idColumn.map { $0 + 1 }, field: "position_id", value: nil,
                                                    reason: .init(de: "leer; eine Stellennummer ist erforderlich (die Datei hat keine Spalte \(mapping.groupRows!.postsColumn) für Sammelzeilen)",
                                                                  en: "empty; a post id is required (the file has no column \(mapping.groupRows!.postsColumn) for group rows)")))
                              : .success(nil)
        }
        let posts = cell(rec, pc)
        if posts.isEmpty {
            return id.isEmpty ? .failure(RowProblem(column: idColumn.map { $0 + 1 }, field: "position_id", value: nil,
                                                    reason: .init(de: "keine Stellennummer und keine Zahl der Stellen (\(mapping.groupRows!.postsColumn)): die Zeile ist weder eine Stelle noch eine Sammelzeile",
                                                                  en: "no post id and no number of posts (\(mapping.groupRows!.postsColumn)): the row is neither a post nor a group row")))
                              : .success(nil)
        }
        guard posts.count <= 6, let n = Int(posts), (1...Mapping.GroupRows.maxPosts).contains(n) else {
            return .failure(RowProblem(column: pc + 1, field: layout.header[pc], value: String(posts.prefix(200)),
                                       reason: .init(de: "keine Zahl der Stellen (eine ganze Zahl 1–\(NumberText.count(Mapping.GroupRows.maxPosts, .de)))",
                                                     en: "not a number of posts (a whole number 1–\(Mapping.GroupRows.maxPosts))")))
        }
        if !id.isEmpty {
            return n == 1 ? .success(nil) : .failure(RowProblem(column: pc + 1, field: layout.header[pc], value: posts,
                                                                 reason: .init(de: "eine Zeile mit Stellennummer (\(id.prefix(64))) ist eine Stelle, aber die Zahl der Stellen ist \(NumberText.count(n, .de))",
                                                                                   en: "a row with a post id (\(id.prefix(64))) is one post, but the number of posts says \(n)")))
        }
        return .success(n)
    }

    /// The summed FTE of a group row: up to 5 whole digits and 4 decimals, in units of 1/10,000.
    static func summedFTE(_ text: String) -> Int64? {
        let parts = text.replacingOccurrences(of: ",", with: ".").split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...5).contains(parts[0].count), parts[0].allSatisfy(\.isASCIIDigitChar),
              let whole = Int64(parts[0]) else { return nil }
        var frac: Int64 = 0
        if parts.count == 2 {
            guard (1...4).contains(parts[1].count), parts[1].allSatisfy(\.isASCIIDigitChar) else { return nil }
            frac = Int64(parts[1].padding(toLength: 4, withPad: "0", startingAt: 0))!
        }
        return whole * FTE.scale + frac
    }

    /// Turns the group row parsed into `rows[0]` into `posts` posts, sharing the summed FTE exactly.
    func expandGroup(_ rec: CSVRecord, posts: Int) -> Result<Int, RowProblem> {
        let fteF = fields.firstIndex { $0.name == "fte" }!, idF = fields.firstIndex { $0.name == "position_id" }!
        let orgF = fields.firstIndex { $0.name == "org_unit" }!
        let fc = sourceColumn[fteF]
        let text = cell(rec, fc)
        guard let total = RowParser.summedFTE(text), total > 0 else {
            return .failure(RowProblem(column: fc.map { $0 + 1 }, field: "fte", value: String(text.prefix(200)),
                                       reason: .init(de: "keine VZÄ-Summe einer Sammelzeile (bis zu 5 Ziffern und 4 Nachkommastellen, mehr als 0)",
                                                     en: "not a summed FTE of a group row (up to 5 digits and 4 decimals, more than 0)")))
        }
        let share = total / Int64(posts), rest = total % Int64(posts)
        guard share >= 1, share + (rest > 0 ? 1 : 0) <= 2 * FTE.scale else {
            return .failure(RowProblem(column: fc.map { $0 + 1 }, field: "fte", value: text,
                                       reason: .init(de: "\(text) VZÄ auf \(NumberText.count(posts, .de)) Stellen sind \(share == 0 ? "weniger als 0,0001" : "mehr als 2") je Stelle",
                                                     en: "\(text) FTE on \(posts) posts is \(share == 0 ? "less than 0,0001" : "more than 2") per post")))
        }
        let org = rows[0].string(orgF) ?? ""
        var out: [ParsedRow] = []
        out.reserveCapacity(posts)
        for i in 0..<posts {
            var r = rows[0]
            r.num[fteF] = share + (Int64(i) < rest ? 1 : 0); r.present[fteF] = true
            var id = "\(org)-G\(rec.line).\(i + 1)"
            id.withUTF8 { appendText(idF, $0, into: &r) }
            out.append(r)
        }
        rows = out
        return .success(posts)
    }

    /// A supervisor or parent written as the mapping's root marker is no reference.
    func applyRootMarker(_ row: inout ParsedRow) {
        guard !mapping.rootMarkers.isEmpty,
              let f = fields.firstIndex(where: { $0.name == "supervisor_id" || $0.name == "parent_id" }),
              let v = row.string(f) else { return }
        if mapping.rootMarkers.contains(where: { $0.caseInsensitiveCompare(v) == .orderedSame }) { row.present[f] = false }
    }
}

import Foundation
import GRDB

extension Store {
    /// The names beside codes (issue 16): org units and cost centers from their own imports, and every
    /// dimension a code list (`codes` import kind) names. A code list's name wins over an org unit or cost
    /// center file's name only where that file has none.
    public func codeNameBook() throws -> CodeNames {
        var book = CodeNames()
        let (units, centers) = try read { db -> ([String: String], [String: String]) in
            var u: [String: String] = [:], c: [String: String] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT orgUnitId, name FROM orgUnit") { u[r["orgUnitId"]] = r["name"] }
            for r in try Row.fetchAll(db, sql: "SELECT costCenterId, name FROM costCenter") { c[r["costCenterId"]] = r["name"] }
            return (u, c)
        }
        book.set("org_unit", units)
        book.set("cost_center", centers)
        try addCodeLists(to: &book)
        return book
    }
}

extension Store {
    /// The code lists' names of every dimension a report column can carry (`CodeNames.codeColumns`).
    func addCodeLists(to book: inout CodeNames) throws {
        for d in CodeNames.codeColumns.sorted() {
            let names = try codeNames(dimension: d)
            if !names.isEmpty { book.set(d, names, replacing: d != "org_unit" && d != "cost_center") }
        }
    }
}
